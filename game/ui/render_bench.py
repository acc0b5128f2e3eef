"""`render_figures`: the window's frame times, each labelled for what it forces, for `fairshare bench`.

- full redraw: every frame redraws the WHOLE play screen and presents it with flip (the worst case; the real loop
  skips frames where nothing changed);
- hover: the pointer sweeps the map a few pixels a frame through the real loop's render and present, so a move
  inside one country re-blits the cached frame under the tooltip and presents only those rectangles;
- End turn to report on screen: the turn resolved, the report drawn and presented; then, apart, the autosave the
  loop writes once that frame is on screen;
- idle: how often the real loop wakes up when nothing happens;
- start-up to the first frame of the title, in a fresh interpreter.

The video driver is SDL's dummy one unless SDL_VIDEODRIVER says otherwise (run under Xvfb with
SDL_VIDEODRIVER=x11 to include a real present); each figure names the driver it ran on. The window's SDL hints
(game.ui.window.DISPLAY_HINTS) are set as `python main.py` sets them.
"""
from __future__ import annotations

import os
import tempfile
import threading
import time

import pygame

from game.analysis.bench import Figure, percentile, run_child
from game.settings import Settings
from game.ui import flow
from game.ui.app import App
from game.ui.report import whatif_job
from game.ui.window import DISPLAY_HINTS, display_hints, loop, present

SIZE = (1920, 1080)

# The title's first frame as `python main.py` reaches it (game.cli, then game.ui.window.run up to its loop's first
# present); prints the time.
FIRST_FRAME_CHILD = """
import time
import game.cli
from game.ui import window
window.display_hints()
window.pygame.display.init()
window.pygame.font.init()
app = window.App(strict=False)
app.render()
window.present(app)
print(time.time())
"""


def _key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def _back_to_play(app: App) -> None:
    """Dismiss the report, its event dialogs and the end-of-game screens until the play screen is on top."""
    for _ in range(40):
        if app.scene.name == "play" and not app.session.over:
            return
        if app.session.over:
            if whatif_job.PREFETCH:     # the player reads the end screen while the what-if is worked out (~1 s)
                whatif_job.start(app.session).result()
            # a new seed each game, so the report's sentences are new text as in play (not cached lines)
            flow.start_campaign(app, "europe_2024", app.session.seed + 1)
            continue
        app.handle(_key(pygame.K_RETURN))


def _full_redraw(app: App, frames: int) -> list[float]:
    times = []
    panes = app.scene.panes
    for frame in range(frames):
        r = panes[frame % len(panes)].rect
        t = time.perf_counter()
        app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(r.x + (frame * 37) % r.w, r.y + (frame * 53) % r.h),
                                      rel=(1, 1), buttons=(0, 0, 0)))
        app.render(force=True)
        pygame.display.flip()
        times.append((time.perf_counter() - t) * 1e3)
    return times


def _hover(app: App, frames: int) -> tuple[list[float], int, int]:
    """Frame times of a sweep across the map, 4 px a frame; how many frames redrew the whole screen, and how many
    showed a tooltip."""
    times, full, shown = [], 0, 0
    r = app.scene.panes[0].rect
    app.render(force=True)
    for frame in range(frames):
        x = r.x + 10 + (frame * 4) % max(r.w - 20, 1)
        y = r.y + r.h // 3 + (frame * 4 // max(r.w - 20, 1) * 40) % max(r.h // 2, 1)
        t = time.perf_counter()
        app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(4, 0), buttons=(0, 0, 0)))
        app.tick(1 / 60)
        if app.render():
            full += app.updated is None
            present(app)
        times.append((time.perf_counter() - t) * 1e3)
        shown += app.scene.hover_map is not None
    return times, full, shown


def _end_turn(app: App, turns: int) -> tuple[list[float], list[float]]:
    """Milliseconds from End turn to the report presented, and of the work that then waited for it (the autosave)."""
    shown, after = [], []
    for _ in range(turns):
        _back_to_play(app)
        t = time.perf_counter()
        flow.end_turn(app)
        app.render()
        present(app)
        t_shown = time.perf_counter()
        app.presented()
        shown.append((t_shown - t) * 1e3)
        after.append((time.perf_counter() - t_shown) * 1e3)
    return shown, after


def _idle_wakeups(app: App, seconds: float = 2.0) -> float:
    """Wake-ups a second of the real loop with nothing happening (each look at the event queue is one)."""
    _back_to_play(app)
    app.render(force=True)
    looks = [0]
    real_get = pygame.event.get

    def counted(*args, **kwargs):
        looks[0] += 1
        return real_get(*args, **kwargs)
    pygame.event.get = counted
    stop = threading.Timer(seconds, lambda: setattr(app, "running", False))
    try:
        stop.start()
        loop(app)
    finally:
        pygame.event.get = real_get
        stop.cancel()
        app.running = True
    return looks[0] / seconds


def first_frame(repeats: int = 5) -> Figure:
    """Seconds from starting the interpreter to the title's first frame presented."""
    samples = []
    for _ in range(repeats):
        started = time.time()
        _, _, out = run_child(["-c", FIRST_FRAME_CHILD])
        samples.append(float(out.strip().splitlines()[-1]) - started)
    return Figure(f"start-up to the title's first frame (driver {os.environ.get('SDL_VIDEODRIVER', 'default')})",
                  "s", tuple(samples))


def render_figures(frames: int = 600, turns: int = 60, size: tuple[int, int] = SIZE) -> list[Figure]:
    """The window's figures at `size` on europe_2024 (seed 1), in a throwaway user folder."""
    saved_env = {k: os.environ.get(k) for k in ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER", "FAIRSHARE_HOME", *DISPLAY_HINTS)}
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    display_hints()
    figures = []
    with tempfile.TemporaryDirectory() as home:
        os.environ["FAIRSHARE_HOME"] = home
        try:
            figures.append(first_frame())
            pygame.display.init()
            pygame.font.init()
            driver = pygame.display.get_driver()
            app = App(size=size, settings=Settings())
            app.team = ""       # asked and left empty: Enter from the briefing goes straight into the game
            flow.start_campaign(app, "europe_2024", 1)
            _back_to_play(app)
            for _ in range(30):         # warm-up: fonts, map projection, first renders
                app.render(force=True)
                app.presented()         # as the loop does after each present (the title's deferred loading)
            where = f"{size[0]}x{size[1]}, driver {driver}"
            full = _full_redraw(app, frames)
            figures.append(Figure(f"render, forced full redraw + flip each frame ({where})", "ms", tuple(full),
                                  f"p95 {percentile(full, 95):.2f} ms, p99 {percentile(full, 99):.2f} ms"))
            hover, redrawn, shown = _hover(app, frames)
            figures.append(Figure(f"hover across the map, the real loop's render and present ({where})", "ms",
                                  tuple(hover), f"p95 {percentile(hover, 95):.2f} ms; a tooltip in {shown} of "
                                                f"{frames} frames, {redrawn} redrew the whole screen (the pointer "
                                                "entered another country)"))
            ends, saves = _end_turn(app, turns)
            figures.append(Figure(f"End turn to report on screen ({where})", "ms", tuple(ends),
                                  f"p95 {percentile(ends, 95):.2f} ms"))
            figures.append(Figure(f"then the autosave, once the report is on screen ({where})", "ms", tuple(saves),
                                  f"p95 {percentile(saves, 95):.2f} ms; the toast 'Autosaved' is the next frame"))
            figures.append(Figure(f"idle wake-ups of the real loop ({driver})", "per second",
                                  (_idle_wakeups(app),)))
        finally:
            pygame.quit()
            for k, v in saved_env.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    return figures
