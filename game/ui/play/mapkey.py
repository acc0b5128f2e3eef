"""Where the map, its legend and the adversaries go in the play screen's map area: the map as large as the area
allows. The legend stands beside the map, or folds into a key of a few short lines under it, with the adversaries'
box beside the map where it fits there, else in the key as a line each: whichever leaves the larger map."""
from __future__ import annotations

from dataclasses import dataclass, replace

import pygame

from game.i18n import N_, _, num
from game.settings import OVERLAYS
from game.ui.ink import Ink, hatch_tile
from game.ui.map.view import Pane, fit_panes
from game.ui.play.legend import KEYS, draw_ramp, foes_width, key_label, legend_size, sample_color
from game.ui.theme import Yardstick
from game.ui.wording import FIGURES, dollars, overlay_title

SWATCH = 32     # a key's sample, in text pixels
# The folded key's entries: (hatch, words); "*" the presence pips, "[]" the selection's outline.
KEY = (*KEYS, ("*", N_("U.S. presence")), ("[]", N_("Selected")))


@dataclass(frozen=True)
class MapArea:
    panes: list[Pane]
    legend: pygame.Rect | None      # the legend beside the map (None: folded into the key)
    key: pygame.Rect | None         # the folded key under the map
    foes: pygame.Rect | None        # the adversaries' box beside the map (None: in the key)
    wanted: int = 0                 # the width the map could still use: it is narrower than its height allows


def foe_lines(foes, attacks: int, crises: int) -> list[str]:
    """The adversaries as the folded key says them: a line each, then the attacks and crises."""
    lines = [_("{adversary}: {amount} a year ({change} %), appetite for probing {appetite}").format(
                 adversary=f.name, amount=dollars(f.capability[-1], 0), appetite=num(f.revisionism),
                 change=num((f.capability[-1] / f.capability[0] - 1 if f.capability[0] else 0.0) * 100, 0, sign=True))
             for f in foes]
    return lines + [_("attacks {attacks}, crises {crises}").format(attacks=attacks, crises=crises)]


def _entry_w(ink: Ink, words: str) -> int:
    return ink.theme.tx(SWATCH) + ink.theme.tx(8) + ink.width(words, "small")


# The scale's heading in the key, shorter than the side legend's (the active tab names the overlay as well).
def key_titles() -> dict[str, str]:
    return {**{o: overlay_title(o) for o in OVERLAYS}, "alignment": FIGURES["alignment"].short,
            "spending": FIGURES['spending'].short + _(", % of GDP")}


def _scale_w(ink: Ink) -> int:
    th = ink.theme
    return max(th.tx(180), max(ink.width(t, "tiny", True) for t in key_titles().values()))


