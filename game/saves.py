"""Saved games: versioned JSON of a session's campaign (id, the hash of its meaning, path), seed and command log,
with the team that played it and where it came from (the window, or `simulate --save`); replayed (never unpickled) on
loading. Writes are atomic; loading never changes a file.

A campaign file edited since the save is found by the hash of its meaning (game.campaign.model.meaning_hash), so a
comment, a layout or a typo in its prose never matters. Where the meaning itself changed, `load_save` refuses
(`CampaignChanged`: the window then asks) and `open_save(path, replay_changed=True)` replays the orders on the
current version, as hot reload does, and says so (`Loaded.changed`).

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

from game.i18n import N_, SOURCE
from game.campaign import Campaign, CampaignError, load_campaign
from game.campaign.model import meaning_hash
from game.catalog import find_campaign as find_in_catalog
from game.limits import MAX_SEED
from game.safe_files import FileTooLarge, read_bytes_capped
from game.sim.session import SAVE_VERSION, Command, CommandError, EndTurn, Session, command_from_list
from game.text_rules import drawable, one_line, shown
from game.userdata import (FileKind, SaveError, atomic_write_text, check_target, hand_in_dir, saves_dir,
                           user_campaigns_dir)

AUTOSAVE = "autosave"          # the slot of the one autosave of older versions; each game now has its own
AUTOSAVES_KEPT = 20            # the newest autosaves kept; older ones are removed as new games are saved
WINDOW, SIMULATED = "window", "simulate"     # a save's origin: played in the window, or written by `simulate --save`
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


SAVE = FileKind(N_("a Fair Share save"), _is_save, head=MAX_SAVE_BYTES)


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


_AUTOSAVE_RE = re.compile(r"autosave(_\d{8}-\d{6}(-\d+)?)?")


def is_autosave(slot: str) -> bool:
    """Whether a slot is an autosave: a game's own ('autosave 20250312-140512') or the one of older versions."""
    return bool(_AUTOSAVE_RE.fullmatch(_slot_key(slot)))


def autosave_slot(when: datetime | None = None) -> str:
    """A new game's own autosave slot, named after the moment it began: 'autosave 20250312-140512' (with '-2',
    '-3', ... for another game begun in the same second)."""
    slot = f"{AUTOSAVE} {(when or datetime.now()):%Y%m%d-%H%M%S}"
    taken = {p.stem for p in saves_dir().glob(f"{_slot_key(slot)}*.json")} if saves_dir().is_dir() else set()
    return next(f"{slot}{suffix}" for suffix in ("", *(f"-{n}" for n in range(2, 10_000)))
                if _slot_key(f"{slot}{suffix}") not in taken)


def prune_autosaves(keep: int = AUTOSAVES_KEPT) -> int:
    """Remove all but the `keep` newest autosaves (by the time they were saved); returns how many were removed.
    Only saves the game wrote are removed (the write rule's test, game.userdata): a file of the user's that merely
    has an autosave's name stays."""
    old = [i for i in list_saves() if is_autosave(i.path.stem)][keep:]
    removed = 0
    for info in old:
        with contextlib.suppress(OSError, SaveError):
            check_target(info.path, SAVE)
            info.path.unlink()
            removed += 1
    return removed


# --------------------------------------------------------------------------------------------- writing
def turn_label(session: Session) -> str:
    """The current turn's calendar label, e.g. '2027', or '2030 (finished)' once the last turn is played: in
    English whatever the language spoken, as the campaign's name (a save's bytes do not depend on the language;
    the load screen words them in the language spoken: game.ui.persist.turn_words)."""
    calendar, turns = session.campaign.calendar, session.campaign.turns
    return f"{calendar.label(max(turns - 1, 0), SOURCE)} (finished)" if session.over else \
        calendar.label(session.state.turn, SOURCE)


def save_data(session: Session, slot: str, team: str = "", origin: str = WINDOW, policy: str = "") -> dict:
    """What a save file holds for `session`, named `slot`, played by `team` ("" when no name was given); `origin`
    WINDOW or SIMULATED (then `policy` names the strategy that chose the orders)."""
    data = session.to_save()
    data["campaign"]["meaning"] = meaning_hash(session.campaign)
    data.update(slot=slot, team=team, origin=origin, saved_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                campaign_name=session.campaign.translations.get(SOURCE, {}).get("name", session.campaign.name),
                turn_label=turn_label(session))
    if origin == SIMULATED:
        data["policy"] = policy
    return data


