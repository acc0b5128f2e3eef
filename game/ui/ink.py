"""Drawing primitives shared by every scene: text, panels, bars, sparklines, chips, hatch patterns.

`Ink` binds the font cache to the current theme (window size, text size, palette). Nothing here keeps game state;
the only memory is caches keyed by their inputs.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pygame

from game.sim.explain import order_name
from game.ui import bindings
from game.ui.fonts import FontBook
from game.ui.theme import ORDER_COLORS, Color, Theme, lerp, readable_on


@dataclass(frozen=True)
class Drawn:
    """One piece of text as a frame drew it: what was asked for, what fitted, where and in which colour (see
    `Ink.drawn`: the layout check reads the first three, the screen tests the colour, which says good or bad)."""
    wanted: str
    shown: str
    rect: pygame.Rect
    kind: str = "line"      # line | clipped (partly outside the clip) | para (`shown`: the lines that fitted)
    color: Color | None = None


class Ink:
    def __init__(self, fonts: FontBook, theme: Theme):
        self.fonts, self.theme = fonts, theme
        self.pal = theme.pal
        # Set to a list to collect every text drawn (a layout check reads it: was a value cut, do texts
        # overlap?); None, the normal case, keeps drawing free of any bookkeeping.
        self.drawn: list[Drawn] | None = None

    # --- text ----------------------------------------------------------------------------------------------
    def size(self, role: str) -> int:
        return self.theme.fs(role)

    def lh(self, role: str = "body", bold: bool = False) -> int:
        return self.fonts.line_height(self.theme.fs(role), bold)

    def width(self, text: str, role: str = "body", bold: bool = False) -> int:
        return self.fonts.width(text, self.theme.fs(role), bold)

    def fit(self, text: str, width: int, role: str = "body", bold: bool = False) -> str:
        return self.fonts.fit(text, self.theme.fs(role), width, bold)

    def wrap(self, text: str, width: int, role: str = "body", bold: bool = False) -> tuple[str, ...]:
        return self.fonts.wrap(text, self.theme.fs(role), max(10, width), bold)

    def text(self, surf: pygame.Surface, text: str, pos, role: str = "body", color: Color | None = None,
             bold: bool = False, anchor: str = "topleft", max_w: int | None = None) -> pygame.Rect:
        wanted = text
        if max_w is not None:
            text = self.fit(text, max_w, role, bold)
        color = color or self.pal["text"]
        img = self.fonts.render(text, self.theme.fs(role), color, bold)
        rect = img.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
        surf.blit(img, rect)
        if self.drawn is not None and wanted.strip():
            seen = rect.clip(surf.get_clip())       # text drawn outside the clip (a scrolled list) is not seen
            if seen.w and seen.h:
                kind = "line" if seen.size == rect.size else "clipped"
                self.drawn.append(Drawn(wanted, text, seen.move(surf.get_abs_offset()), kind, tuple(color)))
            elif not text.strip():      # fitted to nothing: recorded, so that the layout check can say so
                self.drawn.append(Drawn(wanted, text, rect.move(surf.get_abs_offset()), color=tuple(color)))
        return rect

    def halo_text(self, surf, text, pos, role="label", color=None, bold=True, anchor="center") -> pygame.Rect:
        """Text with a dark outline, readable on any map colour (the outlined text is cached as one surface)."""
        size = self.theme.fs(role)
        img = _halo(self.fonts, text, size, tuple(color or self.pal["text"]), tuple(self.pal["label_halo"]), bold)
        d = max(1, round(size / 12))
        rect = img.get_rect().inflate(-2 * d, -2 * d)
        setattr(rect, anchor, (int(pos[0]), int(pos[1])))
        surf.blit(img, rect.move(-d, -d))
        return rect

    def para(self, surf, text: str, rect: pygame.Rect, role: str = "body", color: Color | None = None,
             bold: bool = False, spacing: float = 1.0) -> int:
        """Wrapped text inside `rect` (clipped at its bottom); returns the y below the last line drawn."""
        lh = int(self.lh(role, bold) * spacing)
        y = rect.y
        lines = self.wrap(text, rect.w, role, bold)
        shown = 0
        for line in lines:
            if y + lh > rect.bottom + 1:
                break
            if line:
                self.text(surf, line, (rect.x, y), role, color, bold)
            y += lh if line else lh // 2
            shown += 1
        if self.drawn is not None and shown < len(lines) and any(lines[shown:]):
            self.drawn.append(Drawn(text, "\n".join(lines[:shown]), pygame.Rect(rect.x, rect.y, rect.w, y - rect.y)
                                    .move(surf.get_abs_offset()), "para"))
        return y

    def para_height(self, text: str, width: int, role: str = "body", bold: bool = False,
                    spacing: float = 1.0) -> int:
        lh = int(self.lh(role, bold) * spacing)
        return sum(lh if line else lh // 2 for line in self.wrap(text, width, role, bold))

    # --- shapes --------------------------------------------------------------------------------------------
    def panel(self, surf, rect, color: Color | None = None, border: Color | None = None, radius: int | None = None,
              width: int | None = None) -> None:
        r = self.theme.px(10) if radius is None else radius
        pygame.draw.rect(surf, color or self.pal["panel"], rect, border_radius=r)
        if border is not False:
            pygame.draw.rect(surf, border or self.pal["border"], rect, width or self.theme.line_w, border_radius=r)

    def shadow(self, surf, rect, radius: int | None = None) -> None:
        off = self.theme.px(6)
        pygame.draw.rect(surf, self.pal["shadow"], pygame.Rect(rect).move(off, off),
                         border_radius=self.theme.px(12) if radius is None else radius)

    def bar(self, surf, rect, frac: float, color: Color, track: Color | None = None,
            marker: float | None = None, marker_color: Color | None = None) -> None:
        """A horizontal 0-1 bar with an optional reference line (e.g. the 2 % guideline)."""
        rect = pygame.Rect(rect)
        r = rect.h // 2
        pygame.draw.rect(surf, track or self.pal["track"], rect, border_radius=r)
        frac = min(max(frac, 0.0), 1.0)
        if frac > 0:
            fill = pygame.Rect(rect.x, rect.y, max(rect.h, round(rect.w * frac)), rect.h)
            pygame.draw.rect(surf, color, fill, border_radius=r)
        if marker is not None:
            x = rect.x + round(rect.w * min(max(marker, 0.0), 1.0))
            w = max(2, self.theme.px(3))
            pygame.draw.rect(surf, marker_color or self.pal["text"],
                             (x - w // 2, rect.y - self.theme.px(4), w, rect.h + self.theme.px(8)))

    def sparkline(self, surf, rect, values, lo: float, hi: float, color: Color, ref: float | None = None) -> None:
        """A small line chart of a variable over the turns played, with its last point marked."""
        rect = pygame.Rect(rect)
        if ref is not None and lo < ref < hi:
            y = rect.bottom - (ref - lo) / (hi - lo) * rect.h
            pygame.draw.line(surf, self.pal["faint"], (rect.x, y), (rect.right, y), 1)
        n = len(values)
        if n == 0:
            return
        step = rect.w / max(n - 1, 1)
        pts = [(rect.x + i * step if n > 1 else rect.centerx,
                rect.bottom - (min(max(v, lo), hi) - lo) / (hi - lo) * rect.h) for i, v in enumerate(values)]
        if n > 1:
            pygame.draw.lines(surf, color, False, pts, max(2, self.theme.px(2.5)))
        pygame.draw.circle(surf, color, (round(pts[-1][0]), round(pts[-1][1])), max(3, self.theme.px(4)))

    def chip(self, surf, pos, order: str, role: str = "small", anchor: str = "topright", long: bool = True,
             dim: bool = False) -> pygame.Rect:
        """An order badge: key letter in a box plus the order's name, in the order's colour."""
        key, color = bindings.label(bindings.KEY_OF_ORDER[order]), ORDER_COLORS[order]
        if dim:
            color = lerp(color, self.pal["panel"], 0.45)
        label = order_name(order).capitalize() if long else ""
        pad = self.theme.tx(6)
        h = self.lh(role, True) + self.theme.tx(4)
        kw = self.width(key, role, True) + 2 * pad
        w = kw + (self.width(label, role, True) + 2 * pad if label else 0)
        rect = pygame.Rect(0, 0, w, h)
        setattr(rect, anchor, pos)
        pygame.draw.rect(surf, color, rect, border_radius=self.theme.px(6))
        key_rect = pygame.Rect(rect.x, rect.y, kw, h)
        pygame.draw.rect(surf, self.pal["bg"], key_rect.inflate(-self.theme.px(4), -self.theme.px(4)),
                         border_radius=self.theme.px(4))
        self.text(surf, key, key_rect.center, role, color, True, "center")
        if label:
            self.text(surf, label, (key_rect.right + pad, rect.centery), role, readable_on(color), True, "midleft")
        return rect

    def key_cap(self, surf, pos, key: str, role: str = "small", anchor: str = "midleft",
                color: Color | None = None) -> pygame.Rect:
        """A keyboard key drawn as a small rounded box."""
        pad = self.theme.tx(5)
        img_w = self.width(key, role, True)
        h = self.lh(role, True) + self.theme.tx(2)
        rect = pygame.Rect(0, 0, max(h, img_w + 2 * pad), h)
        setattr(rect, anchor, pos)
        pygame.draw.rect(surf, self.pal["bg"], rect, border_radius=self.theme.px(5))
        pygame.draw.rect(surf, color or self.pal["dim"], rect, max(1, self.theme.px(1.5)),
                         border_radius=self.theme.px(5))
        faint = color is not None and color == self.pal["faint"]
        self.text(surf, key, rect.center, role, self.pal["faint"] if faint else self.pal["text"], True, "center")
        return rect

    def dim_screen(self, surf) -> None:
        surf.blit(_veil(surf.get_size()), (0, 0))


_HALOS: dict = {}


def _halo(fonts: FontBook, text: str, size: int, color, halo, bold: bool) -> pygame.Surface:
    key = (text, size, color, halo, bold)
    img = _HALOS.get(key)
    if img is None:
        back = fonts.render(text, size, halo, bold)
        d = max(1, round(size / 12))
        img = pygame.Surface((back.get_width() + 2 * d, back.get_height() + 2 * d), pygame.SRCALPHA)
        for dx, dy in ((-d, 0), (d, 0), (0, -d), (0, d), (-d, -d), (d, d), (-d, d), (d, -d)):
            img.blit(back, (d + dx, d + dy))
        img.blit(fonts.render(text, size, color, bold), (d, d))
        if len(_HALOS) > 3000:
            _HALOS.clear()
        _HALOS[key] = img
    return img


@lru_cache(maxsize=4)
def _veil(size) -> pygame.Surface:
    veil = pygame.Surface(size, pygame.SRCALPHA)
    veil.fill((4, 8, 18, 170))
    return veil


@lru_cache(maxsize=32)
def hatch_tile(kind: str, size: tuple[int, int], color: Color, spacing: int, width: int) -> pygame.Surface:
    """A transparent surface covered with a hatch pattern: '/' diagonal (hedging), '\\' horizontal (made its
    own deal), 'x' square grid (nuclear programme), '#' diagonal cross-hatch (adversary)."""
    surf = pygame.Surface(size, pygame.SRCALPHA)
    w, h = size
    rgba = (*color, 235)
    if kind in ("/", "#"):
        for x in range(-h, w + h, spacing):
            pygame.draw.line(surf, rgba, (x, h), (x + h, 0), width)
    if kind == "#":
        for x in range(-h, w + h, spacing):
            pygame.draw.line(surf, rgba, (x, 0), (x + h, h), width)
    if kind in ("\\", "x"):
        for y in range(spacing // 2, h, spacing):
            pygame.draw.line(surf, rgba, (0, y), (w, y), width)
    if kind == "x":
        for x in range(spacing // 2, w, spacing):
            pygame.draw.line(surf, rgba, (x, 0), (x, h), width)
    return surf
