"""Where the game's data files live, in a source checkout and in an installed wheel.

Source checkout: <repo>/assets/... and <repo>/campaigns/...
Installed wheel: the top-level folders are packaged as game/assets/... and game/campaigns/...
The checkout layout is tried first so that editing assets in the repo takes effect immediately.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent


def asset_path(*parts: str) -> Path:
    """Path of an asset file, e.g. asset_path("map", "theatres.json").

    Returns the repo copy if it exists, else the installed copy (which may not exist either;
    the caller's open() then reports that path).
    """
    repo = _REPO.joinpath("assets", *parts)
    if repo.exists():
        return repo
    return _PACKAGE.joinpath("assets", *parts)


def map_path(era: str = "today") -> Path:
    """The map asset of an era of borders (a campaign's `map`): today's map, or e.g. theatres_1969.json."""
    return asset_path("map", "theatres.json" if era == "today" else f"theatres_{era}.json")


def campaigns_dir() -> Path:
    """Folder holding the bundled campaign files."""
    repo = _REPO / "campaigns"
    if repo.is_dir():
        return repo
    return _PACKAGE / "campaigns"


def dataset_path(*parts: str) -> Path:
    """A recorded data set (NATO, SIPRI, World Bank CSVs), shipped from the top-level data/ folder."""
    repo = _REPO.joinpath("data", *parts)
    if repo.exists():
        return repo
    return _PACKAGE.joinpath("data", *parts)


def docs_path(*parts: str) -> Path:
    """A file of the checkout's docs/ folder (the JSON Schema, the format reference). An installed wheel has no
    docs: the caller checks that the file exists."""
    return _REPO.joinpath("docs", *parts)
