"""The loop's present and the work that waits for it: the autosave lands after the turn report is on screen, in
the same pass of the loop, and a tooltip-only change presents only its rectangles."""
from __future__ import annotations

import os

import pygame

from game.saves import load_save, slot_path
from game.ui import flow, window
from game.ui.shots import scripted_game


def test_the_autosave_is_written_once_the_report_is_on_screen(app):
    scripted_game(app, "tutorial", turns=0)
    autosave = slot_path(app.autosave_slot)
    assert not autosave.exists()
    flow.end_turn(app)
    assert app.scene.name in ("report", "event") and not autosave.exists()   # the frame comes first
    assert app.render()
    app.presented()
    assert autosave.is_file() and app.toasts[0][0] == "Autosaved"
    while app.scene.name != "report":
        app.pop()
    app.pop()
    flow.end_turn(app)
    app.presented()
    assert load_save(autosave).state.turn == app.session.state.turn == 2


def test_every_turn_is_autosaved_and_replays_to_the_same_game(app):
    scripted_game(app, "tutorial", turns=3)        # the helper presents after each End turn, as the loop does
    saved = load_save(slot_path(app.autosave_slot))
    assert saved.to_save()["log"] == app.session.to_save()["log"]


def test_the_loop_does_the_deferred_work_in_the_pass_that_asked_for_it(app):
    done = []

    def work():
        done.append(app.dirty)
        app.running = False
    app.after_present(work)
    assert window.loop(app) == 0
    assert done == [False]       # after the render of that pass, before the next look at the events


def test_a_tooltip_only_change_presents_only_its_rectangles(app, monkeypatch):
    calls = []
    monkeypatch.setattr(pygame.display, "update", lambda rects=None: calls.append(("update", list(rects))))
    monkeypatch.setattr(pygame.display, "flip", lambda: calls.append(("flip", None)))
    app.updated = None
    window.present(app)
    app.updated = [pygame.Rect(10, 10, 40, 20), pygame.Rect(14, 12, 40, 20)]
    window.present(app)
    assert calls == [("flip", None), ("update", app.updated)]


def test_the_display_hints_are_defaults_a_user_can_override(monkeypatch):
    monkeypatch.setattr(window.sys, "platform", "linux")
    monkeypatch.delenv("SDL_FRAMEBUFFER_ACCELERATION", raising=False)
    monkeypatch.setenv("SDL_VIDEO_CENTERED", "0")
    window.display_hints()
    assert os.environ["SDL_FRAMEBUFFER_ACCELERATION"] == "0"     # the plain window surface: dirty rects honoured
    assert os.environ["SDL_VIDEO_CENTERED"] == "0"


def test_windows_keeps_sdl_s_own_present_path(monkeypatch):
    monkeypatch.setattr(window.sys, "platform", "win32")
    monkeypatch.delenv("SDL_FRAMEBUFFER_ACCELERATION", raising=False)
    window.display_hints()
    assert "SDL_FRAMEBUFFER_ACCELERATION" not in os.environ
