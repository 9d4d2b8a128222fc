/**
 * The checks of the price models of generated paths between fields: GARCH's stationarity and
 * long-run variance, Merton's jumps a step, bootstrap series that share their blocks, and
 * correlations that name modelled assets once each and together are positive semi-definite —
 * when they are not, the entry to change is named, with the range that would do.
 * @module
 */
import type { Parsed } from "./schema.ts";

/** Seconds in a year of generated paths: 365 days (crypto markets do not close). */
export const YEAR_SECONDS = 365 * 86_400;

/** Whether an asset moves on generated paths: it has a vol or a model. */
export function modelled(a: { vol: number; model?: unknown }): boolean {
  return a.vol > 0 || a.model !== undefined;
}

/** A Cholesky pivot below −this: not positive semi-definite (the core's rule, assembly/paths.ts). */
const NEGATIVE_PIVOT = 1e-9;
/** A pivot up to this is 0 (a correlation of ±1): its column of the factor is 0. */
const ZERO_PIVOT = 1e-10;
/**
 * Beside a zero pivot, what is left of an entry may be at most √ZERO_PIVOT (Cauchy–Schwarz on
 * the remaining block) if the matrix is semi-definite; more, and it is not (A–B 1, A–C 1, B–C 0.5).
 */
const ZERO_RESIDUAL = 2e-5;

/**
 * The Cholesky factor of a symmetric n × n matrix (row-major), computed as the core computes it
 * (assembly/paths.ts `pathsPrepare`, the same operations in the same order), so the two agree on
 * which matrices pass.
 * @returns the lower factor, and the index of the first negative pivot (−1: none)
 */
export function cholesky(c: ArrayLike<number>, n: number): { factor: Float64Array; failed: number } {
  const l = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b <= a; b++) {
      let s = c[a * n + b];
      for (let k = 0; k < b; k++) s -= l[a * n + k] * l[b * n + k];
      if (b === a) {
        if (s < -NEGATIVE_PIVOT) return { factor: l, failed: a };
        l[a * n + a] = s > ZERO_PIVOT ? Math.sqrt(s) : 0;
      } else {
        const pivot = l[b * n + b];
        if (pivot > 0) l[a * n + b] = s / pivot;
        else if (Math.abs(s) > ZERO_RESIDUAL) return { factor: l, failed: a };
      }
    }
  }
  return { factor: l, failed: -1 };
}

type Entry = Parsed["correlations"][number];

/** The correlation matrix of `order`'s assets (1 on the diagonal, pairs not listed 0), row-major. */
export function correlationMatrix(list: readonly Entry[], order: readonly string[]): Float64Array {
  const n = order.length;
  const index = new Map(order.map((x, i) => [x, i]));
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  for (const { assets, rho } of list) {
    const i = index.get(assets[0]);
    const j = index.get(assets[1]);
    if (i === undefined || j === undefined) continue;
    m[i * n + j] = rho;
    m[j * n + i] = rho;
  }
  return m;
}

/** Code-unit order, as the canonical order of ids (canonical.ts). */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Problems of the assets' models and of the correlations, by path.
 * @param s the scenario, structurally valid
 * @param bad receives each problem
 */
