/** A progress bar for long work, on a terminal only (nothing when stderr is piped or --quiet). @module */
import { Presets, SingleBar } from "cli-progress";

/** Progress callbacks: a bar on stderr when it is a terminal, else nothing. */
export interface Progress {
  /** `done` of `total` units; the bar appears at the first call. */
  update(done: number, total: number): void;
  /** Clears nothing, stops redrawing; safe to call when nothing was drawn. */
  stop(): void;
}

/** The help line every long command lists. */
export const QUIET_HELP = "--quiet: no progress bar (there is none when stderr is not a terminal)";

/**
 * A bar on stderr when it is a terminal and not `quiet`, else callbacks that do nothing.
 * @param label the command, shown first
 * @param quiet --quiet (or output that must stay clean)
 * @param unit what is counted: paths, runs, variants…
 */
export function progressBar(label: string, quiet = false, unit = "paths"): Progress {
  if (quiet || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total} ${unit}, eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
        return;
      }
      if (total !== bar.getTotal()) bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/**
 * Runs `work` with a bar around it, stopped however the work ends.
 * @param label the command
 * @param quiet no bar
 * @param unit what is counted
 * @param work gets the bar's update
 */
export async function withProgress<T>(
  label: string,
  quiet: boolean | undefined,
  unit: string,
  work: (update: Progress["update"]) => T | Promise<T>,
): Promise<T> {
  const bar = progressBar(label, quiet, unit);
  try {
    return await work((done, total) => bar.update(done, total));
  } finally {
    bar.stop();
  }
}
