"""Issue 21, the smaller things an instructor met on screen: Congress that changed nothing net, the lesson that covered
the report it asked to be read, the 0-1 scales never explained, "1 turns played", the end screen's empty space at
1280x720 and 150 %, a command the installed game does not have, and text boxes that appended to their default."""
from __future__ import annotations

import pygame

from game.campaign import CampaignError, Problem
from game.saves import write_save
from game.settings import Settings
from game.sim.session import EndTurn, SetUSAction
from game.ui import flow
from game.ui.app import App
from game.ui.report.system import system_lines
from game.ui.shots import scripted_game
from game.ui.synth import Driver, key_event
from game.ui.side.help import help_blocks
from game.ui.wording import shown_delta
from game.userdata import saves_dir


def drawn(app: App) -> list[str]:
    app.ink.drawn = []
    try:
        app.scene.draw(app.screen)
        return [d.shown for d in app.ink.drawn]
    finally:
        app.ink.drawn = None


def test_congress_is_reported_when_it_changed_nothing_net(app):
    """The tutorial on seed 2, Congress invoked in the first and third turns: in the third, "invoking Congress"
    (+0.10) and the pressure settling (-0.11) cancel out, and the report left out its "Washington and the
    adversaries" section: the student never learned what Congress did."""
    flow.start_campaign(app, "tutorial", 2)
    flow.begin_play(app)
    session = app.session
    for turn in range(3):
        if turn % 2 == 0:
            session.execute(SetUSAction("congress"))
        session.execute(EndTurn())
    before, after = session.history[2], session.history[3]
    assert shown_delta(before.domestic_pressure[0], after.domestic_pressure[0]) == 0     # the case itself
    app.show("report", 2)
    lines = system_lines(app.scene)
    assert lines and lines[0].startswith("You invoked Congress") and "drawdown" in lines[0]
    assert any("invoking Congress +0.10" in line and "cancelling out" in line for line in lines), lines


def test_the_lessons_news_waits_under_the_report_it_asks_to_be_read(app):
    """Lesson 1 says "read Germany's line in the turn report"; the next lesson popped up over that report."""
    flow.start_campaign(app, "tutorial", 3)
    flow.begin_play(app)
    flow.end_turn(app)
    assert app.scene.name == "report"
    app.pop()                                             # the report read and closed: now the news
    assert app.scene.name == "event" and app.scene.title.startswith("Lesson 2")
    app.pop()
    assert app.scene.name == "play"


def test_help_says_what_0_and_1_mean_on_every_scale():
    words = " ".join(b.text + " " + getattr(b, "key", "") for column in help_blocks() for b in column)
    for scale in ("Threat felt", "Trust in the U.S.", "Alignment", "Hedging", "U.S. presence",
                  "Appetite for probing", "Domestic pressure", "Credibility"):
        assert scale in words
    assert "what 0 and 1 mean" in words and "0: no faith" in words and "1: complete faith" in words


def test_the_load_list_says_1_turn_played(app):
    flow.start_campaign(app, "tutorial", 3)
    app.session.execute(EndTurn())
    write_save(app.session, "one turn")
    app.reset_to_title()
    app.show("load")
    texts = drawn(app)
    assert any("1 turn played" in t for t in texts) and not any("1 turns" in t for t in texts)


def test_the_end_screen_names_its_allies_at_1280x720_and_150_percent(home):
    """The end screen dropped both notes on single allies there while about 100 px of its panel stayed empty."""
    app = App(size=(1280, 720), settings=Settings(text_scale=1.5, window_size=(1280, 720)))
    scripted_game(app, "europe_2024", turns=5)
    while not app.session.over:
        flow.end_turn(app)
    app.reset_to_title()
    app.show("end")
    text = " ".join(drawn(app)).lower()
    assert "relationship" in text and "strained" in text


def test_the_window_names_the_command_an_installed_game_has():
    """`python main.py validate` is a checkout's command: an installed game has `fairshare validate`."""
    error = CampaignError([Problem("c.yaml", 3, 1, "one"), Problem("c.yaml", 9, 1, "two")])
    text = flow.campaign_problem(error)
    assert "fairshare validate" in text and "main.py" not in text


def test_the_save_name_and_seed_boxes_replace_their_default_when_typed_into(app):
    drive = Driver(app)
    drive.press(pygame.K_RETURN)      # the title's first campaign: its briefing
    drive.press(pygame.K_RETURN)      # begin (the fixture's team: asked and left empty)
    drive.send(key_event(pygame.K_s, unicode="s"), pygame.event.Event(pygame.TEXTINPUT, text="s"))
    assert drive.scene.name == "save_as" and drive.scene.field.text.startswith("tutorial turn")
    drive.type("Team Adams")
    assert drive.scene.field.text == "Team Adams"        # not "tutorial turn 1Team Adams"
    drive.press(pygame.K_a, pygame.KMOD_CTRL)           # select all, then type over it
    drive.type("Bakers")
    assert drive.scene.field.text == "Bakers"
    drive.press(pygame.K_END)                           # the caret after the text: typing appends
    drive.type(" 2")
    assert drive.scene.field.text == "Bakers 2"
    drive.press(pygame.K_RETURN)
    assert (saves_dir() / "bakers_2.json").is_file()
    app.facilitator_forced = True
    flow.start_campaign(app, "tutorial", 42)
    drive.send(key_event(pygame.K_s, unicode="s"), pygame.event.Event(pygame.TEXTINPUT, text="s"))
    assert drive.scene.name == "seed" and drive.scene.field.text == "42"
    drive.type("7")
    drive.press(pygame.K_RETURN)
    assert app.session.seed == 7                        # not 427
