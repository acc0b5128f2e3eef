// The facilitator's page (also what a projector can show when the window is not used): the join code, the QR code
// and the address; who joined; the live tally; and Washington's side of the turn. The key is in the address's
// fragment (#...), which the browser never sends over the network.
"use strict";
(() => {
  const { el, w, connect, disconnect, send, widths } = Room;
  const game = document.getElementById("game"), errorBox = document.getElementById("join-error");
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  const key = fragment.get("key") || "", code = (fragment.get("code") || "").toUpperCase();
  let state = null, notice = "";
  connect(() => ({ t: "hello", role: "host", code, key }), (data) => {
    if (data.t === "state") { state = data; notice = ""; draw(); }
    else if (data.t === "error") {
      if (state) { notice = data.text; draw(); } else { disconnect(); errorBox.textContent = data.text; }   // refused
    }
  });

  function draw() {
    const s = state, parts = [];
    parts.push(el("div", { class: "card" }, el("div", { class: "kicker" }, w("turn", { turn: Math.min(s.turn + 1, s.turns), turns: s.turns, period: s.period })),
      el("h1", {}, s.campaign), el("p", { class: "dim" }, s.phase_text), notice ? el("p", { class: "error" }, notice) : null));
    parts.push(el("div", { class: "card joinbox" }, el("img", { src: "/qr.svg", alt: s.address }),
      el("div", {}, el("div", { class: "code", "data-code": s.code }, s.code), el("p", {}, w("join_at", { address: s.address, code: s.code })),
        el("p", { class: s.lan ? "lan" : "dim" }, s.lan_text),
        el("p", {}, w("joined", { n: s.joined })), el("p", { class: "names" }, s.names.join(" \u00b7 ")))));
    if (s.scores) parts.push(scores(s));
    else if (s.mode === "vote") parts.push(tally(s));
    else parts.push(orders(s), seats(s));
    game.replaceChildren(...parts);
    widths(game);
  }

  function tally(s) {
    const rows = s.allies.filter((a) => a.on_ballot).map((a) => {
      const most = Math.max(1, ...Object.values(a.tally));
      return el("div", { class: "card tally", "data-ally": a.id }, el("h2", {}, a.name, " ", el("span", { class: "dim small" }, w("votes_line", { n: a.votes, order: a.order }))),
        el("div", { class: "bars" }, a.orders.map((o) => el("div", { class: "bar" }, el("span", {}, el("span", { class: "chip o-" + o }), o),
          el("div", { class: "track" }, el("div", { class: "fill o-" + o, "data-w": (a.tally[o] || 0) / most })),
          el("span", { class: "val", "data-count": o }, String(a.tally[o] || 0))))),
        a.tie.length ? el("div", { class: "actions" }, el("span", {}, w("break_tie")), a.tie.map((o) =>
          el("button", { type: "button", onclick: () => send({ t: "break_tie", ally: a.id, order: o }) }, o))) : null);
    });
    const ballot = s.allies.filter((a) => a.on_ballot).map((a) => a.id);
    const toggles = el("div", { class: "card" }, el("p", { class: "small dim" }, w("on_ballot")),
      el("div", { class: "choices" }, s.allies.map((a) => el("button", { type: "button", "data-ballot": a.id, "aria-pressed": a.on_ballot ? "true" : "false",
        disabled: s.phase !== "voting", onclick: () => send({ t: "ballot", allies: a.on_ballot ? ballot.filter((x) => x !== a.id) : ballot.concat([a.id]) }) }, a.name))),
      s.allies.filter((a) => !a.on_ballot).map((a) => orderPicker(a, s.phase === "closed" || s.phase === "voting" || s.phase === "ties")));
    return el("div", {}, toggles, el("div", { class: "actions" },
      el("button", { type: "button", class: "primary", id: "close-votes", disabled: s.phase !== "voting", onclick: () => send({ t: "close_votes" }) }, w("close_votes")),
      el("button", { type: "button", id: "end-turn", disabled: s.phase === "ties", onclick: () => send({ t: "end_turn" }) }, w("end_turn"))), rows);
  }

  function orderPicker(a, enabled) {
    const pick = el("select", { "data-ally": a.id, "aria-label": a.name, disabled: !enabled }, a.orders.map((o) => el("option", { value: o, selected: o === a.order }, o)));
    pick.addEventListener("change", () => send({ t: "order", ally: a.id, order: pick.value }));
    return el("div", { class: "bar" }, el("span", {}, a.name), pick, el("span"));
  }

  function orders(s) {
    return el("div", { class: "card" }, el("div", { class: "bars" }, s.allies.map((a) => orderPicker(a, s.phase === "orders"))), el("div", { class: "actions" },
      el("button", { type: "button", class: "primary", id: "show-orders", disabled: s.phase !== "orders", onclick: () => send({ t: "show_orders" }) }, w("show_orders")),
      el("button", { type: "button", id: "end-turn", onclick: () => send({ t: "end_turn" }) }, w("end_turn"))));
  }

  function seats(s) {
    return el("div", { class: "card" }, el("h2", {}, w("messages")), s.seats.map((seat) => el("div", { class: "seat", "data-seat": seat.id },
      el("h3", {}, seat.name, " ", el("span", { class: "small dim" }, seat.members.join(", "))),
      Object.keys(seat.answers).length ? Object.entries(seat.answers).map(([ally, a]) => el("div", {},
        el("p", { class: "small mine" }, w("answered") + ": " + a.spending + " \u00b7 " + a.stance),
        a.message ? el("p", { class: "quote" }, a.message) : null)) : el("p", { class: "small dim" }, w("waiting")))));
  }

  function scores(s) {
    return el("div", { class: "card" }, el("h2", {}, w("scores")),
      el("div", { class: "scroll" }, el("table", {}, el("tr", {}, el("th", {}, ""), ["col_score", "col_security", "col_budget", "col_autonomy"].map((k) => el("th", { class: "num" }, w(k)))),
        el("tr", {}, el("td", {}, w("washington")), el("td", { class: "num" }, s.scores.washington.toFixed(1)), el("td"), el("td"), el("td")),
        s.scores.seats.filter((x) => x.played).map((x) => el("tr", {}, el("td", {}, x.name), el("td", { class: "num" }, x.score.toFixed(1)),
          el("td", { class: "num" }, x.security.toFixed(0)), el("td", { class: "num" }, x.budget.toFixed(0)), el("td", { class: "num" }, x.autonomy.toFixed(0)))))));
  }
})();
