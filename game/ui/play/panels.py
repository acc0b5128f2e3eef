"""The panels of the play screen: the top bar (global meters), the ally list (with every pending order) and the
selected ally's meters. Draw functions only: they read view values and never change anything."""
from __future__ import annotations

import pygame

from game.ui.ink import Ink
from game.ui.layout import columns
from game.ui.play.view import AllyView, GlobalView, deterrence_word
from game.ui.theme import GUIDELINE, SPENDING_MAX, overlay_color

PILLAR_NAMES = {"deterrence": "Deterrence", "burden": "Burden", "influence": "Influence", "cohesion": "Cohesion"}
METERS = (  # var, label, good when it rises?
    ("spending", "Defence spending", True), ("threat", "Threat felt", None), ("trust", "Trust in the U.S.", True),
    ("alignment", "Alignment with the U.S.", True), ("hedging", "Hedging", False))


def money(x: float) -> str:
    return f"${x:,.1f} bn"


def trend(ink: Ink, var: str, delta: float, good_up: bool | None) -> tuple[str, tuple]:
    """'▲ +0.03' and its colour: blue when the change is good, orange when bad, dim when neutral or tiny."""
    pal = ink.pal
    if abs(delta) < 0.005:
        return "· 0.00", pal["faint"]
    arrow = "▲" if delta > 0 else "▼"
    text = f"{arrow} {delta:+.2f}"
    if good_up is None:
        return text, pal["dim"]
    good = (delta > 0) == good_up
    return text, pal["good"] if good else pal["bad"]


# --- top bar ------------------------------------------------------------------------------------------------
def short_name(ink: Ink, name: str, width: int, role: str) -> str:
    """The campaign's full name if it fits, else the part before its colon."""
    if ink.width(name, role, True) <= width or ":" not in name:
        return name
    return name.split(":")[0]


def draw_top(ink: Ink, surf, rect: pygame.Rect, name: str, g: GlobalView) -> None:
    th, pal = ink.theme, ink.pal
    pygame.draw.rect(surf, pal["bar"], rect)
    pygame.draw.line(surf, pal["border"], rect.bottomleft, (rect.right, rect.bottom - 1), th.line_w)
    inner = rect.inflate(-th.px(28), -th.tx(24))
    name_c, budget_c, dom_c, cred_c, pill_c = columns(inner, [2.2, 2.6, 1.45, 1.2, 4.4], th.px(26))
    title = short_name(ink, name, name_c.w, "h3")
    ink.text(surf, title, name_c.topleft, "h3", pal["text"], True, max_w=name_c.w)
    when = "Campaign complete" if g.over else f"Turn {g.turn + 1} of {g.turns}  ·  {g.label}"
    ink.text(surf, when, (name_c.x, name_c.bottom), "small", pal["accent"], True, "bottomleft", max_w=name_c.w)

    # the budget: the projected cost of the pending orders against the budget
    left = g.budget - g.projected
    over = left < 0
    note = f"{money(-left)} over" if over else f"{money(left)} left"
    value = f"{money(g.projected)} of {money(g.budget)}"
    top = max(g.budget * 1.3, g.projected * 1.05, 1e-9)   # an event may drain the budget to 0
    _column(ink, surf, budget_c, "U.S. COST, $ BN A YEAR", value, (note, pal["bad"] if over else pal["good"]),
            g.projected / top, pal["bad_fill"] if over else pal["good_fill"], marker=g.budget / top)
    for col, label, hist, color, good_up in ((dom_c, "DOMESTIC PRESSURE", g.domestic, pal["bad"], False),
                                             (cred_c, "CREDIBILITY", g.credibility, pal["good_fill"], True)):
        delta = hist[-1] - hist[-2] if len(hist) > 1 else 0.0
        _column(ink, surf, col, label, f"{hist[-1]:.2f}", trend(ink, "x", delta, good_up), hist[-1], color)

    # the four pillars so far, and the score
    cols = columns(pill_c, [1, 1, 1, 1, 0.6], th.px(14))
    for col, (key, value) in zip(cols, g.pillars.items()):
        if value is None:
            _column(ink, surf, col, PILLAR_NAMES[key].upper(), "–", ("after turn 1" if g.turn == 0 else "at the end",
                                                                     pal["faint"]), 0.0, pal["track"])
        else:
            _column(ink, surf, col, PILLAR_NAMES[key].upper(), f"{value:.0f}", None, value / 100,
                    pal["good_fill"] if value >= 50 else pal["bad"])
    sc = cols[-1]
    ink.text(surf, "SCORE", (sc.right, sc.y), "tiny", pal["select"], True, "topright")
    ink.text(surf, "–" if g.score is None else f"{g.score:.0f}", (sc.right, sc.bottom + th.tx(6)), "h2",
             pal["text"], True, "bottomright")


