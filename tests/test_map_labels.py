"""Issue 21, the map at the projector sizes: labels that stay on their own country, every ally labelled or left out
with a reason, a map as large as the panels around it allow, and the adviser's pick always marked.

The label checks here use their own geometry (ray casting on the outlines, distances to their edges), not the
game's, so that they judge the placement rather than repeat it."""
from __future__ import annotations

import math

import pygame
import pytest

from game.settings import Settings
from game.ui import flow
from game.ui.app import App
from game.ui.map.labels import place_labels
from game.ui.shots import scripted_game


def shown_like_the_shots(size, scale, campaign) -> App:
    """The play screen as the screenshots show it (and as the instructor saw it): five turns played, the fifth ally
    selected, Congress invoked and three orders pending."""
    app = App(size=size, settings=Settings(text_scale=scale, window_size=size))
    scripted_game(app, campaign, turns=5)
    ids = [a.id for a in app.session.campaign.allies]
    app.scene.select(min(4, len(ids) - 1))
    app.render(force=True)
    return app


def inside(point, rings) -> bool:
    x, y = point
    hit = False
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1]):
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                hit = not hit
    return hit


def gap(point, rings) -> float:
    best = math.inf
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1]):
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((point[0] - ax) * dx + (point[1] - ay) * dy) / max(dx * dx + dy * dy, 1e-12)))
            best = min(best, math.hypot(ax + t * dx - point[0], ay + t * dy - point[1]))
    return best


def labels_on_screen(app: App):
    """Per shown map: the labels as placed on it, the outlines, and the allies and adversaries of the campaign."""
    scene, mv = app.scene, app.mapview
    for pane in scene.panes:
        paint = scene.paint_for(pane.theatre)
        polys = mv.projected(pane.theatre, pane.rect.size)
        placed = place_labels(scene.dense, pygame.Surface(pane.rect.size, pygame.SRCALPHA), mv.theatres[pane.theatre],
                              polys, paint.labels)
        yield pane, paint, polys, getattr(placed, "drawn", placed), getattr(placed, "left_out", {})


CASES = [((1280, 720), 1.5, "europe_2024"), ((1920, 1080), 1.3, "europe_2024"), ((1280, 720), 1.3, "global_2024"),
         ((1920, 1080), 1.0, "europe_2024"), ((1024, 768), 1.3, "global_2024")]


@pytest.mark.parametrize("size,scale,campaign", CASES)
def test_every_label_sits_on_its_own_country_or_the_sea_nearest_it(home, size, scale, campaign):
    """At 1280x720 150 % "Germany 0.65" sat under Italy and "Italy" over Germany; at 1920x1080 130 % "Germany 0.65"
    on Great Britain; global_2024 at 1280x720 130 % printed "Poland" over Scandinavia."""
    app = shown_like_the_shots(size, scale, campaign)
    for pane, paint, polys, drawn, _ in labels_on_screen(app):
        weighty = {lb.iso for lb in paint.labels if lb.kind != "other"}
        for iso, box in drawn.items():
            if iso not in weighty:
                continue
            centre = box.center
            on = [other for other, rings in polys.items() if inside(centre, rings)]
            if on:
                assert on == [iso] or iso in on and len(on) == 1, (pane.theatre, iso, "on", on, tuple(box))
                continue
            own = gap(centre, polys[iso])
            nearer = [other for other in weighty - {iso} if other in polys and gap(centre, polys[other]) <= own]
            assert not nearer, (pane.theatre, iso, "nearer to", nearer, tuple(box))


@pytest.mark.parametrize("size,scale,campaign", CASES)
def test_every_ally_on_the_map_has_a_label_or_a_reason(home, size, scale, campaign):
    """global_2024 at 1280x720 130 %, both theatres: no label for Germany, the UK, South Korea or the Philippines,
    and nothing said about it."""
    app = shown_like_the_shots(size, scale, campaign)
    for pane, _, polys, drawn, left_out in labels_on_screen(app):
        for ally in app.session.campaign.allies:
            if ally.country in polys:
                assert ally.country in drawn or left_out.get(ally.country), (pane.theatre, ally.name)


def test_the_issues_global_case_labels_every_ally_it_named(home):
    app = shown_like_the_shots((1280, 720), 1.3, "global_2024")
    assert len(app.scene.panes) == 2
    drawn = {iso for _, _, _, placed, _ in labels_on_screen(app) for iso in placed}
    assert {"DEU", "GBR", "KOR", "PHL", "POL"} <= drawn


@pytest.mark.parametrize("size,scale,before", [((1920, 1080), 1.3, 576), ((1280, 720), 1.5, 285),
                                               ((1024, 768), 1.3, 260), ((1920, 1080), 1.0, 639)])
def test_the_map_is_larger_than_it_was(home, size, scale, before):
    """At 1920x1080 130 % the map took 576 px of the width (under a third) and the legend and adversary column
    beside it 310 px (0.54 of the map's width). Main's widths are the floor; the legend column, where there is one,
    is a smaller share of the map's."""
    app = shown_like_the_shots(size, scale, "europe_2024")
    scene = app.scene
    width = sum(p.rect.w for p in scene.panes)
    assert width >= before * 1.08, width
    legend = scene.map_area.legend
    assert legend is None or legend.w < 0.54 * width


def test_the_advisers_pick_is_marked_at_130_percent_on_a_1008_pixel_high_window(home):
    """Poland, europe_2024, seed 42, a 1920x1008 window at 130 %: the adviser picks Reassure, and its button said
    nothing of it (the one-line buttons had no room for the mark)."""
    app = App(size=(1920, 1008), settings=Settings(text_scale=1.3, window_size=(1920, 1008)))
    app.team = ""
    flow.start_campaign(app, "europe_2024", 42)
    flow.begin_play(app)
    scene = app.scene
    scene.select([a.id for a in app.session.campaign.allies].index("poland"))
    assert scene.view()["advice"][0] == "reassure"
    app.ink.drawn = []
    try:
        scene.draw(app.screen)
        drawn = list(app.ink.drawn)
    finally:
        app.ink.drawn = None
    button = scene.button("order:reassure").rect
    on_button = [d.shown for d in drawn if button.contains(d.rect) and "adviser" in d.shown.lower()]
    above = [d.shown for d in drawn if d.shown.startswith("Adviser: Reassure")]
    assert on_button or above
