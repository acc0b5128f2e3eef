"""The end screen's table "Where your allies ended": each ally's spending at the start and end, trust and
alignment, in one or two columns and the larger type where they fit."""
from __future__ import annotations

import pygame

from game.i18n import N_, NC_, _, pgettext

HEADS = (N_("Ally"), N_("% of GDP"), N_("Trust"), NC_("tab", "Align"))


def table_widths(ink, rows, role: str) -> list[int]:
    """The widest text of each column of "Where your allies ended" (name, spending, trust, alignment)."""
    names = max(ink.width(r[0] + (" ⚑" if r[6] else ""), role, True) for r in rows)
    values = (names, ink.width("0.00 → 0.00", role, True), ink.width("0.00", role), ink.width("0.00", role))
    return [max(v, ink.width(head, "tiny", True)) for v, head in zip(values, heads())]


def heads() -> list[str]:
    return [_(h) for h in HEADS[:3]] + [pgettext("tab", HEADS[3])]


def table_shape(ink, area: pygame.Rect, rows) -> tuple[int, str, bool]:
    """Columns of rows and type size, in order of preference: two columns where the rows are many, else one;
    the smaller type only where the names would not fit whole. The flag: every row fits."""
    th = ink.theme
    shapes = ((2, "small"), (1, "small"), (2, "tiny"), (1, "tiny")) if len(rows) > 6 else ((1, "small"), (1, "tiny"))
    for n_cols, role in shapes:
        col_w = (area.w - th.px(28) * (n_cols - 1)) // n_cols
        per = -(-len(rows) // n_cols)
        wide_enough = sum(table_widths(ink, rows, role)) + 3 * th.px(8) <= col_w
        if wide_enough and ink.lh("tiny", True) + per * ink.lh(role) <= area.h - ink.lh("small", True) - th.tx(4):
            return n_cols, role, True
    return (*shapes[-1], False)


def table_cells(ink, col: pygame.Rect, rows, role: str) -> list[pygame.Rect]:
    """The four cells of a row: each as wide as its widest text, the spare width shared out."""
    gap = ink.theme.px(8)
    widths = table_widths(ink, rows, role)
    spare = max(0, col.w - sum(widths) - gap * 3) // 4
    out, x = [], col.x
    for w in widths:
        out.append(pygame.Rect(x, col.y, w + spare, col.h))
        x += w + spare + gap
    return out
