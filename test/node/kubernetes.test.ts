// The Kubernetes example (examples/kubernetes/), without a cluster: every manifest validates against
// the Kubernetes API schema, and the Indexed Job's own command, run here once per completion index
// as separate processes (its volumes as folders), then the merge Job's, gives one unsharded run.
// The schema lets unknown fields through (as the API's OpenAPI does): the fields the example
// relies on are read back by name below.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Job } from "kubernetes-models/batch/v1";
import { type IContainer, type IVolume, PersistentVolumeClaim, Pod } from "kubernetes-models/v1";
import { expect, test } from "vitest";
import { parseAllDocuments } from "yaml";

const folder = new URL("../../examples/kubernetes/", import.meta.url);
const bin = fileURLToPath(new URL("../../bin/fracture.js", import.meta.url));
const exec = promisify(execFile);

/** `fracture ARGS…` of this repository: its standard output. */
async function fracture(...args: string[]): Promise<string> {
  return (await exec(process.execPath, [bin, ...args], { maxBuffer: 1 << 26 })).stdout;
}

/** The model class of each kind the example uses. */
const kinds = {
  "batch/v1 Job": Job,
  "v1 PersistentVolumeClaim": PersistentVolumeClaim,
  "v1 Pod": Pod,
};

/** Every document of every manifest, as its model (validated by the caller). */
async function manifests(): Promise<{ file: string; model: Job | PersistentVolumeClaim | Pod }[]> {
  const out: { file: string; model: Job | PersistentVolumeClaim | Pod }[] = [];
  for (const file of (await readdir(folder)).filter((f) => f.endsWith(".yaml")).sort()) {
    for (const doc of parseAllDocuments(await readFile(new URL(file, folder), "utf8"))) {
      expect(doc.errors, file).toEqual([]);
      const data = doc.toJS() as { apiVersion: string; kind: string };
      const Model = kinds[`${data.apiVersion} ${data.kind}` as keyof typeof kinds];
      expect(Model, `${file}: ${data.apiVersion} ${data.kind}`).toBeDefined();
      out.push({ file, model: new Model(data as never) });
    }
  }
  return out;
}

async function job(name: string): Promise<Job> {
  const found = (await manifests()).map((m) => m.model).filter((m) => m instanceof Job && m.metadata?.name === name);
  expect(found, name).toHaveLength(1);
  return found[0] as Job;
}

/** The README's `kubectl create configmap NAME --from-file=KEY=…`. */
async function configMapCommand(): Promise<{ name: string; key: string }> {
  const readme = await readFile(new URL("README.md", folder), "utf8");
  const m = /^kubectl create configmap (\S+) --from-file=([^=\s]+)=\S+$/m.exec(readme);
  expect(m, "README.md: kubectl create configmap").not.toBeNull();
  return { name: m?.[1] ?? "", key: m?.[2] ?? "" };
}

/** `text` with `pattern` replaced, which must occur. */
function replaced(text: string, pattern: RegExp, by: string): string {
  expect(text, String(pattern)).toMatch(pattern);
  return text.replace(pattern, by);
}

/** Where a pod volume lives on this machine: one folder per ConfigMap or claim, shared by the pods that mount it. */
function folderOf(dir: string, volume: IVolume): string {
  if (volume.configMap) return join(dir, `configmap-${volume.configMap.name}`);
  if (volume.persistentVolumeClaim) return join(dir, `pvc-${volume.persistentVolumeClaim.claimName}`);
  throw new Error(`volume ${volume.name}: neither a ConfigMap nor a claim`);
}

/** A Job's shell command made to run here: its mount paths → the volumes' folders, `fracture` → this repository's. */
function localCommand(j: Job, dir: string): string {
  const pod = j.spec?.template.spec;
  const container = pod?.containers[0] as IContainer;
  expect(container.command?.slice(0, 2)).toEqual(["/bin/sh", "-c"]);
  let script = container.command?.[2] ?? "";
  for (const mount of container.volumeMounts ?? []) {
    const volume = pod?.volumes?.find((v) => v.name === mount.name);
    expect(volume, mount.name).toBeDefined();
    const path = mount.mountPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    script = replaced(script, new RegExp(`(?<=^|\\s)${path}/`, "g"), `${folderOf(dir, volume as IVolume)}/`);
  }
  return replaced(script, /(?<=^|&& )fracture /g, `"${process.execPath}" "${bin}" `);
}