def _column(ink: Ink, surf, col: pygame.Rect, label: str, value: str, note, frac: float, color,
            marker: float | None = None) -> None:
    """A top-bar meter: label, value (and a note on the right), then a bar."""
    th, pal = ink.theme, ink.pal
    ink.text(surf, label, col.topleft, "tiny", pal["dim"], True, max_w=col.w)
    y = col.y + ink.lh("tiny", True)
    shown = ink.text(surf, value, (col.x, y), "small", pal["text"], True, max_w=col.w)
    if note:
        ink.text(surf, note[0], (col.right, y + th.tx(1)), "tiny", note[1], True, "topright",
                 max_w=col.right - shown.right - th.tx(8))
    ink.bar(surf, pygame.Rect(col.x, col.bottom - th.tx(9), col.w, th.tx(9)), frac, color, marker=marker)


# --- ally list -----------------------------------------------------------------------------------------------
def list_row_height(ink: Ink) -> int:
    return ink.lh("body", True) + ink.lh("small") + ink.theme.tx(16)


def draw_ally_row(ink: Ink, surf, rect: pygame.Rect, a: AllyView, overlay: str, selected: bool, hovered: bool) -> None:
    th, pal = ink.theme, ink.pal
    bg = pal["card_hi"] if selected else pal["card"] if hovered else pal["panel"]
    pygame.draw.rect(surf, bg, rect, border_radius=th.px(8))
    if selected:
        pygame.draw.rect(surf, pal["select"], rect, max(2, th.px(3)), border_radius=th.px(8))
    pad = th.tx(12)
    # a swatch in the map's colour for this ally, with the value written next to the name
    sw = pygame.Rect(rect.x + pad, rect.y + th.tx(10), th.tx(14), rect.h - th.tx(20))
    pygame.draw.rect(surf, overlay_color(overlay, a.overlay(overlay)), sw, border_radius=th.px(3))
    x = sw.right + th.tx(12)
    chip = ink.chip(surf, (rect.right - pad, rect.y + th.tx(8)), a.order, "small", "topright",
                    dim=(a.order == "hold"))
    name = ("▶ " if selected else "") + a.name + a.flags
    ink.text(surf, name, (x, rect.y + th.tx(7)), "body", pal["text"], True, max_w=chip.x - x - pad)
    spend_t, spend_c = trend(ink, "spending", a.delta["spending"], True)
    first = ink.text(surf, f"{a.now['spending']:.2f} % GDP", (x, rect.bottom - th.tx(7)), "small", pal["dim"],
                     anchor="bottomleft")
    second = ink.text(surf, spend_t, (first.right + th.tx(6), first.bottom), "small", spend_c, True,
                      anchor="bottomleft")
    ink.text(surf, f"·  trust {a.now['trust']:.2f}", (second.right + th.tx(8), first.bottom), "small", pal["dim"],
             anchor="bottomleft", max_w=rect.right - pad - second.right - th.tx(8))


def draw_compact_row(ink: Ink, surf, rect: pygame.Rect, a: AllyView, selected: bool, hovered: bool) -> None:
    """The ally's row when the window is short: name and order on one line."""
    th, pal = ink.theme, ink.pal
    pygame.draw.rect(surf, pal["card_hi"] if selected else pal["card"] if hovered else pal["panel"], rect,
                     border_radius=th.px(6))
    if selected:
        pygame.draw.rect(surf, pal["select"], rect, max(2, th.px(3)), border_radius=th.px(6))
    room = rect.w - ink.width(("▶ " if selected else "") + a.name + a.flags, "small", True) - th.tx(40)
    long = ink.width(a.order.capitalize(), "tiny", True) + ink.width("W", "tiny", True) + th.tx(30) < room
    chip = ink.chip(surf, (rect.right - th.tx(8), rect.centery), a.order, "tiny", "midright", long=long,
                    dim=a.order == "hold")
    ink.text(surf, ("▶ " if selected else "") + a.name + a.flags, (rect.x + th.tx(10), rect.centery), "small",
             pal["text"], True, "midleft", max_w=chip.x - rect.x - th.tx(20))


# --- the selected ally --------------------------------------------------------------------------------------
def meter_row_height(ink: Ink) -> int:
    return ink.lh("small", True) + ink.theme.tx(30)


def pairs_height(ink: Ink, w: int) -> int:
    """Height of the presence and deterrence lines under the meters: two lines, or four where the pairs cannot
    stand side by side (judged on their longest forms)."""
    th = ink.theme
    longest = (("★ U.S. presence 0.00", "Self-reliance 0.00"),
               ("Deterrence 10.0× (very thin)", "Leans on U.S. 0.00"))
    lines = sum(1 if ink.width(a, "small", True) + th.tx(16) + ink.width(b, "small") <= w else 2 for a, b in longest)
    return lines * (ink.lh("small", True) + th.tx(2)) + th.tx(2)


