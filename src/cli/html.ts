/** Writes an HTML report (`--html FILE`), with uPlot read from the installed package and inlined. @module */
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { renderHtml, type Section } from "../report/html.ts";
import { UsageError } from "./args.ts";

/**
 * Writes the report's file.
 * @param file where (`--html FILE`)
 * @param title its title
 * @param subtitle under it
 * @param sections its sections
 * @param inputs the scenario shown at the end
 * @returns the line the command prints about it
 */
export async function writeHtml(
  file: string,
  title: string,
  subtitle: string,
  sections: Section[],
  inputs: unknown,
): Promise<string> {
  const require = createRequire(import.meta.url);
  const [js, css] = await Promise.all([
    readFile(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8"),
    readFile(require.resolve("uplot/dist/uPlot.min.css"), "utf8"),
  ]);
  try {
    await writeFile(file, renderHtml({ title, subtitle, sections, inputs, uplot: { js, css } }));
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
  }
  return `report written to ${file}`;
}
