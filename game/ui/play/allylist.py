"""The ally list of the play screen, laid out by priority: every row keeps the ally's name, spending, trust and
the order's labelled badge at any window and text size.

When rows do not fit, the list first drops decoration (the roomy two-line row becomes a snug one in smaller
type), then the words around the values ("% GDP", the trend), and last shows only a window of the rows, with
"N more" lines above and below (Tab and the arrows move through every ally; the window follows the selection).
The panel is made wide enough for the widest name and badge rather than cutting either.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.campaign.model import ORDERS
from game.i18n import _, num
from game.sim.explain import order_name
from game.ui.ink import Ink
from game.ui.play.panels import trend
from game.ui.play.view import AllyView
from game.ui.theme import Yardstick, overlay_color


@dataclass(frozen=True)
class RowStyle:
    name_role: str          # the ally's name
    chip_role: str          # the order badge
    value_role: str         # spending and trust
    height: int
    pad: int                # inside the row, left and right

    def swatch_w(self, ink: Ink) -> int:
        return ink.theme.tx(14 if self.name_role == "body" else 10)


def row_styles(ink: Ink) -> tuple[RowStyle, RowStyle]:
    """The roomy row and the snug one, in that order of preference."""
    th = ink.theme
    roomy = RowStyle("body", "small", "small", ink.lh("body", True) + ink.lh("small") + th.tx(16), th.tx(12))
    snug = RowStyle("small", "tiny", "tiny", ink.lh("small", True) + ink.lh("tiny") + th.tx(8), th.tx(8))
    return roomy, snug


def chip_width(ink: Ink, order: str, role: str) -> int:
    """The badge's width as Ink.chip draws it (key box and label)."""
    pad = ink.theme.tx(6)
    return ink.width(order[0].upper(), role, True) + ink.width(order_name(order).capitalize(), role, True) + 4 * pad


def row_width(ink: Ink, style: RowStyle, names: list[str], marker: bool = True) -> int:
    """The narrowest row that shows the widest name (selected, with its marker unless `marker` is False) beside
    the widest badge, and the shortest form of the values line."""
    th = ink.theme
    name_w = max(ink.width(("▶ " if marker else "") + n + " ☢ ⚑", style.name_role, True) for n in names)
    chip_w = max(chip_width(ink, o, style.chip_role) for o in ORDERS)
    values_w = ink.width(_("0.00 %  ·  trust 0.00"), style.value_role)
    lead = style.pad + style.swatch_w(ink) + th.tx(10)
    # the badge may reach down beside the values line (a snug row), so both lines leave room for it
    return lead + max(name_w, values_w) + th.tx(10) + chip_w + style.pad


@dataclass(frozen=True)
class ListPlan:
    style: RowStyle
    shown: int              # how many rows fit (all of them, or a window)
    gap: int


def plan_list(ink: Ink, count: int, room: int, news_room: int) -> ListPlan:
    """How to show `count` rows in `room` pixels, leaving `news_room` for the news below when the rows must be
    windowed anyway (the news then keeps a few lines rather than vanishing)."""
    gap = ink.theme.px(6)
    for style in row_styles(ink):
        if count * (style.height + gap) <= room - news_room:
            return ListPlan(style, count, gap)
    snug = row_styles(ink)[1]
    more = ink.lh("tiny", True) + gap          # the "N more" line under the rows
    fit = max(1, (room - news_room - more) // (snug.height + gap))
    return ListPlan(snug, min(count, fit), gap)


def window_start(first: int, selected: int, shown: int, count: int) -> int:
    """The first row of the window: unchanged while the selection stays inside it, else just enough moved."""
    if shown >= count:
        return 0
    if selected < first:
        first = selected
    elif selected >= first + shown:
        first = selected - shown + 1
    return max(0, min(first, count - shown))


def values_text(ink: Ink, a: AllyView, width: int, role: str) -> tuple[str, str, str]:
    """(spending, its trend, trust) in the richest form that fits `width`: words go before numbers do."""
    spend_t = trend(ink, "spending", a.delta["spending"], True)[0]
    spend, trust = a.now["spending"], _("·  trust {trust}").format(trust=num(a.now['trust']))
    gap = ink.theme.tx(14)
    for first, second in ((num(spend) + _(" % GDP"), spend_t), (f"{num(spend)} %", spend_t), (f"{num(spend)} %", "")):
        need = ink.width(first, role) + ink.width(second, role, True) + ink.width(trust, role) + gap
        if need <= width:
            return first, second, trust
    return f"{num(spend)} %", "", f"· {num(a.now['trust'])}"


def draw_row(ink: Ink, surf, rect: pygame.Rect, a: AllyView, overlay: str, yardstick: Yardstick, style: RowStyle,
             selected: bool, hovered: bool, marker: bool = True) -> None:
    """`marker`: the selected row's name starts with ▶ (left out where the list had to widen: the frame and the
    lighter background still mark the selection)."""
    th, pal = ink.theme, ink.pal
    bg = pal["card_hi"] if selected else pal["card"] if hovered else pal["panel"]
    pygame.draw.rect(surf, bg, rect, border_radius=th.px(8))
    if selected:
        pygame.draw.rect(surf, pal["select"], rect, max(2, th.px(3)), border_radius=th.px(8))
    pad, inset = style.pad, th.tx(4 if style.name_role != "body" else 7)
    # a swatch in the map's colour for this ally, with the value written next to the name
    sw = pygame.Rect(rect.x + pad, rect.y + inset + th.tx(3), style.swatch_w(ink), rect.h - 2 * inset - th.tx(6))
    pygame.draw.rect(surf, overlay_color(overlay, a.overlay(overlay), yardstick), sw, border_radius=th.px(3))
    x = sw.right + th.tx(10)
    chip = ink.chip(surf, (rect.right - pad, rect.y + inset), a.order, style.chip_role, "topright",
                    dim=(a.order == "hold"))
    name = ("▶ " if selected and marker else "") + a.name + a.flags
    ink.text(surf, name, (x, rect.y + inset), style.name_role, pal["text"], True, max_w=chip.x - x - th.tx(6))
    role = style.value_role
    y = rect.bottom - inset
    beside_chip = chip.bottom > y - ink.lh(role)
    first_t, trend_t, trust_t = values_text(ink, a, (chip.x - th.tx(6) if beside_chip else rect.right - pad) - x, role)
    first = ink.text(surf, first_t, (x, y), role, pal["dim"], anchor="bottomleft")
    right = first.right
    if trend_t:
        _, color = trend(ink, "spending", a.delta["spending"], True)
        right = ink.text(surf, trend_t, (right + th.tx(6), y), role, color, True, anchor="bottomleft").right
    ink.text(surf, trust_t, (right + th.tx(8), y), role, pal["dim"], anchor="bottomleft")


def draw_more(ink: Ink, surf, rect: pygame.Rect, above: int, below: int) -> None:
    """'▲ 2 above · ▼ 3 more below (Tab)': the list is a window onto every ally."""
    parts = ([_("▲ {n} above").format(n=above)] if above else []) + \
        ([_("▼ {n} more below").format(n=below)] if below else [])
    if parts:
        ink.text(surf, "  ·  ".join(parts) + "  (Tab)", rect.center, "tiny", ink.pal["dim"], True, "center",
                 max_w=rect.w)
