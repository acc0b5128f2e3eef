// The student's page: join with the room's code, then vote on Washington's orders (vote mode) or play one
// government (allies mode). The token the room gives is kept in this browser, so a page that slept or lost its
// connection rejoins the same seat by itself.
"use strict";
(() => {
  const { el, w, connect, disconnect, send, meter, widths, signedBar, map } = Room;
  const form = document.getElementById("join"), game = document.getElementById("game");
  const codeBox = document.getElementById("code"), nameBox = document.getElementById("name");
  const errorBox = document.getElementById("join-error");
  const hashCode = (location.hash.match(/code=([A-Za-z0-9]{1,12})/) || [])[1];
  if (hashCode) codeBox.value = hashCode.toUpperCase();
  let code = null, token = null, state = null, mapKey = "", mapNode = null, notice = "";
  const drafts = {};     // ally -> the answer being written (kept across redraws)

  function stored() { try { return JSON.parse(localStorage.getItem("fairshare-room") || "null"); } catch (e) { return null; } }
  function keep() { try { localStorage.setItem("fairshare-room", JSON.stringify({ code, token })); } catch (e) { /* private mode */ } }

  const saved = stored();
  if (saved && saved.token && (!hashCode || hashCode.toUpperCase() === saved.code)) { code = saved.code; token = saved.token; start(); }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    code = codeBox.value.trim().toUpperCase(); token = null;
    errorBox.textContent = "";
    start();
  });

  function start() {
    connect(() => (token ? { t: "hello", code, token } : { t: "hello", code, name: nameBox.value }), receive);
  }

  function receive(data) {
    if (data.t === "welcome") {
      token = data.token; keep();
      form.hidden = true; game.hidden = false;
    } else if (data.t === "state") {
      state = data; notice = ""; draw();
    } else if (data.t === "ack" && data.of === "vote" && state && state.ballot) {
      for (const item of state.ballot) if (item.ally === data.ally) item.mine = data.order;
      draw();
    } else if (data.t === "error") {
      if (!state) {     // the hello was refused: the form again, and no reconnecting with the same words
        disconnect();
        errorBox.textContent = data.text;
        if (token) { token = null; try { localStorage.removeItem("fairshare-room"); } catch (e) { /* */ } }
        form.hidden = false; game.hidden = true;
      } else { notice = data.text; draw(); }
    }
  }

  function header() {
    return el("div", { class: "card" },
      el("div", { class: "kicker" }, w("turn", { turn: Math.min(state.turn + 1, state.turns), turns: state.turns, period: state.period })),
      el("h1", {}, state.campaign), el("p", { class: "dim small" }, state.you, " \u00b7 ", state.phase_text),
      notice ? el("p", { class: "error", role: "alert" }, notice) : null);
  }

  function draw() {
    const parts = [header()];
    if (state.scores) parts.push(scores());
    else if (state.mode === "vote") parts.push(...ballot());
    else if (!state.seat) parts.push(seats());
    else parts.push(...seat());
    const typing = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.message : null;
    const caret = typing ? document.activeElement.selectionStart : 0;
    game.replaceChildren(...parts);
    widths(game);
    if (typing) {     // a redraw while a student types keeps the cursor in the message
      const box = game.querySelector('textarea[data-message="' + CSS.escape(typing) + '"]');
      if (box) { box.focus(); box.setSelectionRange(caret, caret); }
    }
  }

  function ballot() {
    if (state.phase !== "voting") return [el("div", { class: "card" }, el("p", {}, w("closed")))];
    const out = [el("p", { class: "dim" }, w("vote_intro"))];
    for (const item of state.ballot) {
      out.push(el("div", { class: "card ally", "data-ally": item.ally }, el("h2", {}, item.name),
        el("div", { class: "choices" }, item.orders.map((order) => el("button", {
          type: "button", "aria-pressed": item.mine === order ? "true" : "false", "data-order": order,
          onclick: () => send({ t: "vote", ally: item.ally, order, turn: state.turn }),
        }, el("span", { class: "chip o-" + order }), order))),
        el("p", { class: item.mine ? "mine small" : "dim small" }, item.mine ? w("voted", { order: item.mine }) : w("not_voted"))));
    }
    return out;
  }

  function seats() {
    return el("div", { class: "card" }, el("h2", {}, w("seat_intro")), el("div", { class: "choices" },
      state.seats.map((s) => el("button", { type: "button", "data-seat": s.id, onclick: () => send({ t: "seat", seat: s.id }) },
        s.name, el("br"), el("span", { class: "small dim" }, w("seat_taken", { n: s.members }))))));
  }

  function seat() {
    const out = [el("p", { class: "mine" }, w("your_seat", { seat: state.seat_name }))];
    const key = JSON.stringify(state.map);
    if (key !== mapKey) {
      mapKey = key; mapNode = el("div");
      const m = state.map;
      map(m.theatre, m.era, m.mine, m.allies, m.foes).then((node) => { mapNode.replaceChildren(node); });
    }
    out.push(el("div", { class: "card" }, el("h2", {}, w("map")), mapNode,
      el("div", { class: "legend" }, el("span", {}, el("i", { class: "key-mine" }), w("legend_mine")),
        el("span", {}, el("i", { class: "key-ally" }), w("legend_ally")), el("span", {}, el("i", { class: "key-foe" }), w("legend_foe")))));
    for (const ally of state.allies) out.push(allyCard(ally));
    return out;
  }

  function allyCard(ally) {
    const b = ally.brief, pct = (x) => x.toFixed(2);
    const card = el("div", { class: "card ally", "data-ally": ally.id }, el("h2", {}, ally.name),
      el("h3", {}, w("brief")),
      el("div", { class: "meters" },
        meter(w("spending"), b.spending, pct(b.spending) + " %", Math.max(b.ceiling, 1)),
        meter(w("threat"), b.threat, pct(b.threat)), meter(w("trust"), b.trust, pct(b.trust)),
        meter(w("alignment"), b.alignment, pct(b.alignment)), meter(w("hedging"), b.hedging, pct(b.hedging)),
        meter(w("presence"), b.presence, pct(b.presence))),
      el("p", { class: "small dim" }, w("ceiling", { ceiling: b.ceiling.toFixed(1) }), " \u00b7 ", w("budget", { budget: b.budget.toFixed(1) })),
      el("p", {}, ally.order ? w("washington_orders", { order: ally.order }) : w("orders_hidden")));
    if (ally.advice) {
      const a = ally.advice, delta = a.spending[1] - a.spending[0];
      card.append(el("h3", {}, w("advice")),
        el("p", { class: "small" }, w("advice_spending", { before: pct(a.spending[0]), after: pct(a.spending[1]), delta: (delta >= 0 ? "+" : "\u2212") + Math.abs(delta).toFixed(2) })),
        el("div", { class: "bars" }, a.factors.map(([name, value]) => signedBar(name, value, 0.5, " pp"))),
        el("p", { class: "small" }, w("advice_stance", { stance: Room.words().stance[a.stance] || a.stance })));
      card.append(answerForm(ally));
    }
    if (ally.answer) card.append(el("p", { class: "mine small" }, w("sent", { spending: ally.answer.spending, stance: ally.answer.stance })),
      ally.answer.message ? el("p", { class: "quote" }, ally.answer.message) : null);
    else if (ally.advice) card.append(el("p", { class: "dim small" }, w("not_answered")));
    return card;
  }

  function answerForm(ally) {
    const d = drafts[ally.id] || (drafts[ally.id] = { spending: (ally.answer || {}).spending || "own", stance: (ally.answer || {}).stance || "own", message: (ally.answer || {}).message || "" });
    const group = (kind, options, help, extra) => el("div", { class: "choices", role: "group", "aria-label": w("answer_" + kind) },
      options.map((o) => el("button", { type: "button", ["data-" + kind]: o, "aria-pressed": d[kind] === o ? "true" : "false",
        onclick: () => { d[kind] = o; draw(); } }, o, el("br"), el("span", { class: "small dim" }, help[o] || "", extra ? extra(o) : ""))));
    const choice = (o) => (ally.advice && ally.advice.choices[o] !== undefined ? " (" + ally.advice.choices[o].toFixed(2) + " %)" : "");
    const box = el("textarea", { maxlength: 280, "aria-label": w("message"), "data-message": ally.id });
    box.value = d.message;
    box.addEventListener("input", () => { d.message = box.value; });
    return el("form", { class: "answer", onsubmit: (e) => { e.preventDefault(); send({ t: "answer", ally: ally.id, spending: d.spending, stance: d.stance, message: d.message, turn: state.turn }); } },
      el("h3", {}, w("answer")), el("p", { class: "small dim" }, w("answer_spending")),
      group("spending", ally.allowed.spending, Room.words().spending, choice),
      el("p", { class: "small dim" }, w("answer_stance")), group("stance", ally.allowed.stance, Room.words().stance),
      el("label", { class: "small dim" }, w("message")), box,
      el("div", { class: "actions" }, el("button", { type: "submit", class: "primary" }, w("send"))));
  }

  function scores() {
    const s = state.scores, mine = state.allies ? state.allies.map((a) => a.id) : [];
    return el("div", { class: "card" }, el("h2", {}, w("scores")), el("p", {}, w("over")),
      el("div", { class: "scroll" }, el("table", {}, el("tr", {}, el("th", {}, ""), ["col_score", "col_security", "col_budget", "col_autonomy"].map((k) => el("th", { class: "num" }, w(k)))),
        el("tr", {}, el("td", {}, w("washington")), el("td", { class: "num" }, s.washington.toFixed(1)), el("td"), el("td"), el("td")),
        s.seats.filter((x) => x.played || mine.includes(x.ally)).map((x) => el("tr", { class: mine.includes(x.ally) ? "mine" : "" },
          el("td", {}, x.name), el("td", { class: "num" }, x.score.toFixed(1)), el("td", { class: "num" }, x.security.toFixed(0)),
          el("td", { class: "num" }, x.budget.toFixed(0)), el("td", { class: "num" }, x.autonomy.toFixed(0)))))));
  }
})();