def _key_layout(ink: Ink, width: int, lines: list[str]) -> tuple[int, list[tuple[str, str, pygame.Rect]]]:
    """The folded key at `width` (inside its padding): the scale, then the entries in as many columns as fit beside
    it (else under it), then the adversaries' lines, joined where they fit on one. Returns its height and the
    placed items (kind, words, rect)."""
    th = ink.theme
    gap, row_h = th.tx(18), ink.lh("small") + th.tx(6)
    scale = pygame.Rect(0, 0, min(width, _scale_w(ink)), ink.lh("tiny", True) + th.tx(14) + ink.lh("tiny"))

    def widths(cols: int) -> list[int]:
        rows = -(-len(KEY) // cols)
        return [max(_entry_w(ink, key_label(words)) for _kind, words in KEY[c * rows:(c + 1) * rows])
                for c in range(cols)]
    shapes = [c for c in range(len(KEY), 0, -1) if (c - 1) * -(-len(KEY) // c) < len(KEY)]   # no empty column
    fits = [c for c in shapes if sum(widths(c)) + (c - 1) * gap <= width]
    beside = next((c for c in fits if scale.w + gap + sum(widths(c)) + (c - 1) * gap <= width), 0)
    cols = beside or (fits[0] if fits else 1)
    x0, y0 = (scale.right + gap, 0) if beside else (0, scale.bottom + th.tx(8))
    rows = -(-len(KEY) // cols)
    # rows centred on the scale beside it, so that a key of two rows sits level with the scale's ramp
    y0 += max(0, (scale.h - rows * row_h) // 2) if beside else 0
    items = [("scale", "", scale)]
    xs = [x0 + sum(widths(cols)[:c]) + c * gap for c in range(cols)]
    for k, (kind, words) in enumerate((kind, key_label(words)) for kind, words in KEY):
        col, row = divmod(k, rows)
        items.append((kind, words, pygame.Rect(xs[col], y0 + row * row_h, widths(cols)[col], row_h)))
    y = max(r.bottom for _, _, r in items) + (th.tx(6) if lines else 0)
    text = ""
    # "Russia: ... · Successful attacks: 0 ..." on one line where it fits; a line too long for the key on its own
    # (an adversary's spending and appetite beside a narrow map) goes on two, at its commas
    for line in (part for whole in lines for part in _parts(ink, whole, width)):
        joined = f"{text}  ·  {line}" if text else line
        if text and ink.width(joined, "small") > width:
            items.append(("line", text, pygame.Rect(0, y, width, row_h)))
            y, joined = y + row_h, line
        text = joined
    if text:
        items.append(("line", text, pygame.Rect(0, y, width, row_h)))
        y += row_h
    return y, items


def _parts(ink: Ink, line: str, width: int) -> list[str]:
    """`line` as pieces no wider than `width`, broken at its commas (one piece if it fits, or has none)."""
    parts: list[str] = []
    for word in line.split(", "):
        if parts and ink.width(f"{parts[-1]}, {word}", "small") <= width:
            parts[-1] = f"{parts[-1]}, {word}"
        else:
            parts.append(word)
    return parts if len(parts) > 1 and ink.width(line, "small") > width else [line]


def key_height(ink: Ink, width: int, lines: list[str]) -> int:
    pad = ink.theme.tx(12)
    return 2 * pad + _key_layout(ink, width - 2 * pad, lines)[0]


def arrange(ink: Ink, area: pygame.Rect, theatres, ids: tuple[str, ...], gap: int, foes, attacks: int,
            crises: int) -> MapArea:
    """The map, legend and adversaries in `area` (under the overlay tabs), the map as large as can be."""
    legend_h = legend_size(ink)[1]
    legend_w = max(legend_size(ink)[0], foes_width(ink, foes))     # the adversaries' box goes under it
    options = []
    beside = fit_panes(pygame.Rect(area.x + legend_w + gap, area.y, area.w - legend_w - gap, area.h), theatres, ids,
                       gap)
    if beside:
        legend = pygame.Rect(area.x, area.y, legend_w, legend_h)
        options.append(MapArea(beside, legend, None, pygame.Rect(area.x, legend.bottom + gap, legend_w,
                                                                 area.bottom - legend.bottom - gap)))
    lines = foe_lines(foes, attacks, crises)
    for inline in (False, True):
        key_h = key_height(ink, area.w, lines if inline else [])
        panes = fit_panes(pygame.Rect(area.x, area.y, area.w, area.h - key_h - gap), theatres, ids, gap)
        if not panes:
            continue
        right, bottom = max(p.rect.right for p in panes), max(p.rect.bottom for p in panes)
        box = None
        if not inline:      # the adversaries' box beside the map, the map moved right to give it the room
            room = min(p.rect.x for p in panes) - area.x + area.right - right - gap
            if room < foes_width(ink, foes):
                continue
            panes = [Pane(p.theatre, p.rect.move(area.right - right, 0)) for p in panes]
            box = pygame.Rect(area.x, area.y, room, bottom - area.y)
        options.append(MapArea(panes, None, pygame.Rect(area.x, bottom + gap, area.w, key_h), box))
        break
    if not options:         # no room for a map at all (huge text on a tiny window): the legend alone
        return MapArea([], pygame.Rect(area.x, area.y, min(legend_w, area.w), min(legend_h, area.h)), None, None)
    best = max(options, key=_size)
    # the legend stays beside the map where folding it would gain the map next to nothing
    best = options[0] if options[0].legend is not None and _size(options[0]) >= 0.97 * _size(best) else best
    # the width that would let the map stand the area's full height beside its legend
    aspect = sum(theatres[p.theatre].aspect for p in best.panes)
    full = int(area.h * aspect) + gap * len(best.panes) + legend_w
    return replace(best, wanted=max(0, full - area.w) if max(p.rect.h for p in best.panes) < area.h else 0)


def _size(m: MapArea) -> int:
    return sum(p.rect.w * p.rect.h for p in m.panes)


def draw_key(ink: Ink, surf, rect: pygame.Rect, overlay: str, yardstick: Yardstick, lines: list[str]) -> None:
    """The folded legend: the overlay's scale, the hatches and marks, and (if given) the adversaries' lines."""
    th, pal = ink.theme, ink.pal
    ink.panel(surf, rect, pal["panel"], radius=th.px(10))
    pad = th.tx(12)
    inner = rect.inflate(-2 * pad, -2 * pad)
    for kind, words, r in _key_layout(ink, inner.w, lines)[1]:
        r = r.move(inner.topleft)
        if kind == "scale":
            ink.text(surf, key_titles()[overlay], r.topleft, "tiny", pal["text"], True, max_w=r.w)
            draw_ramp(ink, surf, pygame.Rect(r.x, r.y + ink.lh("tiny", True) + th.tx(2), r.w, th.tx(12)), overlay,
                      yardstick)
        elif kind == "line":
            ink.text(surf, words, r.topleft, "small", pal["dim"], max_w=r.w)
        else:
            _entry(ink, surf, kind, words, r.topleft, overlay, yardstick)


def _entry(ink: Ink, surf, kind: str, words: str, at: tuple[int, int], overlay: str, yardstick: Yardstick) -> None:
    th, pal = ink.theme, ink.pal
    sw = pygame.Rect(at[0], at[1] + th.tx(2), th.tx(SWATCH), ink.lh("small") - th.tx(4))
    if kind == "*":
        star = ink.text(surf, "★", (sw.x, at[1]), "small", pal["select"], True)
        size = th.tx(6)
        for i in range(3):
            r = pygame.Rect(star.right + th.tx(2) + i * (size + th.tx(2)), sw.centery - size // 2, size, size)
            pygame.draw.rect(surf, pal["select"], r) if i < 2 else pygame.draw.rect(surf, pal["faint"], r, 1)
    elif kind == "[]":
        pygame.draw.rect(surf, pal["select"], sw, max(2, th.px(3)))
    else:
        base = pal["adversary"] if kind == "#" else sample_color(overlay, yardstick)
        pygame.draw.rect(surf, base, sw)
        color = pal["adversary_hatch"] if kind == "#" else (12, 16, 24)
        surf.blit(hatch_tile(kind, sw.size, color, max(6, th.px(11)), max(1, th.px(2.2))), sw)
        pygame.draw.rect(surf, pal["border"], sw, 1)
    ink.text(surf, words, (sw.right + th.tx(8), at[1]), "small", pal["text"])