def save_text(session: Session, slot: str, team: str = "", origin: str = WINDOW, policy: str = "") -> str:
    """The save file's text (see save_data)."""
    return json.dumps(save_data(session, slot, team, origin, policy), indent=1) + "\n"


def write_save(session: Session, slot: str, team: str = "", force: bool = False) -> Path:
    """Save `session` in `slot` (replacing that slot only: a save there, or any file once the player confirmed
    with `force`) and return the file's path."""
    path = slot_path(slot)
    atomic_write_text(path, save_text(session, slot, team), kind=SAVE, force=force)
    return path


def write_save_file(session: Session, path: Path, origin: str = SIMULATED, policy: str = "", team: str = "",
                    force: bool = False, reading=()) -> None:
    """Save `session` at any `path` (`simulate --save` by default: marked as such), named after the file where it
    can be. Replaces only a save unless `force`, never a file of `reading` (see game.userdata)."""
    path = Path(path)
    slot = path.stem if _SLOT_RE.fullmatch(path.stem) and path.stem == path.stem.strip() else "simulated game"
    atomic_write_text(path, save_text(session, slot, team, origin, policy), kind=SAVE, force=force, reading=reading)


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
    if isinstance(data, dict) and data.get("game") != "fair-share" and isinstance(data.get("rows"), list):
        data = _debrief_save(data)       # a debrief's game.json: the save it was written from is inside
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


def _debrief_save(doc: dict) -> dict:
    """The save inside a debrief's game.json, or a SaveError that says what to hand in instead."""
    if isinstance(doc.get("save"), dict):
        return doc["save"]
    raise SaveError("this is a debrief's game.json (from `fairshare debrief` or the Export button), which holds no "
                    "save: hand in the save itself, the file that 'Save for hand-in' (S on the end screen) names, in "
                    f"{hand_in_dir()}")


class CampaignChanged(SaveError):
    """The save's campaign was found, but what it plays by has changed since (not only comments or prose)."""

    def __init__(self, message: str, campaign: Campaign):
        super().__init__(message)
        self.campaign = campaign     # the current version, on which the orders can be replayed


def _same(campaign: Campaign, saved: dict) -> bool:
    meaning = saved.get("meaning")
    return meaning_hash(campaign) == meaning if isinstance(meaning, str) else campaign.content_hash == saved["hash"]


def _find_campaign(saved: dict, find: Callable[[str], Campaign]) -> Campaign:
    """The campaign of a save, by id (shipped or user campaigns), else at its stored path: the one that plays the
    same (CampaignChanged carries the current version where none does)."""
    want_id, stored = saved["id"], saved["path"]
    found: list[Campaign] = []
    if _CAMPAIGN_ID_RE.fullmatch(want_id):
        with contextlib.suppress(FileNotFoundError, CampaignError, OSError):
            found.append(find(want_id))
    if stored and not any(_same(c, saved) for c in found) and os.path.isfile(stored):
        with contextlib.suppress(CampaignError):
            found.append(load_campaign(stored))
    found = [c for c in found if c.id == want_id]
    same = [c for c in found if _same(c, saved)]
    if same:
        return same[0]
    name = shown(want_id, SHOWN_LENGTH)    # the save's own text: any length, any character
    if found:
        raise CampaignChanged(f"the campaign '{name}' has changed since this game was saved (its figures, "
                              "allies or events, not only its comments or wording)", found[0])
    where = f" or at {shown(stored, SHOWN_LENGTH)}" if stored and not stored.startswith("<") else ""
    raise SaveError(f"the campaign '{name}' was not found among the shipped campaigns, in "
                    f"{user_campaigns_dir()}{where}")


@dataclass(frozen=True)
class Replayed:
    """A command log replayed on a campaign, leniently: what the campaign refused is dropped."""
    session: Session
    dropped: int            # commands refused (an ally removed, nothing left to withdraw, ...)
    cut: int                # turns of the log past the campaign's last turn


