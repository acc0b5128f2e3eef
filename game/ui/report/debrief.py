"""The end of the game: the four pillars, the score judged against holding and the adviser on the same dice, a short
account (key happenings, best and worst ally moves), and the way back to the title."""
from __future__ import annotations

from collections import Counter

import pygame

from game.analysis.verdict import MARGIN, judge
from game.campaign.model import ORDERS
from game.i18n import _, ngettext, num
from game.sim.explain import ISSUES, happenings, order_name
from game.sim.outcome import outcome
from game.ui import bindings, flow
from game.ui.charts import line_chart
from game.ui.layout import columns, row_buttons
from game.ui.report import whatif_job
from game.ui.report.endnotes import draw_notes, pair_line
from game.ui.report.endtable import heads, table_cells, table_shape
from game.ui.report.export import export
from game.ui.scene import Scene
from game.ui.theme import OKABE_ITO
from game.ui.widgets import Button
from game.ui.wording import PILLAR_TITLES


def own_way_note(session) -> str:
    """The named issues allies went their own way on as they grew stronger (the dilemma proper), or nothing."""
    gone = {}
    for report in session.reports:
        for i in map(int, report.own_way[0].nonzero()[0]):
            adv = session.campaign.adversaries[int(session.world.adversary[i])].name
            gone.setdefault(session.campaign.allies[i].name, []).append(
                _(ISSUES[int(report.own_way[0, i]) - 1]).format(adversary=adv))
    if not gone:
        return ""
    # counted on the card (it stays as short as its neighbours); the key happenings name each issue and when
    allies, issues = len(gone), sum(len(v) for v in gone.values())
    went = ngettext("Grown stronger, {n} ally went its own way", "Grown stronger, {n} allies went their own way",
                    allies).format(n=allies)
    return " " + ngettext("{went} on {n} issue (see the key happenings).",
                          "{went} on {n} issues (see the key happenings).", issues).format(went=went, n=issues)


def moved(delta: float) -> str:
    """'rose by 0.04', 'fell by 0.02', or 'held steady' when the change rounds to nothing at two decimals."""
    if round(abs(delta), 2) == 0:
        return _("held steady")
    return (_("rose by {amount}") if delta > 0 else _("fell by {amount}")).format(amount=num(abs(delta)))


