"""Era maps (issue 8): tools/map_eras.py's merges and split, the shipped 1969 map (assets/map/theatres_1969.json),
a campaign's `map:` key, and the Nixon campaign on the map of its time."""
from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis.backtest import recorded_for
from game.authoring.lint import lint_file
from game.campaign import load_campaign, load_campaign_text, validate_text
from game.campaign.model import MAP_ERAS
from game.paths import map_path
from game.ui.map.data import load_theatres
from tools.build_map import load_countries, point_in_ring, signed_area
from tools.map_eras import ERAS, INNER_GERMAN_BORDER, apply_era, dissolve, split

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "data" / "naturalearth_lowres"
NIXON = REPO / "campaigns" / "nixon_1969.yaml"
MERGED_AWAY = ("RUS", "EST", "LVA", "LTU", "BLR", "UKR", "MDA", "CZE", "SVK", "SRB", "HRV", "SVN", "BIH", "MNE",
               "MKD", "XKX", "CYN")
CITIES = [  # (lon, lat, code on the 1969 map)
    (24.75, 59.44, "SUN"), (24.1, 56.95, "SUN"), (25.28, 54.69, "SUN"), (27.56, 53.9, "SUN"),   # Tallinn...Minsk
    (30.52, 50.45, "SUN"), (28.86, 47.01, "SUN"), (37.62, 55.75, "SUN"), (20.5, 54.7, "SUN"),   # Kyiv, Chisinau,
    (14.42, 50.08, "CSK"), (17.11, 48.15, "CSK"),                                                # Moscow, Kaliningrad
    (20.46, 44.82, "YUG"), (15.98, 45.81, "YUG"), (14.51, 46.06, "YUG"), (18.41, 43.86, "YUG"),
    (21.43, 42.0, "YUG"), (21.17, 42.66, "YUG"),
    (7.1, 50.73, "DEU"), (11.58, 48.14, "DEU"), (10.0, 53.55, "DEU"), (8.68, 50.11, "DEU"),     # Bonn, Munich,
    (9.73, 52.37, "DEU"),                                                                       # Hamburg, Frankfurt
    (13.4, 52.52, "DDR"), (12.37, 51.34, "DDR"), (13.74, 51.05, "DDR"), (12.1, 54.09, "DDR"),   # Berlin, Leipzig,
    (11.63, 52.13, "DDR"), (11.03, 50.98, "DDR"),                                               # Dresden, Rostock
]


def square(x: float, y: float) -> list[tuple[float, float]]:
    """A unit square, clockwise in a y-up frame like Natural Earth's outer rings."""
    return [(x, y), (x, y + 1), (x + 1, y + 1), (x + 1, y)]


def area(rings) -> float:
    return sum(abs(signed_area(r)) for r in rings)


# --------------------------------------------------------------------------- the pipeline on toy shapes

def test_dissolve_removes_the_shared_border():
    rings = dissolve([square(0, 0), square(1, 0)])
    assert len(rings) == 1 and area(rings) == pytest.approx(2.0)
    assert ((1, 0), (1, 1)) not in zip(rings[0], rings[0][1:] + rings[0][:1])
    assert ((1, 1), (1, 0)) not in zip(rings[0], rings[0][1:] + rings[0][:1])


def test_dissolve_keeps_separate_pieces_apart():
    assert sorted(map(len, dissolve([square(0, 0), square(5, 0)]))) == [4, 4]


def test_dissolve_refuses_to_leave_a_hole():
    ring = [square(x, y) for x in range(3) for y in range(3) if (x, y) != (1, 1)]
    with pytest.raises(SystemExit, match="hole"):
        dissolve(ring)


def test_split_cuts_along_the_line_and_keeps_the_area():
    ring = [(0, 0), (0, 2), (1, 2), (2, 2), (2, 0), (1, 0)]
    west, east = split(ring, ((1.05, 2.0), (0.8, 1.0), (0.95, 0.0)))       # the ends snap to (1, 2) and (1, 0)
    assert abs(signed_area(west)) + abs(signed_area(east)) == pytest.approx(4.0)
    assert max(x for x, _ in west) == pytest.approx(1.0) and min(x for x, _ in east) == pytest.approx(0.8)
    assert (0.8, 1.0) in west and (0.8, 1.0) in east


