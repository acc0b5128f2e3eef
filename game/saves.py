"""Saved games: versioned JSON of a session's campaign (id, content hash, path), seed and command log, replayed
(never unpickled) on loading; a changed campaign is refused. Writes are atomic; loading never changes a file.

    path = write_save(session, "My game")   # <data_dir>/saves/my_game.json;  load_save(path) -> Session
"""
from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from game.campaign import Campaign, CampaignError, load_campaign
from game.catalog import find_campaign as find_in_catalog
from game.limits import MAX_SEED
from game.safe_files import FileTooLarge, read_bytes_capped
from game.sim.session import SAVE_VERSION, CommandError, Session, command_from_list
from game.text_rules import shown
from game.userdata import FileKind, SaveError, atomic_write_text, saves_dir, user_campaigns_dir

AUTOSAVE = "autosave"
MAX_SAVE_BYTES = 4 * 1024 * 1024
_SLOT_RE = re.compile(r"[A-Za-z0-9 _-]{1,40}")
_CAMPAIGN_ID_RE = re.compile(r"[a-z][a-z0-9_]*")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
SHOWN_LENGTH = 80       # characters of a save's own text (its campaign's name or id, its path) a message shows


def _is_save(head: bytes) -> bool:
    """A file the game saved, of any version: a JSON object whose "game" is "fair-share"."""
    try:
        data = json.loads(head)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("game") == "fair-share"


SAVE = FileKind("a Fair Share save", _is_save, head=MAX_SAVE_BYTES)


def slot_path(slot: str) -> Path:
    """The file of a save slot. Names are compared ignoring case, with spaces and '_' the same."""
    if not isinstance(slot, str) or not slot:
        raise SaveError("a save needs a name")
    if len(slot) > 40:
        raise SaveError(f"the save name is too long ({len(slot)} characters; the limit is 40)")
    if not _SLOT_RE.fullmatch(slot):
        raise SaveError(f"the save name '{slot}' may use only letters A-Z, digits, spaces, '-' and '_'")
    if slot != slot.strip():
        raise SaveError("a save name cannot start or end with a space")
    if _slot_key(slot) in _RESERVED:
        raise SaveError(f"'{slot}' is reserved by Windows; please choose another name")
    return saves_dir() / f"{_slot_key(slot)}.json"


def _slot_key(slot: str) -> str:
    return slot.lower().replace(" ", "_")


# --------------------------------------------------------------------------------------------- writing
def turn_label(session: Session) -> str:
    """The current turn's calendar label, e.g. '2027', or '2030 (finished)' once the last turn is played."""
    calendar, turns = session.campaign.calendar, session.campaign.turns
    return f"{calendar.label(max(turns - 1, 0))} (finished)" if session.over else calendar.label(session.state.turn)


def save_text(session: Session, slot: str) -> str:
    """The save file's text for `session`, named `slot`."""
    data = session.to_save()
    data.update(slot=slot, saved_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                campaign_name=session.campaign.name, turn_label=turn_label(session))
    return json.dumps(data, indent=1) + "\n"


def write_save(session: Session, slot: str, force: bool = False) -> Path:
    """Save `session` in `slot` (replacing that slot only: a save there, or any file once the player confirmed
    with `force`) and return the file's path."""
    path = slot_path(slot)
    atomic_write_text(path, save_text(session, slot), kind=SAVE, force=force)
    return path


def write_save_file(session: Session, path: Path, force: bool = False, reading=()) -> None:
    """Save `session` at any `path` (`simulate --save`, a team's hand-in), named after the file where it can be.
    Replaces only a save unless `force`, never a file of `reading` (see game.userdata)."""
    path = Path(path)
    slot = path.stem if _SLOT_RE.fullmatch(path.stem) and path.stem == path.stem.strip() else "simulated game"
    atomic_write_text(path, save_text(session, slot), kind=SAVE, force=force, reading=reading)


# --------------------------------------------------------------------------------------------- reading
_KINDS = {bool: "true/false", int: "a whole number", float: "a number", str: "a text", list: "a list",
          dict: "an object"}


def _need(table: dict, key: str, types: tuple, what: str, where: str = ""):
    if key not in table:
        raise SaveError(f"this save is damaged: '{where}{key}' is missing")
    value = table[key]
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        raise SaveError(f"this save is damaged: '{where}{key}' should be {what}, not {_KINDS.get(type(value), 'null')}")
    return value


