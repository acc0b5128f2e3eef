"""The panels of the play screen: the top bar (global meters) and the selected ally's meters. Draw functions only:
they read view values and never change anything."""
from __future__ import annotations

import pygame

from game.i18n import N_, _, num
from game.ui.ink import Ink
from game.ui.layout import columns
from game.ui.play.view import AllyView, GlobalView, deterrence_word
from game.ui.theme import Yardstick
from game.ui.wording import FIGURES, PILLAR_SHORT, PILLAR_TITLES, dollars, name_forms, shown_delta


class _Meters:
    """Per meter: var, label, its short form (where the label does not fit beside the value), good when it rises?
    Read in the language spoken each time it is iterated."""
    VARS = ("spending", "threat", "trust", "alignment", "hedging")

    def __iter__(self):
        return iter([(var, FIGURES[var].title, FIGURES[var].short, FIGURES[var].good_up) for var in self.VARS])

    def __len__(self) -> int:
        return len(self.VARS)


METERS = _Meters()


def money(x: float) -> str:
    return dollars(x)


def trend(ink: Ink, var: str, delta: float, good_up: bool | None) -> tuple[str, tuple]:
    """'▲ +0.03' and its colour: blue when the change is good, orange when bad, dim when neutral or none.
    `delta` is the change as shown (game.ui.wording.shown_delta), so the arrow agrees with the two values."""
    pal = ink.pal
    if round(delta, 2) == 0:
        return "· " + num(0.0), pal["faint"]
    arrow = "▲" if delta > 0 else "▼"
    text = f"{arrow} {num(delta, sign=True)}"
    if good_up is None:
        return text, pal["dim"]
    good = (delta > 0) == good_up
    return text, pal["good"] if good else pal["bad"]


# --- top bar ------------------------------------------------------------------------------------------------
def short_name(ink: Ink, name: str, width: int, role: str) -> str:
    """The campaign's full name if it fits, else the longest of its shorter forms that does."""
    return _first_fit(ink, name_forms(name), width, role)


