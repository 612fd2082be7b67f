// Console logs: a live tail of one replica. The server sends the last lines on open, then new ones in batches;
// the page keeps at most MAX_ROWS rows so 10,000 buffered lines never become 10,000 DOM nodes.
"use strict";
const MAX_ROWS = 2000;
const log = document.getElementById("log");
const select = document.getElementById("source");
const filter = document.getElementById("filter");
const status = document.getElementById("log-status");
let stream = null;

function append(lines) {
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 20;
  const fragment = document.createDocumentFragment();
  for (const line of lines) {
    fragment.append(el("div", { class: line.e ? "e" : "", "data-seq": line.s }, el("span", { class: "t" }, time(line.t)), line.x));
  }
  log.append(fragment);
  while (log.childElementCount > MAX_ROWS) log.firstElementChild.remove();
  status.textContent = `${log.childElementCount} lines shown`;
  if (atBottom) log.scrollTop = log.scrollHeight;
}

function open() {
  if (stream) stream.close();
  log.replaceChildren();
  const [resource, replica] = select.value.split("|");
  if (!resource) return;
  const query = `resource=${encodeURIComponent(resource)}&replica=${replica}`;
  document.getElementById("download").href = `/api/logs/download?${query}`;
  history.replaceState(null, "", `/logs?${query}`);
  stream = liveStream(`/api/logs/stream?${query}&filter=${encodeURIComponent(filter.value)}`, { lines: append });
}

async function init() {
  const resources = await (await fetch("/api/resources")).json();
  const wanted = new URLSearchParams(location.search);
  for (const r of resources) {
    r.replicas.forEach(rep => {
      const value = `${r.name}|${rep.index}`;
      const label = r.replicas.length > 1 ? `${r.name} #${rep.index}` : r.name;
      select.append(el("option", { value }, label));
    });
  }
  const pick = `${wanted.get("resource")}|${wanted.get("replica") || 0}`;
  if ([...select.options].some(o => o.value === pick)) select.value = pick;
  select.addEventListener("change", open);
  let timer = 0;
  filter.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(open, 300); });
  open();
}
init();
