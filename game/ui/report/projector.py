"""Facilitator mode: the last turn in large type for the projector (F on the turn report). What Washington
ordered, what happened, and the allies that moved most, each with the factor that moved it most; no score."""
from __future__ import annotations

import pygame

from game.i18n import NC_, Translated, _
from game.sim.explain import ally_changes, fmt, happenings, order_summary
from game.sim.report import factor_name
from game.ui import bindings
from game.ui.ink import Ink
from game.ui.scene import Scene
from game.ui.theme import Theme
from game.ui.widgets import Button

MOVERS = 5    # allies shown: what a room can read at a glance
# Text sizes tried for the turn, largest first: the room reads the largest that fits the screen (never smaller
# than the player's own setting).
BIG = (2.2, 2.0, 1.8, 1.6, 1.4, 1.2)
WEIGHT = {"spending": 1.0, "trust": 4.0, "alignment": 4.0, "hedging": 6.0}   # per unit: a 0.1 trust move ~ 0.4 pp


# the figures as the summary's short lines name them
VARIABLES = Translated({"spending": NC_("variable", "spending"), "trust": NC_("variable", "trust"),
                        "alignment": NC_("variable", "alignment"), "hedging": NC_("variable", "hedging")}, "variable")


def movers(session, index: int) -> list[str]:
    """The allies whose figures moved most over turn `index`, in a line each: 'Poland: spending +0.21 pp
    (mostly threat); hedging +0.03 (mostly withdrawal)'."""
    report, before, after = session.reports[index], session.history[index], session.history[index + 1]
    lines = []
    for i, ally in enumerate(session.campaign.allies):
        changes = ally_changes(report, before, after, i)
        size = sum(abs(ch.delta) * WEIGHT[var] for var, ch in changes.items())
        parts = []
        for var, ch in sorted(changes.items(), key=lambda kv: -abs(kv[1].delta) * WEIGHT[kv[0]])[:2]:
            if round(abs(ch.delta), 2) == 0:
                continue
            why = _(" (mostly {factor})").format(factor=factor_name(ch.moved[0].name)) if ch.moved else ""
            parts.append(f"{VARIABLES[var]} {fmt(var, ch.delta, sign=True)}{why}")
        if parts:
            lines.append((size, f"{ally.name}: " + "; ".join(parts)))
    return [text for _, text in sorted(lines, key=lambda x: -x[0])[:MOVERS]]


class ProjectorScene(Scene):
    name = "projector"

    def __init__(self, app, index: int):
        super().__init__(app)
        self.index = index

    def layout(self, size) -> None:
        ink, th = self.ink, self.theme
        w, h = size
        m = th.px(56)
        bh = ink.lh("body", True) + th.tx(24)
        self.area = pygame.Rect(m, th.px(40), w - 2 * m, h - th.px(40) - bh - th.px(48))
        cw = ink.width(_("Close"), "body", True) + th.tx(110)
        self.buttons = [Button("close", _("Close"), pygame.Rect(w - m - cw, h - th.px(24) - bh, cw, bh), key="Esc",
                               style="primary")]
        self._fit()

    def _fit(self) -> None:
        """The ink for this turn's text: the largest size at which all of it fits the area."""
        th = self.theme
        self.big = self.ink
        for scale in BIG:
            if scale <= th.text_scale:
                break
            ink = Ink(self.app.fonts, Theme(th.size, scale, th.palette_name))
            if self._height(ink) <= self.area.h:
                self.big = ink
                break

    def _lines(self) -> tuple[str, list, list[str]]:
        s, report = self.session, self.session.reports[self.index]
        return (_("Washington: ") + order_summary(report.orders[0], s.history[self.index + 1]),
                happenings(report, s.history[self.index + 1])[:3], movers(s, self.index))

    def _height(self, ink: Ink) -> int:
        th, w = ink.theme, self.area.w
        orders, events, moved = self._lines()
        return (ink.lh("h3", True) + ink.lh("hero", True) + th.tx(10) + ink.para_height(orders, w, "h2", True)
                + th.tx(16) + sum(ink.para_height("• " + h.title, w, "h2", True) for h in events) + th.tx(16)
                + sum(ink.para_height(line, w, "h2") + th.tx(8) for line in moved))

    def on_button(self, bid: str) -> None:
        self.app.pop(self)

    def on_key(self, event) -> bool:
        step = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}.get(event.key)
        if step and 0 <= self.index + step < len(self.session.reports):
            self.index += step
            self._fit()
        elif event.key in bindings.ENTER or event.key == pygame.K_f:
            self.app.pop(self)
        else:
            return bool(step)
        return True

    def draw(self, surface) -> None:
        ink, pal = self.big, self.pal
        th = ink.theme
        s, r = self.session, self.area
        surface.fill(pal["bg"])
        orders, events, moved = self._lines()
        y = r.y
        ink.text(surface, _("TURN {n} OF {turns}").format(n=self.index + 1, turns=s.campaign.turns), (r.x, y), "h3",
                 pal["accent"], True)
        y += ink.lh("h3", True)
        ink.text(surface, s.campaign.calendar.label(self.index), (r.x, y), "hero", pal["text"], True, max_w=r.w)
        y += ink.lh("hero", True) + th.tx(10)
        y = ink.para(surface, orders, pygame.Rect(r.x, y, r.w, r.bottom - y), "h2", pal["select"], True) + th.tx(16)
        for h in events:
            y = ink.para(surface, "• " + h.title, pygame.Rect(r.x, y, r.w, r.bottom - y), "h2",
                         pal["bad"] if h.grave else pal["text"], True)
        y += th.tx(16)
        for line in moved:
            if y + ink.lh("h2") > r.bottom:
                break
            y = ink.para(surface, line, pygame.Rect(r.x, y, r.w, r.bottom - y), "h2", pal["text"]) + th.tx(8)
        self.ink.text(surface, _("◀ ▶ other turns"), (r.x, self.buttons[0].rect.centery), "body", pal["faint"],
                      anchor="midleft")
        self.draw_buttons(surface)
