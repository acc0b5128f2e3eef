#!/usr/bin/env python3
"""Build assets/map/theatres.json (and an era map per entry of tools/map_eras.py) from Natural Earth 1:110m.

Run once by a developer (the game never reads the shapefile):

    python tools/build_map.py [--source DIR] [--out assets/map/theatres.json]

Each era's map is written next to --out, e.g. assets/map/theatres_1969.json: the same pipeline on the source
outlines first changed into that year's borders (merges and splits, see tools/map_eras.py).

Pipeline, per theatre:
  1. read the .shp polygons and .dbf attributes (small readers below, standard library only);
  2. keep outer rings only (see `read_shapes`), fix "-99" ISO codes from an explicit name table;
  3. project with Mercator (conformal, so shapes look right, and a lon/lat box stays a rectangle);
  4. clip every ring to the theatre rectangle (Sutherland-Hodgman);
  5. simplify with Douglas-Peucker *along shared borders*, so neighbouring countries stay seamless;
  6. drop small secondary islands, keep every country's largest piece whatever its size;
  7. normalise to [0,1]x[0,1] (x right, y down), round to 4 decimals, write sorted, compact JSON.

The output is deterministic: same input, same bytes (no sets/dicts are iterated unsorted).
"""
from __future__ import annotations

import argparse
import json
import math
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tools.map_eras import ERAS, apply_era  # noqa: E402 - after the repository is on the path

DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "naturalearth_lowres"
DEFAULT_OUT = REPO / "assets" / "map" / "theatres.json"

# lon/lat boxes (west, south, east, north). Every country touching a box is kept, clipped to it.
# The Indo-Pacific box is wide and tall enough for all of China (73.7E..135E, up to 53.5N).
THEATRES = {
    "europe": (-12.0, 34.0, 46.0, 71.5),
    "indo_pacific": (73.0, -46.0, 158.0, 54.0),
}

# Douglas-Peucker tolerance and island-area threshold, in units of the theatre's height
# (1.0 = full map height; 0.001 is about 1 px on a 1080 px high map).
SIMPLIFY_TOLERANCE = 0.001
MIN_ISLAND_AREA = 1.5e-5  # ~4x4 px at 1080 px high; only applies to a country's secondary pieces

# Countries the 1:110m set leaves out as too small, hand-digitised (lon, lat, clockwise) from well-known points of
# their coasts, good to a few km. Singapore: Tuas, Lim Chu Kang, Woodlands, Seletar, Changi, the East Coast, the
# Marina, Jurong. Only its main island; at this scale it is a few pixels across.
ADDED = {
    "SGP": ("Singapore", ((103.64, 1.32), (103.70, 1.43), (103.80, 1.47), (103.91, 1.43), (104.03, 1.39),
                          (103.99, 1.32), (103.86, 1.27), (103.74, 1.28))),
}

# Natural Earth gives iso_a3 = "-99" to France, Norway, Kosovo, N. Cyprus and Somaliland. The geopandas
# copy already replaced it with adm0_a3 for sovereign states (FRA, NOR, CYN, SOL) and left Kosovo at
# "-99"; this table fixes any of them by name, so the raw Natural Earth file works too. N. Cyprus and
# Somaliland have no ISO 3166-1 code: we use Natural Earth's adm0_a3 codes for them.
ISO_FIXES = {
    "France": "FRA",
    "Norway": "NOR",
    "Kosovo": "XKX",       # user-assigned code used by the EU, IMF and World Bank
    "N. Cyprus": "CYN",    # Natural Earth adm0_a3, not ISO
    "Somaliland": "SOL",   # Natural Earth adm0_a3, not ISO
}


# --------------------------------------------------------------------------- readers

def read_dbf(path: Path, encoding: str) -> list[dict[str, object]]:
    """Minimal dBASE III reader: character ('C') and numeric ('N'/'F') fields."""
    data = path.read_bytes()
    n_records, header_len, record_len = struct.unpack("<4xIHH", data[:12])
    fields = []
    for off in range(32, header_len - 1, 32):  # field descriptors end with 0x0D
        desc = data[off:off + 32]
        if desc[0] == 0x0D:
            break
        name = desc[:11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, chr(desc[11]), desc[16]))
    records = []
    for i in range(n_records):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        deleted = rec[:1] == b"*"
        pos, row = 1, {}
        for name, ftype, length in fields:
            raw = rec[pos:pos + length].decode(encoding).strip()
            pos += length
            if ftype in "NF":
                row[name] = float(raw) if raw and raw.strip("*") else None
            else:
                row[name] = raw
        records.append(None if deleted else row)
    return records


