#!/usr/bin/env node
// Mutation testing of the compiled core (assembly/), which StrykerJS cannot mutate: a list of
// deliberate single-line bugs, each applied alone to a scratch copy of the project, the wasm
// rebuilt (npm run build:wasm) and the vitest suite run against it. A mutant the suite fails on
// is killed; one it passes is a survivor: either an equivalent mutant (no result can differ) or
// a test still to write. Nothing here touches the working tree: the copy lives in a temporary
// folder and is removed at the end.
//
//   npm run mutate:core                      every mutant
//   npm run mutate:core -- --only lending    those whose file or why contains "lending" (repeatable)
//   npm run mutate:core -- --list            the list, without running anything
//   npm run mutate:core -- --json out.json   also write the results as JSON
//
// A mutant whose `find` no longer occurs exactly once in its file is reported as stale (the code
// moved on: update its line here), and is neither killed nor survived.

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";

/** @type {{ file: string, find: string, replace: string, why: string }[]} */
export const MUTANTS = [
  // ---- lending -------------------------------------------------------------------------------
  {
    file: "assembly/engine/lending.ts",
    find: "health < this.fullClose ? 1.0",
    replace: "health <= this.fullClose ? 1.0",
    why: "lending: full close at health exactly fullCloseBelowHealth (strict rule broken)",
  },
  {
    file: "assembly/engine/lending.ts",
    find: "const l = liquidatorFor(w, this.index, f64.MIN_VALUE);",
    replace: "const l = liquidatorFor(w, this.index, 0);",
    why: "lending: a liquidator without capital is picked (and liquidates nothing) before one with some",
  },
  {
    file: "assembly/engine/lending.ts",
    find: "const fee = (seize - seize / (1 + bonus)) * unchecked(this.fee[c]);",
    replace: "const fee = seize * unchecked(this.fee[c]);",
    why: "lending: the protocol fee taken on the whole seizure, not on the bonus",
  },
  {
    file: "assembly/engine/lending.ts",
    find: "this.badDebt += owed * unchecked(this.price[a]);",
    replace: "this.badDebt += owed;",
    why: "lending: bad debt counted in units of the debt asset, not valued at its price",
  },
  {
    file: "assembly/engine/lending.ts",
    find: "if (dv > cv) count++;",
    replace: "if (dv >= cv) count++;",
    why: "lending: debt exactly equal to the collateral counted as insolvent at the start",
  },
  {
    file: "assembly/engine/lending.ts",
    find: "cv < this.minFull",
    replace: "cv <= this.minFull",
    why: "lending v3.3: a collateral worth exactly 2,000 repaid whole (the threshold is strict)",
  },
  {
    file: "assembly/engine/lending.ts",
    find: "owed * pd < this.minFull",
    replace: "owed * pd <= this.minFull",
    why: "lending v3.3: a debt worth exactly 2,000 repaid whole (the threshold is strict)",
  },
  {
    file: "assembly/engine/lending.ts",
    find: "return min(owed, (this.closeFactor * total) / pd);",
    replace: "return owed * this.closeFactor;",
    why: "lending v3.3: the close factor on the asset's debt, not on the account's whole debt",
  },
  {
    file: "assembly/engine/lending.ts",
    find: "(pd * (1 + bonus - bonus * fee))",
    replace: "(pd * (1 + bonus))",
    why: "lending v3.3: the leftover collateral counted after the protocol fee, not as the contract counts it",
  },
  // ---- portfolio -----------------------------------------------------------------------------
  {
    file: "assembly/engine/portfolio.ts",
    find: "if (worth > 0) h.push((u / worth) * ((Math.abs(s) * p) / worth), <u32>j);",
    replace: "if (worth > 0) h.push(u, <u32>j);",
    why: "portfolio: ADL ranked by profit alone, not profit × leverage",
  },
  {
    file: "assembly/engine/portfolio.ts",
    find: "const backstop = this.threshold > 0 && e < this.threshold * r;",
    replace: "const backstop = this.threshold > 0 && e <= r;",
    why: "portfolio: the vault takes any liquidatable account, not only those below its threshold",
  },
  {
    file: "assembly/engine/portfolio.ts",
    find: "v += a * unchecked(this.price[c]) * (cut ? 1 - unchecked(this.haircut[c]) : 1);",
    replace: "v += a * unchecked(this.price[c]);",
    why: "portfolio: collateral counted without its haircut",
  },
  {
    file: "assembly/engine/portfolio.ts",
    find: "const bankrupt = p + (loss * ((Math.abs(s) * p) / notional)) / s;",
    replace: "const bankrupt = p;",
    why: "portfolio: ADL closes at the mark, not the bankruptcy price",
  },
  {
    file: "assembly/engine/portfolio.ts",
    find: "if (backstop && this.vaultEquity() + worth >= this.floor) {",
    replace: "if (backstop && this.vaultEquity() >= this.floor) {",
    why: "portfolio: the vault's loss limit checked before the account it takes",
  },
  {
    file: "assembly/engine/portfolio.ts",
    find: "const bankrupt = worth > 0 ? unchecked(this.mark[m]) - worth / whole : 0;",
    replace: "const bankrupt: f64 = 0;",
    why: "portfolio: liquidation orders not limited at the bankruptcy price",
  },
  {
    file: "assembly/engine/portfolio.ts",
    find: "const fee = min(max(left, 0), this.feeRate * closedNotional);",
    replace: "const fee = this.feeRate * closedNotional;",
    why: "portfolio: the liquidation fee not capped by what the account has left",
  },
  // ---- perps ---------------------------------------------------------------------------------
  {
    file: "assembly/engine/perps.ts",
    find: "((Math.abs(s) * p) / (m + u))",
    replace: "((Math.abs(s) * p) / m)",
    why: "perps: ADL rank by notional/margin instead of the effective leverage notional/(margin + PnL)",
  },
  {
    file: "assembly/engine/perps.ts",
    find: "const fee = min(realized, this.feeRate * quote);",
    replace: "const fee = this.feeRate * quote;",
    why: "perps: the liquidation fee not capped by what the trader realized",
  },
  {
    file: "assembly/engine/perps.ts",
    find: "const take = min(left, u);",
    replace: "const take = u;",
    why: "perps: ADL takes a position's whole profit whatever the deficit left",
  },
  {
    file: "assembly/engine/perps.ts",
    find: "if (s * sign > 0 && u > 0)",
    replace: "if (s * sign > 0 && u >= 0)",
    why: "perps: a position at exactly zero PnL ranked for ADL",
  },
  {
    file: "assembly/engine/perps.ts",
    find: "this.set(j, MARGIN, this.margin(j) * (1 - f));",
    replace: "this.set(j, MARGIN, this.margin(j));",
    why: "perps: a partly deleveraged position keeps its whole margin",
  },
  // ---- cdp and the Liquidations 2.0 arithmetic ------------------------------------------------
  {
    file: "assembly/engine/cdp.ts",
    find: "if (shortfall > 0) this.badDebt += shortfall;",
    replace: "if (shortfall > 0 && a.paid == 0) this.badDebt += shortfall;",
    why: "cdp: an auction's shortfall is bad debt only when it raised nothing",
  },
  {
    file: "assembly/engine/cdp.ts",
    find: "const chost = this.dust * this.chop;",
    replace: "const chost = this.dust;",
    why: "cdp: chost without the penalty (dust·chop in dss)",
  },
  {
    file: "assembly/engine/clip.ts",
    find: "if (dur >= tau) return 0.0;",
    replace: "if (dur > tau) return 0.0;",
    why: "clip: linear curve's end test (equivalent: top·(tau − tau)/tau is 0 too)",
  },
  {
    file: "assembly/engine/clip.ts",
    find: "return dur > tail || price / top < cusp;",
    replace: "return dur >= tail || price / top < cusp;",
    why: "clip: an auction exactly `tail` old needs a reset",
  },
  {
    file: "assembly/engine/clip.ts",
    find: "return tab >= chost && lot * feedPrice >= chost",
    replace: "return tab > chost && lot * feedPrice >= chost",
    why: "clip: no redo incentive for a tab exactly chost",
  },
  {
    file: "assembly/engine/clip.ts",
    find: "Math.floor(dur / step)",
    replace: "Math.ceil(dur / step)",
    why: "clip: the stairstep curve steps down at the start of a step, not its end",
  },
  // ---- oracles -------------------------------------------------------------------------------
  {
    file: "assembly/engine/oracle.ts",
    find: ">= o.deviation * o.published",
    replace: "> o.deviation * o.published",
    why: "oracle: a push oracle ignores a move exactly equal to its deviation",
  },
  {
    file: "assembly/engine/oracle.ts",
    find: "w.step - o.lastPublished >= o.heartbeat",
    replace: "w.step - o.lastPublished > o.heartbeat",
    why: "oracle: the heartbeat one step late",
  },
  {
    file: "assembly/engine/oracle.ts",
    find: "0.5 * (unchecked(MEDIAN[(n >> 1) - 1]) + unchecked(MEDIAN[n >> 1]))",
    replace: "unchecked(MEDIAN[n >> 1])",
    why: "oracle: the median of an even count is the upper middle, not the mean of both",
  },
  {
    file: "assembly/engine/oracle.ts",
    find: "const k = min(o.observed + 1, o.window);",
    replace: "const k = o.window;",
    why: "oracle: a TWAP's first steps averaged over its whole (still empty) window",
  },
  {
    file: "assembly/engine/oracle.ts",
    find: "const lagged = o.observed > o.latency",
    replace: "const lagged = o.observed >= o.latency",
    why: "oracle: latency off by one",
  },
  // ---- trading and the step -----------------------------------------------------------------
  {
    file: "assembly/engine/agents.ts",
    find: "w.slippage += before * tradedBase(trade) - got;",
    replace: "w.slippage += before * qty - got;",
    why: "agents: slippage of a forced sale counted on the quantity asked, not the quantity sold",
  },
  {
    file: "assembly/engine/trade.ts",
    find: "const goal = p + share * (target - p);",
    replace: "const goal = target;",
    why: "trade: the outside market's pull ignores its share",
  },
  {
    file: "assembly/engine/trade.ts",
    find: "const floor = p * (1 - share);",
    replace: "const floor = p * (1 - 2 * share);",
    why: "trade: a pool's depth measured over twice the band",
  },
  {
    file: "assembly/engine/sort.ts",
    find: "ka < kb || (ka == kb && unchecked(ids[a]) < ib)",
    replace: "ka < kb || (ka == kb && unchecked(ids[a]) > ib)",
    why: "sort: ties of health in reverse order of the positions (quicksort part, > 16 candidates)",
  },
  {
    file: "assembly/engine/sort.ts",
    find: "(unchecked(keys[b]) == k && unchecked(ids[b]) > id)",
    replace: "(unchecked(keys[b]) == k && unchecked(ids[b]) < id)",
    why: "sort: ties of health in reverse order of the positions (insertion part)",
  },
  {
    file: "assembly/engine/vaults.ts",
    find: "Math.abs(D) * h + 0.5 * G * h * h",
    replace: "Math.abs(D) * h + G * h * h",
    why: "vaults: the gamma term of the margin without its ½",
  },
  // ---- the order book --------------------------------------------------------------------------
  {
    file: "assembly/book.ts",
    find: "let slot = lv.head;",
    replace: "let slot = lv.tail;",
    why: "book: LIFO instead of FIFO within a price level",
  },
  {
    file: "assembly/book.ts",
    find: "h.bestBid = nextDown(h, BUY, tick - 1);",
    replace: "h.bestBid = nextDown(h, BUY, tick - 2);",
    why: "book: the best bid skips the level just below an emptied one",
  },
  {
    file: "assembly/book.ts",
    find: "if (word == 0) {",
    replace: "if (true) {",
    why: "book: a level's summary bit cleared while its 64-tick word still holds orders",
  },
  {
    file: "assembly/book.ts",
    find: "const fill = lots < o.lots ? lots : o.lots;",
    replace: "const fill = lots <= o.lots ? lots : o.lots;",
    why: "book: min of equal values (equivalent)",
  },
  // ---- pools ---------------------------------------------------------------------------------
  {
    file: "assembly/pool_cp.ts",
    find: "/ ((rOut - amountOut) * p.gamma)) * CHARGE;",
    replace: "/ ((rOut - amountOut) * p.gamma));",
    why: "pool_cp: getAmountIn not rounded up in the pool's favour",
  },
  {
    file: "assembly/pool_cl.ts",
    find: "open += up ? -1 : 1;",
    replace: "open += 1;",
    why: "pool_cl: liquidity above the last position's upper tick not zeroed",
  },
  {
    file: "assembly/pool_cl.ts",
    find: "for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(a, i, n);",
    replace: "for (let i = (n >> 1) - 2; i >= 0; i--) siftDown(a, i, n);",
    why: "pool_cl: the tick sort's heap built without its last parent (wrong with many positions)",
  },
  {
    file: "assembly/pool_stable.ts",
    find: "if (Math.abs(d - prev) <= d * EPS) break;",
    replace: "if (Math.abs(d - prev) <= d * EPS * 1e6) break;",
    why: "pool_stable: Newton for D stops a million ulps early",
  },
  // ---- math ----------------------------------------------------------------------------------
  {
    file: "assembly/vmath.ts",
    find: "const P2: f64 = -2.77777777770155933842e-3;",
    replace: "const P2: f64 = -2.7777777777015e-3;",
    why: "vmath: exp's second coefficient cut to 14 digits",
  },
  {
    file: "assembly/exposure.ts",
    find: "0.01, 0.01, //     5 per 1% move",
    replace: "0.02, 0.02, //     5 per 1% move",
    why: "exposure: dollar gamma per 2% move",
  },
  {
    file: "assembly/greeks.ts",
    find: "const volga = mul(mul(vega, d1), d2v);",
    replace: "const volga = mul(vega, d1);",
    why: "greeks: volga without its d2/σ factor",
  },
];

