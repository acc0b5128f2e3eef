"""The window: resizing, fullscreen, every scene rendered to a PNG, layouts without overlaps, pure draws, the
theatre switch, and modules that import without a display."""
from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

from game.ui import flow  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.shots import render_all, scripted_game, set_orders  # noqa: E402
from game.ui.synth import Driver, key_event  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SCENES = {"title", "briefing", "play", "play_trust", "play_spending", "play_hedging", "report", "event", "save_as",
          "quit", "message", "seed", "inject", "team", "reload", "help", "settings", "load", "end", "whatif",
          "projector"}
CONTAINERS = {"news"}       # buttons that are panels holding text, never overlapping other buttons anyway


def distinct_colours(path: Path) -> int:
    pixels = pygame.surfarray.array3d(pygame.image.load(str(path))).reshape(-1, 3)
    return len(np.unique(pixels[::7], axis=0))


def overlaps(scene) -> list[tuple[str, str]]:
    """Pairs of clickable targets that overlap (a row's own arrows excepted), and targets off screen."""
    targets = {k: v for k, v in scene.targets().items() if k not in CONTAINERS and not k.startswith("row:")}
    screen = scene.app.screen.get_rect()
    bad = [(a, b) for (a, ra), (b, rb) in itertools.combinations(targets.items(), 2) if ra.colliderect(rb)]
    bad += [(a, "off screen") for a, r in targets.items() if not screen.contains(r)
            and not a.startswith(("campaign:", "save:"))]
    return bad


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_scene_renders_to_a_png(home, tmp_path, size):
    shots = render_all(tmp_path / "shots", size)
    assert set(shots) == SCENES
    for name, path in shots.items():
        assert path.stat().st_size > 5_000, name
        assert distinct_colours(path) >= 40, name


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (2560, 1440)])
@pytest.mark.parametrize("text_scale", [1.0, 1.5])
def test_no_buttons_overlap_on_any_screen(home, size, text_scale):
    from dataclasses import replace

    from game.settings import Settings
    app = App(size=size, settings=replace(Settings(), text_scale=text_scale))
    seen = []

    def check():
        app.render(force=True)
        seen.append(app.scene.name)
        assert overlaps(app.scene) == [], app.scene.name
    check()
    for key in (pygame.K_o, pygame.K_F1, pygame.K_l):
        app.handle(key_event(key))
        check()
        app.handle(key_event(pygame.K_ESCAPE))
    scripted_game(app, "europe_2024", turns=2)
    check()
    for push in ("report", "save", "help", "settings"):
        app.scene.on_button(push)
        check()
        app.handle(key_event(pygame.K_ESCAPE))
    app.handle(key_event(pygame.K_RETURN))
    check()
    while not app.session.over:
        flow.end_turn(app)
    app.reset_to_title(resume=False)
    from game.ui.report.debrief import EndScene
    app.push(EndScene(app))
    check()
    assert {"title", "settings", "help", "load", "play", "report", "save_as", "confirm", "end"} <= set(seen)


def test_window_resize_and_fullscreen_toggle(home):
    app = App(size=(1600, 900))
    drive = Driver(app)
    scripted_game(app, "tutorial", turns=1)
    for size in ((1280, 720), (1920, 1080)):
        drive.send(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        assert app.screen.get_size() == size
        assert app.ink.theme.size == size
        assert overlaps(app.scene) == []
        assert app.scene.L.right.right <= size[0] and app.scene.L.bottom.bottom <= size[1]
    drive.press(pygame.K_F11)
    assert app.fullscreen and app.settings.fullscreen
    assert app.screen.get_size() == tuple(pygame.display.get_desktop_sizes()[0])
    assert overlaps(app.scene) == []
    drive.press(pygame.K_F11)
    assert not app.fullscreen and app.screen.get_size() == (1920, 1080)
    drive.send(pygame.event.Event(pygame.VIDEORESIZE, size=(300, 200), w=300, h=200))
    assert app.screen.get_size() == (960, 540)               # never smaller than the layout can hold
    app.render(force=True)


def test_draw_changes_nothing(home):
    app = App(size=(1280, 720))
    session = scripted_game(app, "europe_2024", turns=3)
    set_orders(app, {"poland": "withdraw", "spain": "reassure"})
    from game.ui.report.debrief import EndScene
    from game.ui.report.scene import ReportScene

    def snapshot():
        s = session.state
        return (session.to_save(), session.pending.copy(), len(session.history), len(session.reports),
                {k: v.copy() for k, v in vars(s).items() if isinstance(v, np.ndarray)},
                [(sc.name, len(sc.buttons), getattr(sc, "selected", None)) for sc in app.stack])

    def same(a, b):
        assert a[0] == b[0] and np.array_equal(a[1], b[1]) and a[2:4] == b[2:4] and a[5] == b[5]
        assert all(np.array_equal(a[4][k], b[4][k]) for k in a[4])

    for push in (None, ReportScene(app, 1), EndScene(app)):
        if push is not None:
            app.push(push)
        before = snapshot()
        for _ in range(3):
            app.render(force=True)
        same(before, snapshot())


def test_theatre_switch_with_two_theatres(home):
    doc = yaml.safe_load((REPO / "campaigns" / "tutorial.yaml").read_text(encoding="utf-8"))
    doc["id"], doc["name"] = "two_theatres", "Two theatres"
    doc["adversaries"].append({"id": "china", "name": "China", "country": "CHN", "theatre": "indo_pacific",
                               "capability": 317.6, "growth": 0.05, "revisionism": 0.55})
    japan = dict(doc["allies"][2], id="japan", name="Japan", country="JPN", theatre="indo_pacific",
                 adversary="china")
    doc["allies"].append(japan)
    folder = home / "campaigns"
    folder.mkdir()
    (folder / "two_theatres.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    app = App(size=(1920, 1080))
    app.team = ""                    # asked and left empty: Enter goes straight from the briefing into the game
    drive = Driver(app)
    assert flow.start_campaign(app, "two_theatres", 5)
    drive.press(pygame.K_RETURN)
    play = drive.scene
    assert play.name == "play" and "theatre" in play.targets()
    assert [p.theatre for p in play.panes] == ["europe", "indo_pacific"]
    drive.press(pygame.K_t)
    assert [p.theatre for p in play.panes] == ["europe"]
    drive.click("theatre")
    assert [p.theatre for p in play.panes] == ["indo_pacific"]
    drive.click_at(app.mapview.anchor(play.panes[0], "JPN"))
    assert app.session.campaign.allies[play.selected].id == "japan"
    drive.press(pygame.K_t)
    assert len(play.panes) == 2


def test_indo_pacific_hover_shows_a_tooltip(home, tmp_path):
    app = App(size=(1920, 1080))
    app.team = ""                    # as above
    drive = Driver(app)
    flow.start_campaign(app, "indo_pacific_2024", 2)
    drive.press(pygame.K_RETURN)
    play = drive.scene
    pos = app.mapview.anchor(play.panes[0], "JPN")
    drive.send(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    assert play.hover_map == ("indo_pacific", "JPN")
    app.render(force=True)
    pygame.image.save(app.screen, str(tmp_path / "indo_pacific.png"))
    assert distinct_colours(tmp_path / "indo_pacific.png") >= 40


def test_ui_modules_import_without_a_display():
    code = ("import game.ui.app, game.ui.render_bench, game.ui.shots, game.ui.play.scene, game.ui.report.scene, "
            "game.ui.title.scene, game.ui.map.view, game.ui.theme; import pygame; "
            "assert not pygame.display.get_init(); print('ok')")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_")}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")