def replay_log(campaign: Campaign, seed: int, log: list[Command], turns: int | None = None) -> Replayed:
    """The game `log` records, on `campaign` as it is now (hot reload, and a save whose campaign changed): every
    command the campaign still accepts, the rest dropped. `turns`: the turns the log reached, for `cut`."""
    session = Session(campaign, seed)
    dropped = 0
    for command in log:
        if session.over:
            break
        try:
            session.execute(command)
        except CommandError:
            dropped += 1
    reached = sum(isinstance(c, EndTurn) for c in log) if turns is None else turns
    return Replayed(session, dropped, max(0, reached - session.state.turn))


@dataclass(frozen=True)
class Loaded:
    """A save opened: its game, who played it, where it came from, and how a changed campaign was met."""
    session: Session
    team: str               # the team's name ("" if none was given)
    origin: str             # WINDOW, or SIMULATED (`simulate --save`); a save of an older version counts as WINDOW
    policy: str             # for SIMULATED: the strategy that chose the orders
    changed: Replayed | None    # set when the campaign had changed and the orders were replayed on it
    full_team: str = ""     # the whole name the save gives, of any length (`team` is capped as the game asks it)

    def note(self) -> str:
        """What a report says of a save replayed on a changed campaign ("" for one replayed exactly)."""
        if self.changed is None:
            return ""
        r = self.changed
        kept = "every order kept" if not (r.dropped or r.cut) else ", ".join(
            part for part in (f"{r.dropped} order{'s' * (r.dropped != 1)} the new version refused" if r.dropped
                              else "", f"{r.cut} turn{'s' * (r.cut != 1)} past its end cut" if r.cut else "") if part)
        return (f"the campaign file changed after this game was saved; its orders were replayed on the current "
                f"version ({kept})")


def open_save(path: str | os.PathLike, find_campaign: Callable[[str], Campaign] | None = None,
              replay_changed: bool = False) -> Loaded:
    """A saved game replayed, with its team and origin. A campaign changed since the save raises CampaignChanged,
    unless `replay_changed`: then the orders are replayed on the current version and `changed` says how it went.
    Raises SaveError."""
    data = read_save(path)
    log = [command_from_list(item) for item in data["log"]]
    try:
        campaign, changed = _find_campaign(data["campaign"], find_campaign or find_in_catalog), None
    except CampaignChanged as error:
        if not replay_changed:
            raise
        changed = replay_log(error.campaign, data["seed"], log, data["turn"])
    if changed is None:
        session = Session(campaign, data["seed"])
        for number, command in enumerate(log, 1):
            try:
                session.execute(command)
            except CommandError as exc:
                raise SaveError(f"this save cannot be replayed: order {number} of its log was refused "
                                f"({exc})") from None
        if session.state.turn != data["turn"]:
            raise SaveError(f"this save is damaged: it says turn {data['turn']}, but its orders reach turn "
                            f"{session.state.turn}")
    else:
        session = changed.session
    origin = SIMULATED if data.get("origin") == SIMULATED else WINDOW
    policy = shown(data["policy"], 60) if origin == SIMULATED and isinstance(data.get("policy"), str) else ""
    whole = data["team"].strip() if isinstance(data.get("team"), str) else ""
    return Loaded(session, _team(data), origin, policy, changed, drawable(whole, ""))


def _team(data: dict) -> str:
    """The team's name a save gives, made one drawable line of at most 40 characters, as the game asks it ("" where
    it gives none). Only the start of a name of any length is read."""
    team = data.get("team")
    return drawable(one_line(team[:41]), "")[:40].strip() if isinstance(team, str) else ""


def load_save(path: str | os.PathLike, find_campaign: Callable[[str], Campaign] | None = None) -> Session:
    """Replay a saved game exactly. `find_campaign(id)` defaults to game.catalog.find_campaign. Raises SaveError
    (CampaignChanged where the campaign's meaning changed since the save: see open_save)."""
    return open_save(path, find_campaign).session


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
    team: str = ""          # the team that played it, if it said
    seed: int = 0


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
                    saved_at, None, _team(data), data["seed"])


def list_saves() -> list[SaveInfo]:
    """Every save file, newest first; damaged ones included with their problem (never deleted)."""
    folder = saves_dir()
    infos = [_info(p) for p in folder.glob("*.json") if not p.name.startswith(".")] if folder.is_dir() else []
    return sorted(infos, key=lambda i: (-(_timestamp(i.saved_at) or 0.0), i.slot.lower()))
