/**
 * valibot's issues as a scenario's problems: the path as users write it, the innermost message,
 * and for an unknown field the nearest known name (`shocks: unknown field (did you mean
 * "shock"?)`). The known names come from the schema itself, found by walking it along the
 * issue's path, so they stay right inside variants (`venues[0]` of type orderBook) and records.
 * @module
 */
import leven from "leven";
import * as v from "valibot";
import { pathOf } from "../issues.ts";
import type { ScenarioIssue } from "./error.ts";

/** The parts of a valibot schema the walk reads (public properties of its schema objects). */
interface Node {
  type: string;
  entries?: Record<string, Node>;
  wrapped?: Node;
  options?: Node[];
  key?: unknown;
  item?: Node;
  items?: Node[];
  value?: Node;
}

/**
 * Problems of one failed parse, each said once (one failure can trip several checks of a pipe:
 * Infinity is neither finite nor at most the bound).
 * @param issues valibot's issues
 * @param schema the schema they came from, for the names an unknown field could have meant
 */
export function explain(issues: readonly v.BaseIssue<unknown>[], schema: v.GenericSchema): ScenarioIssue[] {
  const out = new Map<string, ScenarioIssue>();
  collect(issues, schema as unknown as Node, "", out);
  return [...out.values()];
}

function collect(issues: readonly v.BaseIssue<unknown>[], root: Node, prefix: string, out: Map<string, ScenarioIssue>) {
  for (const issue of issues) {
    const path = pathOf(prefix, issue.path) || "(scenario)";
    if (issue.type === "union") {
      // valibot says only "none of the options" when every option failed; when the input's
      // shape picks one (an array, or an object with its keys), that option's own problems
      // are the ones to show: `positions[0].acount`, not "expected an array of positions"
      const option = fitting(unionAt(root, issue.path ?? []), issue.input);
      const inner = option && v.safeParse(option as unknown as v.GenericSchema, issue.input, { abortEarly: false });
      if (option && inner && !inner.success) {
        collect(inner.issues, option, path, out);
        continue;
      }
    }
    const message = leaf(issue, root);
    out.set(`${path}: ${message}`, { path, message });
  }
}

/** The innermost message of an issue (a union's issue carries its members' issues). */
function leaf(issue: v.BaseIssue<unknown>, schema: Node): string {
  if (issue.type === "strict_object") {
    if (issue.expected === "never") return unknownField(String(issue.input), knownKeys(schema, issue.path ?? []));
    return "missing (a required field)";
  }
  return issue.message;
}

/**
 * What an unknown field could have meant.
 * @param key the field given
 * @param known the fields its object takes
 * @returns `unknown field (did you mean "shock"?)`, or the list of fields when none is near
 */
export function unknownField(key: string, known: readonly string[]): string {
  const near = nearest(key, known);
  if (near !== undefined) return `unknown field (did you mean "${near}"?)`;
  return known.length > 0 ? `unknown field (expected one of ${known.join(", ")})` : "unknown field";
}

/**
 * The known name nearest `key` in edit distance, ignoring case, if it is near enough to be a
 * typo: at most 1 edit up to 5 characters, 2 up to 8, 3 beyond (a third of the length, at most 3).
 */
export function nearest(key: string, known: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    const d = leven(key.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** The fields of the object holding an unknown key, found by walking the schema along the key's path. */
function knownKeys(schema: Node, path: readonly v.IssuePathItem[]): string[] {
  if (path.length === 0) return [];
  const holders = walk(schema, path.slice(0, -1))
    .flatMap((n) => concrete(n, path[path.length - 1].input))
    .filter((n) => n.entries);
  return [...new Set(holders.flatMap((n) => Object.keys(n.entries as object)))];
}

/** The schemas at the end of a path, each path item's input choosing among variants. */
function walk(schema: Node, path: readonly v.IssuePathItem[]): Node[] {
  let nodes = [schema];
  for (const item of path) nodes = nodes.flatMap((n) => concrete(n, item.input)).flatMap((n) => child(n, item.key));
  return nodes;
}

/** The union an issue of type "union" came from. */
function unionAt(schema: Node, path: readonly v.IssuePathItem[]): Node | undefined {
  const unwrap = (n: Node): Node => (n.wrapped ? unwrap(n.wrapped) : n);
  return walk(schema, path)
    .map(unwrap)
    .find((n) => n.type === "union");
}

/**
 * The one option of a union that the input's shape points to: its array option for an array,
 * else the object option sharing the most keys with the input (none on a tie).
 */
function fitting(union: Node | undefined, value: unknown): Node | undefined {
  const options = union?.options ?? [];
  if (Array.isArray(value)) {
    const arrays = options.filter((o) => o.item || o.items);
    return arrays.length === 1 ? arrays[0] : undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const keys = Object.keys(value);
  const scored = options
    .filter((o) => o.entries)
    .map((o) => ({ o, score: keys.filter((k) => Object.hasOwn(o.entries as object, k)).length }))
    .sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  return first && first.score > 0 && !(second && second.score === first.score) ? first.o : undefined;
}

/** The schemas `value` is checked against where `node` stands: optional and nullable unwrapped, a variant's option chosen by its key. */
function concrete(node: Node, value: unknown): Node[] {
  if (node.wrapped) return concrete(node.wrapped, value);
  if (node.type === "variant" && node.options) {
    const key = node.key as string;
    const tag = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    return node.options
      .filter((o) => o.type === "variant" || (o.entries?.[key] && v.is(o.entries[key] as never, tag)))
      .flatMap((o) => concrete(o, value));
  }
  if (node.type === "union" && node.options) return node.options.flatMap((o) => concrete(o, value));
  return [node];
}

/** The schema of `key` inside `node`: an object's entry, a record's value, an array's item. */
function child(node: Node, key: unknown): Node[] {
  if (node.entries) return typeof key === "string" && Object.hasOwn(node.entries, key) ? [node.entries[key]] : [];
  if (node.type === "record" && node.value) return [node.value];
  if (node.item && typeof key === "number") return [node.item];
  if (node.items && typeof key === "number" && node.items[key]) return [node.items[key]];
  return [];
}
