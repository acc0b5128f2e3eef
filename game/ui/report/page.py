"""The frame the full-page report screens share (the turn report, what if?): a heading at the top, a bar of
buttons at the bottom, left-aligned ones and one primary button at the right."""
from __future__ import annotations

import pygame

from game.ui.widgets import Button


def page_frame(ink, size) -> tuple[pygame.Rect, pygame.Rect]:
    """The heading (kicker and title) and the bottom bar's rectangles for a window of `size`."""
    th = ink.theme
    w, h = size
    m = th.px(48)
    bh = ink.lh("body", True) + th.tx(24)
    head = pygame.Rect(m, th.px(28), w - 2 * m, ink.lh("small", True) + ink.lh("h1", True))
    return head, pygame.Rect(m, h - th.px(24) - bh, w - 2 * m, bh)


def bottom_buttons(ink, bottom: pygame.Rect, items: list[tuple[str, str, str]],
                   primary: tuple[str, str, str]) -> list[Button]:
    """(id, label, key) buttons from the bar's left, then `primary` at its right."""
    th, x, buttons = ink.theme, bottom.x, []
    for bid, label, key in items:
        bw = ink.width(label, "body", True) + th.tx(80)
        buttons.append(Button(bid, label, pygame.Rect(x, bottom.y, bw, bottom.h), key=key))
        x += bw + th.px(12)
    bid, label, key = primary
    cw = ink.width(label, "body", True) + th.tx(110)
    buttons.append(Button(bid, label, pygame.Rect(bottom.right - cw, bottom.y, cw, bottom.h), key=key,
                          style="primary"))
    return buttons
