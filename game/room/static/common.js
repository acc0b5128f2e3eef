// Shared by the students' and the facilitator's pages: the connection (reconnecting by itself) and small builders
// that put every text in as text (textContent), never as markup: nothing a student types can become a tag.
"use strict";
const Room = (() => {
  let socket = null, words = null, retry = 500, hello = null, handler = null, open = false;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function fmt(template, fields) {
    return String(template).replace(/\{(\w+)\}/g, (m, k) => (fields && k in fields ? String(fields[k]) : m));
  }

  function w(key, fields) { return fmt((words && words.page[key]) || key, fields); }

  function status(text, offline) {
    const node = document.getElementById("status");
    node.textContent = text;
    node.classList.toggle("offline", !!offline);
  }

  // Close the connection for good (no reconnecting): a hello the room refused would only be refused again.
  function disconnect() {
    if (socket) { socket.onclose = null; socket.onmessage = null; socket.close(); socket = null; open = false; }
  }

  function connect(makeHello, onMessage) {
    hello = makeHello; handler = onMessage;
    disconnect();   // a second try (another code typed) replaces the first connection rather than adding one
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws");
    socket.onopen = () => { open = true; retry = 500; socket.send(JSON.stringify(hello())); };
    socket.onmessage = (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.t === "welcome") { words = data.words; status(w("online")); }
      handler(data);
    };
    socket.onclose = () => {
      open = false;
      status(words ? w("offline") : "\u2026", true);
      setTimeout(() => connect(hello, handler), retry);
      retry = Math.min(retry * 2, 5000);
    };
  }

  function send(message) {
    if (socket && open) { socket.send(JSON.stringify(message)); return true; }
    return false;
  }

  function meter(label, value, shown, max) {
    const share = Math.max(0, Math.min(1, value / (max || 1)));
    return el("div", { class: "meter" },
      el("div", { class: "row" }, el("span", {}, label), el("span", { class: "val" }, shown)),
      el("div", { class: "track", role: "meter", "aria-valuemin": 0, "aria-valuemax": max || 1, "aria-valuenow": value,
                  "aria-label": label }, el("div", { class: "fill", style: null, "data-w": share })));
  }

  // Widths are set from data-w after building (a style attribute written by script is allowed by the page's CSP).
  function widths(root) {
    for (const node of root.querySelectorAll("[data-w]")) node.style.width = (Number(node.dataset.w) * 100) + "%";
    for (const node of root.querySelectorAll("[data-l]")) node.style.width = (Number(node.dataset.l) * 50) + "%";
  }

  function signedBar(label, value, scale, unit) {
    const share = Math.min(1, Math.abs(value) / (scale || 1));
    const sign = value >= 0 ? "+" : "\u2212";
    return el("div", { class: "bar" }, el("span", {}, label),
      el("div", { class: "axis" }, el("div", { class: "mid" }),
         el("div", { class: value >= 0 ? "pos" : "neg", "data-l": share })),
      el("span", { class: "val" }, sign + Math.abs(value).toFixed(2) + (unit || "")));
  }

  async function map(theatre, era, mine, allies, foes) {
    const holder = el("div", { class: "map" });
    try {
      const response = await fetch("/map/" + encodeURIComponent(era) + "/" + encodeURIComponent(theatre) + ".svg");
      if (!response.ok) return holder;
      const doc = new DOMParser().parseFromString(await response.text(), "image/svg+xml");
      const svg = doc.documentElement;
      if (svg.nodeName !== "svg") return holder;
      for (const [codes, cls] of [[allies, "ally"], [foes, "foe"], [mine, "mine"]]) {
        for (const iso of codes) { const path = svg.querySelector("#c-" + CSS.escape(iso)); if (path) path.classList.add(cls); }
      }
      holder.append(document.importNode(svg, true));
    } catch (e) { /* the page works without its map */ }
    return holder;
  }

  return { el, fmt, w, status, connect, disconnect, send, meter, widths, signedBar, map, words: () => words };
})();