def account(session) -> dict:
    """Everything the end screen says, read off the finished session."""
    s, c, start = session.state, session.campaign, session.start
    o = session.outcome()
    pillars = {p: float(getattr(o, p)[0]) for p in PILLAR_TITLES}
    aggr = int(s.aggressions[0])
    nukes, realigned, stopped = int(s.nuclear[0].sum()), int(s.realigned[0].sum()), int(s.renounced[0].sum())
    # Deterrence is graded by the risk the U.S. ran, and a little by the attacks that succeeded; a probe turned
    # back costs nothing, so the note says so rather than count it against the player.
    repelled = sum(int((r.probe[0] & ~r.aggression[0]).sum()) for r in session.reports)
    trust_d = float(s.trust[0].mean() - start.trust[0].mean())
    hedging_d = float(s.hedging[0].mean() - start.hedging[0].mean())
    own_way = own_way_note(session)
    notes = {
        "deterrence": _("The risk you ran: {risk} expected successful attacks; ").format(
                          risk=num(float(s.risk_total[0])))
                      + (_("none succeeded") if aggr == 0 else _("{n} succeeded").format(n=aggr))
                      + (" " + ngettext("({n} probe turned back).", "({n} probes turned back).", repelled).format(
                          n=repelled) if repelled else "."),
        "burden": _("Allies carried {share} % of the common defence; the U.S. spent {cost} % of its budget.").format(
                      share=num(float(o.burden_share[0]) * 100, 0), cost=num(float(o.us_cost_ratio[0]) * 100, 0)),
        "influence": _("How closely the allies follow Washington, weighted by the size of their economies.") + own_way,
        "cohesion": _("Average trust {trust}, hedging {hedging}. ").format(trust=moved(trust_d),
                                                                          hedging=moved(hedging_d))
                    + (_("No ally went nuclear or made its own deal.") if nukes + realigned == 0 else
                       ngettext("{n} nuclear programme", "{n} nuclear programmes", nukes).format(n=nukes) + ", "
                       + ngettext("{n} deal with the adversary.", "{n} deals with the adversary.",
                                  realigned).format(n=realigned))
                    + (" " + ngettext("{n} programme given up under U.S. pressure.",
                                      "{n} programmes given up under U.S. pressure.", stopped).format(n=stopped)
                       if stopped else ""),
    }
    events = []
    for i, report in enumerate(session.reports):
        # dated by the turn whose news first showed it (the turn a campaign file names for a scripted event),
        # not by the turn whose resolution set it off
        when = c.calendar.label(i + 1) if i + 1 < c.turns else _("At the end")
        for h in happenings(report, session.history[i + 1]):
            if h.kind != "event" or h.grave:
                events.append(f"{when}: {h.title}" + (_(" (turned back)") if h.kind == "probe" else ""))
    moves = []
    for i, a in enumerate(c.allies):
        d = {v: float(getattr(s, v)[0, i] - getattr(start, v)[0, i]) for v in ("spending", "trust", "alignment",
                                                                               "hedging")}
        broke = bool(s.nuclear[0, i] or s.realigned[0, i])
        value = d["trust"] + d["alignment"] - 2 * d["hedging"] - (1.0 if broke else 0.0)
        used = Counter(ORDERS[int(r.orders[0, i])] for r in session.reports)
        orders = ", ".join(f"{order_name(o)} ×{n}" for o, n in used.most_common(3))
        f = {f"{v}_{k}": num(float(getattr(state, v)[0, i])) for v in d for k, state in (("0", start), ("1", s))}
        broken = _(" (broke ranks)") if broke else ""
        text = _("spending {spending_0} → {spending_1} % GDP, trust {trust_0} → {trust_1}, alignment {alignment_0} → "
                 "{alignment_1}, hedging {hedging_0} → {hedging_1}{broke}. Your orders: {orders}.").format(
                     broke=broken, orders=orders, **f)
        # a line for a short panel: the relationship's figures alone
        short = _("trust {trust_0} → {trust_1}, alignment {alignment_0} → {alignment_1}, hedging {hedging_0} → "
                  "{hedging_1}{broke}").format(broke=broken, **f)
        better = round(d["trust"], 2) >= 0 and round(d["hedging"], 2) <= 0 and not broke and value > 0
        moves.append((value, a.name, text, short, better))
    moves.sort(key=lambda m: (m[0], m[1]))
    best, worst = (moves[-1] if moves else None), (moves[0] if len(moves) > 1 else None)
    history = [outcome(st, start) for st in session.history[1:]]   # judged after each turn played
    trend = {p: [float(getattr(h, p)[0]) for h in history] for p in PILLAR_TITLES}
    trend["score"] = [float(h.score[0]) for h in history]
    table = [(a.name, float(start.spending[0, i]), float(s.spending[0, i]), float(s.trust[0, i]),
              float(s.alignment[0, i]), float(s.hedging[0, i]), bool(s.nuclear[0, i] or s.realigned[0, i]))
             for i, a in enumerate(c.allies)]
    # the headings say no more than the figures: an ally whose trust fell or whose hedging rose is no "best
    # relationship", only the least strained one; one whose relationship did not worsen is not "strained"
    labels = (_("YOUR BEST ALLY RELATIONSHIP") if best and best[4] else _("THE LEAST STRAINED ALLY"),
              _("YOUR MOST STRAINED ALLY") if worst and worst[0] < 0 else _("YOUR WEAKEST ALLY RELATIONSHIP"))
    short = {**notes, "influence": notes["influence"][:len(notes["influence"]) - len(own_way)]}
    return {"pillars": pillars, "score": float(o.score[0]), "verdict": judge(session), "notes": notes,
            "short_notes": short,
            "events": events, "best": best, "worst": worst, "move_labels": labels,
            "trend": trend, "table": table, "labels": [c.calendar.label(t) for t in range(len(session.history) - 1)]}


