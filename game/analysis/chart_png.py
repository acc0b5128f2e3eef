"""The charts written to files: the exported debrief's and class report's, and `backtest --chart`'s. Drawn with
pygame and encoded here as PNG (the project has no plotting library, and these must look the same in the HTML, the
Markdown and the charts/ folder). One palette, the colour-blind safe Okabe-Ito (the window's theme takes it from
here too), on a light background for paper and a browser. Lines are told apart by their end labels and dash
patterns, never by colour alone. (The window draws its own charts in its theme's colours and type: game.ui.charts.)

Only the commands that export or draw a chart import this module, so pygame loads for them alone.
"""
from __future__ import annotations

import math
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.analysis.records import runs_of
from game.analysis.report_doc import CHART, PNG_MAGIC, PNG_SOFTWARE
from game.paths import asset_path
from game.userdata import atomic_write_bytes

OKABE_ITO = {
    "orange": (230, 159, 0), "sky": (86, 180, 233), "green": (0, 158, 115), "yellow": (240, 228, 66),
    "blue": (0, 114, 178), "vermillion": (213, 94, 0), "purple": (204, 121, 167),
}
BACKGROUND, INK, GRID, FAINT = (255, 255, 255), (30, 34, 40), (222, 222, 216), (110, 116, 126)
SHADE = (236, 236, 228)     # behind a span of the axis set apart (the backtest's fitted years)
COLORS = (*(OKABE_ITO[c] for c in ("blue", "vermillion", "green", "purple", "orange", "sky")),
          (120, 120, 120), INK)   # then grey and ink for reference lines
DASHES = (None, (10, 5), (3, 4), (12, 4, 3, 4))     # solid first: a line's pattern, where colour alone would not do


@dataclass(frozen=True)
class Line:
    name: str
    values: list[float]
    color: tuple[int, int, int] | None = None    # None: the next of COLORS
    dash: tuple[int, ...] | None = None          # on/off lengths in pixels; None: solid
    width: int = 3


_FONTS: dict[tuple[str, int], pygame.font.Font] = {}


def _font(size: int, bold: bool = False) -> pygame.font.Font:
    key = ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", size)
    if key not in _FONTS:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")   # drawing to a file needs no window
        pygame.font.init()
        if not _FONTS:   # a font outliving pygame.quit() crashes the next render: forget them all then
            pygame.register_quit(_FONTS.clear)
        _FONTS[key] = pygame.font.Font(str(asset_path("fonts", key[0])), size)
    return _FONTS[key]


