"""Facilitator mode: the last turn in large type for the projector (F on the turn report). What Washington
ordered, what happened, and the allies that moved most, each with the factor that moved it most; no score."""
from __future__ import annotations

import pygame

from game.sim.explain import ally_changes, happenings, order_summary
from game.ui import bindings
from game.ui.scene import Scene
from game.ui.widgets import Button

MOVERS = 5    # allies shown: what a room can read at a glance
WEIGHT = {"spending": 1.0, "trust": 4.0, "alignment": 4.0, "hedging": 6.0}   # per unit: a 0.1 trust move ~ 0.4 pp


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
            unit = " pp" if var == "spending" else ""
            why = f" (mostly {ch.factors[0].name})" if ch.factors else ""
            parts.append(f"{var} {ch.delta:+.2f}{unit}{why}")
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
        cw = ink.width("Close", "body", True) + th.tx(110)
        self.buttons = [Button("close", "Close", pygame.Rect(w - m - cw, h - th.px(24) - bh, cw, bh), key="Esc",
                               style="primary")]

    def on_button(self, bid: str) -> None:
        self.app.pop(self)

    def on_key(self, event) -> bool:
        step = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}.get(event.key)
        if step and 0 <= self.index + step < len(self.session.reports):
            self.index += step
        elif event.key in bindings.ENTER or event.key == pygame.K_f:
            self.app.pop(self)
        else:
            return bool(step)
        return True

    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        s, r = self.session, self.area
        surface.fill(pal["bg"])
        report = s.reports[self.index]
        y = r.y
        ink.text(surface, f"TURN {self.index + 1} OF {s.campaign.turns}", (r.x, y), "h3", pal["accent"], True)
        y += ink.lh("h3", True)
        ink.text(surface, s.campaign.calendar.label(self.index), (r.x, y), "hero", pal["text"], True, max_w=r.w)
        y += ink.lh("hero", True) + th.tx(10)
        y = ink.para(surface, "Washington: " + order_summary(report.orders[0], s.history[self.index + 1]),
                     pygame.Rect(r.x, y, r.w, r.bottom - y), "h2", pal["select"], True) + th.tx(16)
        for h in happenings(report, s.history[self.index + 1])[:3]:
            y = ink.para(surface, "• " + h.title, pygame.Rect(r.x, y, r.w, r.bottom - y), "h2",
                         pal["bad"] if h.grave else pal["text"], True)
        y += th.tx(16)
        for line in movers(s, self.index):
            if y + ink.lh("h2") > r.bottom:
                break
            y = ink.para(surface, line, pygame.Rect(r.x, y, r.w, r.bottom - y), "h2", pal["text"]) + th.tx(8)
        ink.text(surface, "◀ ▶ other turns", (r.x, self.buttons[0].rect.centery), "body", pal["faint"],
                 anchor="midleft")
        self.draw_buttons(surface)
