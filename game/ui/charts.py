"""Small charts: several series over the turns, each named at its end (never told apart by colour alone)."""
from __future__ import annotations

import pygame

from game.i18n import general, num
from game.ui.ink import Ink


def line_chart(ink: Ink, surf, rect: pygame.Rect, series: list[tuple[str, list[float], tuple]], lo: float,
               hi: float, x_labels: list[str], y_ticks: list[float], value_format: str = ".0f") -> None:
    """`value_format` formats the value named at each line's end (".2f" for a 0-1 meter)."""
    th, pal = ink.theme, ink.pal
    label_w = max((ink.width(f"{name} {localised(vals[-1], value_format)}", "small", True) for name, vals, _ in series),
                  default=0)
    tick_w = max(ink.width(general(t), "tiny") for t in y_ticks) + th.tx(8)
    plot = pygame.Rect(rect.x + tick_w, rect.y + th.tx(8), rect.w - tick_w - label_w - th.tx(16),
                       rect.h - ink.lh("tiny") * 3 // 2 - th.tx(10))
    if plot.w < 40 or plot.h < 40:
        return

    def y_of(v: float) -> float:
        return plot.bottom - (min(max(v, lo), hi) - lo) / (hi - lo) * plot.h

    # every grid line, but in a short chart only every other (or third...) tick named, so no two names touch
    apart = min((abs(y_of(a) - y_of(b)) for a, b in zip(y_ticks, y_ticks[1:])), default=plot.h)
    named = max(1, -(-ink.lh("tiny") // max(1, int(apart))))
    for k, t in enumerate(y_ticks):
        y = y_of(t)
        pygame.draw.line(surf, pal["track"], (plot.x, y), (plot.right, y), 1)
        if k % named == 0:
            ink.text(surf, general(t), (plot.x - th.tx(6), y), "tiny", pal["faint"], anchor="midright")
    n = max(len(s[1]) for s in series) if series else 0
    step = plot.w / max(n - 1, 1)
    if x_labels:
        every = max(1, round(len(x_labels) / max(1, plot.w // max(1, ink.width(x_labels[-1], "tiny") + th.tx(24)))))
        last_right = -1
        for i in range(0, len(x_labels), every):
            # below the half line the lowest y tick reaches past the plot, so the two never touch; none reaches
            # past the plot's right edge (the lines' names are there), and one that would touch the one before
            # it there is left out
            half = ink.width(x_labels[i], "tiny") // 2
            x = min(plot.x + i * step, plot.right - half)
            if x - half < last_right + th.tx(8):
                continue
            ink.text(surf, x_labels[i], (x, plot.bottom + ink.lh("tiny") // 2 + th.tx(2)), "tiny", pal["faint"],
                     anchor="midtop")
            last_right = x + half
    ends = []
    for name, values, color in series:
        pts = [(plot.x + i * step, y_of(v)) for i, v in enumerate(values)]
        if len(pts) > 1:
            pygame.draw.lines(surf, color, False, pts, max(2, th.px(3)))
        for p in pts:
            pygame.draw.circle(surf, color, (round(p[0]), round(p[1])), max(2, th.px(3.5)))
        if pts:
            ends.append([pts[-1][1], name, values[-1], color])
    # name each line at its end, nudged apart so that labels never overlap
    ends.sort(key=lambda e: e[0])
    gap = ink.lh("small", True)
    for i in range(1, len(ends)):
        ends[i][0] = max(ends[i][0], ends[i - 1][0] + gap)
    shift = max(0.0, ends[-1][0] + gap / 2 - rect.bottom) if ends else 0.0
    for y, name, value, color in ends:
        ink.text(surf, f"{name} {localised(value, value_format)}", (plot.right + th.tx(12), y - shift), "small", color,
                 True,
                 anchor="midleft")


def localised(value: float, value_format: str) -> str:
    """A value in a format such as ".2f", written as the language writes numbers."""
    return num(value, int(value_format.strip(".f")))
