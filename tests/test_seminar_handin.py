"""Issue 21, the hand-in: the team's name asked once and carried in every save, "Save for hand-in" on the end
screen, an autosave per game, text fields that replace their default, and `class` naming the teams from what they
handed in (a save or the debrief's game.json), never "autosave"."""
from __future__ import annotations

import csv
import io
import json

import pygame

from game.cli import main
from game.saves import is_autosave, list_saves, read_save, slot_path
from game.ui.synth import Driver, key_event
from game.userdata import hand_in_dir


def begin(drive: Driver) -> None:
    """From the title into the tutorial's first turn, answering the team's question if it is asked."""
    drive.press(pygame.K_RETURN)          # the title's first campaign: its briefing
    drive.press(pygame.K_RETURN)          # begin
    if drive.scene.name == "team":
        drive.press(pygame.K_RETURN)


def finish(drive: Driver) -> None:
    while drive.scene.name == "play":
        drive.keyboard_turn({"germany": "pressure"})
    assert drive.scene.name == "end"


def test_the_team_is_asked_once_and_its_name_goes_into_every_save_and_the_hand_in(app, capsys, tmp_path):
    app.team = None                       # a fresh window: the name has not been asked yet
    drive = Driver(app)
    drive.press(pygame.K_RETURN)
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "team"
    drive.type("Team Adams")
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "play" and app.team == "Team Adams"
    finish(drive)
    assert read_save(slot_path(app.autosave_slot))["team"] == "Team Adams"
    drive.send(key_event(pygame.K_s, unicode="s"), pygame.event.Event(pygame.TEXTINPUT, text="s"))
    assert drive.scene.name == "message" and "Saved for hand-in" in drive.scene.title
    handed = sorted(hand_in_dir().glob("*.json"))
    assert [p.name for p in handed] == [f"Team Adams - tutorial seed {app.session.seed}.json"]
    data = read_save(handed[0])
    assert data["team"] == "Team Adams" and data["turn"] == app.session.campaign.turns and data["origin"] == "window"
    drive.press(pygame.K_RETURN)
    drive.press(pygame.K_s)               # the same game handed in again: the same file, not a second one
    assert sorted(hand_in_dir().glob("*.json")) == handed
    # the next game in this window is not asked again
    drive.press(pygame.K_RETURN)
    drive.press(pygame.K_RETURN)          # back to the title (the game was handed in: nothing to confirm)
    assert drive.scene.name == "title"
    drive.press(pygame.K_RETURN)
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "play"
    # the instructor points `class` at the hand-in folder: the team by its name
    assert main(["class", str(hand_in_dir()), "--out", str(tmp_path / "report")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "report" / "class.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["team"], r["status"]) for r in rows] == [("Team Adams", "ranked")]
    capsys.readouterr()


def test_a_hand_in_without_a_name_asks_for_one_and_cannot_go_without(app):
    drive = Driver(app)
    begin(drive)                          # the fixture's team: asked and left empty
    finish(drive)
    drive.press(pygame.K_s)
    assert drive.scene.name == "team"
    drive.press(pygame.K_RETURN)          # empty: refused, with the reason
    assert drive.scene.name == "team" and "letter or digit" in drive.scene.problem
    drive.type("Bakers")
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "message" and app.team == "Bakers"
    assert read_save(next(hand_in_dir().glob("*.json")))["team"] == "Bakers"


def test_leaving_a_team_game_unhanded_asks_first(app):
    app.team = "Team Adams"
    drive = Driver(app)
    begin(drive)
    finish(drive)
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "confirm" and "hand" in drive.scene.title.lower()
    drive.press(pygame.K_ESCAPE)
    assert drive.scene.name == "end"


def test_each_game_keeps_its_own_autosave(app):
    drive = Driver(app)
    begin(drive)
    finish(drive)
    first = app.autosave_slot
    drive.press(pygame.K_RETURN)          # back to the title: no team, nothing to ask
    begin(drive)
    drive.keyboard_turn({"spain": "reassure"})
    assert app.autosave_slot != first and is_autosave(app.autosave_slot) and is_autosave(first)
    assert read_save(slot_path(first))["turn"] == app.session.campaign.turns    # the finished game is still there
    assert read_save(slot_path(app.autosave_slot))["turn"] == 1
    assert sum(is_autosave(i.slot) for i in list_saves()) == 2


def test_class_names_a_renamed_autosave_by_its_file_and_takes_the_debriefs_game_json(app, capsys, tmp_path):
    drive = Driver(app)
    begin(drive)
    finish(drive)
    hand_in = tmp_path / "hand_in"
    hand_in.mkdir()
    (hand_in / "Team Baker.json").write_bytes(slot_path(app.autosave_slot).read_bytes())
    assert main(["debrief", str(hand_in / "Team Baker.json"), "--out", str(tmp_path / "carter")]) == 0
    (hand_in / "Team Carter game.json").write_bytes((tmp_path / "carter" / "game.json").read_bytes())
    old = json.loads((tmp_path / "carter" / "game.json").read_text(encoding="utf-8"))
    del old["save"]                        # a debrief written before game.json held its save
    (hand_in / "old game.json").write_text(json.dumps(old), encoding="utf-8")
    capsys.readouterr()
    assert main(["class", str(hand_in), "--out", str(tmp_path / "report")]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO((tmp_path / "report" / "class.csv").read_text(encoding="utf-8-sig"))))
    teams = sorted(r["team"] for r in rows if r["status"] == "ranked")
    assert teams == ["Team Baker", "Team Carter game"]            # never "autosave"
    assert "autosave" not in out
    left = {r["file"]: r["status"] for r in rows if r["status"].startswith("left out")}
    assert "hand in the save itself" in left["old game.json"] and str(hand_in_dir()) in left["old game.json"]
    assert "old game.json" in err
