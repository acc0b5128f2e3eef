"""Thousands of random input events across every scene, with a fixed seed: no exception, ever."""
from __future__ import annotations

import os
import random

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.synth import key_event  # noqa: E402

KEYS = [pygame.K_RETURN, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT,
        pygame.K_RIGHT, pygame.K_SPACE, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END,
        pygame.K_BACKSPACE, pygame.K_F1, pygame.K_F2, pygame.K_F5, pygame.K_F11, pygame.K_p, pygame.K_r, pygame.K_w,
        pygame.K_c, pygame.K_h, pygame.K_t, pygame.K_l, pygame.K_e, pygame.K_s, pygame.K_o, pygame.K_q, pygame.K_y,
        pygame.K_n, pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_KP_ENTER, pygame.K_a]
MODS = [0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL]


def random_event(rng: random.Random, app: App):
    w, h = app.screen.get_size()
    roll = rng.random()
    if roll < 0.35:
        return key_event(rng.choice(KEYS), rng.choice(MODS), rng.choice(["", "a", "s", "1"]))
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
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(["a", "Z", "7", " ", "_", "/", "é", "ß"]))
    if roll < 0.91:
        size = (rng.randrange(600, 2600), rng.randrange(400, 1500))
        return pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
    if roll < 0.93:
        return pygame.event.Event(pygame.WINDOWSIZECHANGED, x=w, y=h)
    if roll < 0.95:
        return pygame.event.Event(pygame.QUIT)
    return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(rng.randrange(w), rng.randrange(h)), button=1)


@pytest.mark.parametrize("seed", [1, 2])
def test_thousands_of_random_events(tmp_path, monkeypatch, seed):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    pygame.init()
    try:
        rng = random.Random(seed)
        app = App(size=(1280, 720))
        seen = set()
        for i in range(2500):
            app.handle(random_event(rng, app))
            app.running = True              # a random QUIT may be confirmed: keep going
            app.tick(rng.choice([0.0, 1 / 60, 0.5]))
            seen.add(app.scene.name)
            if i % 4 == 0:
                app.render()
        app.render(force=True)
        assert {"title", "play", "briefing"} <= seen, seen
    finally:
        pygame.quit()
