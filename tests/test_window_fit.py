"""Issue 8, headless: every scene at 1024x768, 1280x720 and 1920x1080 times text 100, 130 and 150 % keeps its
values whole and its texts apart; map labels never collide; toasts never cover data; the map follows the
selected ally; the window fits the display."""
from __future__ import annotations

import itertools

import pygame
import pytest

from game.catalog import find_campaign
from game.settings import Settings
from game.ui import flow, persist
from game.ui.app import App
from game.ui.fitcheck import SIZES, TEXT_SCALES, check_top, every_scene, faults
from game.ui.ink import Drawn
from game.ui.map.labels import _leader_end, place_labels
from game.ui.map.view import campaign_paint, fit_panes
from game.ui.screens import SCREENS
from game.ui.shots import scripted_game
from game.ui.side.help import help_blocks
from game.ui.side.settings import ROWS
from game.ui.synth import Driver, key_event
from game.ui.windowfit import fit_size, size_choices


def window(size, text_scale: float) -> App:
    return App(size=size, settings=Settings(text_scale=text_scale, window_size=size))


@pytest.mark.parametrize("campaign", ["tutorial", "europe_2024", "global_2024"])
@pytest.mark.parametrize("size,text_scale", list(itertools.product(SIZES, TEXT_SCALES)))
def test_no_value_is_cut_and_no_texts_overlap_on_any_scene(home, campaign, size, text_scale):
    checked: set[type] = set()
    assert every_scene(size, text_scale, campaign, checked) == []
    assert checked == set(SCREENS.values())          # every screen the registry can open, none left out


@pytest.mark.parametrize("campaign", ["indo_pacific_2024", "nixon_1969", "europe_2014", "korea_1969", "offset_1966",
                                      "trump_2017", "indo_partners_2018"])
def test_the_other_campaigns_at_the_tightest_size(home, campaign):
    """The longest names (Nixon and Europe, 1969-1975; West Germany) on the smallest screen, largest text; the
    historical campaigns' three adversaries and thirteen allies; a long file name in the reload overlay's problems
    (indo_partners_2018.yaml), which wrap rather than lose their ends."""
    assert every_scene((1024, 768), 1.5, campaign) == []


@pytest.mark.parametrize("campaign", ["europe_2024", "global_2024"])
def test_beyond_the_supported_sizes_the_window_still_draws(home, campaign):
    """200 % text on the smallest window: the map may shrink away, but nothing fails."""
    app = window((960, 540), 2.0)
    scripted_game(app, campaign, turns=1)
    app.render(force=True)
    app.scene.select(len(app.session.campaign.allies) - 1)
    app.render(force=True)


def test_the_check_catches_a_cut_value_and_an_overlap_but_lets_a_description_shorten():
    rect = pygame.Rect(0, 0, 100, 20)
    drawn = [Drawn("trust 0.68", "trust…", rect), Drawn("Poland", "Poland", rect.move(50, 5)),
             Drawn("A long description", "A long…", rect.move(0, 200))]
    found = faults("test", drawn, {"Poland"})
    assert [f.kind for f in found] == ["cut", "overlap"]      # a cut description alone is allowed


def drawn_text(app: App) -> list[Drawn]:
    """What the top scene draws, recorded."""
    app.ink.drawn, app.dense.drawn = [], []
    try:
        app.scene.draw(app.screen)
        return app.ink.drawn + (app.dense.drawn if app.dense is not app.ink else [])
    finally:
        app.ink.drawn = app.dense.drawn = None


def test_at_1080p_and_130_percent_the_ally_list_keeps_numbers_badges_and_the_news(home):
    app = window((1920, 1080), 1.3)
    scripted_game(app, "europe_2024", turns=5)              # a turn with news: Russia calls up reservists
    assert app.scene.view()["news"]
    texts = [d.shown for d in drawn_text(app)]
    views = app.scene.view()["allies"]
    uk = next(a for a in views if a.name == "United Kingdom")
    row = app.scene.button(f"ally:{uk.index}").rect
    inside = [d.shown for d in drawn_text(app) if row.contains(d.rect)]
    assert uk.order.capitalize() in inside                             # the badge keeps its label, not "H"
    assert any(f"{uk.now['spending']:.2f}" in t for t in inside) and any(f"{uk.now['trust']:.2f}" in t
                                                                            for t in inside)
    assert "THIS TURN'S NEWS" in texts and app.scene.view()["news"][0][0] in " ".join(texts)


def test_a_list_too_long_for_the_panel_says_how_many_more_and_follows_the_selection(home):
    app = window((1280, 720), 1.5)
    scripted_game(app, "global_2024", turns=1)
    play = app.scene
    n = len(app.session.campaign.allies)
    assert play.list_plan.shown < n
    assert any(f"{n - play.list_plan.shown} more below" in d.shown for d in drawn_text(app))
    play.select(n - 1)                                                  # the last ally: the window moves to it
    assert play.button(f"ally:{n - 1}") is not None
    assert any(f"{play.list_first} above" in d.shown for d in drawn_text(app))