def draw_top(ink: Ink, surf, rect: pygame.Rect, name: str, g: GlobalView) -> None:
    th, pal = ink.theme, ink.pal
    pygame.draw.rect(surf, pal["bar"], rect)
    pygame.draw.line(surf, pal["border"], rect.bottomleft, (rect.right, rect.bottom - 1), th.line_w)
    inner = rect.inflate(-th.px(28), -th.tx(24))
    # the name's column widens (up to a quarter of the bar) rather than cut the campaign's name
    weights = [2.2, 2.6, 1.45, 1.2, 4.4]
    need = ink.width(name_forms(name)[-1], "body", True) + th.px(4)
    share = min(need, inner.w // 4) / max(1, inner.w - 4 * th.px(26))
    if share > weights[0] / sum(weights):
        weights[0] = share * sum(weights[1:]) / (1 - share)
    name_c, budget_c, dom_c, cred_c, pill_c = columns(inner, weights, th.px(26))
    # the campaign's name in the largest type that holds one of its forms whole
    role = next((r for r in ("h3", "body", "small") if ink.width(name_forms(name)[-1], r, True) <= name_c.w), "small")
    title = short_name(ink, name, name_c.w, role)
    ink.text(surf, title, name_c.topleft, role, pal["text"], True, max_w=name_c.w)
    when = (_("Campaign complete"),) if g.over else (
        _("Turn {n} of {turns}  ·  {when}").format(n=g.turn + 1, turns=g.turns, when=g.label),
        _("Turn {n}/{turns} · {when}").format(n=g.turn + 1, turns=g.turns, when=g.label), g.label)
    ink.text(surf, _first_fit(ink, when, name_c.w, "small"), (name_c.x, name_c.bottom), "small", pal["accent"], True,
             "bottomleft", max_w=name_c.w)

    # the budget: the projected cost of the pending orders against the budget
    left = g.budget - g.projected
    over = left < 0
    note = (_("{amount} over") if over else _("{amount} left")).format(amount=money(abs(left)))
    value = _("{cost} of {budget}").format(cost=money(g.projected), budget=money(g.budget))
    top = max(g.budget * 1.3, g.projected * 1.05, 1e-9)   # an event may drain the budget to 0
    cost, budget = num(g.projected, 1, group=True), num(g.budget, 1, group=True)
    value = (value, _("${cost} of {budget} bn").format(cost=cost, budget=budget), f"${cost}/{budget}")
    _column(ink, surf, budget_c, (_("U.S. COST, $ BN A YEAR"), _("U.S. COST A YEAR"), _("U.S. COST")), value,
            (note, pal["bad"] if over else pal["good"]),
            g.projected / top, pal["bad_fill"] if over else pal["good_fill"], marker=g.budget / top)
    for col, label, hist, color, good_up in ((dom_c, (_("DOMESTIC PRESSURE"), _("DOMESTIC"), _("DOM.")), g.domestic,
                                              pal["bad"], False),
                                             (cred_c, (_("CREDIBILITY"), _("CREDIB.")), g.credibility, pal["good_fill"],
                                              True)):
        delta = shown_delta(hist[-2], hist[-1]) if len(hist) > 1 else 0.0
        _column(ink, surf, col, label, num(hist[-1]), trend(ink, "x", delta, good_up), hist[-1], color)

    # the four pillars so far, and the score
    cols = columns(pill_c, [1, 1, 1, 1, 0.6], th.px(14))
    for col, (key, value) in zip(cols, g.pillars.items()):
        if value is None:
            _column(ink, surf, col, (PILLAR_TITLES[key].upper(), PILLAR_SHORT[key]), "–",
                    (_("after turn 1") if g.turn == 0 else _("at the end"), pal["faint"]), 0.0, pal["track"])
        else:
            _column(ink, surf, col, (PILLAR_TITLES[key].upper(), PILLAR_SHORT[key]), num(value, 0), None, value / 100,
                    pal["good_fill"] if value >= 50 else pal["bad"])
    sc = cols[-1]
    ink.text(surf, _("SCORE"), (sc.right, sc.y), "tiny", pal["select"], True, "topright")
    ink.text(surf, "–" if g.score is None else num(g.score, 0), (sc.right, sc.bottom + th.tx(6)), "h2",
             pal["text"], True, "bottomright")


def _column(ink: Ink, surf, col: pygame.Rect, label, value, note, frac: float, color,
            marker: float | None = None) -> None:
    """A top-bar meter: label, value (and a note on the right), then a bar. `label` and `value` may be tuples of
    ever shorter forms: the first that fits is drawn, and a note that does not fit is left out, not cut."""
    th, pal = ink.theme, ink.pal
    label = _first_fit(ink, label, col.w, "tiny")
    ink.text(surf, label, col.topleft, "tiny", pal["dim"], True, max_w=col.w)
    y = col.y + ink.lh("tiny", True)
    value = _first_fit(ink, value, col.w, "small")
    shown = ink.text(surf, value, (col.x, y), "small", pal["text"], True)
    if note and ink.width(note[0], "tiny", True) <= col.right - shown.right - th.tx(8):
        ink.text(surf, note[0], (col.right, y + th.tx(1)), "tiny", note[1], True, "topright")
    ink.bar(surf, pygame.Rect(col.x, col.bottom - th.tx(9), col.w, th.tx(9)), frac, color, marker=marker)


def _first_fit(ink: Ink, forms, width: int, role: str) -> str:
    forms = (forms,) if isinstance(forms, str) else forms
    return next((f for f in forms if ink.width(f, role, True) <= width), forms[-1])


# --- the selected ally --------------------------------------------------------------------------------------
def meter_row_height(ink: Ink, compact: bool = False) -> int:
    return ink.lh("small", True) + ink.theme.tx(7 if compact else 30)


def detail_height(ink: Ink, w: int, compact: bool, status: bool = True) -> int:
    """The height draw_ally_detail takes at width `w` (name, status, meters, the two pairs of figures)."""
    th = ink.theme
    return ink.lh("h2", True) + (ink.lh("small") + th.tx(14) if status else th.tx(6)) \
        + 5 * meter_row_height(ink, compact) + th.tx(2) + pairs_height(ink, w)


# The figures under the meters, two to a line: each in its long and short forms. Which forms are used is judged
# on the widest values, so the height is the same for every ally.
PAIRS = (((N_("★ U.S. presence {p}"), N_("★ Presence {p}")), (N_("Self-reliance {s}"), N_("Self-rel. {s}"))),
         ((N_("Deterrence {d}× ({word})"), N_("Deterrence {d}×")), (N_("Leans on U.S. {x}"), N_("On U.S. {x}"))))
WIDEST = {"p": 0.0, "s": 0.0, "d": 10.0, "word": N_("very thin"), "x": 0.0}


def pair_text(form: str, values: dict) -> str:
    """A figure under the meters, worded and written in the language spoken."""
    return _(form).format(p=num(values["p"]), s=num(values["s"]), d=num(values["d"], 1), x=num(values["x"]),
                          word=_(values["word"]))


def _pair_forms(ink: Ink, w: int) -> list[tuple[int, int, bool]]:
    """For each pair: which form of the left and of the right figure, and whether the right one goes on a line
    of its own (where even the short forms cannot stand side by side)."""
    gap = ink.theme.tx(16)
    out = []
    for lefts, rights in PAIRS:
        def width(forms, i, bold):
            return ink.width(pair_text(forms[i], WIDEST), "small", bold)
        side = [(li, ri) for li, ri in ((0, 0), (1, 0), (1, 1)) if width(lefts, li, True) + gap
                + width(rights, ri, False) <= w]
        # stacked, each figure on its own line in the longest form that fits it
        out.append((*side[0], False) if side else (0 if width(lefts, 0, True) <= w else 1,
                                                   0 if width(rights, 0, False) <= w else 1, True))
    return out


def detail_min_width(ink: Ink, names: list[str]) -> int:
    """The narrowest the selected ally's details can be with every value whole: the widest name with its flags
    (in the smaller type draw_ally_detail falls back to),
    each meter's short label beside the widest value and trend, each figure under the meters in its short form
    on a line of its own."""
    th = ink.theme
    name = max(ink.width(n + " ☢ ⚑", "h3", True) for n in names)
    meter = max(ink.width(short, "small", True) for _var, _title, short, _good in METERS) + th.tx(22) \
        + ink.width(num(0.0) + _(" % GDP"), "small", True) + ink.width("▲ " + num(0.0, sign=True), "small", True)
    pairs = max(ink.width(pair_text(forms[-1], WIDEST), "small", bold) for pair in PAIRS
                for forms, bold in zip(pair, (True, False)))
    return max(name, meter, pairs)


def pairs_height(ink: Ink, w: int) -> int:
    """Height of the presence and deterrence lines under the meters: a line per pair, or two where a pair cannot
    stand side by side even in its short form."""
    th = ink.theme
    lines = sum(2 if stacked else 1 for _, _, stacked in _pair_forms(ink, w))
    return lines * (ink.lh("small", True) + th.tx(2)) + th.tx(2)


def draw_ally_detail(ink: Ink, surf, rect: pygame.Rect, a: AllyView, yardstick: Yardstick, compact: bool = False,
                     status: bool = True) -> int:
    """Name, status (unless the panel is too short: the name's ☢ ⚑ flags still say the grave part) and five
    meters with their trends, spending against the campaign's `yardstick`; returns the y below them."""
    th, pal = ink.theme, ink.pal
    x, y, w = rect.x, rect.y, rect.w
    # the name in smaller type rather than cut, in a panel that gave its width to the map
    role = "h2" if ink.width(a.name + a.flags, "h2", True) <= w else "h3"
    ink.text(surf, a.name + a.flags, (x, y + ink.lh("h2", True) - ink.lh(role, True)), role, pal["text"], True,
             max_w=w)
    y += ink.lh("h2", True)
    if status:
        line = (_("Partner facing {adversary}") if a.partner else _("Ally facing {adversary}")).format(
            adversary=a.adversary)
        if a.nuclear:
            line += _("  ·  ☢ nuclear programme")
        elif a.realigned:
            line += _("  ·  ⚑ made its own deal")
        elif a.renounced:
            line += _("  ·  gave up its nuclear programme")
        ink.text(surf, line, (x, y), "small", pal["bad"] if (a.nuclear or a.realigned) else pal["dim"], max_w=w)
    y += ink.lh("small") + th.tx(14) if status else th.tx(6)
    rh = meter_row_height(ink, compact)
    for var, name, short, good_up in METERS:
        _ally_meter(ink, surf, pygame.Rect(x, y, w, rh), a, var, (name, short), good_up, yardstick, compact)
        y += rh
    # presence and deterrence, in words and numbers
    y += th.tx(2)
    values = {"p": a.now["presence"], "s": a.self_reliance, "d": a.deterrence, "word": deterrence_word(a.deterrence),
              "x": a.protection}
    colors = ((pal["select"], pal["dim"]), (pal["bad"] if a.deterrence < 0.8 else pal["text"], pal["dim"]))
    lh = ink.lh("small", True) + th.tx(2)
    for (lefts, rights), (li, ri, stacked), (left_c, right_c) in zip(PAIRS, _pair_forms(ink, w), colors):
        ink.text(surf, pair_text(lefts[li], values), (x, y), "small", left_c, True, max_w=w)
        if stacked:
            y += lh
        ink.text(surf, pair_text(rights[ri], values), (rect.right, y), "small", right_c, False, "topright", max_w=w)
        y += lh
    return y


def _ally_meter(ink: Ink, surf, row: pygame.Rect, a: AllyView, var: str, names: tuple[str, str], good_up,
                yardstick: Yardstick, compact: bool = False) -> None:
    th, pal = ink.theme, ink.pal
    value = a.now[var]
    tr, tcol = trend(ink, var, a.delta[var], good_up)
    tr_w = ink.width("▲ +0.00", "small", True)
    ink.text(surf, tr, (row.right, row.y), "small", tcol, True, "topright")
    val = num(value) + _(" % GDP") if var == "spending" else num(value)
    shown = ink.text(surf, val, (row.right - tr_w - th.tx(12), row.y), "small", pal["text"], True, "topright")
    room = shown.x - row.x - th.tx(10)
    name = names[0] if ink.width(names[0], "small", True) <= room else names[1]
    ink.text(surf, name, row.topleft, "small", pal["dim"], True, max_w=room)
    if compact:   # one line: a thin bar under the words stands in for the bar and the sparkline
        frac = yardstick.share(value) if var == "spending" else value
        color = (pal["good_fill"] if yardstick.met(value) else pal["bad"]) if var == "spending" else \
            pal["bad"] if var in ("threat", "hedging") else pal["good_fill"]
        ink.bar(surf, pygame.Rect(row.x, row.y + ink.lh("small", True) + th.tx(1), row.w, th.tx(4)), frac, color)
        return
    bar_y = row.y + ink.lh("small", True) + th.tx(6)
    bar_w = int(row.w * 0.62)
    bar = pygame.Rect(row.x, bar_y, bar_w, th.tx(12))
    spark = pygame.Rect(bar.right + th.tx(16), bar_y - th.tx(5), row.right - bar.right - th.tx(16), th.tx(22))
    if var == "spending":
        color = pal["good_fill"] if yardstick.met(value) else pal["bad"]
        line = yardstick.guideline
        ink.bar(surf, bar, yardstick.share(value), color, marker=yardstick.share(line))
        hist = a.history[var]
        lo, hi = min(min(hist), line) - 0.2, max(max(hist), line) + 0.2
        ink.sparkline(surf, spark, hist, lo, hi, pal["accent"], ref=line)
    else:
        color = pal["bad"] if var in ("threat", "hedging") else pal["good_fill"]
        ink.bar(surf, bar, value, color)
        hist = a.history[var]
        lo, hi = max(0.0, min(hist) - 0.1), min(1.0, max(hist) + 0.1)
        ink.sparkline(surf, spark, hist, lo, hi, pal["accent"])
