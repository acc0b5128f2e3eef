"""`render_bench`: frame times of the window over a scripted session, headless (SDL dummy driver, software).

Every frame handles that frame's scripted input, advances the clock and redraws the WHOLE screen (forced, so the
figure is the worst case: the real loop skips frames where nothing changed). The script switches overlays, selects
allies, hovers the map, gives orders, ends turns (through the confirm dialog, the event dialogs and the turn
report), reopens a report, scrolls it, and starts over when a campaign ends.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time

import pygame

from game.settings import Settings
from game.ui import flow
from game.ui.app import App


def _script(app, frame: int) -> list:
    """The input events of one frame of the scripted session."""
    def key(k, mod=0):
        return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="")

    scene = app.scene.name
    if scene == "title":
        return [key(pygame.K_DOWN)] if frame % 7 == 1 else [key(pygame.K_RETURN)] if frame % 7 == 3 else []
    if scene in ("briefing", "confirm", "event", "message"):
        return [key(pygame.K_RETURN)] if frame % 4 == 0 else []
    if scene == "end":
        return [key(pygame.K_RETURN)] if frame % 6 == 0 else []
    if scene == "report":
        step = frame % 12
        return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False)] if step < 8 else \
            [key(pygame.K_RETURN)] if step == 11 else []
    if scene != "play":
        return [key(pygame.K_ESCAPE)]
    step = frame % 60
    panes = getattr(app.scene, "panes", [])
    if panes and step % 2 == 0:     # hover across the map
        r = panes[(frame // 60) % len(panes)].rect
        x = r.x + (frame * 37) % r.w
        y = r.y + (frame * 53) % r.h
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(1, 1), buttons=(0, 0, 0))]
    actions = {1: key(pygame.K_1 + (frame // 60) % 5), 3: key(pygame.K_TAB), 5: key(pygame.K_p),
               7: key(pygame.K_TAB), 9: key(pygame.K_r), 11: key(pygame.K_TAB, pygame.KMOD_SHIFT),
               13: key(pygame.K_w), 15: key(pygame.K_h), 17: key(pygame.K_DOWN), 19: key(pygame.K_c),
               21: key(pygame.K_l), 31: key(pygame.K_3), 35: key(pygame.K_TAB),
               41: key(pygame.K_RETURN)}
    return [actions[step]] if step in actions else []


def render_bench(frames: int = 600, size: tuple[int, int] = (1920, 1080)) -> dict:
    """Median and 99th-percentile frame time (ms) over `frames` frames at `size`, headless."""
    saved_env = {k: os.environ.get(k) for k in ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER", "FAIRSHARE_HOME")}
    own_display = not pygame.display.get_init()
    if own_display:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    with tempfile.TemporaryDirectory() as home:
        os.environ["FAIRSHARE_HOME"] = home
        try:
            pygame.init()
            app = App(size=size, settings=Settings())
            flow.start_campaign(app, "europe_2024", 1)
            for _ in range(30):         # warm-up: fonts, map projection, first renders
                app.render(force=True)
            times = []
            for frame in range(frames):
                t0 = time.perf_counter()
                for event in _script(app, frame):
                    app.handle(event)
                app.tick(1 / 60)
                app.render(force=True)
                pygame.display.flip()
                times.append((time.perf_counter() - t0) * 1000.0)
        finally:
            if own_display:
                pygame.quit()
            for k, v in saved_env.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return {"frames": len(times), "median_ms": round(statistics.median(times), 3), "p99_ms": round(p99, 3),
            "size": tuple(size)}
