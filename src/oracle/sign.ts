/**
 * Signed reports: Ed25519 (RFC 8032, WebCrypto's `{ name: "Ed25519" }`) over the UTF-8 bytes of
 * the report's RFC 8785 canonical JSON. Ed25519 signatures are deterministic, so one key signs
 * one report to the same bytes on every runtime. Keys: a private key as JWK (`kty: "OKP"`, `crv:
 * "Ed25519"`, `d` and `x`) or PKCS#8 (PEM, base64 or DER bytes); a public key as its 32 raw bytes
 * in base64url (what a signed report carries) or a JWK.
 * @module
 */
import { typeError } from "../validate.ts";
import { jcsBytes } from "./jcs.ts";

/** A report with its signature, as published. */
export interface Signed<R = unknown> {
  report: R;
  /** The 64-byte Ed25519 signature of the report's canonical UTF-8 bytes, base64url without padding. */
  signature: string;
  /** The signer's 32-byte Ed25519 public key, base64url without padding. */
  publicKey: string;
  algorithm: "Ed25519";
  canonicalization: "RFC8785";
}

/** A private key ready to sign, with its public half. */
export interface OracleKey {
  privateKey: CryptoKey;
  /** The public key's 32 raw bytes, base64url. */
  publicKey: string;
  /** The public key as a JWK. */
  publicJwk: JsonWebKey;
}

/** What {@link signReport} takes as a key: an {@link OracleKey}, a `CryptoKeyPair`, a private JWK, or PKCS#8 (PEM or base64 text, or DER bytes). */
export type PrivateKeyInput = OracleKey | CryptoKeyPair | JsonWebKey | string | Uint8Array;

/** What {@link verifyReport} takes as the trusted key: raw base64url text, raw bytes, a JWK or a `CryptoKey`. */
export type PublicKeyInput = string | Uint8Array | JsonWebKey | CryptoKey;

const ED25519 = { name: "Ed25519" } as const;
const FIELDS = ["algorithm", "canonicalization", "publicKey", "report", "signature"];

let support: Promise<boolean> | undefined;

/**
 * Whether this runtime's WebCrypto signs with Ed25519 (Node ≥ 18.4, Deno, Chromium ≥ 137, Firefox, Safari 17, workerd).
 * @example
 * ```ts
 * if (await ed25519Supported()) await generateOracleKey();
 * ```
 */
export function ed25519Supported(): Promise<boolean> {
  support ??= (async () => {
    try {
      await crypto.subtle.generateKey(ED25519, false, ["sign", "verify"]);
      return true;
    } catch {
      return false;
    }
  })();
  return support;
}

async function requireEd25519(): Promise<void> {
  if (!(await ed25519Supported()))
    throw new Error(
      "this runtime's WebCrypto has no Ed25519 (crypto.subtle with { name: 'Ed25519' }): it cannot sign or verify reports",
    );
}

/**
 * A new Ed25519 key (extractable, so it can be saved with {@link exportOracleKey}).
 * @returns the key and its public half
 */
export async function generateOracleKey(): Promise<OracleKey> {
  await requireEd25519();
  const pair = (await crypto.subtle.generateKey(ED25519, true, ["sign", "verify"])) as CryptoKeyPair;
  return keyOf(pair.privateKey, new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)));
}

/**
 * A private key from a JWK or PKCS#8, with its public half.
 * @param input a private JWK (object or JSON text), PKCS#8 as PEM (`-----BEGIN PRIVATE KEY-----`), base64 or base64url text, or DER bytes
 * @returns the key, ready for {@link signReport}
 * @example
 * ```ts
 * const saved = await exportOracleKey(await generateOracleKey()); // or a file's text
 * const key = await importOracleKey(saved);
 * key.publicKey; // what GET /v1/key publishes
 * ```
 */
