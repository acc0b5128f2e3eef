"""Faster turns (issue 8, point 7): A gives every ally the adviser's pick, D repeats last turn's orders, and the
confirmation says where the orders came from."""
from __future__ import annotations

import pygame

from game.campaign.model import ORDERS
from game.ui import flow
from game.ui.play import quick
from game.ui.synth import Driver


def pending(app) -> list[str]:
    return [ORDERS[int(code)] for code in app.session.pending]


def test_a_gives_every_ally_the_advisers_pick_and_d_repeats_last_turn(app):
    drive = Driver(app)
    flow.start_campaign(app, "europe_2024", 11)
    drive.press(pygame.K_RETURN)                          # briefing -> play
    assert drive.scene.name == "play"
    drive.press(pygame.K_d)                               # nothing to repeat before the first turn
    assert app.toasts and "nothing to repeat" in app.toasts[0][0] and set(pending(app)) == {"hold"}
    drive.press(pygame.K_a)
    advised = quick.adviser_orders(app.session)
    assert pending(app) == advised and set(advised) != {"hold"}
    drive.press(pygame.K_RETURN)
    assert drive.scene.name == "confirm" and "adviser's pick" in drive.scene.text
    assert "A gives every ally" in drive.scene.text
    drive.press(pygame.K_RETURN)                          # end the turn
    while drive.scene.name != "play":
        drive.press(pygame.K_ESCAPE)
    played = [ORDERS[int(c)] for c in app.session.reports[-1].orders[0]]
    assert played == advised
    drive.press(pygame.K_d)
    assert pending(app) == played
    if played != quick.adviser_orders(app.session):       # else the adviser's line comes first, rightly
        drive.press(pygame.K_RETURN)
        assert "same orders as last turn" in drive.scene.text
