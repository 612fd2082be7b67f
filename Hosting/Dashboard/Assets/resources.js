// Resources page: one row per resource, replaced whenever its snapshot changes; dependency graph below.
"use strict";
const rows = new Map();
const body = document.querySelector("#resources tbody");

function commandButtons(name, replica) {
  const query = replica === undefined ? "" : "?replica=" + replica;
  return ["stop", "start", "restart"].map(c => el("button", {
    "data-command": c, onclick: () => postCommand(`/api/resources/${encodeURIComponent(name)}/${c}${query}`),
  }, c[0].toUpperCase() + c.slice(1)));
}

function replicaCell(r, name) {
  return el("div", { class: "replica", "data-replica": r.index },
    `#${r.index} `, el("span", { class: "replica-state " + r.state }, r.state),
    r.startedAt ? ` started ${time(r.startedAt)}` : "", " restarts ", el("span", { class: "restarts" }, String(r.restartCount)),
    r.exitCode !== null && r.exitCode !== undefined ? ` exit ${r.exitCode}` : "",
    r.failureReason ? el("div", { class: "reason" }, r.failureReason) : null,
    " ", el("a", { href: `/logs?resource=${encodeURIComponent(name)}&replica=${r.index}` }, "logs"),
    " ", ...(r ? commandButtons(name, r.index) : []));
}

function render(v) {
  const old = rows.get(v.name);
  const envOpen = old && old.querySelector("details") && old.querySelector("details").open;
  const env = Object.entries(v.environment).map(([k, val]) => `${k}=${val}`).join("\n");
  const row = el("tr", { "data-resource": v.name },
    el("td", {}, v.type, v.isDevelopmentOnly ? el("div", { class: "devonly" }, "in-memory, development and tests only") : null),
    el("td", { class: "name" }, v.name),
    el("td", {}, el("span", { class: "state " + v.state }, v.state), v.hasHealthCheck ? "" : el("div", { class: "hint" }, "no health check")),
    el("td", {}, ...v.replicas.map(r => replicaCell(r, v.name))),
    el("td", {}, ...Object.entries(v.urls).map(([n, u]) => el("div", {}, `${n}: `,
      u.startsWith("http") ? el("a", { href: u, target: "_blank", rel: "noopener" }, u) : u))),
    el("td", {}, env ? el("details", envOpen ? { open: "" } : {}, el("summary", {}, `${Object.keys(v.environment).length} variables`), el("pre", {}, env)) : ""),
    el("td", { class: "resource-actions" }, ...(v.replicas.length ? commandButtons(v.name) : [])));
  if (old) old.replaceWith(row); else body.append(row);
  const known = rows.has(v.name);
  rows.set(v.name, row);
  resources.set(v.name, v);
  if (v.isDevelopmentOnly) document.getElementById("devkafka-note").hidden = false;
  if (!known) drawGraph();
}

const resources = new Map();
function drawGraph() {
  const all = [...resources.values()];
  const deps = v => [...new Set([...v.references, ...v.waitsFor])].filter(d => resources.has(d));
  const depth = new Map();
  const depthOf = (v, seen = new Set()) => {
    if (depth.has(v.name)) return depth.get(v.name);
    if (seen.has(v.name)) return 0;
    seen.add(v.name);
    const d = Math.max(-1, ...deps(v).map(n => depthOf(resources.get(n), seen))) + 1;
    depth.set(v.name, d);
    return d;
  };
  all.forEach(v => depthOf(v));
  const columns = [];
  for (const v of all) (columns[depth.get(v.name)] ||= []).push(v.name);
  const at = new Map(); const w = 150, h = 34, dx = 210, dy = 56;
  columns.forEach((names, c) => (names || []).forEach((n, i) => at.set(n, { x: 10 + c * dx, y: 10 + i * dy })));
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const height = 20 + dy * Math.max(1, ...columns.map(c => (c || []).length));
  svg.setAttribute("width", 20 + dx * columns.length); svg.setAttribute("height", height); svg.id = "graph-svg";
  svg.innerHTML = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#556"/></marker></defs>';
  const line = (a, b, dashed) => {
    const l = document.createElementNS(ns, "line");
    Object.entries({ x1: a.x, y1: a.y + h / 2, x2: b.x + w, y2: b.y + h / 2, stroke: "#556", "marker-end": "url(#arrow)" }).forEach(([k, v]) => l.setAttribute(k, v));
    if (dashed) l.setAttribute("stroke-dasharray", "5,4");
    svg.append(l);
  };
  for (const v of all) {
    for (const d of new Set(v.references)) if (at.has(d)) line(at.get(v.name), at.get(d), false);
    for (const d of new Set(v.waitsFor)) if (at.has(d) && !v.references.includes(d)) line(at.get(v.name), at.get(d), true);
  }
  for (const v of all) {
    const p = at.get(v.name);
    const g = document.createElementNS(ns, "g");
    g.setAttribute("data-node", v.name);
    g.innerHTML = `<rect x="${p.x}" y="${p.y}" width="${w}" height="${h}" rx="5" fill="#fff" stroke="#27304a"/><text x="${p.x + 8}" y="${p.y + 21}" font-size="13"></text>`;
    g.querySelector("text").textContent = v.name;
    svg.append(g);
  }
  document.getElementById("graph").replaceChildren(svg);
}

liveStream("/api/resources/stream", { resource: render });