# --------------------------------------------------------------------------- the 1969 build from the source

@pytest.fixture(scope="module")
def source():
    if not (SOURCE / "naturalearth_lowres.shp").is_file():
        pytest.skip("Natural Earth source shapefile not available")
    today = {iso: rings for iso, _, rings in load_countries(SOURCE)}
    era = {iso: (name, rings) for iso, name, rings in apply_era(load_countries(SOURCE), ERAS["1969"])}
    return today, era


def test_merged_countries_have_no_interior_border(source):
    """No edge of a merged country is one its parts shared (walked in both directions), and the union has the
    parts' area: nothing was lost or left over as a sliver."""
    today, era = source
    for code, merge in ERAS["1969"].merges.items():
        parts = [r for p in merge.parts for r in today[p]]
        edges = {(a, b) for r in parts for a, b in zip(r, r[1:] + r[:1])}
        shared = {e for e in edges if (e[1], e[0]) in edges}
        rings = era[code][1]
        assert not {e for r in rings for e in zip(r, r[1:] + r[:1])} & shared, code
        assert area(rings) == pytest.approx(area(parts), rel=1e-12), code


def test_the_soviet_union_is_one_outline_from_tallinn_to_baku(source):
    _, era = source
    rings = era["SUN"][1]
    main = max(rings, key=lambda r: abs(signed_area(r)))
    for lon, lat in [(24.75, 59.44), (27.56, 53.9), (30.52, 50.45), (28.86, 47.01), (44.8, 41.7), (49.87, 40.4),
                     (20.5, 54.7), (37.62, 55.75)]:        # ... Chisinau, Tbilisi, Baku, Kaliningrad, Moscow
        assert point_in_ring(lon, lat, main), (lon, lat)
    # Russia's islands stay islands; Kaliningrad and Nakhchivan join the mainland
    assert len(rings) == len(source[0]["RUS"]) - 1


def test_germany_splits_into_two_states_of_its_whole_area(source):
    today, era = source
    (west,), (east,) = era["DEU"][1], era["DDR"][1]
    assert abs(signed_area(west)) + abs(signed_area(east)) == pytest.approx(area(today["DEU"]), rel=1e-12)
    assert 0.35 < abs(signed_area(east)) / abs(signed_area(west)) < 0.5     # 108,000 and 249,000 km2
    assert (era["DEU"][0], era["DDR"][0]) == ("West Germany", "East Germany")
    assert set(INNER_GERMAN_BORDER[1:-1]) <= set(west) & set(east)           # one border, shared


# --------------------------------------------------------------------------- the shipped 1969 map

@pytest.fixture(scope="module")
def europe_1969():
    return load_theatres(era="1969")["europe"]


def test_every_era_has_its_map_file():
    assert set(MAP_ERAS) == {"today", *ERAS}
    for era in MAP_ERAS:
        assert map_path(era).is_file(), era
    assert set(load_theatres(era="1969")) == set(ERAS["1969"].theatres)


def test_the_1969_map_has_the_countries_of_the_time(europe_1969):
    countries = europe_1969.countries
    names = {iso: c.name for iso, c in countries.items()}
    assert {names[c] for c in ("SUN", "DEU", "DDR", "CSK", "YUG")} == {
        "Soviet Union", "West Germany", "East Germany", "Czechoslovakia", "Yugoslavia"}
    assert names["TUR"] == "Turkey" and "Türkiye" not in names.values()
    assert not set(MERGED_AWAY) & set(countries)


@pytest.mark.parametrize("lon,lat,iso", CITIES)
def test_cities_of_1969_land_in_their_country(europe_1969, lon, lat, iso):
    assert europe_1969.country_at(*europe_1969.project(lon, lat)).iso3 == iso


