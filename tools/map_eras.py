"""Era maps: the Natural Earth countries of today, changed into the borders of another year.

tools/build_map.py applies an era to the source outlines (lon/lat, outer rings, before projection) and then builds
the era's theatres exactly as it builds today's. An era is a table of

- merges: one country made of several of today's, e.g. the Soviet Union from Russia, the Baltic states, Belarus,
  Ukraine...; `dissolve` removes the borders between the parts;
- splits: one of today's countries cut in two along a hand-digitised border (`split`), e.g. Germany into the
  Federal Republic and the GDR, Viet Nam into North and South.

Codes are the ISO 3166-1 alpha-3 codes of the time (ISO 3166-3 keeps the withdrawn ones): SUN, CSK, YUG, DDR; West
Germany was DEU before 1990 as after. Standard library only; the output is deterministic (nothing is iterated
unsorted).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

Point = tuple[float, float]
Ring = list[Point]

# The border between the two German states, 1949-1990, north to south (lon, lat), hand-digitised for a 1:110m
# map from its well-known course: each point lies between the towns named, one on either side, placed from their
# coordinates. Good to roughly 10-15 km, 1-2 px on the play screen's map. The two ends are snapped to the nearest
# vertex of Natural Earth's outline of Germany: the Bay of Lübeck by the Priwall peninsula (10.94E 54.01N) and, for
# the tripoint with Czechoslovakia near Hof and Prex (about 12.10E 50.32N), Natural Earth's vertex at 12.24E 50.27N.
INNER_GERMAN_BORDER: tuple[Point, ...] = (
    (10.90, 53.96),   # Priwall (Travemünde, W) / Pötenitz (E): the Baltic coast
    (10.78, 53.82),   # Lübeck (W) / Herrnburg (E)
    (10.80, 53.62),   # Ratzeburg (W) / Schaalsee, Zarrentin (E)
    (10.64, 53.37),   # Lauenburg (W) / Boizenburg (E): the Elbe
    (11.05, 53.16),   # Hitzacker (W) / Amt Neuhaus (E), along the Elbe
    (11.27, 53.12),   # Gorleben (W) / Dömitz (E)
    (11.58, 53.03),   # Schnackenburg: the border leaves the Elbe
    (11.40, 52.94),   # Lüchow-Dannenberg (W) / Arendsee (E)
    (11.12, 52.90),   # Lüchow (W) / Salzwedel (E)
    (10.96, 52.80),
    (10.93, 52.58),   # Brome (W) / Oebisfelde (E)
    (11.05, 52.22),   # Helmstedt (W) / Marienborn (E)
    (10.62, 51.90),   # Bad Harzburg (W) / Stapelburg (E)
    (10.65, 51.72),   # Braunlage (W) / Elend (E), in the Harz
    (10.65, 51.58),   # Walkenried (W) / Ellrich (E)
    (10.30, 51.48),   # Duderstadt (W) / Teistungen (E)
    (10.05, 51.30),   # Bad Sooden-Allendorf (W), the Werra
    (10.20, 51.10),   # Wanfried (W) / Treffurt (E)
    (10.20, 50.99),   # Herleshausen (W) / Wartha (E)
    (10.00, 50.84),   # Philippsthal (W) / Vacha (E)
    (9.97, 50.70),    # Rasdorf (W) / Geisa (E): the Fulda gap, Point Alpha
    (10.05, 50.62),   # Tann, in the Rhön
    (10.35, 50.48),   # Mellrichstadt (W) / Meiningen (E)
    (10.60, 50.36),   # Bad Königshofen (W) / Hildburghausen (E)
    (10.98, 50.34),   # Coburg (W)
    (11.15, 50.35),   # Neustadt bei Coburg (W) / Sonneberg (E)
    (11.38, 50.52),   # Ludwigsstadt (W) / Probstzella (E)
    (11.70, 50.41),   # Lichtenberg (W) / Blankenstein (E)
    (11.88, 50.43),   # Mödlareuth, split by the wall
    (12.10, 50.32),   # the tripoint with Czechoslovakia, near Prex
)
# The line dividing North and South Viet Nam, 1954-1976: the demilitarised zone along the Ben Hai river, near
# 17N. Natural Earth's 1:110m outline of Viet Nam has no vertex there: the nearest are on the Laos border at
# 106.56E 16.60N and on the coast at 107.36E 16.70N, which the ends snap to, so the line runs about 40 km south of
# the real one (3-4 px on the play screen's map).
VIETNAM_DMZ: tuple[Point, ...] = (
    (106.56, 16.60),  # the Laos border, west of the Ben Hai's source
    (107.36, 16.70),  # the coast (the river's mouth at Cua Tung lies at 107.11E 17.02N)
)
SNAP_LIMIT = 0.25     # degrees: an end further than this from any vertex of the outline means a wrong line


@dataclass(frozen=True)
class Merge:
    name: str
    parts: tuple[str, ...]   # today's ISO codes


@dataclass(frozen=True)
class Split:
    line: tuple[Point, ...]  # from one point of the outline to another, across the country
    west: tuple[str, str]    # (code, name) of the part west of the line (south of it, with `by="lat"`)
    east: tuple[str, str]    # ... east of it (north of it, with `by="lat"`)
    by: str = "lon"          # "lat" for a line running west to east


@dataclass(frozen=True)
class Era:
    summary: str                 # what the era changes, said in the map file
    theatres: tuple[str, ...]    # the theatres whose borders this era's table gets right
    merges: dict[str, Merge]
    splits: dict[str, Split]


ERAS = {
    "1969": Era(
        summary="tools/map_eras.py: countries of the time merged from today's, Germany split along the "
                "inner-German border, Viet Nam along the demilitarised zone",
        theatres=("europe", "indo_pacific"),
        merges={
            # the Soviet Union of both theatres: the European republics and those of Central Asia
            "SUN": Merge("Soviet Union", ("RUS", "EST", "LVA", "LTU", "BLR", "UKR", "MDA", "GEO", "ARM", "AZE",
                                          "KAZ", "UZB", "TKM", "KGZ", "TJK")),
            "CSK": Merge("Czechoslovakia", ("CZE", "SVK")),
            "YUG": Merge("Yugoslavia", ("SRB", "HRV", "SVN", "BIH", "MNE", "MKD", "XKX")),
            # one republic until the invasion of 1974 (Natural Earth draws today's de facto line)
            "CYP": Merge("Cyprus", ("CYP", "CYN")),
            # East Pakistan, independent as Bangladesh in December 1971
            "PAK": Merge("Pakistan", ("PAK", "BGD")),
        },
        splits={"DEU": Split(INNER_GERMAN_BORDER, west=("DEU", "West Germany"), east=("DDR", "East Germany")),
                # ISO 3166-3 keeps VDR for the North; the South's VNM passed to the united state in 1976
                "VNM": Split(VIETNAM_DMZ, west=("VNM", "South Vietnam"), east=("VDR", "North Vietnam"), by="lat")},
    ),
}


def _clockwise(ring: Ring) -> bool:
    """Orientation from the turn at the lowest-leftmost vertex (a convex corner of any simple ring)."""
    i = min(range(len(ring)), key=lambda k: (ring[k][1], ring[k][0]))
    (ax, ay), (bx, by), (cx, cy) = ring[i - 1], ring[i], ring[(i + 1) % len(ring)]
    return (bx - ax) * (cy - by) - (by - ay) * (cx - bx) < 0


def dissolve(rings: list[Ring]) -> list[Ring]:
    """The outer rings of the union of countries that share their borders vertex for vertex (Natural Earth's do).

    A border between two of the countries is walked once in each direction (both rings clockwise), so every edge
    met in both directions is interior and cancels; what is left are the outer edges, chained back into rings.
    """
    edges = Counter((a, b) for ring in rings for a, b in zip(ring, ring[1:] + ring[:1]) if a != b)
    interior = {e for e in edges if (e[1], e[0]) in edges}
    after: dict[Point, list[Point]] = {}
    for (a, b), n in sorted(edges.items()):
        if (a, b) not in interior:
            after.setdefault(a, []).extend([b] * n)
    out = []
    while after:
        start = min(after)
        ring, at = [start], start
        while True:
            nxt = after[at].pop(0)
            if not after[at]:
                del after[at]
            if nxt == start:
                break
            ring.append(nxt)
            at = nxt
        if len(ring) >= 3:
            if not _clockwise(ring):
                raise SystemExit(f"merging left a hole at {start}: the parts surround a country not in the merge")
            out.append(ring)
    return out


def _snap(ring: Ring, p: Point) -> int:
    i = min(range(len(ring)), key=lambda k: (math.dist(ring[k], p), k))
    if math.dist(ring[i], p) > SNAP_LIMIT:
        raise SystemExit(f"split line end {p} is {math.dist(ring[i], p):.2f} deg from the outline")
    return i


def split(ring: Ring, line: tuple[Point, ...], by: str = "lon") -> tuple[Ring, Ring]:
    """(west, east), or (south, north) `by="lat"`: the ring cut along `line`, whose ends are snapped to the ring's
    nearest vertices so that the neighbours' borders keep their shared vertices. The line's inner points are the new
    border of both parts."""
    a, b = _snap(ring, line[0]), _snap(ring, line[-1])
    inner = list(line[1:-1])

    def arc(i: int, j: int) -> Ring:
        return ring[i:j + 1] if i <= j else ring[i:] + ring[:j + 1]

    k = 0 if by == "lon" else 1
    one, two = arc(a, b) + inner[::-1], arc(b, a) + inner
    return (one, two) if sum(p[k] for p in one) / len(one) < sum(p[k] for p in two) / len(two) else (two, one)


def apply_era(countries: list[tuple[str, str, list[Ring]]], era: Era) -> list[tuple[str, str, list[Ring]]]:
    """Today's [(iso3, name, outer rings)] as the era's countries, sorted by code."""
    by_iso = {iso: (name, rings) for iso, name, rings in countries}
    out = {}
    for iso, (name, rings) in by_iso.items():
        if iso in era.splits:
            if len(rings) != 1:
                raise SystemExit(f"{iso}: a split needs a country of one piece, got {len(rings)}")
            s = era.splits[iso]
            west, east = split(rings[0], s.line, s.by)
            out[s.west[0]] = (s.west[1], [west])
            out[s.east[0]] = (s.east[1], [east])
        elif not any(iso in m.parts for m in era.merges.values()):
            out[iso] = (name, rings)
    for code, merge in era.merges.items():
        missing = [p for p in merge.parts if p not in by_iso]
        if missing:
            raise SystemExit(f"{code}: no {', '.join(missing)} in the source")
        out[code] = (merge.name, dissolve([r for p in merge.parts for r in by_iso[p][1]]))
    return [(iso, name, rings) for iso, (name, rings) in sorted(out.items())]
