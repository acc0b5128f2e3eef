"""Saves and settings for the window: the same calls as game.saves / game.settings, but every failure comes back
as a message for a dialog instead of an exception (the window never crashes on a bad disk or a bad file)."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from game.handin import team_problem, write_hand_in
from game.catalog import list_campaigns
from game.i18n import MONTHS, _, period, pgettext
from game.saves import (CampaignChanged, Loaded, SaveError, SaveInfo, autosave_slot, is_autosave, list_saves,
                        open_save, prune_autosaves, slot_path, write_save)
from game.settings import Settings, read_settings, save_settings
from game.userdata import clean_temp_files

__all__ = ["Settings", "settings", "clean_up", "store_settings", "save", "autosave", "hand_in", "load", "saves",
           "latest", "slot_taken", "when", "autosave_slot", "is_autosave", "team_problem", "CampaignChanged"]


def settings() -> tuple[Settings, str | None]:
    """The settings, and why the file could not be used (then it must not be written over without asking)."""
    try:
        return read_settings()
    except Exception as error:  # noqa: BLE001 - a broken settings file must not stop the game from opening
        return Settings(), f"the settings could not be read ({type(error).__name__})"


def clean_up() -> None:
    """At start: remove the temp files of saves that were interrupted (see game.userdata.clean_temp_files)."""
    clean_temp_files()


def store_settings(value: Settings, force: bool = False) -> str | None:
    try:
        save_settings(value, force)
    except (SaveError, OSError) as error:
        return _("Your settings could not be saved: {error}").format(error=error)
    return None


def save(session, slot: str, team: str = "", force: bool = False) -> tuple[Path | None, str | None]:
    """`force`: the player chose to replace whatever file holds that slot (see game.userdata's write rule)."""
    try:
        return write_save(session, slot, team, force), None
    except (SaveError, OSError) as error:
        return None, str(error)


def autosave(session, slot: str, team: str = "") -> tuple[Path | None, str | None]:
    """The game's own autosave, then the oldest autosaves beyond the newest twenty removed."""
    path, error = save(session, slot, team)
    if error is None:
        try:
            prune_autosaves()
        except (SaveError, OSError):   # a folder that cannot be listed: the autosave itself was written
            pass
    return path, error


def hand_in(session, team: str) -> tuple[Path | None, str | None]:
    try:
        return write_hand_in(session, team), None
    except (SaveError, OSError) as error:
        return None, str(error)


def load(path, replay_changed: bool = False) -> tuple[Loaded | None, str | CampaignChanged | None]:
    """The save opened, or why not. A campaign changed since the save is an error (a CampaignChanged one, which the
    window answers by asking) unless `replay_changed`: then the orders are replayed on the current version."""
    try:
        return open_save(path, replay_changed=replay_changed), None
    except CampaignChanged as error:
        return None, error
    except (SaveError, OSError) as error:
        return None, str(error)
    except Exception as error:  # noqa: BLE001 - a save that breaks the replay in an unforeseen way
        return None, f"this save could not be replayed ({type(error).__name__}: {error})"


def saves() -> tuple[list[SaveInfo], str | None]:
    try:
        return list_saves(), None
    except (SaveError, OSError) as error:
        return [], _("The saves folder could not be read: {error}").format(error=error)


def latest() -> SaveInfo | None:
    """The newest save that can be loaded (autosave included)."""
    found, _ = saves()
    return next((info for info in found if info.problem is None), None)


def slot_taken(slot: str) -> tuple[bool, str | None]:
    """(a save of that name exists, the problem with the name if any)."""
    try:
        return slot_path(slot).exists(), None
    except SaveError as error:
        return False, str(error)


LABEL = re.compile(r"(?:(?P<month>[A-Z][a-z]{2}) )?(?P<year>\d{4})(?: (?P<step>[HQ])(?P<part>\d))?"
                   r"(?P<end> \(finished\))?")
STEP = {"H": "half", "Q": "quarter"}


def turn_words(label: str) -> str:
    """A save's turn as its file holds it, in English ('2029 H2 (finished)'), in the language spoken."""
    m = LABEL.fullmatch(label)
    if m is None:
        return label
    year = int(m["year"])
    if m["month"] in MONTHS:
        text = period(year, "month", MONTHS.index(m["month"]))
    else:
        text = period(year, STEP[m["step"]], int(m["part"]) - 1) if m["step"] else str(year)
    return text + (_(" (finished)") if m["end"] else "")


def campaign_names() -> dict[str, str]:
    """The campaigns the player has, by id, each named in the language spoken (from the title's card cache)."""
    try:
        return {entry.id: entry.card.name for entry in list_campaigns() if entry.card is not None}
    except OSError:
        return {}


def campaign_words(info: SaveInfo, names: dict[str, str] | None = None) -> str:
    """A save's campaign name in the language spoken where the campaign is one the player has, else as saved."""
    return (campaign_names() if names is None else names).get(info.campaign_id, info.campaign_name)


def when(iso: str) -> str:
    """A save time for people: '12 Mar 2025, 14:05' in local time."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except (ValueError, OverflowError, OSError):    # 0001-01-01T00:00:00+14:00 falls before year 1 locally
        return iso or _("unknown time")
    return _("{day} {month} {year}, {time}").format(day=moment.day, month=pgettext("month", MONTHS[moment.month - 1]),
                                                    year=moment.year, time=moment.strftime("%H:%M"))
