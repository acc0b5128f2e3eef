"""Hot reload's logic, apart from the window (no pygame): watching files by polling their modification time, and
rebuilding a game on a new version of its campaign by replaying its command log.

Polling is enough: a campaign is one small file saved by hand a few times a minute, and `os.stat` twice a second
costs nothing; a file-system notification library would be a dependency for no gain.

    watch = file_watch(session.campaign.path)
    if watch.poll(dt):                               # True once per change (a save, a replacement, a deletion)
        result = reload_session(session)             # Reloaded(session=...) or Broken(problems=[...])
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Hashable

from game.campaign import Campaign, CampaignError, Problem, load_campaign
from game.campaign.safe_yaml import MAX_BYTES
from game.safe_files import read_bytes_capped
from game.saves import replay_log
from game.sim.session import Session

POLL_SECONDS = 0.5      # a save shows within half a second; stat() that often is free


def file_stamp(path: str | os.PathLike) -> tuple[int, int] | None:
    """What changes when a file is saved: its modification time and size (None while it does not exist)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def folder_stamp(folder: Path, pattern: str = "*.yaml") -> tuple:
    """The names, times and sizes of a folder's campaign files: changes when one is added, removed or saved."""
    try:
        return tuple(sorted((p.name, file_stamp(p)) for p in folder.glob(pattern)))
    except OSError:
        return ()


class Watch:
    """Polls `probe` at most every `interval` seconds of the time given to `poll`; True once per change."""

    def __init__(self, probe: Callable[[], Hashable], interval: float = POLL_SECONDS):
        self.probe, self.interval = probe, interval
        self.seen = probe()
        self.waited = 0.0

    def poll(self, dt: float) -> bool:
        self.waited += dt
        if self.waited < self.interval:
            return False
        self.waited = 0.0
        now = self.probe()
        changed, self.seen = now != self.seen, now
        return changed


def file_watch(path: str | os.PathLike, interval: float = POLL_SECONDS) -> Watch:
    return Watch(lambda: file_stamp(path), interval)


def folder_watch(folders: list[Path], interval: float = 1.0) -> Watch:
    return Watch(lambda: tuple(folder_stamp(f) for f in folders), interval)


def edited(campaign: Campaign) -> bool:
    """Whether the campaign's file now holds other bytes than those it was loaded from (a save that changed
    nothing, or an editor touching the file, is not an edit)."""
    try:
        data = read_bytes_capped(campaign.path, MAX_BYTES)
    except OSError:
        return True          # gone or unreadable: the reload says why
    return hashlib.sha256(data).hexdigest() != campaign.content_hash


@dataclass(frozen=True)
class Reloaded:
    session: Session
    turns: int              # turns replayed
    dropped: int            # commands the new version refused (an ally removed, nothing left to withdraw)
    cut: int                # turns of the old game past the new version's last turn


@dataclass(frozen=True)
class Broken:
    problems: tuple[Problem, ...]


def reload_session(session: Session, path: str | os.PathLike | None = None) -> Reloaded | Broken:
    """The game so far, replayed on the campaign file as it is now (same seed, same commands), or the file's
    problems. The old session is never touched: the caller swaps in the new one or keeps the old."""
    name = os.fspath(path or session.campaign.path)
    try:
        campaign = load_campaign(name)
    except CampaignError as error:
        return Broken(tuple(error.problems))
    try:
        replayed = replay_log(campaign, session.seed, session.log, session.state.turn)
    except (ValueError, ArithmeticError) as error:     # a valid file the model cannot start from
        return Broken((Problem(name, 1, 1, f"the model cannot start this campaign: {error}"),))
    new = replayed.session
    return Reloaded(new, new.state.turn, replayed.dropped, replayed.cut)
