"""The room's journal: everything a restarted server needs to carry on (the game as its command log, the room's
code and facilitator's key, who joined, which seat each student took, the votes cast this turn and the answers
given), written atomically after every change (game.userdata.atomic_write_text: a kill leaves the last journal or
the new one, never half of one). `fairshare serve CAMPAIGN --resume` reads the newest journal of that campaign.

Each room has its own file, named after the campaign and the moment it opened, so that opening a new room never
replaces an interrupted one."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from game.campaign.model import meaning_hash
from game.campaign import CampaignError
from game.catalog import find_campaign
from game.limits import MAX_SEED
from game.room.room import MODES, Room, Student
from game.safe_files import read_bytes_capped
from game.sim.session import Command, CommandError, Session
from game.saves import WINDOW, write_save_file
from game.i18n import N_
from game.userdata import FileKind, SaveError, atomic_write_text, data_dir, saves_dir

FORMAT = "fair-share-room"
VERSION = 1
MAX_BYTES = 16 * 1024 * 1024
# What the write rule lets a journal replace: a journal (`text` puts the format first); never a file of the user's
# that took a journal's name.
JOURNAL = FileKind(N_("a class room's journal"),
                   lambda head: head.startswith(b'{"game":"' + FORMAT.encode() + b'"'), 64)


def folder() -> Path:
    return data_dir() / "rooms"


def new_path(campaign_id: str, when: datetime | None = None) -> Path:
    stem = f"{campaign_id}-{(when or datetime.now()):%Y%m%d-%H%M%S}"
    taken = {p.stem for p in folder().glob(f"{stem}*.json")} if folder().is_dir() else set()
    return folder() / f"{next(s for s in (stem, *(f'{stem}-{n}' for n in range(2, 1000))) if s not in taken)}.json"


def latest(campaign_id: str) -> Path | None:
    """The newest journal of a campaign's room, or None."""
    found = sorted(folder().glob(f"{campaign_id}-*.json")) if folder().is_dir() else []
    return found[-1] if found else None


def document(room: Room) -> dict:
    """The journal's content now (taken under the room's lock, so a vote is in it whole or not at all)."""
    with room.lock:
        s = room.session
        return {"game": FORMAT, "version": VERSION, "mode": room.mode, "code": room.code, "host_key": room.host_key,
                "campaign": {"id": s.campaign.id, "path": s.campaign.path, "meaning": meaning_hash(s.campaign)},
                "seed": s.seed, "log": [c.to_list() for c in s.log], "turn": s.state.turn,
                "students": [[x.id, x.name, x.seat] for x in room.students.values()],
                "ballot": list(room.ballot), "ballots": {a: dict(b) for a, b in room.ballots.items()},
                "ties": {a: list(t) for a, t in room.ties.items()}, "phase": room.phase, "shown": room.shown,
                "answered": {a: dict(x) for a, x in room.answered.items()}}


def text(doc: dict) -> str:
    return json.dumps(doc, separators=(",", ":")) + "\n"


def write(path: Path, doc: dict) -> None:
    """Write the journal (under the write rule, game.userdata); raises SaveError."""
    atomic_write_text(path, text(doc), kind=JOURNAL)


def save_game(room: Room) -> Path | None:
    """The finished game as a save in the saves folder (`debrief` and `class` read it), named after the room's
    code; None if it could not be written (the journal still holds the game)."""
    path = saves_dir() / f"class_room_{room.code.lower()}.json"
    try:
        with room.lock:
            write_save_file(room.session, path, WINDOW, team=f"the class ({room.code})")
    except SaveError:
        return None
    return path


def restore(path: Path) -> Room:
    """The room a journal records, its game replayed from the log. Raises SaveError with what is wrong."""
    try:
        doc = json.loads(read_bytes_capped(path, MAX_BYTES))
    except OSError as error:
        raise SaveError(f"cannot read the room's journal {path} ({error.strerror or error})") from None
    except ValueError:
        raise SaveError(f"the room's journal {path} is damaged (not JSON)") from None
    if not isinstance(doc, dict) or doc.get("game") != FORMAT or doc.get("version") != VERSION:
        raise SaveError(f"{path} is not a journal of this version's class room")
    try:
        campaign = find_campaign(doc["campaign"]["path"] or doc["campaign"]["id"])
        if meaning_hash(campaign) != doc["campaign"]["meaning"]:
            raise SaveError(f"the campaign '{campaign.id}' has changed since the room opened: its game cannot be "
                            "replayed the same")
        if doc["mode"] not in MODES or not 0 <= int(doc["seed"]) <= MAX_SEED:
            raise ValueError
        session = Session.replay(campaign, int(doc["seed"]), [Command.from_list(c) for c in doc["log"]])
        if session.state.turn != doc["turn"]:
            raise ValueError
        room = Room(session, doc["mode"], str(doc["code"]), str(doc["host_key"]),
                    {x[0]: Student(str(x[0]), str(x[1]), str(x[2])) for x in doc["students"]},
                    [str(a) for a in doc["ballot"]])
        room.ballots = {str(a): {str(k): str(v) for k, v in b.items()} for a, b in doc["ballots"].items()}
        room.ties = {str(a): [str(o) for o in t] for a, t in doc["ties"].items()}
        room.phase, room.shown = str(doc["phase"]), bool(doc["shown"])
        room.answered = {str(a): dict(x) for a, x in doc["answered"].items()}
    except SaveError:
        raise
    except (FileNotFoundError, CampaignError, KeyError, TypeError, ValueError, IndexError, AttributeError,
            CommandError) as error:
        raise SaveError(f"the room's journal {path} is damaged ({type(error).__name__}: {error})") from None
    return room