export async function importOracleKey(input: JsonWebKey | string | Uint8Array): Promise<OracleKey> {
  await requireEd25519();
  let jwk: JsonWebKey | undefined;
  let der: Uint8Array | undefined;
  if (input instanceof Uint8Array) der = input;
  else if (typeof input === "string") {
    const text = input.trim();
    if (text.startsWith("{")) {
      try {
        jwk = JSON.parse(text) as JsonWebKey;
      } catch {
        throw typeError("key", "a JWK (JSON) or PKCS#8 (PEM or base64)", "text that is not JSON");
      }
    } else {
      const body = text.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "").replace(/\s+/g, "");
      if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(body))
        throw typeError("key", "a JWK (JSON) or PKCS#8 (PEM or base64)", "text that is neither");
      der = fromBase64url(body.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
    }
  } else if (input !== null && typeof input === "object") jwk = input;
  else throw typeError("key", "a JWK, PKCS#8 text or bytes", input);
  if (jwk) {
    if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.d !== "string" || typeof jwk.x !== "string")
      throw typeError("key", 'a private Ed25519 JWK ({ kty: "OKP", crv: "Ed25519", d, x })', "another kind of JWK");
    const privateKey = await crypto.subtle.importKey(
      "jwk",
      { kty: "OKP", crv: "Ed25519", d: jwk.d, x: jwk.x },
      ED25519,
      true,
      ["sign"],
    );
    return keyOf(privateKey, fromBase64url(jwk.x));
  }
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey("pkcs8", copy(der as Uint8Array), ED25519, true, ["sign"]);
  } catch {
    throw typeError("key", "an Ed25519 private key in PKCS#8", "bytes that are not one");
  }
  const x = (await crypto.subtle.exportKey("jwk", privateKey)).x;
  if (typeof x !== "string") throw new Error("the runtime exported an Ed25519 JWK without its public key");
  return keyOf(privateKey, fromBase64url(x));
}

/**
 * A key as JWK text (private: keep it secret), which {@link importOracleKey} reads back.
 * @param key an extractable key
 * @returns JSON text of the private JWK
 * @example
 * ```ts
 * const key = await generateOracleKey();
 * const text = await exportOracleKey(key); // {"kty":"OKP","crv":"Ed25519","d":…,"x":…}: keep it secret
 * (await importOracleKey(text)).publicKey === key.publicKey; // true
 * ```
 */
export async function exportOracleKey(key: OracleKey): Promise<string> {
  const jwk = await crypto.subtle.exportKey("jwk", key.privateKey);
  return JSON.stringify({ kty: "OKP", crv: "Ed25519", d: jwk.d, x: jwk.x });
}

/**
 * Signs a report: Ed25519 over the UTF-8 bytes of its RFC 8785 canonical JSON.
 * @param report plain JSON data (a report of `riskOracle`, or any value JCS accepts)
 * @param privateKey the signer's key
 * @returns the report with its signature, the signer's public key, the algorithm and the canonicalization
 * @example
 * ```ts
 * const key = await generateOracleKey();
 * const signed = await signReport(await riskOracle(presets.sharedOracle), key);
 * await verifyReport(signed, key.publicKey); // true
 * ```
 */
export async function signReport<R>(report: R, privateKey: PrivateKeyInput): Promise<Signed<R>> {
  const key = await oracleKeyOf(privateKey);
  const signature = await crypto.subtle.sign(ED25519, key.privateKey, jcsBytes(report));
  return {
    report,
    signature: toBase64url(new Uint8Array(signature)),
    publicKey: key.publicKey,
    algorithm: "Ed25519",
    canonicalization: "RFC8785",
  };
}

/**
 * Checks a signed report. With `publicKey` (the key you trust: from `GET /v1/key`, a config
 * file…) the signature must be that key's, and the report's own `publicKey` must name it; without
 * it, the report is checked against the key it carries — which proves it unchanged since it was
 * signed, not who signed it.
 * @param signed a signed report, as published (parsed JSON)
 * @param publicKey the trusted key: raw base64url text, raw bytes, a JWK or a CryptoKey
 * @returns true when every byte of the report, the signature and the envelope is as signed; false otherwise
 * @throws on a runtime without Ed25519, or a trusted key that is not an Ed25519 public key
 */