export function modelIssues(s: Parsed, bad: (path: string, message: string) => void): void {
  const yearsPerStep = s.stepSeconds / YEAR_SECONDS;
  let boot: { i: number; length: number; block: number } | undefined;
  s.assets.forEach((a, i) => {
    const m = a.model;
    const at = `assets[${i}].model`;
    if (m?.type === "garch") {
      if (m.alpha + m.beta >= 1)
        bad(
          at,
          `expected alpha + beta below 1 (a finite long-run variance), got ${m.alpha} + ${m.beta} = ${m.alpha + m.beta}`,
        );
      if (m.omega === undefined && a.vol === 0)
        bad(`${at}.omega`, "missing: without it the long-run variance is the asset's vol, and it has none");
    } else if (m?.type === "merton") {
      const perStep = m.jumpsPerYear * yearsPerStep;
      if (perStep > 1000)
        bad(
          `${at}.jumpsPerYear`,
          `expected at most 1000 jumps a step on average (jumpsPerYear × stepSeconds / ${YEAR_SECONDS}), got ${perStep}`,
        );
    } else if (m?.type === "bootstrap") {
      if (!boot) boot = { i, length: m.returns.length, block: m.blockSteps };
      else {
        if (m.returns.length !== boot.length)
          bad(
            `${at}.returns`,
            `expected ${boot.length} returns, as assets[${boot.i}].model.returns (bootstrap assets share their blocks: their series are one sample of the same times), got ${m.returns.length}`,
          );
        if (m.blockSteps !== boot.block)
          bad(
            `${at}.blockSteps`,
            `expected ${boot.block}, as assets[${boot.i}].model.blockSteps (bootstrap assets share their blocks), got ${m.blockSteps}`,
          );
      }
    }
  });

  const byId = new Map<string, Parsed["assets"][number]>();
  for (const a of s.assets) if (!byId.has(a.id)) byId.set(a.id, a);
  const pairs = new Map<string, number>();
  let fits = true;
  s.correlations.forEach((c, k) => {
    const at = `correlations[${k}]`;
    c.assets.forEach((id, j) => {
      const a = byId.get(id);
      const where = `${at}.assets[${j}]`;
      if (!a) bad(where, `unknown asset "${id}"`);
      else if (!modelled(a))
        bad(where, `${id} has neither a vol nor a model: its price does not move, it has no shocks to correlate`);
      else if (a.model?.type === "bootstrap")
        bad(
          where,
          `${id} follows a bootstrap model: its returns come in blocks shared by every bootstrap asset (which keeps their historical co-movement), not from normal shocks`,
        );
      else return;
      fits = false;
    });
    const [x, y] = c.assets;
    if (x === y) {
      bad(`${at}.assets[1]`, `the same asset as assets[0]`);
      fits = false;
      return;
    }
    const key = x < y ? `${x} ${y}` : `${y} ${x}`;
    const other = pairs.get(key);
    if (other === undefined) pairs.set(key, k);
    else {
      bad(`${at}.assets`, `correlations[${other}] already gives ${x}–${y}`);
      fits = false;
    }
  });
  if (fits && s.correlations.length > 0) semidefinite(s.correlations, bad);
}

/**
 * Whether the correlations are positive semi-definite, as the core will factor them (their
 * assets in id order); if not, which entry to change. The culprit: taking the assets in the
 * order the list first names them, the first whose leading minor turns negative conflicts with
 * those before it; of the entries that tie it to them, the last listed is named, with the range
 * in which it would make the whole matrix semi-definite, the others as given.
 */
