/** A progress bar for long work, on a terminal only (nothing when stderr is piped or --quiet). @module */
import { Presets, SingleBar } from "cli-progress";

/** Progress callbacks: a bar on stderr when it is a terminal, else nothing. */
export function progressBar(label: string, quiet = false): { update(done: number, total: number): void; stop(): void } {
  if (quiet || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total} paths, eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
