"""Finding campaigns: the shipped ones, the user's own folder, or a path."""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from game.campaign import Campaign, CampaignError, Problem, load_campaign
from game.paths import campaigns_dir
from game.text_rules import drawable
from game.userdata import user_campaigns_dir


@dataclass(frozen=True)
class Entry:
    """A campaign file found on disk, loaded or with the problems that stop it loading."""
    path: Path
    shipped: bool
    campaign: Campaign | None
    problems: tuple[Problem, ...] = ()

    @property
    def id(self) -> str:
        return self.campaign.id if self.campaign else drawable(self.path.stem)

    @property
    def file_name(self) -> str:
        """The file's name as the window can draw it (a Latin-1 name arrives with lone surrogates)."""
        return drawable(self.path.name)


def _entries(folder: Path, shipped: bool) -> list[Entry]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            found.append(Entry(path, shipped, load_campaign(path)))
        except CampaignError as error:
            found.append(Entry(path, shipped, None, tuple(error.problems)))
    return found


SHIPPED_ORDER = ("tutorial", "europe_2024", "indo_pacific_2024", "global_2024")


def list_campaigns(include_user: bool = True) -> list[Entry]:
    """Shipped campaigns (tutorial first), then the user's own, each loaded or with its problems."""
    shipped = _entries(campaigns_dir(), True)
    shipped.sort(key=lambda e: (SHIPPED_ORDER.index(e.id) if e.id in SHIPPED_ORDER else len(SHIPPED_ORDER), e.id))
    return shipped + (_entries(user_campaigns_dir(), False) if include_user else [])


def resolve(name: str) -> Path:
    """A campaign named by shipped id, by the user folder's id, or by path. Raises FileNotFoundError with a
    helpful message when nothing matches."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") or os.sep in name or "/" in name:
        if candidate.is_file():
            return candidate
        if candidate.exists():
            raise FileNotFoundError(f"'{name}' is not a campaign file: it is a folder, a pipe or a device")
        raise FileNotFoundError(f"no campaign file at '{name}'")
    for folder in (campaigns_dir(), user_campaigns_dir()):
        path = folder / f"{name}.yaml"
        if path.is_file():
            return path
    known = sorted({p.stem for f in (campaigns_dir(), user_campaigns_dir()) if f.is_dir() for p in f.glob("*.yaml")})
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise FileNotFoundError(f"no campaign called '{name}'{hint} (known: {', '.join(known)})")


def find_campaign(name: str) -> Campaign:
    """Load a campaign by id or path. Raises FileNotFoundError or CampaignError."""
    return load_campaign(resolve(name))
