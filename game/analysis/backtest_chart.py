"""The backtest chart, drawn with pygame so the project needs no plotting library: one panel per ally with the
model's median and 10-90 % band against the recorded points. Only the CLI imports it, so that pygame loads for
`backtest --chart` alone (the CLI hides pygame's greeting before that)."""
from __future__ import annotations

import io
import math
import os
from pathlib import Path

import pygame

from game.analysis.records import runs_of
from game.paths import asset_path

BACKGROUND = (250, 250, 247)
INK = (30, 34, 40)
GRID = (215, 215, 210)
BAND = (86, 180, 233)        # Okabe-Ito sky blue
MEDIAN = (0, 114, 178)       # Okabe-Ito blue
RECORDED = (213, 94, 0)      # Okabe-Ito vermillion
FITTED = (236, 236, 228)     # shading behind the calibration years


def draw_backtest(bt, path: Path, panel=(420, 260), columns: int = 4) -> None:
    """Write the chart of backtest `bt` to `path`, shading the years the model was fitted on (`bt.fit`) and giving
    the band's coverage of the record in the legend."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")   # drawing to a file needs no window
    pygame.font.init()
    font = pygame.font.Font(str(asset_path("fonts", "DejaVuSans.ttf")), 15)
    small = pygame.font.Font(str(asset_path("fonts", "DejaVuSans.ttf")), 13)
    bold = pygame.font.Font(str(asset_path("fonts", "DejaVuSans-Bold.ttf")), 17)
    title_font = pygame.font.Font(str(asset_path("fonts", "DejaVuSans-Bold.ttf")), 22)
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
            pygame.draw.rect(surface, FITTED, (round(left), box.top, round(right - left), box.height))
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
        pygame.draw.polygon(shade, (*BAND, 90), band)
        surface.blit(shade, (0, 0))
        pygame.draw.lines(surface, MEDIAN, False, [at(y, v) for y, v in zip(years, p50[:, i])], 3)
        for year, value in sorted(bt.recorded.get(ally.id, {}).items()):
            if years[0] <= year <= years[-1]:
                x, y = at(year, value)
                pygame.draw.rect(surface, RECORDED, (x - 5, y - 5, 11, 11))   # squares: not colour alone
        pygame.draw.rect(surface, INK, box, 1)
        surface.blit(bold.render(ally.name, True, INK), (box.left, oy + 6))
    ly = header + rows * panel[1] + 10
    pygame.draw.line(surface, MEDIAN, (16, ly + 8), (46, ly + 8), 3)
    surface.blit(font.render("model median", True, INK), (52, ly))
    pygame.draw.rect(surface, BAND, (190, ly + 1, 30, 14))
    band_label = font.render(f"10-90 % of runs ({band_coverage(bt)})", True, INK)
    surface.blit(band_label, (226, ly))
    x = 226 + band_label.get_width() + 24
    pygame.draw.rect(surface, RECORDED, (x, ly + 3, 11, 11))
    surface.blit(font.render("recorded", True, INK), (x + 18, ly))
    x += 110
    if any(y in bt.fit for y in years[1:]):
        pygame.draw.rect(surface, FITTED, (x, ly + 1, 30, 14))
        pygame.draw.rect(surface, GRID, (x, ly + 1, 30, 14), 1)
        fitted = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in runs_of(y for y in years if y in bt.fit))
        surface.blit(font.render(f"fitted years {fitted}", True, INK), (x + 36, ly))
    _save(surface, path)


def band_coverage(bt) -> str:
    """The legend's account of how often the band holds the record, in and outside the fitted years."""
    inside, outside = bt.coverage(bt.fit), bt.coverage(bt.late)
    parts = [f"holds {100 * v:.0f} % of recorded values {label}" for v, label in
             ((inside, "fitted on"), (outside, "outside the fit")) if not math.isnan(v)]
    return "; ".join(parts) or "no recorded value to test"


def _save(surface, path: Path) -> None:
    # Encoded in memory, then written by Python: pygame picks the format from the name (`x.txt` gave a TGA) and
    # does not report a failed write (`/dev/full` "succeeded").
    encoded = io.BytesIO()
    pygame.image.save(surface, encoded, "chart.png")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(encoded.getvalue())
