"""The what-if screen's charts over time: one ally's spending against the campaign's yardstick (and under hold, same
dice), its trust, alignment, hedging and U.S. presence, and U.S. cost against the budget. Drawing only: reads game
paths."""
from __future__ import annotations

import math

import pygame

from game.analysis.replay import GamePath
from game.i18n import _
from game.ui.charts import line_chart
from game.ui.ink import Ink
from game.ui.theme import OKABE_ITO, Yardstick
from game.ui.wording import FIGURES

METERS = tuple((var, FIGURES[var].short, color) for var, color in
               (("trust", "sky"), ("alignment", "green"), ("hedging", "orange"), ("presence", "purple")))


def _ticks(lo: float, hi: float) -> list[float]:
    step = 0.5 if hi - lo <= 3 else 1.0 if hi - lo <= 6 else 2.0
    first = math.ceil(lo / step) * step   # no tick below the chart's floor
    return [first + k * step for k in range(int((hi - first) / step) + 1)]


def draw_ally(ink: Ink, surf, rect: pygame.Rect, you: GamePath, hold: GamePath | None, ally: int, name: str,
              labels: list[str], yardstick: Yardstick) -> None:
    """Spending (top) and the four 0-1 meters (bottom) of one ally, turn by turn."""
    th, pal = ink.theme, ink.pal
    gap = th.px(18)
    top = pygame.Rect(rect.x, rect.y, rect.w, (rect.h - gap) // 2)
    bottom = pygame.Rect(rect.x, top.bottom + gap, rect.w, rect.h - top.h - gap)
    spend = you.series("spending", ally)
    series = [(_("You"), spend, pal["select"]), (yardstick.line, [yardstick.guideline] * len(spend), pal["faint"])]
    if hold is not None:   # the same ally on the same dice, had Washington held everywhere
        series.append((_("Hold"), hold.series("spending", ally)[:len(spend)], pal["dim"]))
    values = [v for _, vals, _ in series for v in vals]
    lo, hi = max(0.0, min(values) - 0.4), max(values) + 0.4
    ink.text(surf, _("{ally}: SPENDING, % OF GDP").format(ally=name.upper()), top.topleft, "tiny", pal["accent"], True,
             max_w=top.w)
    head = ink.lh("tiny", True) + th.tx(4)
    line_chart(ink, surf, pygame.Rect(top.x, top.y + head, top.w, top.h - head), series, lo, hi, labels,
               _ticks(lo, hi), ".1f")
    ink.text(surf, _("TRUST, ALIGNMENT, HEDGING, U.S. PRESENCE (0-1)"), bottom.topleft, "tiny", pal["accent"], True,
             max_w=bottom.w)
    meters = [(FIGURES[var].short, you.series(var, ally), OKABE_ITO[color]) for var, _title, color in METERS]
    line_chart(ink, surf, pygame.Rect(bottom.x, bottom.y + head, bottom.w, bottom.h - head), meters, 0, 1, labels,
               [0, 0.5, 1], ".2f")


def draw_us_cost(ink: Ink, surf, rect: pygame.Rect, you: GamePath, labels: list[str]) -> None:
    th, pal = ink.theme, ink.pal
    cost = [float(r.us_cost[0]) for r in you.reports]
    budget = [float(s.budget[0]) for s in you.states[:-1]]
    hi = max(cost + budget + [1.0]) * 1.15
    ink.text(surf, _("U.S. COST AGAINST THE BUDGET, US$ BN A YEAR"), rect.topleft, "tiny", pal["accent"], True,
             max_w=rect.w)
    head = ink.lh("tiny", True) + th.tx(4)
    step = 10 if hi <= 60 else 50 if hi <= 300 else 100
    line_chart(ink, surf, pygame.Rect(rect.x, rect.y + head, rect.w, rect.h - head),
               [(_("Cost"), cost, OKABE_ITO["orange"]), (_("Budget"), budget, pal["faint"])], 0, hi, labels[1:],
               list(range(0, int(hi) + 1, step)))
