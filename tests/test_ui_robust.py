"""Thousands of random input events across every scene, with a fixed seed: no exception, ever."""
from __future__ import annotations

import os
import random

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui.app import App  # noqa: E402
from tools.monkey import random_event  # noqa: E402


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
            app.presented()                 # each pass of the loop ends so: the autosave waits for no more
        app.render(force=True)
        assert {"title", "play", "briefing"} <= seen, seen
    finally:
        pygame.quit()
