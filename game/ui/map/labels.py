"""Map labels: name, overlay value and U.S. presence for each ally, placed without overlapping.

Greedy placement: adversaries, then allies from the smallest country up (small countries get the spot over
their own territory first), then faint names of the other countries where they fit. A label pushed off its
country gets a leader line to it, which crosses no other label and which no later label covers; where no spot is
free, the label shrinks to the name alone, and then is left out, so labels never pile up (every value is in the
ally list as well).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pygame

from game.ui.ink import Ink
from game.ui.map.data import Theatre


@dataclass(frozen=True)
class Label:
    iso: str
    title: str
    value: str = ""             # second line: the overlay's value
    presence: float = -1.0      # U.S. presence 0-1 drawn as pips; < 0 for none
    kind: str = "ally"          # ally | adversary | other
    flags: str = ""             # short status after the value: "☢", "⚑"


PIPS = 5


def _size(ink: Ink, label: Label) -> tuple[int, int]:
    th = ink.theme
    if label.kind == "other":
        return ink.width(label.title, "tiny"), ink.lh("tiny")
    w = ink.width(label.title, "label", True)
    h = ink.lh("label", True)
    if label.value or label.presence >= 0:
        w2 = ink.width(label.value + label.flags, "small", True) if label.value else 0
        if label.presence >= 0:
            w2 += th.tx(8) + _pips_width(ink)
        w, h = max(w, w2), h + ink.lh("small", True)
    return w + th.tx(6), h


def _pips_width(ink: Ink) -> int:
    th = ink.theme
    return ink.width("★", "small", True) + PIPS * (th.tx(8) + th.tx(2))


_DIRS = [(math.cos(a * math.pi / 8), math.sin(a * math.pi / 8)) for a in range(16)]


NEAR, FAR = (0.35, 0.7, 1.0, 1.35), (1.7, 2.1, 2.6, 3.2)    # rings of spots around the anchor, in label sizes


def _candidates(w: int, h: int, rings=NEAR + FAR):
    """Offsets from the anchor, nearest first (in units of the label's own size)."""
    out = [(0.0, 0, 0)] if rings[0] == NEAR[0] else []
    for r in rings:
        for cx, cy in _DIRS:
            dx, dy = cx * r * w * 0.6, cy * r * h * 0.9
            out.append((math.hypot(dx / w, dy / h), round(dx), round(dy)))
    out.sort(key=lambda c: c[0])
    for _, dx, dy in out:
        yield dx, dy


def place_labels(ink: Ink, surf: pygame.Surface, theatre: Theatre, polys,
                 labels: tuple[Label, ...]) -> dict[str, pygame.Rect]:
    """Draw the labels that find room; returns where each drawn label went, by country."""
    sw, sh = surf.get_size()
    bounds = surf.get_rect().inflate(-ink.theme.px(6), -ink.theme.px(6))

    def anchor(iso):
        c = theatre.countries[iso]
        return round(c.label[0] * sw), round(c.label[1] * sh)

    def area(iso):
        x0, y0, x1, y1 = theatre.countries[iso].bounds
        return (x1 - x0) * (y1 - y0)

    order = {"adversary": 0, "ally": 1, "other": 2}
    todo = sorted((lb for lb in labels if lb.iso in theatre.countries and lb.iso in polys),
                  key=lambda lb: (order[lb.kind], area(lb.iso) if lb.kind == "ally" else -area(lb.iso)))
    pad = ink.theme.px(3)
    dots = [pygame.Rect(0, 0, 1, 1).inflate(pad * 3, pad * 3).move(*anchor(lb.iso)) for lb in todo
            if lb.kind == "ally"]
    placed: list[pygame.Rect] = []
    leaders: list[tuple[tuple[int, int], tuple[int, int]]] = []
    drawn: dict[str, pygame.Rect] = {}
    for lb in todo:
        ax, ay = anchor(lb.iso)
        x0, y0, x1, y1 = theatre.countries[lb.iso].bounds
        country_box = pygame.Rect(x0 * sw, y0 * sh, (x1 - x0) * sw, (y1 - y0) * sh)
        # the full label near its country; else the name alone near it (the value is in the ally list too);
        # only then either one further out, on a leader line; else none, so that no two labels ever pile up
        bare = replace(lb, value="", presence=-1.0, flags="")
        tries = ((lb, NEAR), (bare, NEAR), (lb, FAR), (bare, FAR)) if lb.kind != "other" else ((lb, NEAR),)
        for shown, rings in tries:
            w, h = _size(ink, shown)
            if lb.kind == "other" and (w > country_box.w * 1.1 or h > country_box.h * 1.2):
                break
            box = _free_spot(shown, w, h, (ax, ay), bounds, (placed, leaders), dots, pad, rings)
            if box is not None:
                placed.append(box.inflate(pad * 2, pad * 2))
                if lb.kind != "other" and not box.collidepoint(ax, ay):
                    leaders.append(((ax, ay), _leader_end(box, (ax, ay))))
                drawn[lb.iso] = box
                _draw(ink, surf, shown, box, (ax, ay))
                break
    return drawn


def _leader_end(box: pygame.Rect, anchor: tuple[int, int]) -> tuple[int, int]:
    """Where the leader line from a country's anchor meets its label: the box's nearest point."""
    return min(max(anchor[0], box.x), box.right), min(max(anchor[1], box.y), box.bottom)


def _free_spot(lb: Label, w: int, h: int, at: tuple[int, int], bounds: pygame.Rect, taken,
               dots: list[pygame.Rect], pad: int, rings) -> pygame.Rect | None:
    """The nearest box for a label that stays on the map and clear of every label and leader line placed so far (and,
    pushed off its own country, of the other allies' anchor dots), its own leader line crossing no other label.
    `taken` is (label boxes, leader lines)."""
    placed, leaders = taken
    if w > bounds.w or h > bounds.h:
        return None
    for dx, dy in _candidates(w, h, rings) if lb.kind != "other" else [(0, 0)]:
        box = pygame.Rect(0, 0, w, h)
        box.center = (at[0] + dx, at[1] + dy)
        if not bounds.contains(box):
            if lb.kind == "other" or not bounds.colliderect(box):
                continue
            box.clamp_ip(bounds)
        grown = box.inflate(pad * 2, pad * 2)
        if grown.collidelist(placed) >= 0 or any(grown.clipline(a, b) for a, b in leaders):
            continue
        if not box.collidepoint(at) and any(r.clipline(at, _leader_end(box, at)) for r in placed
                                            if not r.collidepoint(at)):
            continue    # (a line from an anchor another label already covers cannot help crossing that one)
        if (dx or dy) and lb.kind == "ally" and any(grown.colliderect(d) for d in dots if d.center != at):
            continue
        return box
    return None


def _draw(ink: Ink, surf, lb: Label, box: pygame.Rect, anchor: tuple[int, int]) -> None:
    pal, th = ink.pal, ink.theme
    if lb.kind == "other":
        ink.halo_text(surf, lb.title, box.center, "tiny", pal["dim"], False, "center")
        return
    if not box.collidepoint(anchor):
        target = _leader_end(box, anchor)
        pygame.draw.line(surf, pal["label_halo"], anchor, target, max(3, th.px(4)))
        pygame.draw.line(surf, pal["text"], anchor, target, max(1, th.px(1.6)))
        pygame.draw.circle(surf, pal["label_halo"], anchor, max(3, th.px(5)))
        pygame.draw.circle(surf, pal["text"], anchor, max(2, th.px(3.5)))
    color = pal["adversary_hatch"] if lb.kind == "adversary" else pal["text"]
    y = box.y
    ink.halo_text(surf, lb.title, (box.centerx, y), "label", color, True, "midtop")
    y += ink.lh("label", True)
    if not (lb.value or lb.presence >= 0):
        return
    pw = _pips_width(ink) + th.tx(8) if lb.presence >= 0 else 0
    vw = ink.width(lb.value + lb.flags, "small", True) if lb.value else 0
    x = box.centerx - (vw + pw) // 2
    if lb.value:
        ink.halo_text(surf, lb.value + lb.flags, (x, y), "small", pal["text"], True, "topleft")
        x += vw + th.tx(8)
    if lb.presence >= 0:
        star = ink.halo_text(surf, "★", (x, y), "small", pal["select"], True, "topleft")
        x = star.right + th.tx(2)
        size = th.tx(8)
        cy = star.centery - size // 2
        filled = round(lb.presence * PIPS)
        for i in range(PIPS):
            r = pygame.Rect(x + i * (size + th.tx(2)), cy, size, size)
            pygame.draw.rect(surf, pal["label_halo"], r.inflate(2, 2))
            if i < filled:
                pygame.draw.rect(surf, pal["select"], r)
            else:
                pygame.draw.rect(surf, pal["faint"], r, 1)
