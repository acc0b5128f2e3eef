"""The theatre map: projected outlines cached per (theatre, size), a recoloured map surface cached per paint,
outlines for the selected and hovered country drawn on top each frame, and hit testing for the mouse.

What the map shows comes in as a `Paint` (fills, hatches, labels): a plain value built by the play scene from the
state, so the map surface is rebuilt only when the overlay, the state or the size changes.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import pygame

from game.i18n import num
from game.ui.ink import Ink, hatch_tile
from game.ui.map.data import Theatre
from game.ui.map.labels import Label, Placement, Shapes, place_labels
from game.ui.theme import Yardstick, readable_on


@dataclass(frozen=True)
class Paint:
    """What to draw on one theatre: fills and hatches by ISO3 code, and the labels."""
    fills: tuple[tuple[str, tuple[int, int, int]], ...] = ()
    hatches: tuple[tuple[str, str], ...] = ()     # (iso, kind): '/' hedging, '\\' realigned, 'x' nuclear, '#' foe
    labels: tuple[Label, ...] = ()
    palette: str = "default"
    backdrop: bool = False      # a decoration: sea in the background colour, no grid, no frame


@dataclass(frozen=True)
class Pane:
    theatre: str
    rect: pygame.Rect

    def to_norm(self, pos) -> tuple[float, float]:
        return ((pos[0] - self.rect.x) / self.rect.w, (pos[1] - self.rect.y) / self.rect.h)


def fit_panes(area: pygame.Rect, theatres: dict[str, Theatre], ids: tuple[str, ...], gap: int) -> list[Pane]:
    """Place the theatres side by side in `area`, as large as they fit, keeping their aspect ratios."""
    ids = tuple(i for i in ids if i in theatres)
    if not ids or area.w < 2 * len(ids) or area.h < 2:     # no room at all (huge text on a tiny window)
        return []
    total_aspect = sum(theatres[i].aspect for i in ids)
    h = min(area.h, (area.w - gap * (len(ids) - 1)) / total_aspect)
    widths = [int(theatres[i].aspect * h) for i in ids]
    x = area.centerx - (sum(widths) + gap * (len(ids) - 1)) // 2
    panes = []
    for tid, w in zip(ids, widths):
        panes.append(Pane(tid, pygame.Rect(x, area.centery - int(h) // 2, w, int(h))))
        x += w + gap
    return panes


class MapView:
    def __init__(self, theatres: dict[str, Theatre]):
        self.theatres = theatres
        self._proj: dict = {}
        self._surfaces: OrderedDict = OrderedDict()
        self._hits: OrderedDict = OrderedDict()
        self._placements: OrderedDict = OrderedDict()   # the labels' placement, by what the labels surface is keyed
        self._shapes: OrderedDict = OrderedDict()

    # --- geometry ------------------------------------------------------------------------------------------
    def projected(self, tid: str, size: tuple[int, int]) -> dict[str, list[list[tuple[int, int]]]]:
        """Pixel outlines of every country of a theatre drawn at `size` (cached)."""
        key = (tid, size)
        polys = self._proj.get(key)
        if polys is None:
            w, h = size
            polys = {iso: [[(round(x * w), round(y * h)) for x, y in poly] for poly in c.polygons if len(poly) >= 3]
                     for iso, c in self.theatres[tid].countries.items()}
            if len(self._proj) > 8:
                self._proj.clear()
            self._proj[key] = polys
        return polys

    def country_at(self, panes: list[Pane], pos) -> tuple[str, str] | None:
        """(theatre, ISO3) of the country under a screen position, or None (sea, or outside the map)."""
        for pane in panes:
            if pane.rect.collidepoint(pos):
                key = (pane.theatre, pane.rect.size, pos[0] - pane.rect.x, pos[1] - pane.rect.y)
                if key in self._hits:
                    return self._hits[key]
                nx, ny = pane.to_norm(pos)
                country = self.theatres[pane.theatre].country_at(nx, ny)
                hit = (pane.theatre, country.iso3) if country else None
                self._hits[key] = hit
                if len(self._hits) > 4096:
                    self._hits.popitem(last=False)
                return hit
        return None

    # --- drawing -------------------------------------------------------------------------------------------
    def surface(self, ink: Ink, pane: Pane, paint: Paint, layer: str = "map") -> pygame.Surface:
        """The map of one pane with its fills and hatches (layer 'map'), or its labels on a transparent surface
        (layer 'labels'), cached by their inputs. Outlines of the selection go between the two."""
        key = (layer, pane.theatre, pane.rect.size, paint, ink.theme)
        surf = self._surfaces.get(key)
        if surf is None:
            surf = self._render(ink, pane.theatre, pane.rect.size, paint) if layer == "map" else \
                self._labels(ink, pane.theatre, pane.rect.size, paint)
            self._surfaces[key] = surf
            if len(self._surfaces) > 16:
                self._surfaces.popitem(last=False)
        else:
            self._surfaces.move_to_end(key)
        return surf

    def _base(self, ink: Ink, tid: str, size: tuple[int, int], foes: frozenset,
              backdrop: bool = False) -> pygame.Surface:
        """What does not change during a game: sea, graticule, land, borders, the adversaries (cached)."""
        key = ("base", tid, size, ink.theme, foes, backdrop)
        surf = self._surfaces.get(key)
        if surf is not None:
            return surf
        pal, th = ink.pal, ink.theme
        surf = pygame.Surface(size).convert() if pygame.display.get_surface() else pygame.Surface(size)
        surf.fill(pal["bg"] if backdrop else pal["sea"])
        if not backdrop:
            self._graticule(surf, self.theatres[tid], pal["sea_line"])
        polys = self.projected(tid, size)
        for iso, rings in polys.items():
            for pts in rings:
                pygame.draw.polygon(surf, pal["adversary"] if iso in foes else pal["land"], pts)
        tile = hatch_tile("#", size, pal["adversary_hatch"], max(6, th.px(11)), max(1, th.px(2.2)))
        for iso in foes:
            if iso in polys:
                self._hatch(surf, polys[iso], tile)
        for rings in polys.values():
            for pts in rings:
                pygame.draw.lines(surf, pal["land_line"], True, pts, max(1, th.px(1.0)))
        self._surfaces[key] = surf
        return surf

    def _render(self, ink: Ink, tid: str, size: tuple[int, int], paint: Paint) -> pygame.Surface:
        pal, th = ink.pal, ink.theme
        foes = frozenset(iso for iso, kind in paint.hatches if kind == "#")
        surf = self._base(ink, tid, size, foes, paint.backdrop).copy()
        polys = self.projected(tid, size)
        fills = dict(paint.fills)
        for iso, color in paint.fills:
            for pts in polys.get(iso, ()):
                pygame.draw.polygon(surf, color, pts)
        spacing, lw = max(6, th.px(11)), max(1, th.px(2.2))
        for iso, kind in paint.hatches:
            if iso in polys and kind != "#":
                self._hatch(surf, polys[iso], hatch_tile(kind, size, readable_on(fills.get(iso, pal["land"])),
                                                         spacing, lw))
        for iso in fills:
            for pts in polys.get(iso, ()):
                pygame.draw.lines(surf, pal["ally_line"], True, pts, max(1, th.px(1.6)))
        if not paint.backdrop:
            pygame.draw.rect(surf, pal["border"], surf.get_rect(), th.line_w)
        return surf

    def _labels(self, ink: Ink, tid: str, size: tuple[int, int], paint: Paint) -> pygame.Surface:
        surf = pygame.Surface(size, pygame.SRCALPHA)
        placement = place_labels(ink, surf, self.theatres[tid], self.projected(tid, size), paint.labels,
                                 self.shapes(tid, size, frozenset(lb.iso for lb in paint.labels if lb.kind != "other")))
        self._placements[(tid, size, paint, ink.theme)] = placement
        if len(self._placements) > 16:
            self._placements.popitem(last=False)
        return surf

    def shapes(self, tid: str, size: tuple[int, int], labelled: frozenset[str]) -> Shapes:
        """The countries of a theatre drawn at `size`, for placing labels (game.ui.map.labels.Shapes), kept: a new
        turn or overlay places the labels again on the same map."""
        key = (tid, size, labelled)
        found = self._shapes.get(key)
        if found is None:
            found = self._shapes[key] = Shapes(self.projected(tid, size), set(labelled), size)
            if len(self._shapes) > 8:
                self._shapes.popitem(last=False)
        return found

    def placement(self, ink: Ink, pane: Pane, paint: Paint) -> Placement:
        """Where the labels of a pane went, and why any ally's was left out (drawing them first if need be)."""
        self.surface(ink, pane, paint, "labels")
        key = (pane.theatre, pane.rect.size, paint, ink.theme)
        if key not in self._placements:     # the surface came from the cache before the placement was kept
            self._labels(ink, pane.theatre, pane.rect.size, paint)
        return self._placements[key]

    @staticmethod
    def _graticule(surf, theatre: Theatre, color) -> None:
        w, h = surf.get_size()
        west, south, east, north = theatre.bbox_lonlat
        for lon in range(int(west // 10) * 10, int(east) + 1, 10):
            x = theatre.project(lon, 0)[0] * w
            if 0 < x < w:
                pygame.draw.line(surf, color, (x, 0), (x, h), 1)
        for lat in range(int(south // 10) * 10, int(north) + 1, 10):
            y = theatre.project(0, lat)[1] * h
            if 0 < y < h:
                pygame.draw.line(surf, color, (0, y), (w, y), 1)

    @staticmethod
    def _hatch(surf, rings, tile: pygame.Surface) -> None:
        xs = [x for pts in rings for x, _ in pts]
        ys = [y for pts in rings for _, y in pts]
        box = pygame.Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1).clip(surf.get_rect())
        if box.w <= 0 or box.h <= 0:
            return
        mask = pygame.Surface(box.size, pygame.SRCALPHA)
        for pts in rings:
            pygame.draw.polygon(mask, (255, 255, 255, 255), [(x - box.x, y - box.y) for x, y in pts])
        mask.blit(tile, (0, 0), box, special_flags=pygame.BLEND_RGBA_MULT)
        surf.blit(mask, box.topleft)

    def outline(self, surf, pane: Pane, iso: str, color, width: int) -> None:
        polys = self.projected(pane.theatre, pane.rect.size).get(iso)
        if not polys:
            return
        clip = surf.get_clip()
        surf.set_clip(pane.rect)
        ox, oy = pane.rect.topleft
        for pts in polys:
            pygame.draw.lines(surf, color, True, [(x + ox, y + oy) for x, y in pts], width)
        surf.set_clip(clip)

    def anchor(self, pane: Pane, iso: str) -> tuple[int, int] | None:
        country = self.theatres[pane.theatre].countries.get(iso)
        if country is None:
            return None
        return (pane.rect.x + round(country.label[0] * pane.rect.w),
                pane.rect.y + round(country.label[1] * pane.rect.h))


def campaign_paint(campaign, theatre, palette: str) -> Paint:
    """A campaign's opening position on one theatre map: allies shaded by their starting spending against the
    campaign's yardstick."""
    fills, hatches, labels = [], [], []
    isos, yardstick = {a.country for a in campaign.allies}, Yardstick.of_campaign(campaign)
    for a in campaign.allies:
        if a.country in theatre.countries:
            fills.append((a.country, yardstick.color(a.spending)))
            labels.append(Label(a.country, a.name, f"{num(a.spending, 1)} %", -1.0, "ally"))
    for adv in campaign.adversaries:
        if adv.country in theatre.countries and adv.country not in isos:
            hatches.append((adv.country, "#"))
            labels.append(Label(adv.country, adv.name.upper(), kind="adversary"))
    return Paint(tuple(fills), tuple(hatches), tuple(labels), palette)
