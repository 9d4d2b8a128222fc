/**
 * A self-contained HTML report: sections of charts (drawn by uPlot, inlined, so the file opens
 * from disk with no network) each with the numbers behind it as a table, and the inputs. The
 * charting library's text is passed in, so this module runs anywhere.
 * @module
 */

/** A chart: lines or bars over a shared x, with vertical marks (a VaR, a boundary). */
export interface Chart {
  title: string;
  kind: "lines" | "bars";
  xLabel: string;
  yLabel: string;
  x: number[];
  /** `dash`: drawn dashed in the colour of the series before it (a baseline beside its series). */
  series: { label: string; values: number[]; dash?: boolean }[];
  /** Vertical lines at x with a label. */
  marks?: { x: number; label: string }[];
}

/** A table under a chart or alone. */
export interface Table {
  title?: string;
  header: string[];
  rows: (string | number | null)[][];
}

/** A section of the report. */
export interface Section {
  title: string;
  text?: string;
  charts?: Chart[];
  tables?: Table[];
}

/** What a report is made of. */
export interface ReportInput {
  title: string;
  subtitle?: string;
  sections: Section[];
  /** The inputs (the scenario), shown as JSON at the end. */
  inputs?: unknown;
  /** uPlot's minified script and its stylesheet. */
  uplot: { js: string; css: string };
}

/** Rows shown under a chart at most (longer series are thinned evenly; the chart keeps every point). */
const TABLE_ROWS = 300;

const escaped = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

/** JSON safe inside a <script> element (no "</script>", no U+2028). */
const scriptJson = (x: unknown) =>
  JSON.stringify(x, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v))
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

/** Numbers to ten significant digits, thousands grouped: what a reader checks and a spreadsheet reads. */
const NUMBER = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 10 });

const cell = (v: string | number | null) =>
  v === null ? "" : typeof v === "number" ? (Number.isFinite(v) ? NUMBER.format(v) : "") : escaped(v);

function tableHtml(t: Table): string {
  const head = `<tr>${t.header.map((h) => `<th>${escaped(h)}</th>`).join("")}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((v) => `<td>${cell(v)}</td>`).join("")}</tr>`).join("\n");
  return `${t.title ? `<h4>${escaped(t.title)}</h4>` : ""}<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** A chart's numbers as a table, thinned to TABLE_ROWS rows. */
function chartTable(c: Chart): Table {
  const every = Math.max(1, Math.ceil(c.x.length / TABLE_ROWS));
  const rows: (number | null)[][] = [];
  for (let i = 0; i < c.x.length; i += every) rows.push([c.x[i], ...c.series.map((s) => s.values[i] ?? null)]);
  return {
    title: every > 1 ? `the numbers (every ${every}th point)` : "the numbers",
    header: [c.xLabel, ...c.series.map((s) => s.label)],
    rows,
  };
}

/**
 * The report as one HTML document.
 * @param r its title, sections, inputs and uPlot's text
 * @returns the HTML
 */
export function renderHtml(r: ReportInput): string {
  const charts: Chart[] = [];
  const sections = r.sections
    .map((s) => {
      const parts = (s.charts ?? []).map((c) => {
        const id = `chart-${charts.length}`;
        charts.push(c);
        return `<figure><figcaption>${escaped(c.title)}</figcaption><div class="chart" id="${id}"></div><details><summary>numbers</summary>${tableHtml(chartTable(c))}</details></figure>`;
      });
      const tables = (s.tables ?? []).map(tableHtml);
      return `<section><h2>${escaped(s.title)}</h2>${s.text ? `<p>${escaped(s.text)}</p>` : ""}${parts.join("")}${tables.join("")}</section>`;
    })
    .join("\n");
  const inputs =
    r.inputs === undefined
      ? ""
      : `<section><h2>Inputs</h2><details><summary>the scenario</summary><pre>${escaped(JSON.stringify(r.inputs, null, 2))}</pre></details></section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escaped(r.title)}</title>
<style>${r.uplot.css}
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1b1f24; }
h1 { margin-bottom: 0.2rem; } .sub { color: #57606a; margin-top: 0; }
section { margin: 2rem 0; } figure { margin: 1rem 0; } figcaption { font-weight: 600; margin-bottom: 0.3rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 0.5rem 0; }
th, td { border: 1px solid #d0d7de; padding: 2px 8px; text-align: right; } th:first-child, td:first-child { text-align: left; }
pre { background: #f6f8fa; padding: 0.8rem; overflow: auto; max-height: 30rem; }
.chart { min-height: 300px; }
</style></head>
<body>
<h1>${escaped(r.title)}</h1>${r.subtitle ? `<p class="sub">${escaped(r.subtitle)}</p>` : ""}
${sections}
${inputs}
<p class="sub">Made by fracture. Charts drawn by uPlot (MIT), inlined: this file needs no network.</p>
<script>${r.uplot.js}</script>
<script type="application/json" id="fracture-charts">${scriptJson(charts)}</script>
<script>${DRAW}</script>
</body></html>
`;
}

/** The page's script: each chart from its data, marks drawn on top. */
const DRAW = `(() => {
  const charts = JSON.parse(document.getElementById("fracture-charts").textContent);
  const palette = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#0550ae", "#a40e26", "#116329", "#6639ba", "#953800"];
  const width = () => Math.min(1060, document.body.clientWidth);
  const marks = (list) => ({
    hooks: {
      draw: [(u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = "#57606a"; ctx.fillStyle = "#57606a"; ctx.setLineDash([4, 4]);
        ctx.font = (12 * devicePixelRatio) + "px system-ui";
        for (const m of list) {
          const x = u.valToPos(m.x, "x", true);
          ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
          ctx.fillText(m.label, x + 4, u.bbox.top + 14 * devicePixelRatio);
        }
        ctx.restore();
      }],
    },
  });
  charts.forEach((c, i) => {
    const el = document.getElementById("chart-" + i);
    const bars = c.kind === "bars" ? uPlot.paths.bars({ size: [0.8, 40] }) : undefined;
    let colour = -1;
    const opts = {
      width: width(), height: 300,
      scales: { x: { time: false } },
      axes: [{ label: c.xLabel }, { label: c.yLabel, size: 70 }],
      series: [{ label: c.xLabel }, ...c.series.map((s) => {
        if (!s.dash || colour < 0) colour++;
        const stroke = palette[colour % palette.length];
        return {
          label: s.label, stroke, width: 1.5,
          ...(s.dash ? { dash: [6, 4] } : {}),
          ...(bars ? { paths: bars, fill: stroke + "88" } : {}),
        };
      })],
      plugins: c.marks && c.marks.length ? [marks(c.marks)] : [],
    };
    new uPlot(opts, [c.x, ...c.series.map((s) => s.values.map((v) => (v === null ? null : v)))], el);
    el.dataset.drawn = "1";
  });
})();`;
