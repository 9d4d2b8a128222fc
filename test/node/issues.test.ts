// Problem lists as people read them: one line per message over many indices, capped with a count.
import { expect, test } from "vitest";
import { indexSet, issueLines, issuesText } from "../../src/issues.ts";

const at = (path: string, message = "no oracle for USDC") => ({ path, message });

test("index sets: runs of three or more as ranges, the rest listed", () => {
  expect(indexSet([0, 1, 2, 3, 7, 9, 10, 11, 12])).toBe("0..3,7,9..12");
  expect(indexSet([5, 4])).toBe("4,5");
  expect(indexSet([3, 3, 1])).toBe("1,3");
});

test("the same message over many indices is one line; other messages keep their own", () => {
  const issues = [
    ...Array.from({ length: 200 }, (_, k) => at(`protocols[0].positions[${k}].debt.USDC`)),
    at("protocols[0].markets.ETH", "no oracle for ETH"),
  ];
  expect(issueLines(issues)).toEqual([
    "protocols[0].positions[0..199].debt.USDC: no oracle for USDC",
    "protocols[0].markets.ETH: no oracle for ETH",
  ]);
  expect(issuesText(issues)).toBe(
    "201 problems:\n  protocols[0].positions[0..199].debt.USDC: no oracle for USDC\n  protocols[0].markets.ETH: no oracle for ETH",
  );
});

test("several indices merge where the sets form a product; non-contiguous sets stay compact", () => {
  const issues = [0, 1].flatMap((p) => [0, 1, 2, 3, 7, 9, 10, 11, 12].map((k) => at(`p[${p}].q[${k}].x`)));
  expect(issueLines(issues)).toEqual(["p[0,1].q[0..3,7,9..12].x: no oracle for USDC"]);
  const ragged = [at("p[0].q[0].x"), at("p[0].q[1].x"), at("p[1].q[5].x")];
  expect(issueLines(ragged)).toEqual(["p[0].q[0,1].x: no oracle for USDC", "p[1].q[5].x: no oracle for USDC"]);
});

test("a single problem is one line; a long list ends with how many problems were left out", () => {
  expect(issuesText([at("steps", "expected a whole number")])).toBe("steps: expected a whole number");
  const many = Array.from({ length: 57 }, (_, k) => at(`f${k}`, `message ${k}`));
  const lines = issueLines(many);
  expect(lines).toHaveLength(21);
  expect(lines[20]).toBe("… and 37 more");
});
