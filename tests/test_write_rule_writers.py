"""The write rule (game/userdata.py, issue 22) on the writers that came with the seminar day, the one-home rules and
the class room (issues 21, 23 and 25): the room's journal, the window's own autosaves, the schema `new` puts beside a
campaign, and the best plans tools/best_plans.py writes. Each replaces its own file and leaves anyone else's."""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from room_client import served, student

from game.catalog import find_campaign
from game.cli import main
from game.room import journal, words
from game.room.room import Room
from game.saves import list_saves, prune_autosaves, write_save
from game.sim.session import Session
from game.userdata import TargetRefused
from tools.best_plans import BEST_PLAN, FOLDER

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path / "home"))
    return tmp_path


def room() -> Room:
    return Room(Session(find_campaign("tutorial"), 2), "vote")


def test_a_journal_replaces_its_own_journal_and_nothing_else(home):
    r, path = room(), journal.new_path("tutorial")
    journal.write(path, journal.document(r))
    journal.write(path, journal.document(r))          # after every change: its own file, replaced
    assert journal.restore(path).code == r.code
    path.write_text("the facilitator's notes, saved under a journal's name")
    with pytest.raises(TargetRefused, match="is not a class room's journal"):
        journal.write(path, journal.document(r))
    assert path.read_text().startswith("the facilitator's notes")


def test_a_room_whose_journal_cannot_be_written_plays_on_and_acknowledges_once_a_journal_holds_the_vote(home):
    async def go():
        r, path = room(), journal.new_path("tutorial")
        said = []
        async with served(r, path) as server:
            server.say = said.append
            path.unlink()
            path.mkdir()                                     # the journal's place taken: every write refused
            ann = await student(server.address, r.code, "Ann")
            await ann.send(t="vote", ally="poland", order="pressure", turn=0, id=1)
            with pytest.raises(asyncio.TimeoutError):        # no acknowledgement while no journal holds the vote
                await ann.until(lambda d: d["t"] == "ack", timeout=1.5)
            assert r.tally("poland") == {"pressure": 1}      # the room plays on
            bob = await student(server.address, r.code, "Bob")
            await bob.send(t="vote", ally="poland", order="reassure", turn=0, id=1)
            await asyncio.sleep(0.5)
            assert said == [words.JOURNAL_FAILED.format(error=f"'{path}' is a folder, not a regular file")]
            path.rmdir()                                     # the place is free again: the next change writes it
            await bob.send(t="vote", ally="poland", order="reassure", turn=0, id=1)
            assert (await ann.until(lambda d: d["t"] == "ack"))["order"] == "pressure"
            assert sorted(json.loads(path.read_text())["ballots"]["poland"].values()) == ["pressure", "reassure"]
            await ann.close()
            await bob.close()
    asyncio.run(asyncio.wait_for(go(), 60))


def test_serve_refused_its_journal_says_so_in_one_line(home):
    (home / "home").mkdir()
    (home / "home" / "rooms").write_text("a file where the rooms' folder goes")
    env = {**os.environ, "FAIRSHARE_HOME": str(home / "home")}
    run = subprocess.run([sys.executable, "main.py", "serve", "tutorial", "--port", "65432"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, env=env)    # refused before it listens
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("fairshare: error: cannot create the folder")


def test_old_autosaves_are_removed_but_a_file_that_took_an_autosaves_name_stays(home):
    session = Session(find_campaign("tutorial"), 1)
    made = [write_save(session, f"autosave 20250101-00000{k}") for k in range(3)]
    letter = made[0].parent / "autosave_20240101-000000.json"
    letter.write_text("a letter, not a save")
    assert prune_autosaves(keep=0) == 3
    assert not any(p.exists() for p in made) and letter.read_text() == "a letter, not a save"
    assert [i.path for i in list_saves()] == [letter]


def test_new_leaves_a_folder_named_like_the_schema_and_says_so(capsys, home):
    out = home / "mine" / "c.yaml"
    (out.parent / "campaign.schema.json").mkdir(parents=True)
    code = main(["new", "mine", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0 and out.is_file() and (out.parent / "campaign.schema.json").is_dir()
    assert "warning: the campaign schema was not written" in err and "is a folder" in err


def test_best_plans_replaces_its_own_plans_and_no_authors_plan():
    shipped = sorted((FOLDER / "best").glob("*.yaml"))
    assert shipped and all(BEST_PLAN.owns(p.read_bytes()[:BEST_PLAN.head]) for p in shipped)
    authors = sorted((FOLDER / "article").glob("*.yaml"))
    assert authors and not any(BEST_PLAN.owns(p.read_bytes()[:BEST_PLAN.head]) for p in authors)
