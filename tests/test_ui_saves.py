"""Save, quit to the title, load, continue: the same game; bad saves and bad campaigns end in a dialog."""
from __future__ import annotations

import os
from dataclasses import fields

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from game.saves import is_autosave, slot_path  # noqa: E402
from game.sim.state import State  # noqa: E402
from game.ui import flow  # noqa: E402
from game.ui.window import run  # noqa: E402
from game.ui.synth import Driver  # noqa: E402
from game.userdata import saves_dir  # noqa: E402

ARRAYS = [f.name for f in fields(State) if f.name not in ("world", "turn")]


def same_state(a, b) -> None:
    assert a.turn == b.turn
    for name in ARRAYS:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name


def start_tutorial(drive: Driver) -> None:
    drive.press(pygame.K_RETURN)
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "play"


def test_save_quit_load_continue_gives_the_same_game(app):
    drive = Driver(app)
    start_tutorial(drive)
    drive.keyboard_turn({"germany": "pressure"})
    drive.keyboard_turn({"poland": "reassure", "spain": "criticize"})
    drive.press(pygame.K_p)                           # a pending order is not part of the save
    state = app.session.state
    log = app.session.to_save()["log"]
    # save under a name, typed
    from game.ui.synth import key_event
    drive.send(key_event(pygame.K_s, unicode="s"), pygame.event.Event(pygame.TEXTINPUT, text="s"),
               key_event(pygame.K_s, unicode="s", up=True))   # as SDL sends them: the S key's text is not typed
    assert drive.scene.name == "save_as"
    assert drive.scene.field.text.endswith("turn 3")         # the turn the play screen shows: "Turn 3 of 6"
    drive.press(pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    drive.type("Class A")
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "play" and not app.unsaved
    assert (saves_dir() / "class_a.json").is_file()
    # quit to the title: no question asked, nothing unsaved
    drive.press(pygame.K_ESCAPE)
    assert drive.scene.name == "title" and app.session is None
    # load it
    drive.press(pygame.K_l)
    assert drive.scene.name == "load"
    slots = [s.slot for s in drive.scene.saves]
    assert "Class A" in slots and any(is_autosave(s) for s in slots)
    while drive.scene.saves[drive.scene.selected].slot != "Class A":
        drive.press(pygame.K_DOWN)
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "play"
    same_state(app.session.state, state)
    assert app.session.to_save()["log"][:len(log)] == log
    # continue from the title: the newest save
    drive.press(pygame.K_ESCAPE)
    assert drive.scene.name == "title"
    drive.press(pygame.K_c)
    assert drive.scene.name == "play"
    same_state(app.session.state, state)


def test_autosave_after_every_turn_and_continue_by_mouse(app):
    drive = Driver(app)
    start_tutorial(drive)
    drive.mouse_turn({"estonia": "reassure"})
    state = app.session.state
    assert slot_path(app.autosave_slot).is_file() and is_autosave(app.autosave_slot)
    # leaving with a turn unsaved asks first
    drive.click("title")
    assert drive.scene.name == "confirm"
    drive.click("no")
    assert drive.scene.name == "play"
    drive.click("title")
    drive.click("yes")
    assert drive.scene.name == "title"
    drive.click("continue")
    assert drive.scene.name == "play"
    same_state(app.session.state, state)


def test_quitting_with_unsaved_turns_asks_first(app):
    drive = Driver(app)
    start_tutorial(drive)
    drive.send(pygame.event.Event(pygame.QUIT))
    assert not app.running                                # no turn played yet: nothing to lose, no question
    app.running = True
    drive.keyboard_turn({"spain": "pressure"})
    drive.send(pygame.event.Event(pygame.QUIT))
    assert drive.scene.name == "confirm" and app.running
    drive.press(pygame.K_ESCAPE)
    assert drive.scene.name == "play" and app.running
    drive.send(pygame.event.Event(pygame.QUIT))
    drive.press(pygame.K_RETURN)
    assert not app.running


def test_a_damaged_save_is_listed_with_its_problem_and_never_touched(app):
    folder = saves_dir()
    folder.mkdir(parents=True)
    bad = folder / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    foreign = folder / "foreign.json"
    foreign.write_text('{"game": "chess", "version": 1}', encoding="utf-8")
    drive = Driver(app)
    drive.click("load")
    scene = drive.scene
    assert {s.slot: bool(s.problem) for s in scene.saves} == {"broken": True, "foreign": True}
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "message" and "cannot be loaded" in drive.scene.title
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "load"
    assert bad.read_text(encoding="utf-8") == "{not json"
    # a failed load through the flow says why, on screen
    assert not flow.load(app, foreign)
    assert drive.scene.name == "message" and "another program" in drive.scene.text


def test_a_failed_save_shows_a_dialog(app, monkeypatch):
    drive = Driver(app)
    start_tutorial(drive)
    drive.press(pygame.K_s)
    drive.press(pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    drive.type("bad/name")
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "save_as" and "only letters" in drive.scene.problem
    from game.ui import persist
    monkeypatch.setattr(persist, "write_save", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    drive.press(pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    drive.type("fine name")
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "message" and "disk full" in drive.scene.text.lower()


def test_a_bad_campaign_shows_its_first_error_on_the_title(app, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "broken.yaml").write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    assert not flow.start_campaign(app, "no_such_campaign")
    assert app.scene.name == "message" and "no campaign called" in app.scene.text
    app.pop()
    app.scene.on_resume()                                   # the title reloads its list
    entry = next(e for e in app.scene.entries if e.path.name == "broken.yaml")
    assert entry.campaign is None and entry.problems
    drive = Driver(app)
    while app.scene.entries[app.scene.selected] is not entry:
        drive.press(pygame.K_DOWN)
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "message" and "broken.yaml" in drive.scene.text


def test_run_with_an_unknown_campaign_shows_a_dialog_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    shown = []
    from game.ui import app as app_module
    original = app_module.App.message

    def spy(self, title, text, *a, **k):
        shown.append(title)
        original(self, title, text, *a, **k)
        pygame.event.post(pygame.event.Event(pygame.QUIT))
    monkeypatch.setattr(app_module.App, "message", spy)
    assert run("no_such_campaign", seed=3) == 0
    assert shown == ["This campaign cannot be opened"]