export async function verifyReport(signed: unknown, publicKey?: PublicKeyInput): Promise<boolean> {
  await requireEd25519();
  const trusted = publicKey === undefined ? undefined : await publicKeyOf(publicKey);
  if (signed === null || typeof signed !== "object" || Array.isArray(signed)) return false;
  const s = signed as Record<string, unknown>;
  const keys = Object.keys(s).sort();
  if (keys.length !== FIELDS.length || keys.some((k, i) => k !== FIELDS[i])) return false;
  if (s.algorithm !== "Ed25519" || s.canonicalization !== "RFC8785") return false;
  if (typeof s.signature !== "string" || typeof s.publicKey !== "string") return false;
  if (!/^[A-Za-z0-9_-]{86}$/.test(s.signature) || !/^[A-Za-z0-9_-]{43}$/.test(s.publicKey)) return false;
  // a signature or key with stray bits in its last character is another text for the same bytes
  const signature = fromBase64url(s.signature);
  const raw = fromBase64url(s.publicKey);
  if (toBase64url(signature) !== s.signature || toBase64url(raw) !== s.publicKey) return false;
  if (trusted && trusted.raw !== s.publicKey) return false;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = jcsBytes(s.report);
  } catch {
    return false;
  }
  try {
    const key = trusted?.key ?? (await crypto.subtle.importKey("raw", copy(raw), ED25519, false, ["verify"]));
    return await crypto.subtle.verify(ED25519, key, copy(signature), bytes);
  } catch {
    return false;
  }
}

async function oracleKeyOf(input: PrivateKeyInput): Promise<OracleKey> {
  await requireEd25519();
  if (input !== null && typeof input === "object" && "privateKey" in input) {
    if ("publicJwk" in input && typeof input.publicKey === "string") return input as OracleKey;
    const pair = input as CryptoKeyPair;
    return keyOf(pair.privateKey, new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)));
  }
  return importOracleKey(input as JsonWebKey | string | Uint8Array);
}

async function publicKeyOf(input: PublicKeyInput): Promise<{ raw: string; key: CryptoKey }> {
  const bad = () =>
    typeError("publicKey", "an Ed25519 public key (raw base64url, raw bytes, a JWK or a CryptoKey)", input);
  let raw: Uint8Array;
  if (typeof input === "string") {
    if (!/^[A-Za-z0-9_-]{43}$/.test(input)) throw bad();
    raw = fromBase64url(input);
  } else if (input instanceof Uint8Array) raw = input;
  else if (typeof CryptoKey !== "undefined" && input instanceof CryptoKey) {
    if (input.algorithm.name !== "Ed25519" || input.type !== "public") throw bad();
    try {
      raw = new Uint8Array(await crypto.subtle.exportKey("raw", input));
    } catch {
      // a non-extractable key: verify with it, and compare the report's key by JWK is impossible
      throw typeError("publicKey", "an extractable public CryptoKey (or its raw bytes)", "a non-extractable key");
    }
  } else if (input !== null && typeof input === "object") {
    const jwk = input as JsonWebKey;
    if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw bad();
    raw = fromBase64url(jwk.x);
  } else throw bad();
  if (raw.length !== 32) throw bad();
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey("raw", copy(raw), ED25519, false, ["verify"]);
  } catch {
    throw bad();
  }
  return { raw: toBase64url(raw), key };
}

async function keyOf(privateKey: CryptoKey, raw: Uint8Array): Promise<OracleKey> {
  const publicKey = toBase64url(raw);
  return { privateKey, publicKey, publicJwk: { kty: "OKP", crv: "Ed25519", x: publicKey } };
}

function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes) as Uint8Array<ArrayBuffer>;
}

/** Bytes as base64url without padding (RFC 4648 section 5). */
export function toBase64url(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** base64url (padding optional) to bytes; throws a TypeError on other characters. */
export function fromBase64url(text: string): Uint8Array {
  // (the messages never echo the text: it may be a private key)
  const got = `${text.length} characters of something else`;
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) throw typeError("base64url", "base64url text", got);
  const b64 = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  let binary: string;
  try {
    binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  } catch {
    throw typeError("base64url", "base64url text", got);
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
