"""Where the game's shipped files live, in an installed wheel and in a source checkout.

Installed wheel: the top-level folders are packaged inside the `game` package, as game/assets/...,
game/campaigns/... and game/data/..., found with importlib.resources. A checkout (run as `python main.py`, or
installed with `pip install -e .`, whose package is the checkout's own game/ folder) has no such folders in its
package: there they are beside it, <repo>/assets/..., so editing a file in the repo takes effect at once.

Which layout holds is decided by the package itself, never by what happens to lie beside it: an installed game
sits in site-packages, where another package's top-level data/ or assets/ folder must not shadow its own.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_PACKAGE = Path(str(files("game")))     # a wheel is installed unzipped, so its package is a folder
_REPO = _PACKAGE.parent


def _shipped(folder: str) -> Path:
    """The folder of shipped files: the package's own copy when installed, else the checkout's."""
    inside = _PACKAGE / folder
    return inside if inside.is_dir() else _REPO / folder


def asset_path(*parts: str) -> Path:
    """Path of an asset file, e.g. asset_path("map", "theatres.json"). It may not exist: the caller's open() then
    reports that path."""
    return _shipped("assets").joinpath(*parts)


def map_path(era: str = "today") -> Path:
    """The map asset of an era of borders (a campaign's `map`): today's map, or e.g. theatres_1969.json."""
    return asset_path("map", "theatres.json" if era == "today" else f"theatres_{era}.json")


def campaigns_dir() -> Path:
    """Folder holding the bundled campaign files."""
    return _shipped("campaigns")


def dataset_path(*parts: str) -> Path:
    """A recorded data set (NATO, SIPRI, World Bank CSVs), shipped from the top-level data/ folder."""
    return _shipped("data").joinpath(*parts)


def docs_path(*parts: str) -> Path:
    """A file of the checkout's docs/ folder (the JSON Schema, the format reference). An installed wheel has no
    docs, and looks for them in its own package, where they are not: the caller checks that the file exists."""
    installed = (_PACKAGE / "campaigns").is_dir()
    return (_PACKAGE if installed else _REPO).joinpath("docs", *parts)
