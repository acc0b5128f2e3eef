"""Hot reload: a watched campaign file, edited while it is played. A valid edit rebuilds the game by replaying its
command log on the new version; a broken one leaves the old game untouched and shows every positioned problem.
Driven headless, through the App as the window runs it (tick, handle, render)."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.authoring.live import Broken, Reloaded, Watch, file_watch, folder_watch, reload_session
from game.campaign import load_campaign
from game.sim.session import EndTurn, Session, SetOrder
from game.ui import flow
from game.ui.synth import key_event

REPO = Path(__file__).resolve().parents[1]


def touch(path: Path, text: str) -> None:
    """Write and move the modification time on, so a change shows even on a coarse-clock file system."""
    path.write_text(text, encoding="utf-8")
    stamp = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def europe(tmp_path) -> Path:
    path = tmp_path / "europe_2024.yaml"
    shutil.copy(REPO / "campaigns" / "europe_2024.yaml", path)
    return path


def played(path: Path, turns: int, seed: int = 7) -> Session:
    session = Session(load_campaign(path), seed)
    for t in range(turns):
        session.execute(SetOrder("poland", "pressure" if t % 2 else "reassure"))
        session.execute(SetOrder("spain", "pressure"))
        session.execute(EndTurn())
    return session


def test_a_watch_sees_each_change_once_and_only_after_its_interval(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("a", encoding="utf-8")
    watch = file_watch(path, interval=0.5)
    assert not watch.poll(1.0)                    # nothing changed yet
    touch(path, "ab")
    assert not watch.poll(0.2)                    # not polled before its interval
    assert watch.poll(0.4)
    assert not watch.poll(1.0)                    # the same change is not reported twice
    path.unlink()
    assert watch.poll(1.0)                        # a deletion is a change too
    counter = iter(range(100))
    assert Watch(lambda: next(counter), 0).poll(0)


def test_a_folder_watch_sees_a_campaign_added(tmp_path):
    watch = folder_watch([tmp_path / "missing", tmp_path])
    assert not watch.poll(2)
    (tmp_path / "new.yaml").write_text("id: x", encoding="utf-8")
    assert watch.poll(2)


def test_a_valid_edit_replays_the_log_on_the_new_version(europe):
    old = played(europe, 4)
    touch(europe, europe.read_text(encoding="utf-8").replace("gdp: 811.2", "gdp: 1500.0"))
    result = reload_session(old)
    assert isinstance(result, Reloaded) and (result.turns, result.dropped, result.cut) == (4, 0, 0)
    new = result.session
    assert new.log == old.log and new.seed == old.seed and new.state.turn == 4
    poland = new.campaign.ally_index("poland")
    assert new.campaign.allies[poland].gdp == 1500.0 and old.campaign.allies[poland].gdp == 811.2
    # the same commands on the new figures: the same as a game played from the start on the edited file
    again = played(europe, 4)
    assert np.array_equal(new.state.spending, again.state.spending)
    assert not np.array_equal(new.state.spending, old.state.spending)


def test_an_unchanged_file_replays_to_the_identical_game(europe):
    old = played(europe, 3)
    new = reload_session(old).session
    for name in ("spending", "trust", "hedging", "presence"):
        assert np.array_equal(getattr(new.state, name), getattr(old.state, name)), name


def test_a_broken_edit_gives_every_positioned_problem_and_leaves_the_old_game_alone(europe):
    old = played(europe, 2)
    before = (list(old.log), len(old.history), old.state.spending.copy(), old.campaign)
    text = europe.read_text(encoding="utf-8")
    touch(europe, text.replace("trust: 0.7 ", "trust: 1.7 ", 1).replace("ceiling: 4.5", "ceiling: lots", 1))
    result = reload_session(old)
    assert isinstance(result, Broken) and len(result.problems) == 2
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if "trust: 0.7 " in line) + 1
    assert (result.problems[0].line, result.problems[0].message) == (first, "trust must be between 0 and 1, got 1.7")
    assert all(p.line > 1 and p.col > 1 for p in result.problems)
    assert (list(old.log), len(old.history), old.campaign) == (before[0], before[1], before[3])
    assert np.array_equal(old.state.spending, before[2])


def test_orders_the_new_version_cannot_take_are_dropped_and_extra_turns_cut(europe):
    old = played(europe, 5)
    text = europe.read_text(encoding="utf-8")
    start = text.index("  - id: spain")
    end = text.index("\n\n", start)
    text = (text[:start] + text[end + 2:]).replace("turns: 12", "turns: 3").replace("turn: 6 ", "turn: 3 ")
    touch(europe, text.replace("      - {target: spain, var: alignment, add: -0.03}\n", ""))
    result = reload_session(old)
    assert isinstance(result, Reloaded), result
    assert result.session.over and result.turns == 3 and result.cut == 2
    assert result.dropped == 3                    # spain's orders of the three turns that were replayed


# --------------------------------------------------------------------------------------------- in the window


def in_play(app, path: Path, turns: int):
    flow.start_campaign(app, str(path), 7)
    flow.begin_play(app)
    for t in range(turns):
        app.session.execute(SetOrder("poland", "pressure"))
        flow.end_turn(app)
        flow.begin_play(app)
    app.toasts.clear()
    return app.session


def test_the_window_rebuilds_the_game_on_a_saved_edit_and_says_so(app, europe):
    old = in_play(app, europe, 10)
    app.tick(1.0)
    assert app.session is old                     # nothing changed: nothing reloaded
    touch(europe, europe.read_text(encoding="utf-8").replace("spending: 1.28", "spending: 1.9"))
    app.tick(1.0)
    assert app.session is not old and app.session.state.turn == 10 and app.session.log == old.log
    assert app.scene.name == "play" and app.toasts and "Reloaded europe_2024.yaml: 10 turns replayed" in \
        app.toasts[0][0]
    assert app.hot_reload.seconds < 2.0           # the target is 0.5 s; loose here for a busy test machine
    app.render(force=True)


def test_the_window_shows_a_broken_edit_over_the_old_game_which_goes_on(app, europe, tmp_path):
    old = in_play(app, europe, 2)
    text = europe.read_text(encoding="utf-8")
    touch(europe, text.replace("threat: 0.85", "threat: high", 1))
    app.tick(1.0)
    assert app.session is old and app.hot_reload.broken is not None
    problem = app.hot_reload.broken.problems[0]
    assert str(problem).startswith(f"{europe}:{text[:text.index('threat: 0.85')].count(chr(10)) + 1}:13: error:")
    assert app.render(force=True)
    pygame.image.save(app.screen, str(tmp_path / "broken.png"))
    app.session.execute(SetOrder("estonia", "reassure"))   # the old game is still played
    flow.end_turn(app)
    assert old.state.turn == 3
    touch(europe, text)                           # fixed: reloaded, the overlay goes
    app.tick(1.0)
    assert app.hot_reload.broken is None and app.session is not old and app.session.state.turn == 3


def test_f5_reloads_at_once_and_a_click_hides_the_overlay(app, europe):
    old = in_play(app, europe, 1)
    app.handle(key_event(pygame.K_F5))
    assert app.session is not old and app.session.log == old.log
    touch(europe, "id: [")
    app.handle(key_event(pygame.K_F5))
    assert app.hot_reload.broken and "YAML syntax error" in app.hot_reload.broken.problems[0].message
    centre = app.hot_reload._rect().center
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=centre))
    assert app.hot_reload.hidden


def test_the_title_lists_a_campaign_added_to_the_user_folder(app, tmp_path):
    listed = len(app.scene.entries)
    folder = tmp_path / "campaigns"
    folder.mkdir(exist_ok=True)
    shutil.copy(REPO / "campaigns" / "tutorial.yaml", folder / "my_tutorial.yaml")
    app.tick(1.5)
    assert app.scene.name == "title" and len(app.scene.entries) == listed + 1
    assert any(not e.shipped for e in app.scene.entries)


def test_a_reload_on_the_briefing_shows_the_new_briefing(app, europe):
    flow.start_campaign(app, str(europe), 7)
    assert app.scene.name == "briefing"
    app.tick(1.0)
    touch(europe, europe.read_text(encoding="utf-8").replace("It is the first half of 2024.", "It is mid-2024."))
    app.tick(1.0)
    assert app.scene.name == "briefing" and "It is mid-2024." in app.session.campaign.briefing
