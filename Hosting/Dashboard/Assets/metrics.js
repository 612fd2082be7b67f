// Metrics: every 5 s, ask the server for the charts (it queries Prometheus and InfluxDB) and draw each as inline SVG.
"use strict";
const COLORS = ["#2b6cb0", "#c05621", "#2f855a", "#9b2c2c", "#6b46c1", "#b7791f"];
const W = 420, H = 160, PAD = 36;

function draw(chart) {
  const box = el("div", { class: "chart", "data-chart": chart.title }, el("h3", {}, chart.title));
  const points = chart.series.flatMap(s => s.points);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", W); svg.setAttribute("height", H);
  const text = (x, y, s, anchor) => {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", x); t.setAttribute("y", y); t.setAttribute("font-size", "11"); t.setAttribute("fill", "#556");
    if (anchor) t.setAttribute("text-anchor", anchor);
    t.textContent = s; svg.append(t);
  };
  if (chart.error || points.length === 0) {
    text(W / 2, H / 2, chart.error ? `Error: ${chart.error}` : "No data yet", "middle");
    box.append(svg);
    return box;
  }
  const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1), y1 = Math.max(...ys, 1e-9);
  const sx = x => PAD + (x - x0) / (x1 - x0) * (W - PAD - 6), sy = y => H - 18 - y / y1 * (H - 30);
  const axis = document.createElementNS(ns, "path");
  axis.setAttribute("d", `M${PAD},8 V${H - 18} H${W - 6}`); axis.setAttribute("stroke", "#aab"); axis.setAttribute("fill", "none");
  svg.append(axis);
  text(PAD - 4, 14, `${+y1.toPrecision(3)} ${chart.unit}`, "end"); text(PAD - 4, H - 18, "0", "end");
  text(PAD, H - 4, time(x0)); text(W - 6, H - 4, time(x1), "end");
  chart.series.forEach((s, i) => {
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", s.points.map(p => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(" "));
    line.setAttribute("fill", "none"); line.setAttribute("stroke", COLORS[i % COLORS.length]); line.setAttribute("stroke-width", "1.5");
    svg.append(line);
  });
  box.append(svg, el("div", { class: "hint" }, ...chart.series.map((s, i) =>
    el("span", { style: `color:${COLORS[i % COLORS.length]};margin-right:10px` }, `\u25A0 ${s.name}`))));
  return box;
}

async function refresh() {
  const dot = document.getElementById("live");
  try {
    const [kafka, requests] = await Promise.all(["/api/metrics/kafka", "/api/metrics/requests"].map(async u => (await fetch(u)).json()));
    document.getElementById("charts").replaceChildren(...[...kafka, ...requests].map(draw));
    dot.classList.add("on");
  } catch (e) {
    dot.classList.remove("on");
  }
}
refresh();
setInterval(refresh, 5000);