def read_shapes(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Minimal .shp reader for polygon files (type 5). Returns, per record, its OUTER rings.

    Holes are dropped: the shapefile spec orders outer rings clockwise and holes counter-clockwise,
    so a ring with positive (counter-clockwise) shoelace area is a hole. The game fills polygons
    with pygame, which cannot draw holes anyway, and an enclave (e.g. Lesotho in South Africa) is
    its own country drawn on top. Rings are returned open (closing vertex removed).
    """
    data = path.read_bytes()
    file_code, = struct.unpack(">i", data[:4])
    shape_type, = struct.unpack("<i", data[32:36])
    if file_code != 9994 or shape_type != 5:
        raise SystemExit(f"{path}: not a polygon shapefile (code {file_code}, type {shape_type})")
    shapes, pos = [], 100
    while pos + 8 <= len(data):
        _num, content_words = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8: pos + 8 + 2 * content_words]
        pos += 8 + 2 * content_words
        rtype, = struct.unpack("<i", content[:4])
        if rtype == 0:  # null shape
            shapes.append([])
            continue
        if rtype != 5:
            raise SystemExit(f"{path}: unexpected record type {rtype}")
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44:44 + 4 * n_parts])) + [n_points]
        coords = struct.unpack(f"<{2 * n_points}d", content[44 + 4 * n_parts: 44 + 4 * n_parts + 16 * n_points])
        rings = []
        for a, b in zip(parts, parts[1:]):
            ring = [(coords[2 * k], coords[2 * k + 1]) for k in range(a, b)]
            if len(ring) > 1 and ring[0] == ring[-1]:
                ring.pop()
            if len(ring) >= 3 and signed_area(ring) < 0:  # clockwise = outer
                rings.append(ring)
        shapes.append(rings)
    return shapes


def load_countries(source: Path) -> list[tuple[str, str, list]]:
    """[(iso3, name, outer rings in lon/lat)], one entry per dataset record."""
    shp = next(source.glob("*.shp"), None)
    if shp is None:
        raise SystemExit(f"no .shp file in {source}")
    cpg = shp.with_suffix(".cpg")
    encoding = cpg.read_text().strip() if cpg.exists() else "latin-1"
    records = read_dbf(shp.with_suffix(".dbf"), encoding)
    shapes = read_shapes(shp)
    if len(records) != len(shapes):
        raise SystemExit(f"{shp}: {len(shapes)} shapes but {len(records)} dbf records")
    out = []
    for rec, rings in zip(records, shapes):
        if rec is None or not rings:
            continue
        name = str(rec["name"])
        iso = str(rec["iso_a3"])
        if iso == "-99":
            if name not in ISO_FIXES:
                raise SystemExit(f"{name!r} has iso_a3 -99 and no entry in ISO_FIXES")
            iso = ISO_FIXES[name]
        out.append((iso, name, rings))
    have = {iso for iso, _, _ in out}
    out += [(iso, name, [list(ring)]) for iso, (name, ring) in sorted(ADDED.items()) if iso not in have]
    return out


# --------------------------------------------------------------------------- geometry

def signed_area(ring) -> float:
    """Shoelace area; positive for counter-clockwise rings in a y-up frame."""
    s = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2.0


def mercator_y(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))  # Antarctica reaches -90, where Mercator is infinite
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def clip_ring(ring, xmax: float, ymax: float):
    """Sutherland-Hodgman clip of a ring to [0, xmax] x [0, ymax].

    Intersections are computed from the lexicographically smaller endpoint so that a border
    shared by two countries (traversed in opposite directions) yields bit-identical new vertices,
    and the clipped coordinate is set exactly to the edge value.
    """
    def cut(pts, axis, limit, keep_below):
        if not pts:
            return pts
        inside = (lambda p: p[axis] <= limit) if keep_below else (lambda p: p[axis] >= limit)
        out = []
        prev = pts[-1]
        for cur in pts:
            if inside(cur) != inside(prev):
                a, b = sorted((prev, cur))
                t = (limit - a[axis]) / (b[axis] - a[axis])
                other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
                out.append((limit, other) if axis == 0 else (other, limit))
            if inside(cur):
                out.append(cur)
            prev = cur
        return out

    pts = list(ring)
    pts = cut(pts, 0, 0.0, False)
    pts = cut(pts, 0, xmax, True)
    pts = cut(pts, 1, 0.0, False)
    pts = cut(pts, 1, ymax, True)
    # remove consecutive duplicates produced by vertices lying exactly on an edge
    dedup = [p for i, p in enumerate(pts) if p != pts[i - 1]] if len(pts) > 1 else pts
    return dedup


def point_segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(chain, tol: float):
    """Simplify an open polyline, keeping both ends. A closed chain (first == last) is split at
    its farthest vertex first so the reference segment is never degenerate."""
    if len(chain) <= 2:
        return list(chain)
    if chain[0] == chain[-1]:
        far = max(range(1, len(chain) - 1), key=lambda i: (math.dist(chain[0], chain[i]), -i))
        return douglas_peucker(chain[:far + 1], tol)[:-1] + douglas_peucker(chain[far:], tol)
    keep = [False] * len(chain)
    keep[0] = keep[-1] = True
    stack = [(0, len(chain) - 1)]
    while stack:
        i, j = stack.pop()
        best, best_k = -1.0, -1
        for k in range(i + 1, j):
            d = point_segment_distance(chain[k], chain[i], chain[j])
            if d > best:
                best, best_k = d, k
        if best > tol:
            keep[best_k] = True
            stack.append((i, best_k))
            stack.append((best_k, j))
    return [p for p, k in zip(chain, keep) if k]


def simplify_shared(rings_by_key, tol: float, is_anchor):
    """Douglas-Peucker that keeps shared borders identical on both sides.

    Natural Earth borders are topologically clean (neighbours share exact vertices). A vertex
    touching more than two distinct edges is a junction (where a border meets a coast or a third
    country); junctions, plus any vertex `is_anchor` flags, are never removed. Each ring is cut at
    its anchors into chains; a chain is simplified in a canonical direction and cached, so the
    neighbour traversing the same chain backwards gets exactly the same vertices.
    """
    neighbours: dict[tuple, set] = {}
    for rings in rings_by_key.values():
        for ring in rings:
            n = len(ring)
            for i in range(n):
                a, b = ring[i], ring[(i + 1) % n]
                neighbours.setdefault(a, set()).add(b)
                neighbours.setdefault(b, set()).add(a)
    cache: dict[tuple, list] = {}

    def simplify_chain(chain):
        key = tuple(chain)
        rev = key[::-1]
        canon, flipped = (key, False) if key <= rev else (rev, True)
        if canon not in cache:
            cache[canon] = douglas_peucker(list(canon), tol)
        res = cache[canon]
        return res[::-1] if flipped else res

    out = {}
    for key in sorted(rings_by_key):
        new_rings = []
        for ring in rings_by_key[key]:
            anchors = [i for i, p in enumerate(ring) if len(neighbours[p]) > 2 or is_anchor(p)]
            if not anchors:
                # lone island: start from its leftmost vertex so the result does not depend on
                # where the source happens to start the ring
                start = min(range(len(ring)), key=lambda i: ring[i])
                anchors = [start]
            new = []
            for ai, a in enumerate(anchors):
                b = anchors[(ai + 1) % len(anchors)]
                chain = ring[a:b + 1] if b > a else ring[a:] + ring[:b + 1]
                new.extend(simplify_chain(chain)[:-1])
            new_rings.append(new)
        out[key] = new_rings
    return out


def interior_point(ring):
    """A label anchor inside the ring: its centroid if that is inside, else the middle of the
    widest horizontal run through the ring, trying a few heights around the centroid."""
    a = signed_area(ring)
    n = len(ring)
    cx = cy = 0.0
    for i in range(n):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if a == 0:
        return ring[0]
    cx, cy = cx / (6 * a), cy / (6 * a)
    if point_in_ring(cx, cy, ring):
        return cx, cy
    ys = [p[1] for p in ring]
    y0, y1 = min(ys), max(ys)
    best = None
    for y in [cy] + [y0 + (y1 - y0) * f for f in (0.5, 0.35, 0.65, 0.2, 0.8)]:
        xs = []
        for i in range(n):
            (ax, ay), (bx, by) = ring[i], ring[(i + 1) % n]
            if (ay > y) != (by > y):
                xs.append(ax + (y - ay) * (bx - ax) / (by - ay))
        xs.sort()
        for left, right in zip(xs[0::2], xs[1::2]):
            if best is None or right - left > best[0]:
                best = (right - left, (left + right) / 2, y)
    return (best[1], best[2]) if best else ring[0]


def point_in_ring(x, y, ring) -> bool:
    inside = False
    n = len(ring)
    for i in range(n):
        (ax, ay), (bx, by) = ring[i], ring[(i + 1) % n]
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


# --------------------------------------------------------------------------- theatre build

def build_theatre(countries, bbox):
    west, south, east, north = bbox
    x0, x1 = math.radians(west), math.radians(east)
    y_top, y_bottom = mercator_y(north), mercator_y(south)
    height = y_top - y_bottom
    aspect = (x1 - x0) / height

    # Work in "height units": u in [0, aspect], v in [0, 1] (y down), so tolerances and areas
    # are isotropic. x is divided by aspect only at the very end.
    def to_uv(lon, lat):
        return (math.radians(lon) - x0) / height, (y_top - mercator_y(lat)) / height

    clipped: dict[str, list] = {}
    names: dict[str, str] = {}
    for iso, name, rings in countries:
        for ring in rings:
            lons = [p[0] for p in ring]
            lats = [p[1] for p in ring]
            if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
                continue
            piece = clip_ring([to_uv(lon, lat) for lon, lat in ring], aspect, 1.0)
            # Screen frame is y-down, so outer rings are now counter-clockwise -> positive area.
            if len(piece) >= 3 and abs(signed_area(piece)) > 1e-9:
                clipped.setdefault(iso, []).append(piece)
                names[iso] = name

    def on_frame(p):  # vertices the clip put on the frame (incl. corners) are never simplified away
        return p[0] in (0.0, aspect) or p[1] in (0.0, 1.0)

    simplified = simplify_shared(clipped, SIMPLIFY_TOLERANCE, on_frame)

    result = {}
    for iso in sorted(simplified):
        # keep the largest piece whatever its size; drop small secondary islands
        pieces = sorted(simplified[iso], key=lambda r: -abs(signed_area(r)))
        pieces = [pieces[0]] + [r for r in pieces[1:] if abs(signed_area(r)) >= MIN_ISLAND_AREA]
        polygons = []
        for ring in pieces:
            pts = []
            for u, v in ring:
                p = [round(u / aspect, 4) + 0.0, round(v, 4) + 0.0]  # +0.0 turns -0.0 into 0.0
                if not pts or pts[-1] != p:
                    pts.append(p)
            while len(pts) > 1 and pts[0] == pts[-1]:
                pts.pop()
            if len(pts) >= 3:
                polygons.append(pts)
        if not polygons:
            continue
        lx, ly = interior_point([(p[0], p[1]) for p in polygons[0]])
        result[iso] = {
            "name": names[iso],
            # cut by the map frame (e.g. Russia, or an edge sliver the UI may prefer not to label)
            "clipped": any(x in (0.0, 1.0) or y in (0.0, 1.0) for poly in polygons for x, y in poly),
            "label": [round(min(max(lx, 0.0), 1.0), 4) + 0.0, round(min(max(ly, 0.0), 1.0), 4) + 0.0],
            "polygons": polygons,
        }
    return {
        "bbox_lonlat": list(bbox),
        "aspect": round(aspect, 6),
        "projection": "mercator",
        # x = (radians(lon) - x_min) / (x_max - x_min)
        # y = (y_max - ln(tan(pi/4 + radians(lat)/2))) / (y_max - y_min)
        "projection_params": {"x_min": x0, "x_max": x1, "y_min": y_bottom, "y_max": y_top},
        "countries": result,
    }


def build(source: Path, era: str | None = None) -> dict:
    """Today's map, or with `era` (a key of ERAS) that year's borders on the era's theatres."""
    countries = load_countries(source)
    theatres = THEATRES
    head = {}
    if era is not None:
        countries = apply_era(countries, ERAS[era])
        theatres = {tid: THEATRES[tid] for tid in ERAS[era].theatres}
        head = {"era": era, "era_changes": ERAS[era].summary}
    return {
        "source": "Natural Earth 1:110m Admin 0 - Countries (naturalearth_lowres, geopandas 0.14.4)",
        **head,
        "licence": "public domain (Natural Earth)",
        "generated_by": "tools/build_map.py",
        "coordinates": "normalised: theatre box -> [0,1]x[0,1], x right, y down; "
                       "multiply x by aspect*height and y by height for pixels",
        "theatres": {tid: build_theatre(countries, bbox) for tid, bbox in theatres.items()},
    }


def to_json(doc: dict) -> str:
    """Compact JSON with one country per line, so a rebuild shows up as a readable git diff."""
    def dump(value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    head = [f"{dump(k)}:{dump(v)}" for k, v in doc.items() if k != "theatres"]
    theatres = []
    for tid, th in doc["theatres"].items():
        meta = "".join(f"{dump(k)}:{dump(v)}," for k, v in th.items() if k != "countries")
        rows = ",\n".join(f"{dump(iso)}:{dump(c)}" for iso, c in th["countries"].items())
        theatres.append(f"{dump(tid)}:{{{meta}\"countries\":{{\n{rows}\n}}}}")
    return "{" + ",\n".join(head) + ",\n\"theatres\":{\n" + ",\n".join(theatres) + "\n}}\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                    help="folder holding naturalearth_lowres.shp/.shx/.dbf (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSON (default: %(default)s)")
    args = ap.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for era in (None, *sorted(ERAS)):
        out = args.out if era is None else args.out.with_name(f"{args.out.stem}_{era}{args.out.suffix}")
        doc = build(args.source, era)
        text = to_json(doc)
        out.write_bytes(text.encode("utf-8"))
        for tid, th in doc["theatres"].items():
            n_pts = sum(len(p) for c in th["countries"].values() for p in c["polygons"])
            print(f"{tid}: {len(th['countries'])} countries, {n_pts} points, aspect {th['aspect']}")
        print(f"wrote {out} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
