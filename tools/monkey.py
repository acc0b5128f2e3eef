"""The window under test (issue 9): a campaign played for a few turns headless, and a random-input monkey.

Used by tools/fuzz.py and tests/test_ui_robust.py. The App must be strict (the default), so that an exception
reaches the caller instead of the "Something went wrong" dialog.
"""
from __future__ import annotations

import random

import pygame

from game.campaign import CampaignError, load_campaign_text
from game.ui import flow
from game.ui.synth import key_event


def play_in_window(app, text: str, name: str, seed: int, turns: int = 3) -> None:
    """A few turns of a campaign in the headless window, drawing every scene on the way (exceptions propagate)."""
    campaign = load_campaign_text(text, f"{name}.yaml")
    app.session = None
    app.team = ""            # the team's name asked and left empty: straight into the game
    app.reset_to_title()
    app.render(force=True)
    if not flow.start_campaign(app, campaign, seed):
        raise CampaignError([])
    app.render(force=True)
    flow.begin_play(app)
    for _ in range(turns):
        app.render(force=True)
        flow.end_turn(app)
        app.presented()          # as the loop does once the report is on screen: the autosave
        while app.scene.name != "play" and len(app.stack) > 1 and not app.session.over:
            app.render(force=True)
            app.pop()
        if app.session.over:
            break
    app.render(force=True)


KEY_NAMES = ["RETURN", "RETURN", "ESCAPE", "TAB", "UP", "DOWN", "LEFT", "RIGHT", "SPACE", "PAGEUP", "PAGEDOWN", "HOME",
         "END", "BACKSPACE", "F1", "F2", "F5", "F11", "p", "r", "w", "c", "h", "t", "l", "e", "s", "o", "q", "y", "n",
         "1", "2", "3", "4", "5", "KP_ENTER", "a"]


def random_event(rng: random.Random, app):
    """One plausible input event for the current scene: keys, clicks on its targets, motion, wheel, text, resizes."""
    w, h = app.screen.get_size()
    roll = rng.random()
    if roll < 0.35:
        key = getattr(pygame, f"K_{rng.choice(KEY_NAMES)}")
        mod = rng.choice([0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL])
        return key_event(key, mod, rng.choice(["", "a", "s", "1"]))
    if roll < 0.55:   # click a real target of the current scene, or anywhere
        targets = list(app.scene.targets().values())
        pos = rng.choice(targets).center if targets and rng.random() < 0.7 else (rng.randrange(w), rng.randrange(h))
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice([1, 1, 1, 2, 3]))
    if roll < 0.75:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=(rng.randrange(w), rng.randrange(h)), rel=(1, 1),
                                  buttons=(0, 0, 0))
    if roll < 0.83:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False)
    if roll < 0.88:
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(["a", "Z", "7", " ", "_", "/", "é", "ß", "\x00"]))
    if roll < 0.91:
        size = (rng.randrange(600, 2600), rng.randrange(400, 1500))
        return pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
    if roll < 0.93:
        return pygame.event.Event(pygame.WINDOWSIZECHANGED, x=w, y=h)
    if roll < 0.95:
        return pygame.event.Event(pygame.QUIT)
    return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(rng.randrange(w), rng.randrange(h)), button=1)


def random_input(app, seed: int, count: int):
    """`count` random events, a frame drawn after each; yields a description of each exception and goes on."""
    rng = random.Random(seed)
    for i in range(count):
        try:
            app.handle(random_event(rng, app))
            app.running = True            # a random QUIT may be confirmed: keep going
            app.tick(0.05)
            app.render()
            app.presented()               # as the loop does: the autosave and what else waited for the frame
        except Exception as error:  # noqa: BLE001 - what the monkey is looking for
            yield f"event {i} of seed {seed} in scene {app.scene.name}: {type(error).__name__}: {error}"
            app.reset_to_title()
