// What a refusal of bad input says about the value it got (src/validate.ts `show`), and the mark
// that tells bad input from a bug: a registered symbol, so the CLI's bundled copy of the module
// recognizes errors thrown by the library's copy.
import { greeks, simulate } from "fracture";
import { equal, test, throws } from "./harness.ts";

test("validate: a refusal shows what came: long strings cut at 40 characters, typed arrays with their length, objects by class", () => {
  const said = (spot: unknown) =>
    throws(() => greeks.bsm({ spot: spot as number, strike: 100, time: 1, vol: 0.2 }), TypeError, /^"spot" /).message;
  const head = '"spot" expected a number or a Float64Array, got ';
  equal(said("a".repeat(50)), `${head}"${"a".repeat(40)}…"`, "a long string");
  equal(said("short"), `${head}"short"`, "a short string");
  equal(said(new Float32Array(3)), `${head}Float32Array(3)`, "a typed array");
  equal(said(new DataView(new ArrayBuffer(4))), `${head}DataView(4)`, "a view without a length");
  equal(said(new Map()), `${head}a Map`, "an object of a class");
  equal(said(Object.create(null)), `${head}an object`, "an object without a prototype");
});

test("validate: bad input carries the registered, non-enumerable mark; the library's own failures do not", () => {
  const mark = Symbol.for("fracture.badInput");
  const err = throws(() => greeks.bsm({ spot: -1, strike: 100, time: 1, vol: 0.2 }), RangeError, /"spot"/);
  equal((err as unknown as Record<symbol, unknown>)[mark], true, "marked");
  equal(Object.keys(err).join(","), "field,expected", "the mark is not enumerable");
  const scenario = throws(() => simulate({} as never), Error, /version/);
  equal((scenario as unknown as Record<symbol, unknown>)[mark], undefined, "a ScenarioError is not a FieldError");
});
