"""Fonts and rendered text, cached: the bundled DejaVu Sans (licence in assets/fonts/LICENSE.txt).

Rendering text is the most expensive thing a UI frame does, so every rendered line is kept in an LRU cache
keyed by (text, size, bold, colour). Word wrapping is cached the same way.
"""
from __future__ import annotations

import string
from collections import OrderedDict

import pygame

from game.paths import asset_path

_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
_COMMON_GLYPHS = string.ascii_letters + string.digits + string.punctuation + " ·→▲▼…×–"


class FontBook:
    def __init__(self, max_items: int = 6000):
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._text: OrderedDict = OrderedDict()
        self._wrap: OrderedDict = OrderedDict()
        # Widths measured: a frame asks the width of the same labels and figures many times over (fitting, column
        # widths, wrapping); the turn report asked for 357 a frame. Cleared when full rather than kept in LRU order,
        # since a lookup must cost less than the measure it saves.
        self._widths: dict[tuple[str, int, bool], int] = {}
        self._max = max_items

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (int(size), bool(bold))
        font = self._fonts.get(key)
        if font is None:
            path = asset_path("fonts", _FILES[bold])
            try:
                font = pygame.font.Font(str(path), key[0])
            except (OSError, FileNotFoundError):  # an installation without the font: pygame's own
                font = pygame.font.Font(None, int(key[0] * 1.3))
                font.set_bold(bold)
            self._fonts[key] = font
        return font

    def warm(self, sizes) -> None:
        """Open the fonts of these sizes, both weights, and draw their common glyphs once, ahead of need: the first
        text in a font took 0.4-1.8 ms (FreeType loading glyphs), which the first turn report (in sizes the title
        and the map do not use) would otherwise pay on its way to the screen."""
        for size in sizes:
            for bold in (False, True):
                self.font(size, bold).render(_COMMON_GLYPHS, True, (0, 0, 0))

    def line_height(self, size: int, bold: bool = False) -> int:
        return self.font(size, bold).get_linesize()

    def width(self, text: str, size: int, bold: bool = False) -> int:
        key = (text, size, bold)
        found = self._widths.get(key)
        if found is None:
            if len(self._widths) >= self._max:
                self._widths.clear()
            found = self._widths[key] = self.font(size, bold).size(text)[0]
        return found

    def render(self, text: str, size: int, color, bold: bool = False) -> pygame.Surface:
        key = (text, int(size), bool(bold), tuple(color))
        surf = self._text.get(key)
        if surf is None:
            font = self.font(size, bold)
            # pygame refuses text that has characters but no width ("Text has zero width"): draw nothing instead.
            surf = font.render(text if font.size(text)[0] else "", True, color)
            self._text[key] = surf
            if len(self._text) > self._max:
                self._text.popitem(last=False)
        else:
            self._text.move_to_end(key)
        return surf

    def fit(self, text: str, size: int, width: int, bold: bool = False) -> str:
        """`text`, shortened with an ellipsis if it is wider than `width` pixels."""
        if width <= 0:
            return ""
        if self.width(text, size, bold) <= width:
            return text
        font = self.font(size, bold)
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if font.size(text[:mid].rstrip() + "…")[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…" if lo else ""

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> tuple[str, ...]:
        """Lines of `text` no wider than `width` (paragraphs kept; over-long words broken)."""
        key = (text, int(size), int(width), bool(bold))
        lines = self._wrap.get(key)
        if lines is not None:
            return lines
        font = self.font(size, bold)
        out: list[str] = []
        for para in text.split("\n"):
            words = para.split()
            if not words:
                out.append("")
                continue
            line, line_w = "", 0
            for word in words:
                trial = f"{line} {word}" if line else word
                trial_w = font.size(trial)[0]   # one measure a word: every new sentence (a turn report's) is wrapped
                if trial_w <= width or not line:
                    line, line_w = trial, trial_w
                else:
                    out.append(line)
                    line, line_w = word, font.size(word)[0]
                if line_w > width:  # a word longer than the line: cut where it stops fitting
                    while len(line) > 1:
                        cut = _fitting_prefix(font, line, width)
                        if cut >= len(line):
                            break
                        out.append(line[:cut])
                        line = line[cut:]
            out.append(line)
        lines = tuple(out)
        self._wrap[key] = lines
        if len(self._wrap) > self._max:
            self._wrap.popitem(last=False)
        return lines


def _fitting_prefix(font: pygame.font.Font, text: str, width: int) -> int:
    """How many leading characters of `text` fit in `width` pixels (at least 1). Doubling, then halving, measures
    only prefixes up to twice the answer, so cutting a word of n characters into lines costs O(n log n) rather
    than the O(n^3) of shortening it one character at a time (an 8,000-character word froze the window)."""
    fits = 1
    while fits * 2 < len(text) and font.size(text[:fits * 2])[0] <= width:
        fits *= 2
    hi = min(fits * 2, len(text))
    while fits < hi:
        mid = (fits + hi + 1) // 2
        if font.size(text[:mid])[0] <= width:
            fits = mid
        else:
            hi = mid - 1
    return fits


def reflow(text: str) -> str:
    """YAML block text -> paragraphs: single newlines joined, blank lines kept as paragraph breaks."""
    paras = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paras if p)