/** Runs a shell command here, as the container's shell would. */
async function sh(script: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await exec("/bin/sh", ["-c", script], { env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  return stdout;
}

test("every manifest validates against the Kubernetes API schema; the Job is Indexed over the N of its --shard", async () => {
  const all = await manifests();
  expect(all.map((m) => `${m.file} ${m.model.kind}`)).toEqual([
    "merge-job.yaml Job",
    "reader-pod.yaml Pod",
    "stress-job.yaml PersistentVolumeClaim",
    "stress-job.yaml Job",
  ]);
  for (const { file, model } of all) expect(() => model.validate(), `${file} ${model.kind}`).not.toThrow();
  // the validation bites: a wrong type, a wrong enum value
  const stress = await job("fracture-stress");
  expect(() => new Job({ ...stress, spec: { ...stress.spec, completions: "10" } } as never).validate()).toThrow(
    /completions must be integer/,
  );
  expect(() => new Job({ ...stress, spec: { ...stress.spec, completionMode: "Indexd" } } as never).validate()).toThrow(
    /completionMode/,
  );

  const spec = stress.spec;
  expect(spec?.completionMode).toBe("Indexed");
  const script = spec?.template.spec?.containers[0].command?.[2] ?? "";
  const shard = /--shard \$JOB_COMPLETION_INDEX\/(\d+) /.exec(script);
  expect(shard, script).not.toBeNull();
  expect(spec?.completions).toBe(Number(shard?.[1]));
  expect(spec?.parallelism).toBeGreaterThanOrEqual(1);
  expect(spec?.parallelism).toBeLessThanOrEqual(spec?.completions ?? 0);
  expect(script).toMatch(/ --json > \/parts\/part-\$JOB_COMPLETION_INDEX\.json$/);
  expect(spec?.template.spec?.restartPolicy).toBe("Never");
  expect(spec?.podFailurePolicy?.rules[0].onExitCodes).toEqual({
    containerName: spec?.template.spec?.containers[0].name,
    operator: "In",
    values: [2],
  });

  // one image, the one the README builds; one claim, the PVC's; the ConfigMap the README creates
  const readme = await readFile(new URL("README.md", folder), "utf8");
  const image = /^docker build -f examples\/kubernetes\/Dockerfile -t (\S+) /m.exec(readme)?.[1];
  const claim = all.find((m) => m.model instanceof PersistentVolumeClaim)?.model.metadata?.name;
  for (const { file, model } of all) {
    const pod = model instanceof Job ? model.spec?.template.spec : model instanceof Pod ? model.spec : undefined;
    if (!pod) continue;
    for (const c of pod.containers) expect(c.image, file).toBe(image);
    for (const v of pod.volumes ?? [])
      if (v.persistentVolumeClaim) expect(v.persistentVolumeClaim.claimName).toBe(claim);
  }
  const files = await readdir(folder);
  for (const [, f] of readme.matchAll(/examples\/kubernetes\/([\w.-]+)/g)) expect(files, "README.md").toContain(f);
  const volumes = spec?.template.spec?.volumes ?? [];
  expect(volumes.find((v) => v.configMap)?.configMap?.name).toBe((await configMapCommand()).name);
});

test("the Job's command, run once per completion index, then the merge Job's, gives one unsharded run", async () => {
  const dir = await mkdtemp(join(tmpdir(), "fracture-k8s-"));
  const stress = await job("fracture-stress");
  const merge = await job("fracture-stress-merge");

  // the ConfigMap, under the README's key: a short scenario whose paths spread wide
  const scenario = JSON.parse(await fracture("presets", "--show", "sharedOracle"));
  scenario.steps = 40;
  for (const a of scenario.assets) if (a.id === "ETH") a.vol = 3;
  const { name, key } = await configMapCommand();
  const configMap = join(dir, `configmap-${name}`);
  await mkdir(configMap);
  await writeFile(join(configMap, key), JSON.stringify(scenario));
  const claims = [stress, merge]
    .flatMap((j) => j.spec?.template.spec?.volumes ?? [])
    .filter((v) => v.persistentVolumeClaim);
  const parts = folderOf(dir, claims[0]);
  for (const v of claims) expect(folderOf(dir, v)).toBe(parts); // both Jobs mount the one claim
  await mkdir(parts);

  // the shards: 30 paths in all, one worker, `parallelism` processes at a time
  let run = localCommand(stress, dir);
  run = replaced(run, /--paths \d+ /, "--paths 30 ");
  run = replaced(run, /--workers \d+ /, "--workers 1 ");
  const n = stress.spec?.completions ?? 0;
  const parallelism = stress.spec?.parallelism ?? 1;
  const pending = Array.from({ length: n }, (_, i) => i);
  await Promise.all(
    Array.from({ length: parallelism }, async () => {
      for (let i = pending.shift(); i !== undefined; i = pending.shift())
        await sh(run, { JOB_COMPLETION_INDEX: String(i) });
    }),
  );
  expect((await readdir(parts)).sort()).toEqual(Array.from({ length: n }, (_, i) => `part-${i}.json`).sort());

  // the merge: its log is the tables, result.json the whole run
  const log = await sh(localCommand(merge, dir));
  expect(log).toMatch(new RegExp(`^30 paths merged from ${n} parts$`, "m"));
  const merged = JSON.parse(await readFile(join(parts, "result.json"), "utf8"));
  const whole = JSON.parse(
    await fracture(
      "stress",
      join(configMap, key),
      "--paths",
      "30",
      "--seed",
      String(scenario.seed),
      "--json",
      "--workers",
      "1",
    ),
  );
  expect([merged.paths, merged.first, merged.count, merged.seed]).toEqual([30, 0, 30, scenario.seed]);
  expect(merged.outcomes).toEqual(whole.outcomes);
  expect(merged.measures).toEqual(whole.measures);
  expect(Math.max(...merged.outcomes.liquidations)).toBeGreaterThan(0);
  expect(new Set(merged.outcomes.liquidatedNotional).size).toBeGreaterThan(1); // the paths differ
  await rm(dir, { recursive: true });
});
