"""The whole tutorial campaign played to the end in the window, by keyboard alone and by mouse alone (headless); the
Nixon campaign on its 1969 map."""
from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.campaign.model import ORDERS  # noqa: E402
from game.ui import flow  # noqa: E402
from game.ui.synth import Driver  # noqa: E402

PLAN = [  # the tutorial's own suggestions, turn by turn
    {"germany": "pressure"},
    {"poland": "pressure", "spain": "pressure"},
    {"poland": "pressure", "estonia": "pressure", "germany": "pressure", "spain": "pressure"},
    {"spain": "criticize", "germany": "pressure"},
    {"germany": "withdraw", "estonia": "reassure"},
    {"poland": "reassure", "spain": "hold"},
]


def logged_orders(session) -> list[tuple[str, str]]:
    return [(c.ally, c.order) for c in session.log if hasattr(c, "order")]


def test_keyboard_alone_plays_the_tutorial_to_the_end(app):
    drive = Driver(app)
    assert drive.scene.name == "title"
    assert drive.scene.entries[drive.scene.selected].id == "tutorial"
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "briefing"
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "play"
    session = app.session
    for turn, orders in enumerate(PLAN):
        assert drive.scene.name == "play" and session.state.turn == turn
        drive.press(pygame.K_3)                 # an overlay switch on the way
        drive.keyboard_turn(orders)
        report = session.reports[turn]
        for ally, order in orders.items():      # the orders given by key reached the model
            assert ORDERS[report.orders[0, session.campaign.ally_index(ally)]] == order
        if turn == 1:                           # reopen the last report with L, browse back, close
            drive.press(pygame.K_l)
            assert drive.scene.name == "report" and drive.scene.index == 1
            drive.press(pygame.K_LEFT)
            assert drive.scene.index == 0
            drive.press(pygame.K_PAGEDOWN)
            drive.press(pygame.K_ESCAPE)
            assert drive.scene.name == "play"
    assert session.over
    assert drive.scene.name == "end"
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "title" and app.session is None


def test_mouse_alone_plays_the_tutorial_to_the_end(app):
    drive = Driver(app)
    drive.click("campaign:1")                   # select another card, then back to the tutorial
    assert drive.scene.selected == 1
    drive.click("campaign:0")
    drive.click("start")
    assert drive.scene.name == "briefing"
    drive.click("begin")
    assert drive.scene.name == "play"
    session = app.session
    # selecting an ally by clicking its country on the map
    play = drive.scene
    pane = play.panes[0]
    spain = session.campaign.ally_index("spain")
    drive.click_at(app.mapview.anchor(pane, "ESP"))
    assert play.selected == spain
    drive.click("overlay:2")
    assert play.overlay == "spending"
    for turn, orders in enumerate(PLAN):
        assert drive.scene.name == "play" and session.state.turn == turn
        drive.mouse_turn(orders)
        report = session.reports[turn]
        for ally, order in orders.items():
            assert ORDERS[report.orders[0, session.campaign.ally_index(ally)]] == order
        if turn == 2:
            drive.click("report")
            assert drive.scene.name == "report"
            drive.click("prev")
            assert drive.scene.index == 1
            drive.click("close")
    assert drive.scene.name == "end" and session.over
    drive.click("reports")
    assert drive.scene.name == "report"
    drive.click("close")
    drive.click("title")
    assert drive.scene.name == "title" and app.session is None


def test_shift_gives_an_order_to_every_ally_and_the_budget_effect_is_shown(app):
    drive = Driver(app)
    drive.press(pygame.K_RETURN)
    drive.press(pygame.K_RETURN)
    session = app.session
    drive.press(pygame.K_r, pygame.KMOD_SHIFT)
    assert all(session.order_of(a.id) == "reassure" for a in session.campaign.allies)
    costs = drive.scene.view()["costs"]
    assert costs["reassure"] > 0 > costs["withdraw"] and costs["hold"] == 0
    g = drive.scene.view()["global"]
    assert g.projected == pytest.approx(session.projected_cost())
    drive.press(pygame.K_h)                     # changes are allowed until the turn ends
    assert session.order_of(session.campaign.allies[drive.scene.selected].id) == "hold"
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "confirm"
    drive.press(pygame.K_ESCAPE)                # keep planning: nothing happened
    assert drive.scene.name == "play" and session.state.turn == 0


def test_the_nixon_campaign_plays_on_the_map_of_1969(app):
    """The play screen draws the campaign's era map: West Germany is clicked on the Federal Republic's outline, and
    the country east of it is East Germany (its tooltip's name), not part of a Germany of today."""
    flow.start_campaign(app, "nixon_1969", 7)
    flow.begin_play(app)
    drive = Driver(app)
    play = drive.scene
    assert app.mapview is app.map_view("1969") and app.mapview is not app.map_view()
    europe = app.mapview.theatres["europe"]
    assert {"SUN", "DEU", "DDR"} <= set(europe.countries) and "RUS" not in europe.countries
    pane = play.panes[0]
    drive.click_at(app.mapview.anchor(pane, "DEU"))
    assert play.selected == app.session.campaign.ally_index("west_germany")
    assert app.mapview.country_at([pane], app.mapview.anchor(pane, "DDR")) == ("europe", "DDR")
    assert europe.countries["DDR"].name == "East Germany"
