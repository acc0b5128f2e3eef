"""Saved games (game/saves.py): replay equality, atomic writes, readable errors, listing, slots, data folder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.campaign import load_campaign
from game.catalog import find_campaign
from game.saves import AUTOSAVE, SaveError, SaveInfo, list_saves, load_save, read_save, slot_path, write_save
from game.sim.session import SAVE_VERSION, EndTurn, Session, SetOrder
from game.userdata import data_dir, saves_dir

MINI = """\
id: mini
name: "Mini"
description: "A small test campaign."
briefing: "Two allies."
turns: 4
calendar: {start: 2025, step: half}
us: {budget: 10.0, domestic_pressure: 0.4, credibility: 0.6}
adversaries:
  - {id: rival, name: Rival, country: RUS, theatre: europe, capability: 100.0, growth: 0.03, revisionism: 0.6}
allies:
  - {id: north, name: North, country: POL, theatre: europe, adversary: rival, gdp: 800.0, spending: 3.0,
     threat: 0.8, trust: 0.7, alignment: 0.8, presence: 0.5, upkeep: 5.0}
  - {id: south, name: South, country: ESP, theatre: europe, adversary: rival, gdp: 1500.0, spending: 1.3,
     threat: 0.2, trust: 0.7, alignment: 0.6, presence: 0.3, upkeep: 4.0}
sources: ["invented for the tests"]
"""
REPO = Path(__file__).resolve().parents[1]
ARRAYS = ("spending", "trust", "alignment", "hedging", "presence", "threat")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def mini(home) -> Path:
    """A user campaign in <home>/campaigns, so it is found by id like a player's own campaign."""
    path = home / "campaigns" / "mini.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(MINI, encoding="utf-8")
    return path


def play(campaign, turns=2, seed=7) -> Session:
    session = Session(campaign, seed)
    allies = [a.id for a in campaign.allies]
    for turn in range(turns):
        session.execute(SetOrder(allies[turn % len(allies)], "pressure"))
        session.execute(SetOrder(allies[-1], "reassure"))
        session.execute(EndTurn())
    return session


def tutorial():
    # A shipped campaign that does not load is a failure of these tests, not a reason to skip them (issue 15).
    return find_campaign("tutorial")


def assert_same_game(a: Session, b: Session):
    assert b.log == a.log and b.seed == a.seed and b.state.turn == a.state.turn
    for name in ARRAYS:
        assert np.array_equal(getattr(a.state, name), getattr(b.state, name)), name
    for old, new in zip(a.history, b.history):
        assert np.array_equal(old.spending, new.spending)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --------------------------------------------------------------------------------------------- round trip
def test_tutorial_round_trip():
    original = play(tutorial())
    path = write_save(original, "Tutorial game")
    assert path == saves_dir() / "tutorial_game.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["game"] == "fair-share" and data["version"] == SAVE_VERSION
    assert data["campaign_name"] == original.campaign.name and data["turn_label"] == "2027"
    assert data["saved_at"].endswith("+00:00")
    replayed = load_save(path)
    assert_same_game(original, replayed)
    assert replayed.campaign.content_hash == original.campaign.content_hash


def test_user_campaign_round_trip_and_autosave(mini):
    original = play(load_campaign(mini), turns=3)
    path = write_save(original, AUTOSAVE)
    assert path.name == "autosave.json"
    assert_same_game(original, load_save(path))


def test_finished_game_label(mini):
    session = play(load_campaign(mini), turns=4)
    assert session.over
    data = json.loads(write_save(session, "done").read_text(encoding="utf-8"))
    assert data["turn_label"] == "2026 H2 (finished)"


def test_found_by_stored_path_when_not_in_any_folder(tmp_path, mini):
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text(MINI, encoding="utf-8")
    original = play(load_campaign(elsewhere))
    mini.unlink()
    assert_same_game(original, load_save(write_save(original, "x")))


def test_custom_finder(mini):
    campaign = load_campaign(mini)
    original = play(campaign)
    path = write_save(original, "x")
    mini.unlink()
    assert_same_game(original, load_save(path, find_campaign=lambda name: campaign))


def test_overwrite_same_slot_keeps_other_slots(mini):
    campaign = load_campaign(mini)
    write_save(play(campaign, 1), "one")
    first = write_save(play(campaign, 1), "My Game")
    before = (saves_dir() / "one.json").read_bytes()
    second = write_save(play(campaign, 2), "my game")
    assert first == second and load_save(second).state.turn == 2
    assert (saves_dir() / "one.json").read_bytes() == before
    assert sorted(p.name for p in saves_dir().iterdir()) == ["my_game.json", "one.json"]


