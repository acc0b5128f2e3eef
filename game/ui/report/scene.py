"""The turn report: the turn's events, then for each ally what changed and why, in plain sentences
(wording.change_sentence) and small bars for the factors that add up to each change, each with its total since the
start of the game (a slow channel that adds up shows too). Scrollable; any past turn."""
from __future__ import annotations

import pygame

from game.i18n import _, num
from game.campaign.model import ORDERS
from game.sim import votes
from game.sim.explain import ally_changes, happenings, order_name, order_summary, running
from game.sim.outcome import outcome
from game.sim.report import factor_name
from game.sim.state import CONGRESS
from game.text_rules import drawable, one_line
from game.ui import bindings
from game.ui.fonts import reflow
from game.ui.layout import columns
from game.ui.report.draw import TOTAL_HEAD, draw_report
from game.ui.report.export import export
from game.ui.report.page import bottom_buttons, page_frame
from game.ui.report.system import system_height
from game.ui.scene import Scene
from game.ui.widgets import Scroll, draw_scrollbar
from game.ui.wording import GOOD_UP, change_sentence


class ReportScene(Scene):
    name = "report"

    def __init__(self, app, index: int, after_turn: bool = False):
        super().__init__(app)
        self.after_turn = after_turn
        self.scroll = Scroll()
        self._load(index)

    def _load(self, index: int) -> None:
        s = self.session
        self.index = max(0, min(index, len(s.reports) - 1))
        self.report = s.reports[self.index]
        self.before, self.after = s.history[self.index], s.history[self.index + 1]
        totals = running(s.reports[:self.index + 1])
        self.changes = [ally_changes(self.report, self.before, self.after, i, totals=totals)
                        for i in range(len(s.campaign.allies))]
        # worded once: the layout measures each sentence and every frame draws it
        self.sentences = [{var: change_sentence(ch[var], ally.name) for var in GOOD_UP}
                          for ch, ally in zip(self.changes, s.campaign.allies)]
        self.events = happenings(self.report, self.after)
        self.scales = {var: max([abs(f.value) for ch in self.changes for f in ch[var].factors] + [1e-9])
                       for var in GOOD_UP}
        self.score_before = float(outcome(self.before, s.start).score[0]) if self.index else None
        self.score_after = float(outcome(self.after, s.start).score[0])
        self.scroll.to(0)

    def turn_label(self) -> str:
        return self.session.campaign.calendar.label(self.index)

    # --- layout --------------------------------------------------------------------------------------------
    def layout(self, size) -> None:
        ink, th = self.ink, self.theme
        self.head, self.bottom = page_frame(ink, size)
        m, w = self.head.x, size[0]
        self.view_rect = pygame.Rect(m, self.head.bottom + th.px(18), w - 2 * m,
                                     self.bottom.y - th.px(18) - self.head.bottom - th.px(18))
        self.inner = self.view_rect.inflate(-th.tx(48), -th.tx(36))
        self.inner.w -= th.px(14)
        n_cols = 4 if (self.inner.w - 3 * th.px(28)) / 4 >= th.tx(300) else 2
        self.cols = n_cols
        self.col_w = (self.inner.w - (n_cols - 1) * th.px(28)) // n_cols
        # One name column for every factor of the turn, as wide as its longest name allows, so that names read in
        # full and a bar of the same length means the same amount in every column.
        names = [factor_name(f.name) for ch in self.changes for c in ch.values() for f in c.factors]
        self.value_w = ink.width("+0.000", "tiny", True) + th.tx(8)
        self.total_w = max(ink.width("+0.000", "tiny", True), ink.width(_(TOTAL_HEAD), "tiny")) + th.tx(12)
        # the names give way to the two values (cut with an ellipsis), the bars to both (game.ui.report.draw)
        self.name_w = min(max([ink.width(nm, "tiny") for nm in names] + [0]) + th.tx(10), int(self.col_w * 0.6),
                          self.col_w - self.value_w - self.total_w)
        n = len(self.changes)
        # two columns of allies where a row keeps its name, order and four figures whole (the names are longer in
        # some languages: "Vereinigtes Königreich")
        allies = self.session.campaign.allies
        row = (max(ink.width(a.name, "small", True) for a in allies) + th.px(10)
               + max(ink.width(order_name(o), "small", True) for o in ORDERS) + th.px(10)
               + 4 * (ink.width(num(0.25, sign=True), "small", True) + th.px(10)))
        self.glance_cols = 2 if n > 5 and (self.inner.w - th.px(40)) / 2 >= row else 1
        self.glance_rows = -(-n // self.glance_cols)
        glance_h = ink.lh("small", True) + th.tx(10) + (self.glance_rows + 1) * ink.lh("small") + th.tx(20)
        self.blocks = [("summary", self._summary_h()), ("events", self._events_h()), ("glance", glance_h)]
        system_h = system_height(self, self.inner.w)
        if system_h:
            self.blocks.append(("system", system_h))
        self.blocks += [(i, self._ally_h(i)) for i in range(len(self.changes))]
        self.scroll.set_sizes(sum(hh for _, hh in self.blocks), self.inner.h)
        s = self.session
        close = _("See the outcome") if (s.over and self.index == len(s.reports) - 1) else \
            _("Back to the map") if self.after_turn else _("Close")
        items = [("prev", _("Previous turn"), "◀"), ("next", _("Next turn"), "▶"), ("export", _("Export"), "E")]
        self.buttons = bottom_buttons(ink, self.bottom, items, ("close", close, "Enter"))
        self.buttons[0].enabled = self.index > 0
        self.buttons[1].enabled = self.index < len(s.reports) - 1

    def _summary_h(self) -> int:
        # the orders on as many lines as they take: every ally's name and order whole
        orders = self.ink.para_height(_("Your orders: ") + self.orders_text(), self.inner.w, "body", True)
        return orders + self.ink.lh("small") * 2 + self.theme.tx(24)

    def _events_h(self) -> int:
        ink, th = self.ink, self.theme
        h = ink.lh("small", True) + th.tx(10)
        if not self.events:
            return h + ink.lh("small") + th.tx(24)
        for e in self.events:
            h += ink.lh("body", True) + ink.para_height(reflow(e.text), self.inner.w - th.tx(30), "small") + th.tx(10)
        return h + th.tx(18)

    def _column_h(self, i: int, var: str) -> int:
        ink, th = self.ink, self.theme
        change = self.changes[i][var]
        h = ink.lh("small", True) + th.tx(4)
        h += ink.para_height(self.sentences[i][var], self.col_w, "small") + th.tx(8)
        rows = len(change.factors) + (1 if change.factors else 0)    # the factors under their column heads
        return h + rows * (ink.lh("tiny") + th.tx(6))

    def _ally_h(self, i: int) -> int:
        ink, th = self.ink, self.theme
        cols = [self._column_h(i, var) for var in GOOD_UP]
        rows = [max(cols[j:j + self.cols]) for j in range(0, 4, self.cols)]
        return ink.lh("h3", True) + th.tx(14) + sum(rows) + th.tx(16) * len(rows) + th.tx(24)

    # --- events --------------------------------------------------------------------------------------------
    def on_button(self, bid: str) -> None:
        if bid == "prev":
            self.goto(self.index - 1)
        elif bid == "next":
            self.goto(self.index + 1)
        elif bid == "close":
            self.app.pop(self)
        elif bid == "export":
            export(self.app)

    def goto(self, index: int) -> None:
        if 0 <= index < len(self.session.reports) and index != self.index:
            self._load(index)
            self.layout(self.app.screen.get_size())

    def on_key(self, event) -> bool:
        k = event.key
        lh = self.ink.lh("body")
        if k in bindings.ENTER or k == pygame.K_SPACE:
            self.app.pop(self)
        elif k in (pygame.K_LEFT, pygame.K_LEFTBRACKET):
            self.goto(self.index - 1)
        elif k in (pygame.K_RIGHT, pygame.K_RIGHTBRACKET):
            self.goto(self.index + 1)
        elif k == pygame.K_DOWN:
            return self.scroll.by(lh * 2)
        elif k == pygame.K_UP:
            return self.scroll.by(-lh * 2)
        elif k == pygame.K_PAGEDOWN:
            return self.scroll.by(self.inner.h - lh * 2)
        elif k == pygame.K_PAGEUP:
            return self.scroll.by(-(self.inner.h - lh * 2))
        elif k == pygame.K_HOME:
            return self.scroll.to(0)
        elif k == pygame.K_END:
            return self.scroll.to(self.scroll.content)
        elif k in bindings.HELP_KEYS:
            self.app.show("help")
        elif k == pygame.K_f:
            self.app.show("projector", self.index)
        elif k == pygame.K_e:
            export(self.app)
        elif k == pygame.K_w and self.session.over:
            self.app.show("whatif")
        else:
            return False
        return True

    def on_wheel(self, dy: int) -> bool:
        return self.scroll.by(-dy * self.ink.lh("body") * 3)

    # --- drawing -------------------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        draw_report(self, surface)
        draw_scrollbar(self.ink, surface, self.view_rect.inflate(-self.theme.px(8), -self.theme.tx(24)), self.scroll)
        self.draw_buttons(surface)

    def orders_text(self) -> str:
        orders = order_summary(self.report.orders[0], self.after)
        # The U.S.-level action is not an ally's order, so the model's summary leaves it out; name it here.
        orders += _("  ·  Congress invoked") if int(self.report.us_action[0]) == CONGRESS else ""
        # a class room's turn: the class's votes and what the allies' governments said to Washington
        s, names = self.session, [a.name for a in self.session.campaign.allies]
        voted = votes.turn_text(names, s.votes[self.index]) if self.index < len(s.votes) else ""
        said = s.messages[self.index] if self.index < len(s.messages) else {}
        return "  ·  ".join([orders, *([voted[0].upper() + voted[1:]] if voted else []),
                             *(_("{ally} to Washington: \u201c{text}\u201d").format(ally=names[i],
                                                                                 text=drawable(one_line(text)))
                               for i, text in sorted(said.items()) if text)])

    def columns(self, rect: pygame.Rect) -> list[pygame.Rect]:
        return columns(rect, [1] * self.cols, self.theme.px(28))
