"""Opening the window and running its event-driven loop.

    python main.py            -> run()                 (title screen)
    python main.py play X     -> run("X", seed)        (straight into a campaign)

Only `run()` initialises pygame's display; the App (game.ui.app) can be driven without this loop in tests.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import replace

import pygame

from game.ui import flow
from game.ui.app import App

# Idle: sleep this long between looks at the event queue (SDL's event.wait(timeout) polled ~900 times a second);
# at most 100 wake-ups a second, and an input waits 5 ms on average, well inside a frame.
IDLE_SLEEP = 0.010

# SDL hints, read from the environment when the display starts; a user's own setting wins.
DISPLAY_HINTS = {
    # Open centred on the display: never at a position left over from another, larger screen.
    "SDL_VIDEO_CENTERED": "1",
    # The game draws in software. SDL's default on X11 copies each frame into an OpenGL texture and presents that:
    # the whole frame every time, whatever rectangles were asked for. Measured under Xvfb at 1920x1080: 9.7 ms per
    # present even for a 1x1 update and 11.9 ms per flip, against 0.1 ms and 0.35 ms with the plain window surface,
    # which presents only the rectangles asked for (a tooltip's). Not measured on Windows, which keeps SDL's choice
    # (macOS and Wayland have no plain window surface in SDL 2: the hint changes nothing there).
    "SDL_FRAMEBUFFER_ACCELERATION": "0",
}
UNMEASURED = {"win32": ("SDL_FRAMEBUFFER_ACCELERATION",)}


def display_hints() -> None:
    for name, value in DISPLAY_HINTS.items():
        if name not in UNMEASURED.get(sys.platform, ()):
            os.environ.setdefault(name, value)


def present(app: App) -> None:
    """Put the frame `render` drew on screen: only its changed rectangles where it says which."""
    if app.updated is None:
        pygame.display.flip()
    else:
        pygame.display.update(app.updated)


def loop(app: App) -> int:
    clock = pygame.time.Clock()
    dt = 0.0
    pygame.key.stop_text_input()
    pygame.key.set_repeat(350, 40)
    while app.running:
        animating = app.tick(dt)
        events = pygame.event.get()
        if not (events or animating or app.dirty or app.overlay_dirty):
            time.sleep(IDLE_SLEEP)             # idle: see IDLE_SLEEP
        for event in events:
            app.handle(event)
            if not app.running:
                break
        if app.render():
            present(app)
        app.presented()     # also when nothing was drawn: deferred work never waits past this pass
        dt = clock.tick(app.settings.fps_cap if (animating or app.dirty) else 0) / 1000.0
        dt = min(dt, 0.25)
    return 0


def run(campaign: str | None = None, seed: int | None = None, facilitator: bool = False,
        team: str | None = None) -> int:
    """Open the window: the title screen, or straight into `campaign` (id or path), in facilitator mode if asked,
    for `team` (None: the window asks the team's name once). Returns the exit code."""
    display_hints()
    try:
        pygame.display.init()   # the game has no sound: no audio device is opened
        pygame.font.init()
        app = App(strict=False)
    except pygame.error as error:   # no screen (a remote shell, a server): say so rather than crash
        pygame.quit()
        print(f"fairshare: error: cannot open the game window ({error}). The command-line tools "
              "(validate, simulate, backtest) work without a screen.", file=sys.stderr)
        return 1
    try:
        app.seed, app.facilitator_forced, app.team = seed, facilitator, team
        if campaign is not None:
            flow.start_campaign(app, campaign, seed)
        code = loop(app)
        if not app.fullscreen:
            app.keep_settings(replace(app.settings, window_size=app.window_size, fullscreen=False))
        return code
    finally:
        app.presented()     # an autosave still waiting (the loop left by an exception) is written, never lost
        pygame.quit()