def read_save(path: str | os.PathLike) -> dict:
    """The checked contents of a save file (format, version, keys, commands), without replaying it."""
    try:
        raw = read_bytes_capped(path, MAX_SAVE_BYTES)
    except FileTooLarge:
        raise SaveError("this file is too large to be a Fair Share save") from None
    except OSError as exc:
        raise SaveError(f"cannot read this file ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise SaveError("this file is not a Fair Share save (it is not valid JSON)") from None
    if not isinstance(data, dict) or data.get("game") != "fair-share":
        raise SaveError("this file is not a Fair Share save (it was written by another program)")
    version = _need(data, "version", (int,), "a whole number")
    if version != SAVE_VERSION:
        if version > SAVE_VERSION:
            raise SaveError(f"this game was saved by a newer version of Fair Share "
                            f"(save format {version}; this version reads {SAVE_VERSION})")
        raise SaveError(f"this game was saved by an older version of Fair Share (save format {version}; this "
                        f"version reads {SAVE_VERSION}), whose model has changed since: its turns would not "
                        "replay the same. Please start the campaign again")
    campaign = _need(data, "campaign", (dict,), "an object")
    for key in ("id", "hash", "path"):
        _need(campaign, key, (str,), "a text", "campaign.")
    if not 0 <= _need(data, "seed", (int,), "a whole number") <= MAX_SEED:
        raise SaveError(f"this save is damaged: 'seed' should be a whole number from 0 to {MAX_SEED}")
    _need(data, "turn", (int,), "a whole number")
    for number, item in enumerate(_need(data, "log", (list,), "a list"), 1):
        try:
            command_from_list(item)
        except CommandError:
            raise SaveError(f"this save is damaged: entry {number} of its order log is not a command "
                            f"({json.dumps(item)[:60]})") from None
    return data


def _find_campaign(saved: dict, find: Callable[[str], Campaign]) -> Campaign:
    """The campaign of a save, by id (shipped or user campaigns), else at its stored path; same content only."""
    want_id, want_hash, stored = saved["id"], saved["hash"], saved["path"]
    found: list[Campaign] = []
    if _CAMPAIGN_ID_RE.fullmatch(want_id):
        with contextlib.suppress(FileNotFoundError, CampaignError, OSError):
            found.append(find(want_id))
    if stored and not any(c.content_hash == want_hash for c in found) and os.path.isfile(stored):
        with contextlib.suppress(CampaignError):
            found.append(load_campaign(stored))
    found = [c for c in found if c.id == want_id]
    same = [c for c in found if c.content_hash == want_hash]
    if same:
        return same[0]
    name = shown(want_id, SHOWN_LENGTH)    # the save's own text: any length, any character
    if found:
        raise SaveError(f"the campaign '{name}' has changed since this game was saved; it cannot be replayed exactly")
    where = f" or at {shown(stored, SHOWN_LENGTH)}" if stored and not stored.startswith("<") else ""
    raise SaveError(f"the campaign '{name}' was not found among the shipped campaigns, in "
                    f"{user_campaigns_dir()}{where}")


def load_save(path: str | os.PathLike, find_campaign: Callable[[str], Campaign] | None = None) -> Session:
    """Replay a saved game. `find_campaign(id)` defaults to game.catalog.find_campaign. Raises SaveError."""
    data = read_save(path)
    session = Session(_find_campaign(data["campaign"], find_campaign or find_in_catalog), data["seed"])
    for number, item in enumerate(data["log"], 1):
        try:
            session.execute(command_from_list(item))
        except CommandError as exc:
            raise SaveError(f"this save cannot be replayed: order {number} of its log was refused ({exc})") from None
    if session.state.turn != data["turn"]:
        raise SaveError(f"this save is damaged: it says turn {data['turn']}, but its orders reach turn "
                        f"{session.state.turn}")
    return session


# --------------------------------------------------------------------------------------------- listing
@dataclass(frozen=True)
class SaveInfo:
    slot: str
    path: Path
    campaign_id: str
    campaign_name: str
    turn: int
    turn_label: str
    saved_at: str           # ISO 8601 UTC; for a damaged file, the file's modification time
    problem: str | None     # why the file cannot be loaded, or None


def _timestamp(text: str) -> float | None:
    try:
        return datetime.fromisoformat(text).timestamp()
    except (TypeError, ValueError, OverflowError, OSError):   # 0001-01-01T00:00:00+14:00 is before year 1 in UTC
        return None


def _info(path: Path) -> SaveInfo:
    mtime = ""
    with contextlib.suppress(OSError, OverflowError, ValueError):   # a file dated far outside the calendar
        mtime = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
    stem = shown(path.stem, SHOWN_LENGTH)    # a Latin-1 file name arrives with surrogates the window cannot draw
    try:
        data = read_save(path)
    except SaveError as exc:
        return SaveInfo(stem, path, "", "", 0, "", mtime, str(exc))
    # A save is written by the game, but anyone can edit one: its texts are shown capped and drawable, never trusted.
    text = {k: shown(v, SHOWN_LENGTH) for k, v in data.items() if isinstance(v, str)}
    slot = text.get("slot", "")
    slot = slot if _SLOT_RE.fullmatch(slot) and _slot_key(slot) == path.stem else stem
    saved_at = text["saved_at"] if _timestamp(text.get("saved_at")) is not None else mtime
    cid = shown(data["campaign"]["id"], SHOWN_LENGTH)
    return SaveInfo(slot, path, cid, text.get("campaign_name", cid), data["turn"], text.get("turn_label", ""),
                    saved_at, None)


def list_saves() -> list[SaveInfo]:
    """Every save file, newest first; damaged ones included with their problem (never deleted)."""
    folder = saves_dir()
    infos = [_info(p) for p in folder.glob("*.json") if not p.name.startswith(".")] if folder.is_dir() else []
    return sorted(infos, key=lambda i: (-(_timestamp(i.saved_at) or 0.0), i.slot.lower()))
