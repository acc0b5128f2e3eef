"""The seminar toolkit in the window: the what-if screen, the Export button, facilitator mode (seed typed in the
window, score hidden until the end, the projector summary)."""
from __future__ import annotations

import dataclasses

import pygame
import pytest

import game.ui.window

from game.cli import main
from game.settings import Settings, load_settings, save_settings
from game.sim.session import SetOrder
from game.ui import flow
from game.ui.play.view import global_view
from game.ui.report import whatif_job
from game.ui.report.projector import movers
from game.userdata import exports_dir

SEED = 3


def key(app, k, text: str = "") -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=text))


def finish(app, campaign: str = "tutorial") -> None:
    flow.start_campaign(app, campaign, SEED)
    flow.begin_play(app)
    first = app.session.campaign.allies[0].id
    while not app.session.over:
        app.session.execute(SetOrder(first, "pressure"))
        flow.end_turn(app)
    app.reset_to_title()
    app.show("end")


def test_the_what_if_screen_shows_the_same_dice_under_other_strategies(app):
    finish(app)
    key(app, pygame.K_w)
    scene = app.scene
    assert scene.name == "whatif"
    what = scene.job.result(timeout=120)
    assert what.pillars["you"]["score"] == pytest.approx(float(app.session.outcome().score[0]))
    assert set(what.pillars) == {"you", "hold", "adaptive", "best plan"}
    for size in ((1280, 720), (1920, 1080)):
        app.resize(size)
        app.render(force=True)
    key(app, pygame.K_RIGHT)
    assert scene.ally == 1
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "end"


def test_export_writes_the_debrief_into_the_user_folder_and_says_where(app):
    finish(app)
    key(app, pygame.K_e)
    dialog = app.scene
    assert dialog.name != "end" and "Debrief exported" in dialog.title
    folders = list(exports_dir().iterdir())
    assert len(folders) == 1 and str(folders[0]) in dialog.text
    assert (folders[0] / "debrief.html").is_file() and (folders[0] / "game.csv").is_file()


def test_facilitator_types_the_seed_on_the_briefing(app):
    app.facilitator_forced = True
    flow.start_campaign(app, "tutorial", SEED)
    key(app, pygame.K_s)
    assert app.scene.name == "seed"
    for _ in range(5):
        key(app, pygame.K_BACKSPACE)
    app.handle(pygame.event.Event(pygame.TEXTINPUT, text="12a"))
    key(app, pygame.K_RETURN)
    assert app.scene.name == "seed" and "digits only" in app.scene.problem
    key(app, pygame.K_BACKSPACE)
    key(app, pygame.K_RETURN)
    assert app.scene.name == "briefing" and app.session.seed == 12 and app.seed == 12


def test_the_seed_key_does_nothing_outside_facilitator_mode(app):
    flow.start_campaign(app, "tutorial", SEED)
    key(app, pygame.K_s)
    assert app.scene.name == "briefing"


def test_facilitator_mode_hides_the_score_until_the_end_and_projects_the_last_turn(app):
    app.facilitator_forced = True
    flow.start_campaign(app, "tutorial", SEED)
    flow.begin_play(app)
    flow.end_turn(app)
    assert global_view(app.session, hide_score=True).score is None
    assert global_view(app.session).score is not None
    while app.scene.name != "report":
        app.pop()
    app.render(force=True)
    key(app, pygame.K_f)
    assert app.scene.name == "projector"
    app.render(force=True)
    assert all(line.split(":")[0] in {a.name for a in app.session.campaign.allies}
               for line in movers(app.session, 0))


def test_facilitator_is_a_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    save_settings(dataclasses.replace(Settings(), facilitator=True))
    assert load_settings().facilitator is True
    with pytest.raises(ValueError):
        Settings(facilitator="yes")



def test_the_end_screen_shows_skill_or_luck_once_the_what_if_is_ready(app):
    finish(app)
    assert whatif_job.luck_line(app.session) is None       # nothing started (no prefetch in tests): no line
    assert app.scene.update(0.1) is False
    whatif_job.start(app.session).result(timeout=120)
    line = whatif_job.luck_line(app.session)
    assert line.startswith("Your orders average") and "over 1,000 games" in line
    app.render(force=True)


def test_play_facilitator_opens_the_window_in_facilitator_mode(monkeypatch):
    seen = {}
    monkeypatch.setattr(game.ui.window, "run", lambda campaign, seed, facilitator, team: seen.update(
        campaign=campaign, seed=seed, facilitator=facilitator, team=team) or 0)
    assert main(["play", "tutorial", "--seed", "4", "--facilitator"]) == 0
    assert seen == {"campaign": "tutorial", "seed": 4, "facilitator": True, "team": None}


def test_the_facilitator_opens_the_next_turn_with_an_event_and_the_log_keeps_it(app):
    flow.start_campaign(app, "europe_2024", SEED)
    flow.begin_play(app)
    key(app, pygame.K_i)
    assert app.scene.name == "play"                 # not a player's key: nothing happens outside facilitator mode
    app.facilitator_forced = True
    key(app, pygame.K_i)
    dialog = app.scene
    assert dialog.name == "inject"
    for size in ((1280, 720), (1920, 1080)):
        app.resize(size)
        app.render(force=True)
    third = app.session.campaign.events[2]
    key(app, pygame.K_3)
    assert app.scene.name == "play"
    assert app.session.log[-1].event == third.id
    flow.end_turn(app)
    assert app.session.reports[-1].fired[0, 2]
