/**
 * The oracle's signing key on the command line: read from --key FILE or FRACTURE_ORACLE_KEY,
 * made new with --new-key FILE.
 * @module
 */
import { readFile, writeFile } from "node:fs/promises";
import { exportOracleKey, generateOracleKey, importOracleKey, type OracleKey } from "../oracle/sign.ts";
import { type Io, UsageError } from "./args.ts";

/**
 * The signing key: a file (--key), else FRACTURE_ORACLE_KEY, each a JWK or PKCS#8 (PEM or
 * base64); else, when allowed, a new one.
 */
export async function keyFrom(
  file: string | undefined,
  io: Io,
  options: { ephemeral?: boolean } = {},
): Promise<OracleKey> {
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (err) {
      throw new UsageError(`cannot read --key ${file}: ${(err as { code?: string }).code ?? (err as Error).message}`);
    }
    return importKey(text, `--key ${file}`);
  }
  const env = process.env.FRACTURE_ORACLE_KEY;
  if (env !== undefined && env.trim() !== "") return importKey(env, "FRACTURE_ORACLE_KEY");
  if (!options.ephemeral) throw new UsageError("no key: give --key FILE or set FRACTURE_ORACLE_KEY");
  io.warn("signed with a new key that is not kept: give --key FILE or set FRACTURE_ORACLE_KEY to sign with yours");
  return generateOracleKey();
}

async function importKey(text: string, where: string): Promise<OracleKey> {
  try {
    return await importOracleKey(text);
  } catch {
    // never echo the key
    throw new UsageError(`${where}: expected an Ed25519 private key as a JWK or PKCS#8 (PEM or base64)`);
  }
}

/** `--new-key FILE`: a new Ed25519 key saved as a private JWK (readable by its owner only). */
export async function newKey(file: string, args: number): Promise<string> {
  if (args > 2) throw new UsageError("--new-key FILE goes alone (see fracture oracle --help)");
  const key = await generateOracleKey();
  try {
    await writeFile(file, `${await exportOracleKey(key)}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new UsageError(
      code === "EEXIST"
        ? `--new-key ${file}: the file exists (a key is not overwritten)`
        : `cannot write --new-key ${file}: ${code ?? (err as Error).message}`,
    );
  }
  return `fracture oracle: a new Ed25519 key in ${file} (keep it secret); its public key is ${key.publicKey}`;
}