# --------------------------------------------------------------------------------------------- atomicity
def test_failed_replace_leaves_old_save_and_no_temp(mini, monkeypatch):
    campaign = load_campaign(mini)
    path = write_save(play(campaign, 1), "slot")
    before = snapshot(saves_dir())

    def broken(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(SaveError, match="No space left on device"):
        write_save(play(campaign, 2), "slot")
    assert snapshot(saves_dir()) == before
    assert load_save(path).state.turn == 1


def test_failed_fsync_leaves_no_temp(mini, monkeypatch):
    campaign = load_campaign(mini)
    write_save(play(campaign, 1), "slot")
    before = snapshot(saves_dir())

    def broken(fd):
        raise OSError(5, "Input/output error")
    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(SaveError):
        write_save(play(campaign, 2), "slot")
    assert snapshot(saves_dir()) == before


def test_unwritable_folder_is_a_save_error(home, mini):
    campaign = load_campaign(mini)
    home.joinpath("saves").write_text("a file where the folder should be")
    with pytest.raises(SaveError, match="cannot create the folder"):
        write_save(play(campaign, 1), "slot")


# --------------------------------------------------------------------------------------------- bad saves
def write_raw(name: str, content: str | bytes) -> Path:
    folder = saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def good_save(campaign, **changes) -> dict:
    data = play(campaign).to_save()
    data.update(changes)
    return data


def assert_refused(path: Path, fragment: str, **kwargs):
    before = snapshot(path.parent)
    with pytest.raises(SaveError) as error:
        load_save(path, **kwargs)
    assert fragment in str(error.value)
    assert "Traceback" not in str(error.value)
    assert snapshot(path.parent) == before


def test_corrupt_json():
    assert_refused(write_raw("bad.json", '{"game": "fair-share", "ver'), "it is not valid JSON")
    assert_refused(write_raw("binary.json", b"\xff\xfe\x00garbage"), "it is not valid JSON")
    assert_refused(write_raw("deep.json", "[" * 100_000), "it is not valid JSON")


def test_foreign_json():
    assert_refused(write_raw("list.json", "[1, 2, 3]"), "not a Fair Share save")
    assert_refused(write_raw("other.json", '{"game": "chess", "version": 1}'), "not a Fair Share save")


def test_unreadable_file(tmp_path):
    with pytest.raises(SaveError, match="cannot read this file"):
        load_save(tmp_path / "missing.json")


def test_newer_and_older_version(mini):
    campaign = load_campaign(mini)
    newer = write_raw("newer.json", json.dumps(good_save(campaign, version=SAVE_VERSION + 1)))
    assert_refused(newer, f"saved by a newer version of Fair Share (save format {SAVE_VERSION + 1}; "
                          f"this version reads {SAVE_VERSION})")
    older = write_raw("older.json", json.dumps(good_save(campaign, version=SAVE_VERSION - 1)))
    assert_refused(older, f"saved by an older version of Fair Share (save format {SAVE_VERSION - 1}; "
                          f"this version reads {SAVE_VERSION})")


@pytest.mark.parametrize("change, fragment", [
    ({"seed": "7"}, "'seed' should be a whole number, not a text"),
    ({"seed": True}, "'seed' should be a whole number, not true/false"),
    ({"seed": -1}, "'seed' should be a whole number from 0 to"),
    ({"log": {}}, "'log' should be a list, not an object"),
    ({"campaign": {"id": "mini", "path": ""}}, "'campaign.hash' is missing"),
    ({"version": "1"}, "'version' should be a whole number"),
    ({"log": [["order", "north"]]}, "entry 1 of its order log is not a command"),
    ({"log": [["end_turn"], ["launch", "missiles"]]}, "entry 2 of its order log is not a command"),
    ({"turn": 3}, "it says turn 3, but its orders reach turn 2"),
])
def test_damaged_keys(mini, change, fragment):
    data = good_save(load_campaign(mini))
    data.update(change)
    assert_refused(write_raw("damaged.json", json.dumps(data)), fragment)


def test_missing_key(mini):
    data = good_save(load_campaign(mini))
    del data["seed"]
    assert_refused(write_raw("damaged.json", json.dumps(data)), "'seed' is missing")


def test_changed_campaign(mini):
    path = write_save(play(load_campaign(mini)), "slot")
    mini.write_text(MINI.replace("budget: 10.0", "budget: 11.0"), encoding="utf-8")
    assert_refused(path, "the campaign 'mini' has changed since this game was saved (its figures, allies or "
                         "events, not only its comments or wording)")


def test_missing_campaign(mini):
    path = write_save(play(load_campaign(mini)), "slot")
    mini.unlink()
    assert_refused(path, "the campaign 'mini' was not found")


def test_campaign_from_a_string_is_not_found():
    from game.campaign import load_campaign_text
    path = write_save(play(load_campaign_text(MINI)), "slot")
    assert json.loads(path.read_text())["campaign"]["path"] == "<string>"
    assert_refused(path, "the campaign 'mini' was not found")


def test_refused_command_in_log(mini):
    data = good_save(load_campaign(mini))
    data["log"].insert(1, ["order", "atlantis", "pressure"])
    assert_refused(write_raw("bad_log.json", json.dumps(data)), "order 2 of its log was refused (unknown ally "
                                                                 "'atlantis')")
    data = good_save(load_campaign(mini))
    data["log"][0] = ["order", "north", "invade"]
    assert_refused(write_raw("bad_order.json", json.dumps(data)), "unknown order 'invade'")


def test_commands_after_the_end_are_refused(mini):
    data = play(load_campaign(mini), turns=4).to_save()
    data["log"].append(["end_turn"])
    assert_refused(write_raw("too_long.json", json.dumps(data)), "the game is over")


# --------------------------------------------------------------------------------------------- listing
def test_list_saves(mini):
    assert list_saves() == []
    campaign = load_campaign(mini)
    old = write_save(play(campaign, 1), "Old one")
    data = json.loads(old.read_text())
    data["saved_at"] = "2001-01-01T00:00:00+00:00"
    old.write_text(json.dumps(data))
    write_save(play(campaign, 2), "New one")
    corrupt = write_raw("broken.json", "not json at all")
    before = snapshot(saves_dir())
    infos = list_saves()
    assert snapshot(saves_dir()) == before
    assert all(isinstance(i, SaveInfo) for i in infos)
    by_slot = {i.slot: i for i in infos}
    assert set(by_slot) == {"Old one", "New one", "broken"}
    assert [i.slot for i in infos if i.problem is None] == ["New one", "Old one"]
    new = by_slot["New one"]
    assert (new.campaign_id, new.campaign_name, new.turn, new.turn_label) == ("mini", "Mini", 2, "2026 H1")
    assert new.path == saves_dir() / "new_one.json"
    broken = by_slot["broken"]
    assert broken.path == corrupt and "not valid JSON" in broken.problem and broken.saved_at


def test_list_ignores_temp_files(mini):
    write_save(play(load_campaign(mini), 1), "a")
    write_raw(".a.json.123.tmp", "partial")
    assert [i.slot for i in list_saves()] == ["a"]


# --------------------------------------------------------------------------------------------- slots
@pytest.mark.parametrize("slot, name", [
    ("autosave", "autosave.json"), ("My Game 2", "my_game_2.json"), ("a-b_c", "a-b_c.json"),
    ("x" * 40, "x" * 40 + ".json"),
])
def test_slot_names(slot, name):
    assert slot_path(slot) == saves_dir() / name


@pytest.mark.parametrize("slot, fragment", [
    ("", "needs a name"), ("x" * 41, "too long"), ("../evil", "may use only"), ("a/b", "may use only"),
    ("a\\b", "may use only"), ("dot.json", "may use only"), ("tab\there", "may use only"), ("end\n", "may use only"),
    (" padded", "start or end with a space"), ("CON", "reserved"), ("été", "may use only"), (None, "needs a name"),
])
def test_bad_slot_names(slot, fragment):
    with pytest.raises(SaveError, match=fragment):
        slot_path(slot)


def test_nothing_created_at_import_or_lookup(home):
    code = "import game.saves as s, game.settings as t; s.slot_path('x'); s.list_saves(); t.load_settings()"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env={**os.environ})
    slot_path("x"), list_saves(), data_dir()
    assert not home.exists()