@pytest.mark.parametrize("theatre", ERAS["1969"].theatres)
def test_the_1969_outlines_cover_what_todays_do(theatre):
    """Drawn at the map's own resolution (simplified per border, rounded), the merged and split countries cover the
    same land as today's countries they come from, to within 1 %, in each theatre of the era."""
    today, then = load_theatres()[theatre].countries, load_theatres(era="1969")[theatre].countries

    def drawn(c):
        return sum(abs(signed_area(p)) for p in c.polygons)

    for code, merge in ERAS["1969"].merges.items():
        inside = [p for p in merge.parts if p in today]     # the parts the theatre's box reaches
        if inside:
            assert drawn(then[code]) == pytest.approx(sum(drawn(today[p]) for p in inside), rel=0.01), code
    for code, cut in ERAS["1969"].splits.items():
        if code in today:
            parts = drawn(then[cut.west[0]]) + drawn(then[cut.east[0]])
            assert parts == pytest.approx(drawn(today[code]), rel=0.01), code
            k = 0 if cut.by == "lon" else 1
            assert then[cut.east[0]].label[k] != then[cut.west[0]].label[k]


def test_the_indo_pacific_of_1969_has_two_vietnams_and_one_pakistan(source):
    today, era = source
    (south,), (north,) = era["VNM"][1], era["VDR"][1]
    assert (era["VNM"][0], era["VDR"][0]) == ("South Vietnam", "North Vietnam")
    assert abs(signed_area(north)) + abs(signed_area(south)) == pytest.approx(area(today["VNM"]), rel=1e-12)
    for lon, lat, ring in ((105.85, 21.03, north), (106.7, 10.78, south), (108.2, 16.05, south)):
        assert point_in_ring(lon, lat, ring), (lon, lat)                    # Hanoi; Saigon; Da Nang
    assert len(era["PAK"][1]) == 2 and "BGD" not in era                    # West and East Pakistan
    sun = era["SUN"][1]
    for lon, lat in ((76.9, 43.25), (69.24, 41.3), (131.9, 43.1)):          # Alma-Ata, Tashkent, Vladivostok
        assert any(point_in_ring(lon, lat, r) for r in sun), (lon, lat)


# --------------------------------------------------------------------------- campaigns on the 1969 map

def test_the_nixon_campaign_is_on_the_map_of_its_time(europe_1969):
    c = load_campaign(NIXON)
    assert c.map == "1969"
    assert {a.country for a in c.adversaries} == {"SUN"}
    assert next(a for a in c.allies if a.id == "west_germany").country == "DEU"
    for entity in (*c.allies, *c.adversaries):
        assert entity.country in europe_1969.countries, entity.id
    assert not any("Türkiye" in a.name for a in c.allies)
    assert [str(p) for p in lint_file(NIXON)[1]] == []
    series, found = recorded_for(c)                   # Turkey is the data's Türkiye: every ally is backtested
    assert series == "sipri_milex_share_gdp_1969.csv" and set(found) == {a.id for a in c.allies}


MINI = """\
id: mini
name: Mini
description: A test.
briefing: A test.
turns: 2
calendar: {start: 1969}
map: MAP
us: {budget: 5}
allies:
  - {id: fr, name: France, country: FRA, theatre: europe, adversary: su, gdp: 100, spending: 3, threat: 0.3,
     trust: 0.5, alignment: 0.5, presence: 0.1, upkeep: 0.1}
adversaries:
  - {id: su, name: Soviet Union, country: SUN, theatre: europe, capability: 60}
sources: [judgement]
"""


@pytest.mark.parametrize("written", ["1969", "'1969'", "today"])
def test_a_map_era_is_a_name_or_a_year(written):
    assert validate_text(MINI.replace("MAP", written)) == []


def test_without_map_the_campaign_draws_todays_borders():
    text = MINI.replace("map: MAP\n", "")
    assert load_campaign_text(text).map == "today"


def test_an_unknown_era_is_a_positioned_error():
    problems = validate_text(MINI.replace("MAP", "1970"), "mini.yaml")
    line = MINI.splitlines().index("map: MAP") + 1
    assert [str(p) for p in problems] == [f"mini.yaml:{line}:6: error: map must be one of today, 1969; got '1970'"]