const ROOT = resolve(new URL("..", import.meta.url).pathname);
/** Folders never copied (built output, dependencies, runners' output). */
const SKIP = new Set(["node_modules", ".git", "dist", "build", ".test-output", ".stryker-tmp", "reports"]);

function args(argv) {
  const out = { only: [], list: false, json: "", timeout: 600 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--only") out.only.push(argv[++i] ?? "");
    else if (argv[i] === "--list") out.list = true;
    else if (argv[i] === "--json") out.json = argv[++i] ?? "";
    else if (argv[i] === "--timeout") out.timeout = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (expected --only TEXT, --list, --json FILE, --timeout SECONDS)`);
  }
  return out;
}

function run(cwd, cmd, cmdArgs, timeoutSeconds) {
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, {
    cwd,
    encoding: "utf8",
    timeout: timeoutSeconds * 1000,
    killSignal: "SIGKILL",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  return {
    ok: r.status === 0,
    timedOut: r.error?.code === "ETIMEDOUT",
    output: `${r.stdout ?? ""}${r.stderr ?? ""}`,
    seconds: (Date.now() - started) / 1000,
  };
}

/** The first failing test's name in vitest's output, for the report. */
function firstFailure(output) {
  const line = output.split("\n").find((l) => /^\s*(×|✗|FAIL)\s/.test(l) || / > .*(×|FAIL)/.test(l));
  return (line ?? "").trim().slice(0, 160);
}

function main() {
  const opts = args(process.argv.slice(2));
  const chosen = MUTANTS.filter(
    (m) => opts.only.length === 0 || opts.only.some((text) => `${m.file} ${m.why}`.includes(text)),
  );
  if (opts.list) {
    for (const [k, m] of chosen.entries()) console.log(`${k + 1}. ${m.file}: ${m.why}\n   ${m.find}  →  ${m.replace}`);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), "fracture-mutants-"));
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const vitest = ["node_modules/vitest/vitest.mjs", "run", "--bail=1", "--reporter=dot"];
  try {
    cpSync(ROOT, work, {
      recursive: true,
      filter: (src) => {
        const rel = relative(ROOT, src);
        return !rel.split(sep).some((part) => SKIP.has(part));
      },
    });
    symlinkSync(realpathSync(join(ROOT, "node_modules")), join(work, "node_modules"), "dir");
    console.log(`core mutants: ${chosen.length}, in ${work}`);
    // the unmutated build must pass, or every mutant would look killed
    const build = run(work, npm, ["run", "build"], opts.timeout);
    if (!build.ok) throw new Error(`the unmutated build fails:\n${build.output.slice(-4000)}`);
    const base = run(work, process.execPath, vitest, opts.timeout);
    if (!base.ok) throw new Error(`the suite fails without any mutant:\n${base.output.slice(-4000)}`);
    console.log(`baseline: suite green in ${base.seconds.toFixed(0)} s`);
    const results = [];
    for (const [k, m] of chosen.entries()) {
      const path = join(work, m.file);
      const original = readFileSync(path, "utf8");
      const count = original.split(m.find).length - 1;
      let status;
      let detail = "";
      let seconds = 0;
      if (count !== 1) {
        status = "stale";
        detail = `found ${count} times`;
      } else {
        writeFileSync(path, original.replace(m.find, m.replace));
        try {
          const wasm = run(work, npm, ["run", "build:wasm"], opts.timeout);
          if (!wasm.ok) {
            status = "compile error";
            detail = wasm.output.split("\n").find((l) => /ERROR/.test(l)) ?? "";
          } else {
            const t = run(work, process.execPath, vitest, opts.timeout);
            seconds = t.seconds;
            if (t.timedOut) status = "killed (timeout)";
            else if (t.ok) status = "survived";
            else {
              status = "killed";
              detail = firstFailure(t.output);
            }
          }
        } finally {
          writeFileSync(path, original);
        }
      }
      results.push({ ...m, status, detail, seconds });
      console.log(
        `${k + 1}/${chosen.length} ${status.padEnd(16)} ${m.file}: ${m.why}${detail ? `\n    ${detail}` : ""}`,
      );
    }
    const killed = results.filter((r) => r.status.startsWith("killed")).length;
    const survived = results.filter((r) => r.status === "survived");
    const scored = killed + survived.length;
    console.log(
      `\ncore mutants: ${results.length}, killed ${killed}, survived ${survived.length}` +
        `, stale or not compiling ${results.length - scored}` +
        `, score ${scored ? ((100 * killed) / scored).toFixed(1) : "n/a"}% (${new Date().toISOString().slice(0, 10)})`,
    );
    for (const s of survived) console.log(`  survived: ${s.file}: ${s.why}\n    ${s.find}  →  ${s.replace}`);
    if (opts.json)
      writeFileSync(opts.json, `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  try {
    main();
  } catch (err) {
    console.error(`mutants: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
