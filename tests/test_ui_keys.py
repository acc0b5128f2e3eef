"""The key printed on a button is the key that does what the button does (the labels come from game.ui.bindings, so
a rebound key cannot leave a stale letter on screen)."""
from __future__ import annotations

import pygame
import pytest

from game.ui import bindings, flow
from game.ui.synth import Driver


def key_named(label: str) -> int:
    """The key a player would press for a printed label: "Enter", "Esc", "F1", or a letter or digit."""
    named = [key for key, name in bindings.NAMES.items() if name == label]
    return named[0] if named else ord(label.lower())


def fingerprint(app) -> tuple:
    """What a click or a key press can change on the play screen: the scenes shown, the pending orders and U.S.
    action, the overlay, the theatre shown, the last toast."""
    play = next(s for s in app.stack if s.name == "play")
    return ([s.name for s in app.stack], app.session.pending.tolist(), app.session.us_action, play.overlay_i,
            play.view_i, [text for text, _ in app.toasts])


def on_the_play_screen(app) -> Driver:
    """global_2024 (two theatres, so T switches), one turn played (so L and E have something to show), the ally
    list's first ally selected."""
    drive = Driver(app, render=False)
    flow.start_campaign(app, "global_2024", seed=3)
    flow.begin_play(app)
    drive.keyboard_turn({})
    assert drive.scene.name == "play"
    return drive


def test_every_key_on_a_play_screen_button_does_what_the_button_does(app):
    drive = on_the_play_screen(app)
    buttons = [(b.id, b.key, b.active) for b in drive.scene.buttons if b.key and b.enabled]
    assert {"order:pressure", "congress", "report", "save", "help", "settings", "title", "end", "theatre",
            "overlay:1"} <= {bid for bid, _, _ in buttons}
    for bid, label, active in buttons:
        drive = on_the_play_screen(app)
        before = fingerprint(app)
        drive.click(bid)
        clicked = fingerprint(app)
        drive = on_the_play_screen(app)
        drive.press(key_named(label))
        assert fingerprint(app) == clicked, (bid, label)
        assert clicked != before or active, (bid, label)   # the button (so its key) does something, unless chosen


@pytest.mark.parametrize("order", ["pressure", "reassure", "withdraw", "criticize", "hold"])
def test_the_order_chips_print_the_orders_keys(order):
    assert bindings.label(bindings.KEY_OF_ORDER[order]) == order[0].upper()
    assert bindings.ORDER_BY_KEY[key_named(order[0].upper())] == order


def test_the_help_lists_the_keys_the_map_screen_answers():
    rows = dict(bindings.CONTROLS[0][1])
    for label in ("P  R  W  C  H", "A", "D", "G", "1 - 5", "T", "Enter", "L", "E", "S", "I"):
        assert label in rows, label
    assert pygame.K_RETURN in bindings.ENTER and key_named("Enter") == pygame.K_RETURN
