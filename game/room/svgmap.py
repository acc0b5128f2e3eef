"""A theatre's map as SVG, for the students' pages: the shipped outlines (assets/map, the file game.paths.map_path
names for an era's borders, as the window's map reads it) drawn as one path per country, each with its ISO code
as its id, so a page marks its own government, the other allies and the adversary with classes and colours of its
own stylesheet. Standard library only: the room draws no map with pygame."""
from __future__ import annotations

import functools
import json
from xml.sax.saxutils import escape, quoteattr

from game.paths import map_path

HEIGHT = 1000       # the drawing's height in its own units; its width follows the theatre's aspect


@functools.lru_cache(maxsize=8)
def theatre_svg(theatre: str, era: str = "today") -> str | None:
    """The SVG of one theatre of an era's map, or None if the map has no such theatre."""
    with open(map_path(era), encoding="utf-8") as f:
        doc = json.load(f)
    th = doc["theatres"].get(theatre)
    if th is None:
        return None
    width = round(th["aspect"] * HEIGHT)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {HEIGHT}" role="img" '
             f'aria-label={quoteattr(theatre)}><rect class="sea" width="{width}" height="{HEIGHT}"/>']
    for iso, country in sorted(th["countries"].items()):
        rings = []
        for poly in country["polygons"]:
            if len(poly) >= 3:
                rings.append("M" + "L".join(f"{x * width:.0f},{y * HEIGHT:.0f}" for x, y in poly) + "Z")
        if rings:
            parts.append(f'<path id={quoteattr("c-" + iso)} class="land" d="{"".join(rings)}">'
                         f"<title>{escape(country['name'])}</title></path>")
    parts.append("</svg>")
    return "".join(parts)
