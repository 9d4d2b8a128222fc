// uPlot charts that stay in place: a chart whose series keep their names gets the new data
// (setData), one whose series change is drawn anew. Each chart's element says data-drawn="<n>"
// after its n-th draw, which the browser test waits for.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const PALETTE = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#0550ae", "#a40e26", "#116329", "#953800"];
const charts = new Map(); // element id → { plot, key }

/** Vertical dashed lines at x with a label (a VaR, the lever's drop). */
const marksPlugin = (marks) => ({
  hooks: {
    draw: [
      (u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = ctx.fillStyle = "#57606a";
        ctx.setLineDash([4, 4]);
        ctx.font = `${12 * devicePixelRatio}px system-ui`;
        for (const [k, m] of marks().entries()) {
          if (!Number.isFinite(m.x)) continue;
          const x = u.valToPos(m.x, "x", true);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.fillText(m.label, x + 4, u.bbox.top + (14 + 14 * k) * devicePixelRatio); // stacked: marks may be close
        }
        ctx.restore();
      },
    ],
  },
});

/** NaN (an oracle publishing nothing) as a gap. */
const gaps = (values) => Array.from(values, (v) => (Number.isFinite(v) ? v : null));

/**
 * Draws or updates the chart in element `id`.
 * @param {string} id the element
 * @param {{ x: ArrayLike<number>, xLabel: string, yLabel: string, series: [string, ArrayLike<number>][], bars?: boolean, marks?: {x: number, label: string}[] }} c
 */
export function draw(id, c) {
  const el = document.getElementById(id);
  const key = JSON.stringify([c.xLabel, c.yLabel, c.bars, c.series.map(([label]) => label)]);
  const data = [Array.from(c.x), ...c.series.map(([, values]) => gaps(values))];
  let chart = charts.get(id);
  if (chart && chart.key === key) {
    chart.marks = c.marks ?? [];
    chart.plot.setData(data);
  } else {
    chart?.plot.destroy();
    const bars = c.bars ? uPlot.paths.bars({ size: [0.9, 60] }) : undefined;
    chart = { key, marks: c.marks ?? [] };
    const holder = chart;
    chart.plot = new uPlot(
      {
        width: el.clientWidth || 560,
        height: 260,
        scales: { x: { time: false } },
        axes: [{ label: c.xLabel }, { label: c.yLabel, size: 70 }],
        series: [
          { label: c.xLabel },
          ...c.series.map(([label], k) => ({
            label,
            stroke: PALETTE[k % PALETTE.length],
            width: 1.5,
            ...(bars ? { paths: bars, fill: `${PALETTE[k % PALETTE.length]}88` } : {}),
          })),
        ],
        plugins: [marksPlugin(() => holder.marks)],
      },
      data,
      el,
    );
    charts.set(id, chart);
  }
  el.dataset.drawn = String(Number(el.dataset.drawn ?? 0) + 1);
}

/** Keeps the charts as wide as their boxes. */
addEventListener("resize", () => {
  for (const [id, { plot }] of charts) {
    const width = document.getElementById(id).clientWidth;
    if (width && width !== plot.width) plot.setSize({ width, height: plot.height });
  }
});
