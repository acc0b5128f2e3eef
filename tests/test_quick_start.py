"""Issue 14, start-up and the window at rest: the title draws its cards from a cache keyed by file hash and parses
only the campaign it shows; no campaign is parsed twice; the idle loop sleeps; a hover that moves only the tooltip
redraws only the tooltip, and the frame it gives is the frame a full redraw gives."""
from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from game import catalog
from game.catalog import Card, find_campaign, list_campaigns
from game.ui import flow, window

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def parses(monkeypatch):
    """Every campaign file the catalog parses, by name, from an empty parse cache."""
    monkeypatch.setattr(catalog, "_PARSED", {})
    seen: list[str] = []
    real = catalog.load_campaign_text

    def counted(data, filename):
        seen.append(Path(filename).name)
        return real(data, filename)
    monkeypatch.setattr(catalog, "load_campaign_text", counted)
    return seen


def test_the_second_start_draws_every_card_from_the_cache(parses, tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    first = [(e.id, e.card) for e in list_campaigns()]
    shipped = len(list((REPO / "campaigns").glob("*.yaml")))
    assert len(parses) == shipped and (tmp_path / "cache" / "cards.json").is_file()
    monkeypatch.setattr(catalog, "_PARSED", {})      # a new process: only the card cache is left
    parses.clear()
    again = list_campaigns()
    assert [(e.id, e.card) for e in again] == first and parses == []
    tutorial = next(e for e in again if e.id == "tutorial")
    assert tutorial.campaign.id == "tutorial" and parses == ["tutorial.yaml"]   # parsed when first shown
    assert Card.of(tutorial.campaign) == tutorial.card


def test_a_changed_file_gets_a_fresh_card(parses, tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    mine = tmp_path / "campaigns"
    mine.mkdir()
    shutil.copy(REPO / "campaigns" / "tutorial.yaml", mine / "mine.yaml")
    list_campaigns()
    text = (mine / "mine.yaml").read_text(encoding="utf-8")
    (mine / "mine.yaml").write_text(text.replace("id: tutorial", "id: mine", 1), encoding="utf-8")
    monkeypatch.setattr(catalog, "_PARSED", {})
    parses.clear()
    entry = [e for e in list_campaigns() if not e.shipped][0]
    assert entry.id == "mine" and parses == ["mine.yaml"]


def test_a_campaign_is_parsed_once_while_its_file_is_unchanged(parses):
    assert find_campaign("europe_2024") is find_campaign("europe_2024")
    assert parses == ["europe_2024.yaml"]


def test_playing_a_campaign_from_the_title_parses_it_once(parses, app):
    app.scene.entries[app.scene.selected].campaign      # the title shows the selected campaign's details
    flow.start_campaign(app, "tutorial", 1)
    assert parses.count("tutorial.yaml") == 1


def test_a_hover_inside_one_country_redraws_only_the_tooltip(app):
    flow.start_campaign(app, "europe_2024", 1)
    while app.scene.name != "play":
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
    pane = app.scene.panes[0]
    inside = [(x, y) for x in range(pane.rect.x, pane.rect.right, 6) for y in range(pane.rect.y, pane.rect.bottom, 6)
              if app.mapview.country_at(app.scene.panes, (x, y)) == app.mapview.country_at(app.scene.panes, (x + 3, y))
              and app.mapview.country_at(app.scene.panes, (x, y)) is not None]
    x, y = inside[len(inside) // 2]
    motion = [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 0), buttons=(0, 0, 0)) for pos in
              ((x, y), (x + 3, y))]
    app.handle(motion[0])
    assert app.render() and app.updated is None          # the pointer entered a country: a full frame
    app.handle(motion[1])
    assert not app.dirty and app.overlay_dirty
    assert app.render() and app.updated and all(r.w < app.screen.get_width() for r in app.updated)
    partial = pygame.image.tobytes(app.screen, "RGB")
    app.render(force=True)
    assert pygame.image.tobytes(app.screen, "RGB") == partial


def test_the_idle_loop_sleeps_and_wakes_at_most_100_times_a_second(app, monkeypatch):
    app.render()
    naps = []

    def nap(seconds):
        naps.append(seconds)
        if len(naps) == 5:
            app.running = False
    monkeypatch.setattr(window.time, "sleep", nap)
    monkeypatch.setattr(pygame.event, "wait", lambda *a: pytest.fail("the idle loop must not use event.wait"))
    window.loop(app)
    assert len(naps) == 5 and min(naps) >= 1 / 100