class EndScene(Scene):
    name = "end"

    def __init__(self, app):
        super().__init__(app)
        self.data = account(app.session)

    def layout(self, size) -> None:
        ink, th = self.ink, self.theme
        w, h = size
        m = th.px(64)
        bh = ink.lh("body", True) + th.tx(26)
        self.head = pygame.Rect(m, th.px(36), w - 2 * m, ink.lh("small", True) + ink.lh("h1", True))
        self.bottom = pygame.Rect(m, h - th.px(32) - bh, w - 2 * m, bh)
        score_w = th.tx(330)
        top = self.head.bottom + th.px(24)
        pad = th.tx(22)
        self.cards = columns(pygame.Rect(m + score_w + th.px(20), top, w - 2 * m - score_w - th.px(20), 0),
                             [1, 1, 1, 1], th.px(16))
        # Tall enough for the longest note and the verdict's title in full: the words explain the numbers. The
        # issues allies went their own way on (which the key happenings list) are added to the influence card only
        # where they make it no taller than the others: the story under the cards keeps its room for the values.
        v = self.data["verdict"]
        cw = self.cards[0].w - 2 * pad
        tallest = max(ink.para_height(n, cw, "small") for n in self.data["short_notes"].values())
        full = ink.para_height(self.data["notes"]["influence"], cw, "small") <= tallest
        self.notes = self.data["notes"] if full else self.data["short_notes"]
        card_h = max(ink.lh("small", True) + ink.lh("h1", True) + th.tx(60) + max(tallest, ink.lh("small") * 3),
                     2 * pad + ink.lh("small", True) + ink.lh("hero", True)
                     + ink.para_height(v.title, score_w - 2 * pad, "h3", True))
        self.score_rect = pygame.Rect(m, top, score_w, card_h)
        for card in self.cards:
            card.h = card_h
        # The comparison that gives the score its meaning, across the whole width under the cards.
        self.sentence = pygame.Rect(m, top + card_h + th.px(14), w - 2 * m,
                                    ink.para_height(v.sentence, w - 2 * m, "body"))
        story_top = self.sentence.bottom + th.px(14)
        self.story = pygame.Rect(m, story_top, w - 2 * m, self.bottom.y - th.px(24) - story_top)
        self._place_story()
        # the buttons sized to their words, so that a passing message keeps a gap in the row (Scene.toast_area);
        # where the row is short, "Back to the title" says "Title", as on the play screen
        items = [("L", _("Turn reports")), ("W", _("What if?")), ("E", _("Export")), ("S", _("Save for hand-in"))]
        gap = th.px(12)
        snug = sum(ink.width(label, "body", True) + ink.width(k, "small", True) + th.tx(58) for k, label in items)
        toast = ink.width(_("Saved for hand-in"), "small", True) + th.tx(48) + 2 * gap
        for leave in (_("Back to the title"), _("Title")):
            title = pygame.Rect(0, 0, ink.width(leave, "body", True) + ink.width("Enter", "small", True) + th.tx(58),
                                bh)
            room = self.bottom.w - title.w - gap
            if snug + 3 * gap + toast <= room:
                break
        title.bottomright = self.bottom.bottomright
        row = row_buttons(ink, pygame.Rect(self.bottom.x, self.bottom.y,
                                           room - toast if snug + 3 * gap + toast <= room else room, bh), items, gap)
        self.buttons = [Button(bid, label, r, key=k) for bid, (k, label), r in
                        zip(("reports", "whatif", "export", "hand_in"), items, row)]
        self.buttons.append(Button("title", leave, title, key="Enter", style="primary"))

    def on_button(self, bid: str) -> None:
        if bid == "title":
            self._leave()
        elif bid == "reports" and self.session.reports:
            self.app.show("report", len(self.session.reports) - 1)
        elif bid == "whatif":
            self.app.show("whatif")
        elif bid == "export":
            export(self.app)
        elif bid == "hand_in":
            flow.hand_in(self.app)

    def on_key(self, event) -> bool:
        if event.key in bindings.ENTER:
            self.on_button("title")
        elif event.key in (pygame.K_l, pygame.K_w, pygame.K_e, pygame.K_s):
            self.on_button({pygame.K_l: "reports", pygame.K_w: "whatif", pygame.K_e: "export",
                            pygame.K_s: "hand_in"}[event.key])
        elif event.key in bindings.HELP_KEYS:
            self.app.show("help")
        else:
            return False
        return True

    def on_back(self) -> None:
        self.on_button("title")

    def _leave(self) -> None:
        """Back to the title; a team's game not yet handed in (nor saved by name) asks first."""
        def go():
            self.app.session = None
            self.app.reset_to_title()
        if self.app.team and self.app.unsaved:
            self.app.confirm(_("Leave without handing in?"),
                             _("{team}'s game is not saved for hand-in yet. Press S on this screen to save it "
                               "for your instructor; the autosave keeps it too (Load on the title screen).").format(
                                 team=self.app.team), go, yes=_("Leave"), no=_("Stay"), kicker=_("Hand-in"))
        else:
            go()

    def update(self, dt: float) -> bool:
        return whatif_job.working(self.session)   # redraw until the what-if's line can be shown

    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        d = self.data
        surface.fill(pal["bg"])
        ink.text(surface, _("CAMPAIGN COMPLETE"), self.head.topleft, "small", pal["accent"], True)
        ink.text(surface, self.session.campaign.name, (self.head.x, self.head.y + ink.lh("small", True)), "h1",
                 pal["text"], True, max_w=self.head.w)
        r = self.score_rect
        ink.panel(surface, r, pal["card_hi"], pal["select"], radius=th.px(14), width=max(2, th.px(3)))
        pad = th.tx(22)
        ink.text(surface, _("FINAL SCORE"), (r.x + pad, r.y + pad), "small", pal["select"], True)
        big = ink.text(surface, num(d['score'], 0), (r.x + pad, r.y + pad + ink.lh("small", True)), "hero",
                       pal["text"], True)
        ink.text(surface, "/ 100", (big.right + th.tx(8), big.bottom - th.tx(22)), "h3", pal["dim"], True,
                 "bottomleft")
        v = d["verdict"]
        ink.para(surface, v.title, pygame.Rect(r.x + pad, big.bottom, r.w - 2 * pad, r.bottom - big.bottom), "h3",
                 pal["bad"] if v.score < v.hold - MARGIN else pal["text"], True)
        ink.para(surface, v.sentence, self.sentence, "body", pal["text"])
        for card, (key, value) in zip(self.cards, d["pillars"].items()):
            ink.panel(surface, card, pal["panel"], radius=th.px(14))
            x, y, cw = card.x + pad, card.y + pad, card.w - 2 * pad
            ink.text(surface, PILLAR_TITLES[key].upper(), (x, y), "small", pal["accent"], True, max_w=cw)
            y += ink.lh("small", True)
            shown = ink.text(surface, num(value, 0), (x, y), "h1", pal["text"], True)
            _mine, hold, adviser = v.pillars[key]
            self._draw_others(surface, shown, card.right - pad, hold, adviser)
            y += ink.lh("h1", True) + th.tx(4)
            ink.bar(surface, pygame.Rect(x, y, cw, th.tx(12)), value / 100,
                    pal["good_fill"] if value >= 50 else pal["bad"], marker=0.5)
            y += th.tx(24)
            ink.para(surface, self.notes[key], pygame.Rect(x, y, cw, card.bottom - y - th.tx(8)), "small", pal["dim"])
        self._draw_story(surface)
        self.draw_buttons(surface)

    def _draw_others(self, surface, shown: pygame.Rect, right: int, hold: float, adviser: float) -> None:
        """The same pillar under hold and the adviser, beside the player's value: on one line where it fits,
        else stacked."""
        ink, th, pal = self.ink, self.theme, self.pal
        line = _("hold {hold} · adviser {adviser}").format(hold=num(hold, 0), adviser=num(adviser, 0))
        room = right - shown.right - th.tx(10)
        if ink.width(line, "small") <= room:
            ink.text(surface, line, (right, shown.centery), "small", pal["dim"], anchor="midright")
            return
        # stacked, with the adviser's label shortened if need be; where even that cannot sit beside the value it
        # is left out (the score card's verdict line still compares with both)
        first = _("hold {hold}").format(hold=num(hold, 0))
        for second in (_("adviser {adviser}").format(adviser=num(adviser, 0)),
                       _("adv. {adviser}").format(adviser=num(adviser, 0))):
            if max(ink.width(first, "small"), ink.width(second, "small")) <= room:
                ink.text(surface, first, (right, shown.centery), "small", pal["dim"], anchor="bottomright")
                ink.text(surface, second, (right, shown.centery), "small", pal["dim"], anchor="topright")
                return

    def _place_story(self) -> None:
        """The story panel's two columns and where the chart goes: above the table where the table leaves it
        room enough, else at the foot of the left column, under the key happenings, before the notes on single
        allies (values first, then the chart, then the words). None where it fits nowhere."""
        ink, th = self.ink, self.theme
        inner = self.story.inflate(-2 * th.tx(26), -2 * th.tx(26))
        # the table of allies gets more of the width where it would otherwise hide some of them
        self.left, self.right = columns(inner, [1, 1.25], th.px(48))
        if not table_shape(ink, self.right, self.data["table"])[2]:
            self.left, self.right = columns(inner, [1, 1.8], th.px(48))
        # the least height a chart is drawn at: its five lines named one above the other at its right
        head, least = ink.lh("small", True) + th.tx(6), max(th.tx(90), 5 * ink.lh("small", True))
        above = self._chart_h(self.right)
        # else under the key happenings, to the column's foot, where that leaves two of them (or all) listed whole
        shown, events_h = self._events_shown(self.left.h - head - least - th.tx(14))
        top = self.left.y + events_h + th.tx(14) + head
        below = self.left.bottom - top if shown >= min(2, len(self._events())) else 0
        # above the table where it is roomy there, or at least where it is taller there than it would be on the
        # left (which costs the notes on single allies)
        self.chart_above = above >= least and (above >= 1.5 * least or above >= below)
        if self.chart_above:
            self.chart_rect = pygame.Rect(self.right.x, self.right.y + head, self.right.w, above)
        else:
            self.chart_rect = pygame.Rect(self.left.x, top, self.left.w, below) if below >= least else None

    def _events(self) -> list[str]:
        return self.data["events"] or ["No attack, no crisis beyond the ordinary, no ally broke ranks."]

    def _events_shown(self, room: int) -> tuple[int, int]:
        """How many key happenings are listed whole in `room` pixels of the left column, with room for the
        "… and N more" line under them where some are left out, and the height the list takes with its heading."""
        ink, th = self.ink, self.theme
        items = self._events()
        y = ink.lh("small", True) + th.tx(8)
        for n, item in enumerate(items):
            h = ink.para_height(item, self.left.w - th.tx(24), "body") + th.tx(4)
            if y + h + (0 if n == len(items) - 1 else ink.lh("small")) > room:
                return n, y + ink.lh("small")
            y += h
        return len(items), y

    def _draw_story(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        ink.panel(surface, self.story, pal["panel"], radius=th.px(14))
        left, right, chart, chart_above = self.left, self.right, self.chart_rect, self.chart_above
        # the words of the left column stop above the chart where it is there
        bottom = chart.y - ink.lh("small", True) - th.tx(6) - th.tx(14) if chart and not chart_above else left.bottom
        self._draw_trends(surface, right, chart_above)
        y = left.y
        ink.text(surface, _("KEY HAPPENINGS"), (left.x, y), "small", pal["accent"], True)
        y += ink.lh("small", True) + th.tx(8)
        items = self._events()
        shown, _rest = self._events_shown(bottom - left.y)
        # a long list of happenings leaves the notes on single allies a line at least (the turn reports have the
        # rest), keeping two happenings
        pair = ink.para_height(pair_line(self.data), left.w, "small") + th.tx(14) if pair_line(self.data) else 0
        if pair and not (chart and not chart_above) and shown < len(self._events()):
            fewer, _rest = self._events_shown(bottom - left.y - pair)
            shown = fewer if fewer >= min(2, len(self._events())) else shown
        for item in items[:shown]:
            ink.text(surface, "•", (left.x, y), "body", pal["accent"], True)
            y = ink.para(surface, item, pygame.Rect(left.x + th.tx(24), y, left.w - th.tx(24), bottom - y),
                         "body", pal["text"]) + th.tx(4)
        if shown < len(items):
            more = _("… and {n} more").format(n=len(items) - shown)
            ink.text(surface, more + _(" (see the turn reports)") if ink.width(more + _(" (see the turn reports)"),
                     "small") <= left.w else more, (left.x, y), "small", pal["dim"])
            y += ink.lh("small")
        y += th.tx(14)
        # the notes on single allies and skill or luck: under the key happenings, then under the table for what does
        # not fit there (where the chart is not on the left, under them both)
        under_table = right.y + self._table_h(right) + th.tx(14) if not chart_above else right.bottom
        columns_free = [pygame.Rect(right.x, under_table, right.w, max(0, right.bottom - under_table))]
        if chart and not chart_above:
            self._draw_chart(surface)
        else:
            columns_free.insert(0, pygame.Rect(left.x, y, left.w, bottom - y))
        draw_notes(self, surface, columns_free)

    def _table_h(self, rect: pygame.Rect) -> int:
        """The height of "Where your allies ended" in `rect`, with every ally's row (values before the chart)."""
        ink, th = self.ink, self.theme
        rows = self.data["table"]
        n_cols, role, _widths = table_shape(ink, rect, rows)
        return ink.lh("small", True) + th.tx(4) + ink.lh("tiny", True) + -(-len(rows) // n_cols) * ink.lh(role) \
            + th.tx(4)

    def _chart_h(self, rect: pygame.Rect) -> int:
        """The chart's height above the table in `rect`: what the table leaves."""
        return rect.h - self._table_h(rect) - self.ink.lh("small", True) - self.theme.tx(20)

    def _draw_chart(self, surface) -> None:
        """The pillars and the score after each turn, its heading above it."""
        ink, th, pal = self.ink, self.theme, self.pal
        d, chart = self.data, self.chart_rect
        ink.text(surface, _("THE PILLARS, TURN BY TURN"), (chart.x, chart.y - ink.lh("small", True) - th.tx(6)),
                 "small",
                 pal["accent"], True)
        colors = {"deterrence": OKABE_ITO["sky"], "burden": OKABE_ITO["orange"], "influence": OKABE_ITO["green"],
                  "cohesion": OKABE_ITO["purple"], "score": pal["text"]}
        series = [(PILLAR_TITLES.get(k, _("Score")), d["trend"][k], colors[k]) for k in colors]
        line_chart(ink, surface, chart, series, 0, 100, d["labels"], [0, 25, 50, 75, 100])

    def _draw_trends(self, surface, rect: pygame.Rect, chart_above: bool) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        rows = self.data["table"]
        head = ink.lh("small", True) + th.tx(4)
        n_cols, role, _widths = table_shape(ink, rect, rows)
        y = rect.y
        if chart_above:
            self._draw_chart(surface)
            y = self.chart_rect.bottom + th.tx(14)
        ink.text(surface, _("WHERE YOUR ALLIES ENDED"), (rect.x, y), "small", pal["accent"], True)
        y += head
        area = pygame.Rect(rect.x, y, rect.w, rect.bottom - y)
        per = -(-len(rows) // n_cols)
        lh = ink.lh(role)
        for j, col in enumerate(columns(area, [1] * n_cols, th.px(28))):
            cells = table_cells(ink, col, rows, role)
            for cell, head in zip(cells, heads()):
                ink.text(surface, head, (cell.x, col.y), "tiny", pal["faint"], True, max_w=cell.w)
            yy = col.y + ink.lh("tiny", True)
            mine = rows[j * per:(j + 1) * per]
            fit = (col.bottom - yy) // lh
            if fit < len(mine):      # never drop an ally silently: the last line that fits says how many are left
                mine, rest = mine[:max(fit - 1, 0)], len(mine) - max(fit - 1, 0)
                ink.text(surface, _("… and {n} more (turn reports, L)").format(n=rest), (col.x, yy + len(mine) * lh),
                         role,
                         pal["dim"], max_w=col.w)
            for name, s0, s1, trust, align, hedge, broke in mine:
                values = (name + (" ⚑" if broke else ""), f"{num(s0)} → {num(s1)}", num(trust), num(align))
                for k, (cell, text) in enumerate(zip(cells, values)):
                    color = (pal["bad"] if broke else pal["text"]) if k == 0 else \
                        (pal["good"] if s1 >= s0 else pal["bad"]) if k == 1 else pal["dim"]
                    ink.text(surface, text, (cell.x, yy), role, color, k < 2, max_w=cell.w)
                yy += lh