function semidefinite(list: readonly Entry[], bad: (path: string, message: string) => void): void {
  const named = [...new Set(list.flatMap((c) => c.assets))];
  const ids = [...named].sort(byCodeUnit);
  const full = correlationMatrix(list, ids);
  if (cholesky(full, ids.length).failed < 0) return;
  const leading = cholesky(correlationMatrix(list, named), named.length).failed;
  const last = leading >= 0 ? leading : named.length - 1; // (only a rounding tie could leave none)
  const within = new Set(named.slice(0, last + 1));
  const inside = list.map((c, i) => ({ c, i })).filter(({ c }) => within.has(c.assets[0]) && within.has(c.assets[1]));
  const tying = inside.filter(({ c }) => c.assets.includes(named[last]));
  const blamed = tying[tying.length - 1] ?? { c: list[list.length - 1], i: list.length - 1 };
  const others = inside.filter(({ i }) => i !== blamed.i);
  const pair = (c: Entry) => `${c.assets[0]}–${c.assets[1]}`;
  // the pairs of the minor not listed count too: they are 0
  const members = named.slice(0, last + 1);
  const listed = new Set(inside.map(({ c }) => [...c.assets].sort(byCodeUnit).join(" ")));
  const unlisted = members.flatMap((x, k) =>
    members
      .slice(k + 1)
      .filter((y) => !listed.has([x, y].sort(byCodeUnit).join(" ")))
      .map((y) => `${x}–${y}`),
  );
  const all = [...others.map(({ c }) => `${pair(c)} ${c.rho}`), ...unlisted.map((p) => `${p} 0 (not listed)`)];
  const shown = all.slice(0, 6);
  if (all.length > 6) shown.push(`${all.length - 6} more`);
  const against = shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown[0];
  const [lo, hi] = range(full, ids, blamed.c.assets);
  let message = `the correlations are not positive semi-definite: ${pair(blamed.c)} ${blamed.c.rho}${against ? ` cannot hold with ${against}` : ""} (the matrix's leading minor over ${members.join(", ")} is negative)`;
  if (lo <= hi) {
    const [a, b] = Math.ceil(lo * 1e4 - 1e-6) <= Math.floor(hi * 1e4 + 1e-6) ? [up(lo), down(hi)] : [lo, hi];
    message += `; with the others as given, it must ${a === b ? `be ${a}` : `lie in [${a}, ${b}]`}`;
  } else {
    const with_ = [
      ...others.map(({ c, i }) => `${pair(c)} (correlations[${i}])`),
      ...unlisted.map((p) => `${p} (not listed: add it)`),
    ].slice(0, 6);
    message += `; no value of it alone makes them consistent${with_.length > 0 ? `: change it together with ${with_.join(" or ")}` : ""}`;
  }
  bad(`correlations[${blamed.i}].rho`, message);
}

const up = (x: number) => Math.ceil(x * 1e4 - 1e-6) / 1e4;
const down = (x: number) => Math.floor(x * 1e4 + 1e-6) / 1e4;

/**
 * The values of one entry (x, y) that make the matrix positive semi-definite, every other
 * entry as given: by the Schur complement over the other assets A, the 2 × 2 block of x and y
 * less Bᵀ·A⁻¹·B must be semi-definite, so (ρ − q_xy)² ≤ (1 − q_xx)(1 − q_yy).
 * @returns [lo, hi] within [−1, 1], or lo > hi when no value does
 */
function range(full: Float64Array, ids: readonly string[], [x, y]: readonly [string, string]): [number, number] {
  const n = ids.length;
  const i = ids.indexOf(x);
  const j = ids.indexOf(y);
  const rest = ids.map((_, k) => k).filter((k) => k !== i && k !== j);
  const r = rest.length;
  const a = new Float64Array(r * r);
  rest.forEach((p, u) => {
    rest.forEach((q, w) => {
      a[u * r + w] = full[p * n + q];
    });
  });
  const { factor, failed } = cholesky(a, r);
  if (failed >= 0) return [1, -1];
  /** L⁻¹·b by forward substitution; undefined when b leaves the span of a singular A. */
  const solve = (column: number): Float64Array | undefined => {
    const out = new Float64Array(r);
    for (let u = 0; u < r; u++) {
      let s = full[rest[u] * n + column];
      for (let w = 0; w < u; w++) s -= factor[u * r + w] * out[w];
      const d = factor[u * r + u];
      if (d > 0) out[u] = s / d;
      else if (Math.abs(s) > ZERO_RESIDUAL) return undefined;
    }
    return out;
  };
  const yi = solve(i);
  const yj = solve(j);
  if (!yi || !yj) return [1, -1];
  let qii = 0;
  let qjj = 0;
  let qij = 0;
  for (let u = 0; u < r; u++) {
    qii += yi[u] * yi[u];
    qjj += yj[u] * yj[u];
    qij += yi[u] * yj[u];
  }
  if (1 - qii < -NEGATIVE_PIVOT || 1 - qjj < -NEGATIVE_PIVOT) return [1, -1];
  const w = Math.sqrt(Math.max(0, 1 - qii) * Math.max(0, 1 - qjj));
  return [Math.max(-1, qij - w), Math.min(1, qij + w)];
}
