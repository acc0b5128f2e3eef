"""Map labels: name, overlay value and U.S. presence for each ally, each on its own country.

Greedy placement: every ally's name, the allies with the fewest good spots first (the Baltic states before
Poland), then the adversaries, then each ally's name grown to the full label where it has room, then faint names of
the other countries where they fit inside them. A label goes at its country's anchor, else beside it on a leader
line; but only where it reads as its own country's (`Shapes.reads_as`): its centre on that country, or on no country and
nearer its own than any other labelled one, so that a label never sits on a neighbour. Where no such spot is free,
the label is left out with the reason (`Placement.left_out`): its values are in the ally list as well. Labels never
overlap, and a leader line crosses no other label.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
import pygame

from game.i18n import _
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


@dataclass
class Placement:
    """Where each drawn label went (by country), and why each ally or adversary label left out was left out."""
    drawn: dict[str, pygame.Rect] = field(default_factory=dict)
    left_out: dict[str, str] = field(default_factory=dict)
    bare: set[str] = field(default_factory=set)     # drawn with the name alone (the value is in the ally list)


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
    for _distance, dx, dy in out:
        yield dx, dy


class Shapes:
    """The countries of one map drawn at one size, for the question a label's position asks: whose country does it
    read as? `labelled`: the countries with labels of weight (the allies and adversaries), the ones a label could be
    taken for. Which country a point is on comes from a raster of the map (one look-up); distances, to the outline
    in pixels, are worked out only for a point at sea, and only to the labelled countries."""

    def __init__(self, polys: dict[str, list[list[tuple[int, int]]]], labelled: set[str], size: tuple[int, int]):
        self.isos = list(polys)
        self.size = size
        raster = pygame.Surface(size, depth=32)
        raster.fill((0, 0, 0))
        # the largest first, so that an enclave drawn later wins its own pixels
        for k in sorted(range(len(self.isos)), key=lambda k: -_extent(polys[self.isos[k]])):
            for ring in polys[self.isos[k]]:
                if len(ring) >= 3:
                    pygame.draw.polygon(raster, ((k + 1) & 255, (k + 1) >> 8, 0), ring)
        rgb = pygame.surfarray.pixels3d(raster)
        self.owner = rgb[:, :, 0].astype(np.int32) + (rgb[:, :, 1].astype(np.int32) << 8) - 1   # (w, h); -1 sea
        del rgb
        # each labelled country's outline as segments, with its bounding box for a cheap lower bound
        self.outlines: dict[int, tuple[np.ndarray, np.ndarray, tuple[float, float, float, float]]] = {}
        for iso in labelled:
            rings = [ring for ring in polys.get(iso, ()) if ring]
            if rings:
                a = np.array([pt for ring in rings for pt in ring], dtype=float)
                b = np.array([pt for ring in rings for pt in ring[1:] + ring[:1]], dtype=float)
                self.outlines[self.isos.index(iso)] = (a, b - a, (a[:, 0].min(), a[:, 1].min(), a[:, 0].max(),
                                                                  a[:, 1].max()))

    def country_at(self, point: tuple[int, int]) -> int:
        """The index (in `isos`) of the country under `point`, or -1 at sea or off the map."""
        x, y = int(point[0]), int(point[1])
        return int(self.owner[x, y]) if 0 <= x < self.size[0] and 0 <= y < self.size[1] else -1

    def distance(self, point: tuple[int, int], k: int) -> float:
        """From `point` to the outline of country `k` (a labelled one), in pixels."""
        a, d, _ = self.outlines[k]
        p = np.asarray(point, dtype=float)
        t = np.clip(((p - a) * d).sum(axis=1) / np.maximum((d * d).sum(axis=1), 1e-12), 0.0, 1.0)
        return float(np.hypot(*(a + t[:, None] * d - p).T).min())

    def reads_as(self, point: tuple[int, int], iso: str) -> bool:
        """Whether a label centred at `point` reads as country `iso`'s: the point is on that country, or on no
        country at all (the sea) and nearer `iso` than any other labelled country."""
        k, under = self.isos.index(iso), self.country_at(point)
        if under >= 0 or k not in self.outlines:
            return under == k           # on its own country, or on a neighbour
        own = self.distance(point, k)
        x, y = point
        for j, (_shape, _name, (x0, y0, x1, y1)) in self.outlines.items():
            # a country whose box is further than `own` cannot be nearer: its outline is not worked out
            if j != k and math.hypot(max(x0 - x, 0, x - x1), max(y0 - y, 0, y - y1)) < own and \
                    self.distance(point, j) <= own:
                return False
        return True


def _extent(rings) -> int:
    xs = [x for ring in rings for x, _ in ring] or [0]
    ys = [y for ring in rings for _, y in ring] or [0]
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


def place_labels(ink: Ink, surf: pygame.Surface, theatre: Theatre, polys,
                 labels: tuple[Label, ...], shapes: Shapes | None = None) -> Placement:
    """Draw the labels that find room on their own country; returns where each went and why any was left out.
    Every ally gets its name before any gets its value: the names first (those with the fewest good spots first),
    then each grown to the full label where there is room for it. `shapes`: the map's Shapes for these labels, where
    the caller keeps them (building them is most of the work)."""
    sw, sh = surf.get_size()
    bounds = surf.get_rect().inflate(-ink.theme.px(6), -ink.theme.px(6))
    todo = [lb for lb in labels if lb.iso in theatre.countries and lb.iso in polys]
    shapes = shapes or Shapes(polys, {lb.iso for lb in todo if lb.kind != "other"}, (sw, sh))

    def anchor(iso):
        c = theatre.countries[iso]
        return round(c.label[0] * sw), round(c.label[1] * sh)

    pad = ink.theme.px(3)
    dots = [pygame.Rect(0, 0, 1, 1).inflate(pad * 3, pad * 3).move(*anchor(lb.iso)) for lb in todo
            if lb.kind == "ally"]
    spots: dict[str, tuple[Label, pygame.Rect]] = {}     # iso -> (the label as shown, its box), in placing order

    def find(shown: Label, rings, free: bool = False) -> pygame.Rect | None:
        """The first good spot for `shown`; `free`: on the empty map (to count a label's good spots)."""
        at = anchor(shown.iso)
        taken = [(b, anchor(iso), lb.kind) for iso, (lb, b) in spots.items() if iso != shown.iso and not free]
        boxes = [b.inflate(pad * 2, pad * 2) for b, _, _ in taken]
        leaders = [(a, _leader_end(b, a)) for b, a, kind in taken if kind != "other" and not b.collidepoint(a)]
        w, h = _size(ink, shown)
        return _free_spot(shown, w, h, at, bounds, (boxes, leaders), dots, pad, rings, shapes)

    def spots_of(lb: Label) -> int:
        """How many spots near its country a label would have on the empty map: on the map, reading as its own
        country's, and clear of the other allies' anchors."""
        w, h = _size(ink, lb)
        at, count = anchor(lb.iso), 0
        for dx, dy in _candidates(w, h, NEAR):
            box = pygame.Rect(0, 0, w, h)
            box.center = (at[0] + dx, at[1] + dy)
            grown = box.inflate(pad * 2, pad * 2)
            count += bounds.contains(box) and not any(grown.colliderect(d) for d in dots if d.center != at) and \
                shapes.reads_as(box.center, lb.iso)
        return count

    out = Placement()
    bare = {lb.iso: replace(lb, value="", presence=-1.0, flags="") for lb in todo if lb.kind == "ally"}
    allies = sorted((lb for lb in todo if lb.kind == "ally"), key=lambda lb: (spots_of(bare[lb.iso]), lb.iso))
    near: set[str] = set()          # the allies whose name found a spot near their country

    def names(order: list[Label]) -> list[str]:
        """Each ally's name placed in this order; returns those that found no spot (`spots` and `near` filled)."""
        missing = []
        for lb in order:
            for rings in (NEAR, FAR):
                if (box := find(bare[lb.iso], rings)) is not None:
                    spots[lb.iso] = (bare[lb.iso], box)
                    near.update({lb.iso} if rings is NEAR else ())
                    break
            else:
                missing.append(lb.iso)
        return missing
    missing = names(allies)
    if missing:             # once more with those left out placed first: a crowded neighbourhood, taken in turn
        first = ([lb for lb in allies if lb.iso in missing], [lb for lb in allies if lb.iso not in missing])
        kept = (dict(spots), set(near))
        for lb in allies:
            spots.pop(lb.iso, None)
        near.clear()
        retry = names(first[0] + first[1])
        if len(retry) < len(missing):
            missing = retry
        else:
            spots.clear()
            spots.update(kept[0])
            near.update(kept[1])
    for iso in missing:
        out.left_out[iso] = _("no free spot on or beside its own country at this size (its values are in the ally "
                              "list)")
    for lb in todo:         # the adversaries, after the allies' names (a big country has room to spare)
        if lb.kind == "adversary":
            if (box := find(lb, NEAR)) is not None:
                spots[lb.iso] = (lb, box)
            else:
                out.left_out[lb.iso] = _("no free spot on its own country at this size")
    for lb in allies:       # each name grown to the full label where it has room: near its country if the name is
        if lb.iso not in spots or not (lb.value or lb.presence >= 0):
            continue
        box = next((b for rings in ((NEAR,) if lb.iso in near else (NEAR, FAR))
                    if (b := find(lb, rings)) is not None), None)
        if box is None:
            out.bare.add(lb.iso)
        else:
            spots[lb.iso] = (lb, box)
    for lb in todo:         # the other countries' names, faint, where they fit inside their own
        x0, y0, x1, y1 = theatre.countries[lb.iso].bounds
        w, h = _size(ink, lb)
        if lb.kind == "other" and w <= (x1 - x0) * sw * 1.1 and h <= (y1 - y0) * sh * 1.2 and \
                (box := find(lb, NEAR)) is not None:
            spots[lb.iso] = (lb, box)
    for iso, (shown, box) in spots.items():
        out.drawn[iso] = box
        _draw(ink, surf, shown, box, anchor(iso))
    return out


def _leader_end(box: pygame.Rect, anchor: tuple[int, int]) -> tuple[int, int]:
    """Where the leader line from a country's anchor meets its label: the box's nearest point."""
    return min(max(anchor[0], box.x), box.right), min(max(anchor[1], box.y), box.bottom)


def _free_spot(lb: Label, w: int, h: int, at: tuple[int, int], bounds: pygame.Rect, taken,
               dots: list[pygame.Rect], pad: int, rings, shapes: Shapes) -> pygame.Rect | None:
    """The nearest box for a label that stays on the map and clear of every label and leader line placed so far (and,
    pushed off its own country, of the other allies' anchor dots), its own leader line crossing no other label, and
    its centre on its own country or nearer it than any other. `taken` is (label boxes, leader lines)."""
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
        if not shapes.reads_as(box.center, lb.iso):
            continue    # its centre would sit on a neighbour, or nearer another's: it would read as theirs
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