# --------------------------------------------------------------------------------------------- data folder
def test_data_dir_override(home, monkeypatch):
    assert data_dir() == home
    monkeypatch.setenv("FAIRSHARE_HOME", "~/lab")
    monkeypatch.setenv("HOME", "/home/student")
    monkeypatch.setattr(sys, "platform", "linux")
    assert data_dir() == Path("/home/student/lab")


@pytest.mark.parametrize("platform, env, expected", [
    ("win32", {"APPDATA": "/c/Users/s/AppData/Roaming"}, "/c/Users/s/AppData/Roaming/FairShare"),
    ("win32", {}, "{home}/AppData/Roaming/FairShare"),
    ("darwin", {"XDG_DATA_HOME": "/xdg"}, "{home}/Library/Application Support/FairShare"),
    ("linux", {"XDG_DATA_HOME": "/xdg"}, "/xdg/fairshare"),
    ("linux", {"XDG_DATA_HOME": "relative/xdg"}, "{home}/.local/share/fairshare"),
    ("linux", {}, "{home}/.local/share/fairshare"),
    ("freebsd13", {"XDG_DATA_HOME": ""}, "{home}/.local/share/fairshare"),
])
def test_data_dir_platforms(tmp_path, monkeypatch, platform, env, expected):
    monkeypatch.delenv("FAIRSHARE_HOME")
    for name in ("APPDATA", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", platform)
    assert data_dir() == Path(expected.format(home=tmp_path))
    assert not (tmp_path / ".local").exists()


def test_empty_override_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", "")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert data_dir() == tmp_path / ".local" / "share" / "fairshare"


def test_read_save_returns_the_data(mini):
    session = play(load_campaign(mini))
    data = read_save(write_save(session, "slot"))
    assert data["log"] == session.to_save()["log"] and data["slot"] == "slot"
