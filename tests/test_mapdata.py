"""The shipped map asset (assets/map/theatres.json) and its loader, game/ui/map/data.py; the era maps beside it are
rebuilt here too (their contents: tests/test_map_eras.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.paths import asset_path
from game.ui.map.data import Country, load_theatres, point_in_polygon

REPO = Path(__file__).resolve().parents[1]
ASSET = REPO / "assets" / "map" / "theatres.json"
EPS = 1e-9

EUROPE = ["POL", "EST", "LVA", "LTU", "DEU", "FRA", "GBR", "ITA", "ESP", "NLD", "NOR", "RUS", "UKR"]
INDO_PACIFIC = ["JPN", "KOR", "AUS", "PHL", "TWN", "CHN", "PRK"]


@pytest.fixture(scope="module")
def theatres():
    return load_theatres()


def test_default_path_is_the_repo_asset():
    assert asset_path("map", "theatres.json") == ASSET
    assert ASSET.is_file()


def test_both_theatres_load(theatres):
    assert set(theatres) == {"europe", "indo_pacific"}
    for th in theatres.values():
        assert 0.3 < th.aspect < 3.0
        assert len(th.countries) >= 15


@pytest.mark.parametrize("theatre,iso", [("europe", i) for i in EUROPE] + [("indo_pacific", i) for i in INDO_PACIFIC])
def test_key_countries_present(theatres, theatre, iso):
    country = theatres[theatre].countries[iso]
    assert country.iso3 == iso
    assert country.name and country.polygons


def test_minus_99_codes_are_fixed(theatres):
    europe = theatres["europe"].countries
    assert europe["FRA"].name == "France"
    assert europe["NOR"].name == "Norway"
    assert europe["XKX"].name == "Kosovo"
    assert all(iso != "-99" for th in theatres.values() for iso in th.countries)


def test_geometry_is_normalised_and_valid(theatres):
    for th in theatres.values():
        for c in th.countries.values():
            assert c.polygons, c.iso3
            for poly in c.polygons:
                assert len(poly) >= 3, c.iso3
                for x, y in poly:
                    assert -EPS <= x <= 1 + EPS and -EPS <= y <= 1 + EPS, (c.iso3, x, y)
            lx, ly = c.label
            assert 0 <= lx <= 1 and 0 <= ly <= 1
            # the label anchor sits inside the country's main (first) polygon
            assert point_in_polygon(lx, ly, c.polygons[0]), c.iso3


@pytest.mark.parametrize("theatre,lon,lat,iso", [
    ("europe", 21.0, 52.2, "POL"),     # Warsaw
    ("europe", 13.4, 52.5, "DEU"),     # Berlin
    ("europe", 2.35, 48.85, "FRA"),    # Paris
    ("europe", -3.7, 40.4, "ESP"),     # Madrid
    ("europe", 30.5, 50.45, "UKR"),    # Kyiv
    ("europe", 37.6, 55.75, "RUS"),    # Moscow
    ("europe", 25.3, 54.7, "LTU"),     # Vilnius
    ("europe", 10.75, 59.9, "NOR"),    # Oslo
    ("indo_pacific", 116.4, 39.9, "CHN"),    # Beijing
    ("indo_pacific", 127.0, 37.55, "KOR"),   # Seoul
    ("indo_pacific", 125.75, 39.0, "PRK"),   # Pyongyang
    ("indo_pacific", 139.7, 35.7, "JPN"),    # Tokyo
    ("indo_pacific", 121.0, 14.6, "PHL"),    # Manila
    ("indo_pacific", 121.5, 25.0, "TWN"),    # Taipei
    ("indo_pacific", 149.1, -35.3, "AUS"),   # Canberra
])
def test_projected_cities_land_in_their_country(theatres, theatre, lon, lat, iso):
    th = theatres[theatre]
    x, y = th.project(lon, lat)
    assert 0 <= x <= 1 and 0 <= y <= 1
    assert th.countries[iso].contains(x, y)
    assert th.country_at(x, y).iso3 == iso


def test_project_maps_the_box_corners(theatres):
    for th in theatres.values():
        w, s, e, n = th.bbox_lonlat
        assert th.project(w, n) == pytest.approx((0.0, 0.0), abs=1e-9)
        assert th.project(e, s) == pytest.approx((1.0, 1.0), abs=1e-9)


def test_clipped_flag(theatres):
    assert theatres["europe"].countries["RUS"].clipped
    assert not theatres["europe"].countries["POL"].clipped
    # these must be on the map whole
    for iso in ["JPN", "KOR", "PRK", "TWN", "PHL", "AUS", "CHN"]:
        assert not theatres["indo_pacific"].countries[iso].clipped, iso
    for iso in ["POL", "EST", "LVA", "LTU", "DEU", "FRA", "GBR", "ITA", "ESP", "NLD", "NOR", "UKR", "BLR"]:
        assert not theatres["europe"].countries[iso].clipped, iso


def test_sea_is_nobody(theatres):
    europe = theatres["europe"]
    assert europe.country_at(*europe.project(-8.0, 45.0)) is None  # Bay of Biscay
    assert europe.country_at(*europe.project(19.0, 58.0)) is None  # Baltic Sea


def test_country_contains_simple_square():
    c = Country("SQR", "Square", (((0.1, 0.1), (0.2, 0.1), (0.2, 0.2), (0.1, 0.2)),), (0.15, 0.15))
    assert c.contains(0.15, 0.15)
    assert not c.contains(0.25, 0.15)
    assert not c.contains(0.15, 0.05)


def _source_dir() -> Path | None:
    for candidate in (REPO.parent / "shared" / "data" / "naturalearth_lowres",
                      Path("/work/shared/data/naturalearth_lowres")):
        if (candidate / "naturalearth_lowres.shp").is_file():
            return candidate
    return None


def test_build_script_reproduces_the_asset(tmp_path):
    source = _source_dir()
    if source is None:
        pytest.skip("Natural Earth source shapefile not available")
    out = tmp_path / "theatres.json"
    subprocess.run([sys.executable, str(REPO / "tools" / "build_map.py"), "--source", str(source), "--out", str(out)],
                   check=True, capture_output=True, cwd=tmp_path)
    assert out.read_bytes() == ASSET.read_bytes()
    assert (tmp_path / "theatres_1969.json").read_bytes() == ASSET.with_name("theatres_1969.json").read_bytes()
