// Each replay of a historical cascade stays inside the bands its preset documents: a change of the
// engine that moves history is seen here. The calibration tables themselves (reported beside
// replayed) are printed by `fracture replay NAME` and shown side by side in the README.
import { presets, replays, runReplay, validateScenario } from "fracture";
import { assert, equal, test } from "./harness.ts";

test("replays: every replay names a preset, sources each figure and brackets the assumed value of each input it varies", () => {
  for (const [name, r] of Object.entries(replays)) {
    equal(r.preset, name, `${name}: keyed by its preset`);
    assert(Object.hasOwn(presets, r.preset), `${name}: a preset`);
    assert(r.figures.length > 0 && r.findings.length > 50, `${name}: figures and findings`);
    for (const f of r.figures) {
      assert(f.source.length > 10 && f.readFrom.length > 10, `${name} ${f.figure}: source and reading`);
      assert(f.band[0] <= f.band[1], `${name} ${f.figure}: band`);
    }
    for (const s of r.sensitivity) {
      assert(s.values.includes(s.assumed), `${name} ${s.input}: the assumed value is among those tried`);
      validateScenario(s.apply(s.values[0]));
    }
  }
});

for (const name of Object.keys(replays)) {
  test(`replays: ${name} keeps every figure inside its documented band`, () => {
    const table = runReplay(name);
    for (const row of table.rows) {
      assert(row.inBand, `${name} ${row.figure}: ${row.replay} outside [${row.band.join(", ")}]`);
      equal(row.ratio, row.replay / row.reported, `${name} ${row.figure}: ratio`);
    }
  });
}
