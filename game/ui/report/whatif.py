"""The what-if screen, opened from the end of the game: the same dice under hold, the adviser and the best plan,
pillar by pillar; the player's orders over 1,000 other games (skill or luck); the turning points; one ally's
charts over time (← → to change ally) and U.S. cost against the budget. Worked out in the background
(whatif_job); until it is ready the screen says so and keeps drawing."""
from __future__ import annotations

import pygame

from game.analysis.whatif import WhatIf
from game.campaign.model import PILLARS
from game.i18n import NC_, Translated, _, num
from game.ui import bindings
from game.ui.charts import line_chart
from game.ui.layout import columns
from game.ui.report import whatif_job
from game.ui.report.ally_charts import draw_ally, draw_us_cost
from game.ui.report.export import export
from game.ui.report.page import bottom_buttons, page_frame
from game.ui.scene import Scene
from game.ui.theme import OKABE_ITO, Yardstick

SHORT = Translated({"you": NC_("what-if column", "You"), "hold": NC_("what-if column", "Hold"),
                    "adaptive": NC_("what-if column", "Adviser"), "best plan": NC_("what-if column", "Best plan")},
                   "what-if column")


class WhatIfScene(Scene):
    name = "whatif"

    def __init__(self, app):
        super().__init__(app)
        self.job = whatif_job.start(app.session)
        self.ally = 0

    @property
    def result(self) -> WhatIf | None:
        return self.job.result() if self.job.done() and not self.job.exception() else None

    def update(self, dt: float) -> bool:
        return not self.job.done()     # redraw until the result is in

    def layout(self, size) -> None:
        ink, th = self.ink, self.theme
        self.head, self.bottom = page_frame(ink, size)
        body = pygame.Rect(self.head.x, self.head.bottom + th.px(16), self.head.w,
                           self.bottom.y - th.px(16) - self.head.bottom - th.px(16))
        self.left, self.right = columns(body, [1, 1.1], th.px(24))
        items = [("prev", _("Previous ally"), "◀"), ("next", _("Next ally"), "▶"), ("export", _("Export"), "E")]
        self.buttons = bottom_buttons(ink, self.bottom, items, ("back", _("Back"), "Esc"))

    def on_button(self, bid: str) -> None:
        n = len(self.session.campaign.allies)
        if bid in ("prev", "next"):
            self.ally = (self.ally + (1 if bid == "next" else -1)) % n
        elif bid == "export":
            export(self.app, self.result)
        elif bid == "back":
            self.app.pop(self)

    def on_key(self, event) -> bool:
        keys = {pygame.K_LEFT: "prev", pygame.K_RIGHT: "next", pygame.K_e: "export"}
        if event.key in keys:
            self.on_button(keys[event.key])
        elif event.key in bindings.ENTER:
            self.on_button("back")
        elif event.key in bindings.HELP_KEYS:
            self.app.show("help")
        else:
            return False
        return True

    # --- drawing -------------------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        surface.fill(pal["bg"])
        ink.text(surface, _("WHAT IF?"), self.head.topleft, "small", pal["accent"], True)
        ink.text(surface, _("The same dice, other strategies"), (self.head.x, self.head.y + ink.lh("small", True)),
                 "h1", pal["text"], True, max_w=self.head.w)
        for rect in (self.left, self.right):
            ink.panel(surface, rect, pal["panel"], radius=th.px(14))
        what = self.result
        inner = self.left.inflate(-th.tx(40), -th.tx(32))
        if what is None:
            error = self.job.exception() if self.job.done() else None
            text = _("The what-if could not be worked out: {error}").format(error=error) if error else \
                _("Working out the what-if: the same dice under other strategies, and your orders over 1,000 games…")
            ink.para(surface, text, inner, "body", pal["bad"] if error else pal["dim"])
        else:
            self._draw_left(surface, inner, what)
            self._draw_right(surface, self.right.inflate(-th.tx(36), -th.tx(28)), what)
        self.draw_buttons(surface)

    def _draw_left(self, surface, rect: pygame.Rect, what: WhatIf) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        names = list(what.pillars)
        cells = columns(pygame.Rect(rect.x, rect.y, rect.w, 0), [1.2] + [1] * len(names), th.px(8))
        y = rect.y
        for cell, name in zip(cells[1:], names):
            ink.text(surface, SHORT[name], (cell.right, y), "small", pal["faint"], True, anchor="topright",
                     max_w=cell.w)
        y += ink.lh("small", True) + th.tx(2)
        for p in (*PILLARS, "score"):
            bold = p == "score"
            ink.text(surface, p.capitalize(), (cells[0].x, y), "body", pal["text"], bold, max_w=cells[0].w)
            best = max(what.pillars[n][p] for n in names)
            for cell, name in zip(cells[1:], names):
                value = what.pillars[name][p]
                color = pal["select"] if name == "you" else pal["good"] if value == best else pal["dim"]
                ink.text(surface, num(value, 0), (cell.right, y), "body", color, bold or name == "you",
                         anchor="topright")
            y += ink.lh("body", bold)
        y += th.tx(14)
        if what.luck:
            ink.text(surface, _("SKILL OR LUCK?"), (rect.x, y), "small", pal["accent"], True)
            y += ink.lh("small", True) + th.tx(4)
            y = ink.para(surface, what.luck.sentence, pygame.Rect(rect.x, y, rect.w, rect.bottom - y), "small",
                         pal["text"]) + th.tx(8)
            hist = pygame.Rect(rect.x, y, rect.w, min(th.tx(70), max(rect.bottom - y - th.tx(160), 0)))
            if hist.h >= th.tx(30):
                self._draw_histogram(surface, hist, what)
                y = hist.bottom + ink.lh("tiny") + th.tx(12)
        points = [p for p in what.turning_points if round(abs(p.worth), 1) > 0]
        if y < rect.bottom - ink.lh("small") * 2:
            ink.text(surface, _("TURNING POINTS: EACH ORDER UNDONE, SAME DICE"), (rect.x, y), "small", pal["accent"],
                     True, max_w=rect.w)
            y += ink.lh("small", True) + th.tx(4)
            if not points:
                ink.text(surface, _("No single order moved the final score by a tenth of a point."), (rect.x, y),
                         "small", pal["dim"], max_w=rect.w)
                y += ink.lh("small")
            for p in points:
                if y + ink.lh("small") > rect.bottom:
                    break
                line = _("{when}: {what} gained {points} points") if p.worth > 0 else \
                    _("{when}: {what} cost {points} points")
                ink.text(surface, line.format(when=p.label, what=p.what, points=num(abs(p.worth), 1)), (rect.x, y),
                         "small",
                         pal["good"] if p.worth > 0 else pal["bad"], max_w=rect.w)
                y += ink.lh("small")
        chart = pygame.Rect(rect.x, y + th.tx(14), rect.w, rect.bottom - y - th.tx(14))
        # tall enough for its heading, the lines' names one above the other and the dates under it
        least = ink.lh("small", True) + len(what.paths) * ink.lh("small", True) + 2 * ink.lh("tiny") + th.tx(18)
        if chart.h >= max(th.tx(110), least):
            self._draw_scores(surface, chart, what)

    def _draw_scores(self, surface, rect: pygame.Rect, what: WhatIf) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        ink.text(surface, _("THE SCORE, TURN BY TURN"), rect.topleft, "small", pal["accent"], True)
        head = ink.lh("small", True) + th.tx(4)
        colors = {"you": pal["select"], "hold": pal["dim"], "adaptive": pal["good"], "best plan": OKABE_ITO["purple"]}
        series = [(SHORT[n], p.trend(opening=True), colors[n]) for n, p in what.paths.items()]
        values = [v for _, vals, _ in series for v in vals]
        lo, hi = max(0, int(min(values) / 5) * 5 - 5), min(100, int(max(values) / 5) * 5 + 10)
        c = self.session.campaign
        labels = [_("start")] + [c.calendar.label(t) for t in range(len(what.paths["you"].reports))]
        step = 5 if hi - lo <= 30 else 10 if hi - lo <= 60 else 25
        line_chart(ink, surface, pygame.Rect(rect.x, rect.y + head, rect.w, rect.h - head), series, lo, hi, labels,
                   list(range(lo, hi + 1, step)))

    def _draw_histogram(self, surface, rect: pygame.Rect, what: WhatIf) -> None:
        pal, th = self.pal, self.theme
        scores, score = what.luck.scores, what.luck.score
        lo, hi = float(min(scores.min(), score)) - 0.5, float(max(scores.max(), score)) + 0.5
        bins = 40
        counts = [0] * bins
        for s in scores:
            counts[min(int((s - lo) / (hi - lo) * bins), bins - 1)] += 1
        top, bw = max(counts) or 1, rect.w / bins
        for k, n in enumerate(counts):
            h = round(n / top * rect.h)
            pygame.draw.rect(surface, pal["good_fill"], (rect.x + k * bw, rect.bottom - h, max(bw - 1, 1), h))
        x = rect.x + (score - lo) / (hi - lo) * rect.w
        pygame.draw.line(surface, pal["select"], (x, rect.y), (x, rect.bottom), max(2, th.px(3)))
        self.ink.text(surface, num(lo + 0.5, 0), (rect.x, rect.bottom + th.tx(2)), "tiny", pal["faint"])
        self.ink.text(surface, num(hi - 0.5, 0), (rect.right, rect.bottom + th.tx(2)), "tiny", pal["faint"],
                      anchor="topright")

    def _draw_right(self, surface, rect: pygame.Rect, what: WhatIf) -> None:
        th = self.theme
        c = self.session.campaign
        you = what.paths["you"]
        labels = [_("start")] + [c.calendar.label(t) for t in range(len(you.reports))]
        cost_h = rect.h // 4
        allies = pygame.Rect(rect.x, rect.y, rect.w, rect.h - cost_h - th.px(18))
        draw_ally(self.ink, surface, allies, you, what.paths.get("hold"), self.ally, c.allies[self.ally].name,
                  labels, Yardstick.of_session(self.session))
        draw_us_cost(self.ink, surface, pygame.Rect(rect.x, allies.bottom + th.px(18), rect.w, cost_h), you, labels)