def draw_ally_detail(ink: Ink, surf, rect: pygame.Rect, a: AllyView, label: str, compact: bool = False) -> int:
    """Name, status and five meters with their trends; returns the y below them."""
    th, pal = ink.theme, ink.pal
    x, y, w = rect.x, rect.y, rect.w
    ink.text(surf, a.name + a.flags, (x, y), "h2", pal["text"], True, max_w=w)
    y += ink.lh("h2", True)
    status = f"{'Partner' if a.partner else 'Ally'} facing {a.adversary}"
    if a.nuclear:
        status += "  ·  ☢ nuclear programme"
    elif a.realigned:
        status += "  ·  ⚑ made its own deal"
    ink.text(surf, status, (x, y), "small", pal["bad"] if (a.nuclear or a.realigned) else pal["dim"], max_w=w)
    y += ink.lh("small") + th.tx(14)
    rh = ink.lh("small", True) + th.tx(10) if compact else meter_row_height(ink)
    for var, name, good_up in METERS:
        _ally_meter(ink, surf, pygame.Rect(x, y, w, rh), a, var, name, good_up, compact)
        y += rh
    # presence and deterrence, in words and numbers
    y += th.tx(2)
    pairs = (((f"★ U.S. presence {a.now['presence']:.2f}", pal["select"], True),
              (f"Self-reliance {a.self_reliance:.2f}", pal["dim"], False)),
             ((f"Deterrence {a.deterrence:.1f}× ({deterrence_word(a.deterrence)})",
               pal["bad"] if a.deterrence < 0.8 else pal["text"], True),
              (f"Leans on U.S. {a.protection:.2f}", pal["dim"], False)))
    gap = th.tx(16)
    for left, right in pairs:   # side by side where they fit, else one under the other
        lh = ink.lh("small", True) + th.tx(2)
        ink.text(surf, left[0], (x, y), "small", left[1], left[2], max_w=w)
        if ink.width(left[0], "small", left[2]) + gap + ink.width(right[0], "small", right[2]) > w:
            y += lh
        ink.text(surf, right[0], (rect.right, y), "small", right[1], right[2], "topright", max_w=w)
        y += lh
    return y


def _ally_meter(ink: Ink, surf, row: pygame.Rect, a: AllyView, var: str, name: str, good_up,
                compact: bool = False) -> None:
    th, pal = ink.theme, ink.pal
    value = a.now[var]
    tr, tcol = trend(ink, var, a.delta[var], good_up)
    tr_w = ink.width("▲ +0.00", "small", True)
    ink.text(surf, tr, (row.right, row.y), "small", tcol, True, "topright")
    val = f"{value:.2f} % GDP" if var == "spending" else f"{value:.2f}"
    shown = ink.text(surf, val, (row.right - tr_w - th.tx(12), row.y), "small", pal["text"], True, "topright")
    ink.text(surf, name, row.topleft, "small", pal["dim"], True, max_w=shown.x - row.x - th.tx(10))
    if compact:   # one line: a thin bar under the words stands in for the bar and the sparkline
        frac = value / SPENDING_MAX if var == "spending" else value
        color = (pal["good_fill"] if value >= GUIDELINE else pal["bad"]) if var == "spending" else \
            pal["bad"] if var in ("threat", "hedging") else pal["good_fill"]
        ink.bar(surf, pygame.Rect(row.x, row.y + ink.lh("small", True) + th.tx(1), row.w, th.tx(4)), frac, color)
        return
    bar_y = row.y + ink.lh("small", True) + th.tx(6)
    bar_w = int(row.w * 0.62)
    bar = pygame.Rect(row.x, bar_y, bar_w, th.tx(12))
    spark = pygame.Rect(bar.right + th.tx(16), bar_y - th.tx(5), row.right - bar.right - th.tx(16), th.tx(22))
    if var == "spending":
        color = pal["good_fill"] if value >= GUIDELINE else pal["bad"]
        ink.bar(surf, bar, value / SPENDING_MAX, color, marker=GUIDELINE / SPENDING_MAX)
        hist = a.history[var]
        lo, hi = min(min(hist), GUIDELINE) - 0.2, max(max(hist), GUIDELINE) + 0.2
        ink.sparkline(surf, spark, hist, lo, hi, pal["accent"], ref=GUIDELINE)
    else:
        color = pal["bad"] if var in ("threat", "hedging") else pal["good_fill"]
        ink.bar(surf, bar, value, color)
        hist = a.history[var]
        lo, hi = max(0.0, min(hist) - 0.1), min(1.0, max(hist) + 0.1)
        ink.sparkline(surf, spark, hist, lo, hi, pal["accent"])