@pytest.mark.parametrize("campaign", ["tutorial", "europe_2024", "global_2024", "indo_pacific_2024", "nixon_1969"])
@pytest.mark.parametrize("width", [180, 260, 420, 700])
def test_map_labels_never_overlap_and_stay_on_the_map(home, campaign, width):
    """The title's thumbnail and the play map at several sizes (115 %: where the tutorial showed "Spainermany"), on
    the map of the campaign's era; no leader line crosses another label."""
    app = window((1280, 720), 1.15)
    c = find_campaign(campaign)
    mv = app.map_view(c.map)
    for tid in c.theatres:
        theatre = mv.theatres[tid]
        pane = fit_panes(pygame.Rect(0, 0, width, width), mv.theatres, (tid,), 0)[0]
        surf = pygame.Surface(pane.rect.size, pygame.SRCALPHA)
        paint = campaign_paint(c, theatre, "default")
        placed = place_labels(app.dense, surf, theatre, mv.projected(tid, pane.rect.size), paint.labels)
        boxes = list(placed.drawn.items())
        for (a, ra), (b, rb) in itertools.combinations(boxes, 2):
            assert not ra.colliderect(rb), (tid, width, a, b)
        assert all(surf.get_rect().contains(r) for _, r in boxes), (tid, width)
        for iso, box in boxes:
            anchor = round(theatre.countries[iso].label[0] * pane.rect.w), round(theatre.countries[iso].label[1] *
                                                                                 pane.rect.h)
            if not box.collidepoint(anchor):
                end = _leader_end(box, anchor)
                crossed = [b for b, r in boxes if b != iso and r.clipline(anchor, end) and not r.collidepoint(anchor)]
                assert not crossed, (tid, width, iso, crossed)
        assert placed, (tid, width)                  # leaving some out is allowed, leaving all out is not


def data_rects(app: App, exclude: str = "") -> list[pygame.Rect]:
    """Every text and button of the top scene (`exclude`: text that gives way to a toast, the hint line)."""
    rects = [d.rect for d in drawn_text(app) if not (exclude and exclude in d.wanted)]
    return rects + [b.rect for b in app.scene.buttons if b.enabled]


@pytest.mark.parametrize("size,text_scale", [((1280, 720), 1.0), ((1920, 1080), 1.3), ((1024, 768), 1.5)])
def test_toasts_never_cover_data(home, size, text_scale):
    app = window(size, text_scale)
    scripted_game(app, "europe_2024", turns=1)
    flow.end_turn(app)                                       # "Autosaved", over the turn report
    while app.scene.name != "report":
        app.pop()
    assert app.toasts and app.toasts[0][0] == "Autosaved"
    app.render(force=True)
    assert app.toast_box()[0].collidelist(data_rects(app)) == -1
    info = persist.latest()
    assert flow.load(app, info.path)                         # "Loaded: ...", over the play screen
    app.render(force=True)
    assert app.toasts[0][0].startswith("Loaded")
    assert app.scene.button("order:hold").rect.collidelist([app.toast_box()[0]]) == -1
    assert app.toast_box()[0].collidelist(data_rects(app, exclude="orders set")) == -1


def test_selecting_an_ally_on_the_other_map_switches_the_map(home):
    app = window((1920, 1080), 1.0)
    scripted_game(app, "global_2024", turns=1)
    play = app.scene
    play.switch_theatre()                                    # Europe alone
    assert [p.theatre for p in play.panes] == ["europe"]
    japan = next(i for i, a in enumerate(app.session.campaign.allies) if a.id == "japan")
    Driver(app).click(f"ally:{japan}")
    assert "indo_pacific" in [p.theatre for p in play.panes]


def test_the_window_fits_the_display():
    assert fit_size((1280, 720), (1024, 768)) == (1024, 696)            # no edge off the screen
    assert fit_size((1920, 1080), (2560, 1440)) == (1920, 1080)         # a size that fits is kept
    assert fit_size((1280, 720), (800, 600)) == (800, 528)              # a tiny screen: all of it
    assert fit_size((1280, 720), None) == (1280, 720)
    choices = size_choices((1024, 768), (1024, 696))
    assert (1280, 720) not in choices and (1024, 696) in choices and (1024, 576) in choices


def test_first_start_opens_within_the_screen_and_f11_covers_it(home):
    app = App()                                             # the dummy display is 1024x768
    desktop = tuple(pygame.display.get_desktop_sizes()[0])
    assert app.screen.get_width() <= desktop[0] and app.screen.get_height() <= desktop[1]
    app.handle(key_event(pygame.K_F11))
    assert app.screen.get_size() == desktop
    app.handle(key_event(pygame.K_F11))
    assert app.screen.get_size() == app.window_size


def test_the_window_size_is_chosen_in_settings(home):
    app = window((1280, 720), 1.0)
    app.show("settings")
    row = next(i for i, r in enumerate(ROWS) if r[0] == "window_size")
    before = app.screen.get_size()
    app.scene.change(row, -1)
    chosen = app.screen.get_size()
    assert chosen != before and app.settings.window_size == chosen
    app.scene.change(0, 1)                                   # another setting (text size) keeps the window's size
    assert app.screen.get_size() == chosen and app.settings.text_scale > 1.0
    app.render(force=True)
    assert check_top(app, "settings") == []


def test_quit_offers_continue_only_with_a_save_and_help_has_no_markdown(home):
    app = window((1280, 720), 1.0)
    app.handle(key_event(pygame.K_ESCAPE))
    assert app.scene.name == "confirm" and "Continue" not in app.scene.text
    left, right = help_blocks()
    assert not any("`" in b.text for b in left + right)
    assert any(b.text == "Fair share" for b in right)
