"""Layout and scaling: where the panels of the play screen go for a given window size and text size.

Everything is computed from the window size and the theme (1920x1080 at text size 1.0 is the reference), so the
same layout holds from 1280x720 to 4K: panels scale with the window, rows grow with the text and never overlap.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.ink import Ink


@dataclass(frozen=True)
class PlayLayout:
    top: pygame.Rect        # campaign, turn, global meters
    left: pygame.Rect       # the allies and their pending orders
    right: pygame.Rect      # the selected ally: meters and order buttons
    map: pygame.Rect        # the map area (tabs, panes, legend)
    tabs: pygame.Rect       # overlay and theatre tabs above the map
    panes: pygame.Rect      # under the tabs: the theatre maps, their legend and the adversaries (game.ui.play.mapkey)
    bottom: pygame.Rect     # buttons: report, save, help, settings, title, end turn


# The share of the window's width the map itself (without its legend) keeps while the side panels can give
# width up without cutting a value.
MAP_SHARE = 0.3


def play_layout(ink: Ink, dense: Ink, size: tuple[int, int], legend_size: tuple[int, int],
                left_min: int = 0, right_min: int = 0, give: int = 0) -> PlayLayout:
    """`ink` sizes the top bar, the side panels and the bottom bar; `dense` (capped text) the map area.
    `legend_size`: the legend's, were it beside the map (the selected ally's panel gives way to keep the map and
    legend their share). `left_min`: the ally list's width for its widest row (the map gives way to it).
    `right_min`: the narrowest the selected ally's panel can be with its values whole (it gives way to the map,
    down to that). `give`: the width the map could still use (it is narrower than its height allows): the selected
    ally's panel gives it first, down to `right_min`, then the ally list, down to `left_min`."""
    th = ink.theme
    w, h = size
    m = th.px(14)
    grow = 0.75 + 0.25 * th.text_scale
    top_h = ink.lh("tiny", True) + ink.lh("small", True) + th.tx(36)
    bottom_h = ink.lh("body", True) + th.tx(36)
    left_w = int(th.px(370) * grow)
    right_w = int(th.px(480) * grow)
    spare = w - left_w - right_w - 4 * m
    if spare < w * 0.36:                      # very large text on a small window: keep the map usable
        cut = (w * 0.36 - spare) / (left_w + right_w)
        left_w, right_w = int(left_w * (1 - cut)), int(right_w * (1 - cut))
    # the ally list's own width where the map keeps a fifth of the window (beyond the text sizes the layout is
    # built for, 150 % at 1024x768, the list's names shorten instead)
    left_w = max(left_w, min(left_min, w - right_w - 4 * m - w // 5))
    # Large text on a small window: the map beside its legend keeps MAP_SHARE of the width where the selected
    # ally's panel can spare it (its bars get shorter; its values stay whole).
    short = int(w * MAP_SHARE) - (w - left_w - right_w - 4 * m - legend_size[0] - th.px(12))
    if right_min and short > 0:
        right_w -= max(0, min(short, right_w - right_min))
    if give > 0 and right_min:
        take = max(0, min(give, right_w - right_min))
        right_w, give = right_w - take, give - take
    if give > 0 and left_min:
        left_w -= max(0, min(give, left_w - left_min))
    top = pygame.Rect(0, 0, w, top_h)
    bottom = pygame.Rect(0, h - bottom_h, w, bottom_h)
    body_y, body_h = top.bottom + m, bottom.y - top.bottom - 2 * m
    left = pygame.Rect(m, body_y, left_w, body_h)
    right = pygame.Rect(w - m - right_w, body_y, right_w, body_h)
    map_rect = pygame.Rect(left.right + m, body_y, right.x - left.right - 2 * m, body_h)
    tab_h = dense.lh("small", True) + dense.theme.tx(16)
    tabs = pygame.Rect(map_rect.x, map_rect.y, map_rect.w, tab_h)
    panes = pygame.Rect(map_rect.x, tabs.bottom + th.px(10), map_rect.w, map_rect.bottom - tabs.bottom - th.px(10))
    return PlayLayout(top, left, right, map_rect, tabs, panes, bottom)


def columns(rect: pygame.Rect, weights: list[float], gap: int) -> list[pygame.Rect]:
    """Split `rect` horizontally into columns of the given relative widths."""
    total = sum(weights)
    free = rect.w - gap * (len(weights) - 1)
    out, x = [], rect.x
    for wgt in weights:
        cw = int(free * wgt / total)
        out.append(pygame.Rect(x, rect.y, cw, rect.h))
        x += cw + gap
    return out


def row_buttons(ink: Ink, rect: pygame.Rect, items: list[tuple[str, str]], gap: int, role: str = "body",
                align: str = "left") -> list[pygame.Rect]:
    """Rects for buttons with a key cap and a label, sized to their text, in a row inside `rect`: roomy where they
    fit, else with only the padding the button draws, and squeezed evenly only as a last resort."""
    for spare in (58, 46):
        widths = [_button_w(ink, key, label, role, spare) for key, label in items]
        total = sum(widths) + gap * (len(items) - 1)
        if total <= rect.w:
            break
    else:
        factor = (rect.w - gap * (len(items) - 1)) / max(1, sum(widths))
        widths = [int(wd * factor) for wd in widths]
        total = rect.w
    x = rect.x if align == "left" else rect.right - total
    out = []
    for wd in widths:
        out.append(pygame.Rect(x, rect.y, wd, rect.h))
        x += wd + gap
    return out


def keys_fit(ink: Ink, width: int, items: list[tuple[str, str]], gap: int, role: str = "body") -> bool:
    """Whether the buttons fit `width` with their key caps (else the caller drops the caps, not the labels)."""
    return sum(_button_w(ink, k, label, role, 46) for k, label in items) + gap * (len(items) - 1) <= width


def _button_w(ink: Ink, key: str, label: str, role: str, spare: int) -> int:
    """A button's width: its label, its key cap (if any) and `spare` text pixels of padding around them (46 is
    what draw_button itself uses with a cap; without one it pads each side by tx(12), rounded on its own)."""
    th = ink.theme
    if not key:
        return ink.width(label, role, True) + 2 * th.tx(12) + th.tx(spare - 46) + 2
    return ink.width(label, role, True) + ink.width(key, "small", True) + th.tx(spare)
