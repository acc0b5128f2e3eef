"""The hand-in: the team's name, asked once and carried in every save of its games, and the finished game a team
hands in for the class report, written into the hand-in folder (`game.userdata.hand_in_dir`) where the instructor
points `fairshare class`.

    problem = team_problem("Team Adams")        # None, or why the name cannot be used
    path = write_hand_in(session, "Team Adams")  # <data_dir>/hand_in/Team Adams - europe_2024 seed 42.json
"""
from __future__ import annotations

import contextlib
import re
from pathlib import Path

from game.saves import SAVE, read_save, save_text
from game.sim.session import Session
from game.text_rules import drawable, one_line
from game.userdata import SaveError, atomic_write_text, hand_in_dir

MAX_TEAM = 40


def team_problem(team: str) -> str | None:
    """Why `team` cannot be a team's name, or None: one line of up to 40 characters, at least one of them a letter
    or a digit (the hand-in's file is named after it)."""
    if len(team) > MAX_TEAM:
        return f"a team's name has at most {MAX_TEAM} characters (this one has {len(team)})"
    if team != one_line(team) or team != drawable(team, ""):
        return "a team's name is one line of ordinary characters"
    if not any(ch.isalnum() for ch in team):
        return "a team's name needs at least one letter or digit"
    return None


def hand_in_name(team: str, session: Session) -> str:
    """The hand-in's file name: 'Team Adams - europe_2024 seed 42.json' (the team's name with only letters A-Z,
    digits, spaces, '-' and '_' kept)."""
    safe = " ".join(re.sub(r"[^A-Za-z0-9 _-]+", "", team).split()) or "team"
    return f"{safe} - {session.campaign.id} seed {session.seed}.json"


def write_hand_in(session: Session, team: str) -> Path:
    """Save a finished game for the instructor in the hand-in folder and return its path. A hand-in is never
    replaced: handing in the same game again finds the same file, another game of the same team, campaign and seed
    goes beside it ('... (2).json'). Raises SaveError."""
    if not session.over:
        raise SaveError("only a finished game can be handed in: play the last turn first")
    problem = team_problem(team)
    if problem:
        raise SaveError(problem)
    name, log = hand_in_name(team, session), session.to_save()["log"]
    for n in range(1, 1000):
        path = hand_in_dir() / (name if n == 1 else name.replace(".json", f" ({n}).json"))
        if not path.exists():
            break
        with contextlib.suppress(SaveError):
            earlier = read_save(path)
            if earlier["log"] == log and earlier.get("team") == team and earlier["seed"] == session.seed:
                return path
    else:
        raise SaveError(f"{hand_in_dir()} already holds 999 hand-ins of this game; please clear it")
    atomic_write_text(path, save_text(session, "hand-in", team), kind=SAVE)   # a new file: refused if one came
    return path