def _dashed(surface, color, points, width: int, dash) -> None:
    if not dash:
        pygame.draw.lines(surface, color, False, points, width)
        return
    pattern, k, left, on = list(dash), 0, float(dash[0]), True
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-9)
        done = 0.0
        while done < length:
            run = min(left, length - done)
            a, b = done / length, (done + run) / length
            if on:
                pygame.draw.line(surface, color, (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                                 (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b), width)
            done += run
            left -= run
            if left <= 1e-9:
                k = (k + 1) % len(pattern)
                left, on = float(pattern[k]), not on


def nice_axis(lo: float, hi: float, ticks: int = 6) -> tuple[float, float, float]:
    """Round bounds and a round tick step (1, 2, 2.5 or 5 times a power of ten) that cover lo..hi."""
    span = max(hi - lo, 1e-9)
    raw = span / (ticks - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step, step


def fit(lines: list[Line], floor: float | None = None, ceiling: float | None = None) -> tuple[float, float]:
    """Bounds that hold every value with a little room, kept within floor..ceiling."""
    values = [v for ln in lines for v in ln.values] or [0.0]
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.15, abs(hi) * 0.02, 1e-3)
    lo, hi = lo - pad, hi + pad
    return (lo if floor is None else max(lo, floor)), (hi if ceiling is None else min(hi, ceiling))


def line_chart(title: str, lines: list[Line], x_labels: list[str], lo: float, hi: float,
               size: tuple[int, int] = (900, 420)) -> pygame.Surface:
    """A chart of `lines` over `x_labels`, y covering `lo` to `hi` (widened to round ticks)."""
    surface = pygame.Surface(size)
    surface.fill(BACKGROUND)
    small, body, bold = _font(13), _font(15), _font(18, True)
    surface.blit(bold.render(title, True, INK), (16, 10))
    lo, hi, tick = nice_axis(lo, hi)
    span = hi - lo
    names = [f"{ln.name} {ln.values[-1]:.{_decimals(span)}f}" for ln in lines if ln.values]
    label_w = max((body.size(n)[0] for n in names), default=0) + 24
    plot = pygame.Rect(58, 44, size[0] - 58 - label_w - 12, size[1] - 44 - 40)

    def y_of(v: float) -> float:
        return plot.bottom - (min(max(v, lo), hi) - lo) / span * plot.height

    n = max((len(ln.values) for ln in lines), default=1)
    step_x = plot.width / max(n - 1, 1)
    for k in range(round(span / tick) + 1):
        v = lo + k * tick
        y = y_of(v)
        pygame.draw.line(surface, GRID, (plot.left, y), (plot.right, y))
        text = small.render(f"{v:.{_decimals(tick * 5)}f}", True, FAINT)
        surface.blit(text, (plot.left - text.get_width() - 6, y - text.get_height() / 2))
    every = max(1, -(-len(x_labels) // 8))
    for i in range(0, len(x_labels), every):
        text = small.render(x_labels[i], True, FAINT)
        surface.blit(text, (plot.left + i * step_x - text.get_width() / 2, plot.bottom + 6))
    ends = []
    for k, ln in enumerate(lines):
        color = ln.color or COLORS[k % 6]
        points = [(plot.left + i * step_x, y_of(v)) for i, v in enumerate(ln.values)]
        if len(points) > 1:
            _dashed(surface, color, points, ln.width, ln.dash)
        elif points:
            pygame.draw.circle(surface, color, points[0], 4)
        if points:
            ends.append([points[-1][1], f"{ln.name} {ln.values[-1]:.{_decimals(span)}f}", color])
    ends.sort(key=lambda e: e[0])
    gap = body.get_linesize()
    for i in range(1, len(ends)):   # labels nudged apart so that none overlaps another ...
        ends[i][0] = max(ends[i][0], ends[i - 1][0] + gap)
    for i in range(len(ends) - 1, -1, -1):   # ... and up again where that pushed them off the bottom
        ends[i][0] = min(ends[i][0], size[1] - gap / 2 - (len(ends) - 1 - i) * gap)
    for y, text, color in ends:
        label = body.render(text, True, color)
        surface.blit(label, (plot.right + 10, y - label.get_height() / 2))
    pygame.draw.rect(surface, INK, plot, 1)
    return surface


def histogram(title: str, values, marker: float, marker_label: str, lo: float = 0.0, hi: float = 100.0,
              bins: int = 40, size: tuple[int, int] = (900, 300)) -> pygame.Surface:
    """The spread of `values` as bars, with a vertical line at `marker` (this game)."""
    surface = pygame.Surface(size)
    surface.fill(BACKGROUND)
    small, bold = _font(13), _font(18, True)
    surface.blit(bold.render(title, True, INK), (16, 10))
    values = [min(max(float(v), lo), hi) for v in values]
    a, b = min(values + [marker]) - 1, max(values + [marker]) + 1
    width = (b - a) / bins
    counts = [0] * bins
    for v in values:
        counts[min(int((v - a) / width), bins - 1)] += 1
    plot = pygame.Rect(30, 44, size[0] - 60, size[1] - 44 - 34)
    top = max(counts) or 1
    for k, count in enumerate(counts):
        h = count / top * plot.height
        pygame.draw.rect(surface, COLORS[5], (plot.left + k * plot.width / bins + 1, plot.bottom - h,
                                              plot.width / bins - 2, h))
    for v in histogram_ticks(a, b):      # round values at even steps, wherever the bins happen to start
        text = small.render(f"{v:.{_decimals(tick_step(a, b) * 5)}f}", True, FAINT)
        x = plot.left + (v - a) / (b - a) * plot.width
        pygame.draw.line(surface, FAINT, (x, plot.bottom), (x, plot.bottom + 4))
        surface.blit(text, (x - text.get_width() / 2, plot.bottom + 6))
    x = plot.left + (marker - a) / (b - a) * plot.width
    pygame.draw.line(surface, COLORS[1], (x, plot.top), (x, plot.bottom), 3)
    label = _font(15, True).render(marker_label, True, COLORS[1])
    surface.blit(label, (min(x + 6, plot.right - label.get_width()), plot.top))
    pygame.draw.line(surface, INK, plot.bottomleft, plot.bottomright)
    return surface


def tick_step(a: float, b: float) -> float:
    return nice_axis(a, b, ticks=7)[2]


def histogram_ticks(a: float, b: float) -> list[float]:
    """The round values (a step of 1, 2, 2.5 or 5 times a power of ten) from a to b, for a histogram's axis."""
    step = tick_step(a, b)
    first = math.ceil(a / step - 1e-9)
    return [round(k * step, 9) for k in range(first, math.floor(b / step + 1e-9) + 1)]


def stack(*surfaces: pygame.Surface) -> pygame.Surface:
    """Charts one under another, as one image."""
    out = pygame.Surface((max(s.get_width() for s in surfaces), sum(s.get_height() for s in surfaces)))
    out.fill(BACKGROUND)
    y = 0
    for s in surfaces:
        out.blit(s, (0, y))
        y += s.get_height()
    return out


def write_png(surface: pygame.Surface, path: Path, force: bool = False, reading=()) -> None:
    """The chart as a PNG file (encoded by `png`), under the write rule of game.userdata: it replaces only a chart
    of Fair Share unless `force`, never a file of `reading`; raises SaveError."""
    atomic_write_bytes(path, png(surface), kind=CHART, force=force, reading=reading)


def png(surface: pygame.Surface) -> bytes:
    """PNG bytes, encoded here: twice as fast as pygame's encoder (no adaptive row filters, which a chart of flat
    colours does not need) and a smaller file. pygame also picks a format from a file's name and does not report
    a failed write, so the caller writes the bytes itself. A text chunk says the chart is Fair Share's, which is
    how the write rule knows it may replace it."""
    w, h = surface.get_size()
    raw = pygame.image.tobytes(surface, "RGB")
    rows = b"".join(b"\x00" + raw[y * w * 3:(y + 1) * w * 3] for y in range(h))   # filter type 0 on every row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)    # 8-bit RGB, no interlace
    return (PNG_MAGIC + chunk(b"IHDR", header) + chunk(b"tEXt", PNG_SOFTWARE) + chunk(b"IDAT", zlib.compress(rows, 6))
            + chunk(b"IEND", b""))


def _decimals(span: float) -> int:
    return 0 if span >= 20 else 1 if span >= 2 else 2


def draw_backtest(bt, path: Path, panel=(420, 260), columns: int = 4, force: bool = False, reading=()) -> None:
    """Write the chart of backtest `bt` to `path` (write_png: SaveError): one panel per ally with the model's median
    and 10-90 % band against the recorded points, shading the years the model was fitted on (`bt.fit`) and giving
    the band's coverage of the record in the legend."""
    median, band_color, recorded = COLORS[0], OKABE_ITO["sky"], COLORS[1]
    font, small, bold, title_font = _font(15), _font(13), _font(17, True), _font(22, True)
    allies = bt.campaign.allies
    rows = math.ceil(len(allies) / columns)
    header, legend = 60, 40
    surface = pygame.Surface((panel[0] * columns, header + rows * panel[1] + legend))
    surface.fill(BACKGROUND)
    surface.blit(title_font.render(f"{bt.campaign.name}: modelled vs recorded defence spending (% of GDP)",
                                   True, INK), (16, 12))
    surface.blit(font.render(f"plan {bt.plan}, {bt.runs} runs; recorded: {bt.series}", True, INK), (16, 38))
    p10, p50, p90 = bt.band(10), bt.band(50), bt.band(90)
    years = bt.years
    top = max(float(p90.max()), max((v for r in bt.recorded.values() for v in r.values()), default=0)) * 1.1
    for i, ally in enumerate(allies):
        ox, oy = (i % columns) * panel[0], header + (i // columns) * panel[1]
        box = pygame.Rect(ox + 52, oy + 30, panel[0] - 70, panel[1] - 62)

        def at(year, value):
            x = box.left + (year - years[0]) / max(years[-1] - years[0], 1) * box.width
            return round(x), round(box.bottom - value / top * box.height)

        half = box.width / max(years[-1] - years[0], 1) / 2   # a fitted year is shaded half a year either side
        for first, last in runs_of(y for y in years if y in bt.fit):
            left, right = max(at(first, 0)[0] - half, box.left), min(at(last, 0)[0] + half, box.right)
            pygame.draw.rect(surface, SHADE, (round(left), box.top, round(right - left), box.height))
        step = 1.0 if top <= 6 else 2.0
        for k in range(int(top / step) + 1):
            y = at(years[0], k * step)[1]
            pygame.draw.line(surface, GRID, (box.left, y), (box.right, y))
            label = small.render(f"{k * step:.0f}", True, INK)
            surface.blit(label, (box.left - label.get_width() - 6, y - label.get_height() // 2))
        every = max(1, math.ceil(len(years) / 6))
        for year in sorted(set(years[::every]) | {years[-1]}):
            label = small.render(str(year), True, INK)
            surface.blit(label, (at(year, 0)[0] - label.get_width() // 2, box.bottom + 4))
        band = [at(y, v) for y, v in zip(years, p90[:, i])] + [at(y, v) for y, v in zip(years[::-1], p10[::-1, i])]
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        pygame.draw.polygon(shade, (*band_color, 90), band)
        surface.blit(shade, (0, 0))
        pygame.draw.lines(surface, median, False, [at(y, v) for y, v in zip(years, p50[:, i])], 3)
        for year, value in sorted(bt.recorded.get(ally.id, {}).items()):
            if years[0] <= year <= years[-1]:
                x, y = at(year, value)
                pygame.draw.rect(surface, recorded, (x - 5, y - 5, 11, 11))   # squares: not colour alone
        pygame.draw.rect(surface, INK, box, 1)
        surface.blit(bold.render(ally.name, True, INK), (box.left, oy + 6))
    ly = header + rows * panel[1] + 10
    pygame.draw.line(surface, median, (16, ly + 8), (46, ly + 8), 3)
    surface.blit(font.render("model median", True, INK), (52, ly))
    pygame.draw.rect(surface, band_color, (190, ly + 1, 30, 14))
    band_label = font.render(f"10-90 % of runs ({band_coverage(bt)})", True, INK)
    surface.blit(band_label, (226, ly))
    x = 226 + band_label.get_width() + 24
    pygame.draw.rect(surface, recorded, (x, ly + 3, 11, 11))
    surface.blit(font.render("recorded", True, INK), (x + 18, ly))
    x += 110
    if any(y in bt.fit for y in years[1:]):
        pygame.draw.rect(surface, SHADE, (x, ly + 1, 30, 14))
        pygame.draw.rect(surface, GRID, (x, ly + 1, 30, 14), 1)
        fitted = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in runs_of(y for y in years if y in bt.fit))
        surface.blit(font.render(f"fitted years {fitted}", True, INK), (x + 36, ly))
    write_png(surface, path, force, reading)


def band_coverage(bt) -> str:
    """The legend's account of how often the band holds the record, in and outside the fitted years."""
    inside, outside = bt.coverage(bt.fit), bt.coverage(bt.late)
    parts = [f"holds {100 * v:.0f} % of recorded values {label}" for v, label in
             ((inside, "fitted on"), (outside, "outside the fit")) if not math.isnan(v)]
    return "; ".join(parts) or "no recorded value to test"
