// Helpers shared by every page: building elements, commands, and live streams with a status dot.
"use strict";
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}
async function postCommand(url) {
  // The custom header is the anti-forgery check: a cross-site form cannot send it.
  const response = await fetch(url, { method: "POST", headers: { "X-Dashboard-Command": "1" } });
  if (!response.ok) alert((await response.text()) || response.statusText);
}
function liveStream(url, handlers) {
  const dot = document.getElementById("live");
  const source = new EventSource(url);
  source.onopen = () => dot && dot.classList.add("on");
  source.onerror = () => dot && dot.classList.remove("on");
  for (const [name, handler] of Object.entries(handlers)) source.addEventListener(name, e => handler(JSON.parse(e.data)));
  return source;
}
function time(value) { return value ? new Date(value).toLocaleTimeString() : ""; }
