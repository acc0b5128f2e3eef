"""Every screen measures spending against the campaign's own yardstick (`us: guideline:`, 3 % in nixon_1969, 4 % in
offset_1966), the number the model plays by, and names it; a campaign that sets none keeps NATO's 2 %. Read by value:
the colours the map is painted in, the bar and sparkline the ally panel is drawn with, the words and ticks a frame
drew (game.ui.ink.Drawn), and the pixels of the legend's ramp on either side of its line."""
from __future__ import annotations

import dataclasses
import re

import pygame
import pytest
from reading import record, window

from game.catalog import find_campaign
from game.sim.session import Session
from game.sim.state import make_world

SHIPPED = ("tutorial", "europe_2024", "europe_2014", "nixon_1969", "korea_1969", "offset_1966")


def under(color) -> bool:
    """A colour of the spending scale's lower half: orange (more red than blue), not blue."""
    return color[0] > color[2]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with window(tmp_path_factory, size=(1920, 1080)) as app:
        app.reset_to_title(resume=False)
        yield app


def game(campaign_id: str) -> Session:
    return Session(find_campaign(campaign_id), 3)


def test_the_yardstick_a_screen_reads_is_the_one_the_model_plays_by():
    from game.ui.theme import Yardstick
    seen = set()
    for cid in SHIPPED:
        campaign = find_campaign(cid)
        played = make_world(campaign).params.guideline
        before, during = Yardstick.of_campaign(campaign), Yardstick.of_session(Session(campaign, 1))
        assert before == during and before.guideline == played, cid
        assert before.own == (campaign.us.guideline is not None), cid
        seen.add(played)
    assert seen == {2.0, 3.0, 4.0}


@pytest.mark.parametrize("cid, line", [("nixon_1969", 3.0), ("europe_2024", 2.0)])
def test_the_map_paints_an_ally_orange_exactly_where_it_spends_under_the_campaigns_yardstick(app, cid, line):
    from game.ui.map.view import campaign_paint
    from game.ui.play.view import ally_views, paint
    session = game(cid)
    campaign = session.campaign
    theatre = app.map_view(campaign.map).theatres["europe"]
    spending = {a.country: a.spending for a in campaign.allies}
    played = dict(paint(session, ally_views(session), "spending", theatre, "default").fills)
    title = dict(campaign_paint(campaign, theatre, "default").fills)
    assert played.keys() == title.keys() and len(played) >= 4
    for iso, color in played.items():
        assert under(color) == (spending[iso] < line), (cid, iso, spending[iso], color)
        assert under(title[iso]) == (spending[iso] < line), (cid, iso, spending[iso], title[iso])
    # what tells the two yardsticks apart is there: an ally between 2 and 3 %
    assert any(2.0 <= spending[iso] < 3.0 for iso in played), cid


def test_an_ally_far_above_a_high_yardstick_is_not_drawn_at_the_top_of_the_scale():
    """offset_1966's Britain (6.25 % against 4 %) keeps a colour and a bar below the scale's top: the top grows with
    the yardstick."""
    from game.ui.theme import Yardstick
    yardstick = Yardstick.of_campaign(find_campaign("offset_1966"))
    top = yardstick.color(1000.0)
    assert yardstick.color(6.25) != top and yardstick.share(6.25) < 1
    assert not under(yardstick.color(6.25)) and under(yardstick.color(3.9))


RAMP = pygame.Rect(20, 20, 400, 18)


@pytest.mark.parametrize("cid, line, top", [("nixon_1969", "3", 7.5), ("offset_1966", "4", 10.0),
                                            ("europe_2024", "2", 5.0)])
def test_the_legends_ramp_names_the_yardstick_and_turns_blue_at_it(app, cid, line, top):
    from game.ui.play.legend import draw_ramp
    from game.ui.theme import Yardstick
    yardstick = Yardstick.of_session(game(cid))
    surface = pygame.Surface((RAMP.right + 40, RAMP.bottom + 60))
    drawn = record(app, lambda s: draw_ramp(app.dense, surface, RAMP, "spending", yardstick))
    words = {d.wanted: d for d in drawn}
    assert set(words) == {"0 %", f"{line} % line", f"{top:g} %"}, cid
    tick = words[f"{line} % line"]
    at = (tick.rect.centerx - RAMP.x) / RAMP.w * top        # the % of GDP the tick stands at
    assert at == pytest.approx(float(line), abs=2 * top / RAMP.w), cid
    for x in range(RAMP.x + 4, RAMP.right - 4, 5):
        value = (x - RAMP.x) / RAMP.w * top
        if abs(value - float(line)) > 3 * top / RAMP.w:       # clear of the line drawn over the ramp
            assert under(surface.get_at((x, RAMP.centery))[:3]) == (value < float(line)), (cid, x, value)


@pytest.mark.parametrize("cid, line", [("nixon_1969", 3.0), ("europe_2024", 2.0)])
def test_the_ally_panels_spending_bar_and_sparkline_measure_against_the_yardstick(app, cid, line, monkeypatch):
    """An ally at 2.5 %: under 3 % in nixon_1969 (orange), over 2 % in europe_2024 (blue); the bar's marker and the
    sparkline's reference line stand at the yardstick."""
    from game.ui.play.panels import draw_ally_detail
    from game.ui.play.view import ally_views
    from game.ui.theme import Yardstick
    session = game(cid)
    view = ally_views(session)[0]
    view = dataclasses.replace(view, now={**view.now, "spending": 2.5})
    bars, sparks = [], []
    ink = app.ink
    monkeypatch.setattr(ink, "bar", lambda surf, rect, frac, color, track=None, marker=None, marker_color=None:
                        bars.append((frac, color, marker)))
    monkeypatch.setattr(ink, "sparkline", lambda surf, rect, values, lo, hi, color, ref=None: sparks.append(ref))
    surface = pygame.Surface((760, 900))
    draw_ally_detail(ink, surface, pygame.Rect(0, 0, 700, 880), view, Yardstick.of_session(session))
    frac, color, marker = bars[0]           # the first meter is spending
    assert color == ink.pal["bad" if line > 2.5 else "good_fill"], cid
    assert marker / frac * 2.5 == pytest.approx(line), cid      # the marker, in % of GDP
    assert sparks[0] == line, cid


def test_the_title_card_names_the_campaigns_yardstick_or_natos(app):
    scene = app.scene
    ids = [entry.id for entry in scene.entries]
    said = {}
    for cid in ("nixon_1969", "offset_1966", "europe_2024"):
        scene.select(ids.index(cid))
        said[cid] = " ".join(d.wanted for d in record(app))
    assert "Orange: under the campaign's 3 % yardstick. Blue: above it." in said["nixon_1969"]
    assert "Orange: under the campaign's 4 % yardstick. Blue: above it." in said["offset_1966"]
    assert "Orange: under NATO's 2 % guideline. Blue: above it." in said["europe_2024"]
    assert not re.search(r"\b2 %", said["nixon_1969"] + said["offset_1966"])


def test_the_briefing_and_the_help_say_the_fair_share_from_the_campaigns_yardstick(app):
    from game.ui import flow
    from game.ui.side.help import help_blocks
    said = {}
    for cid in ("nixon_1969", "europe_2024"):
        flow.start_campaign(app, cid, 7)
        fair = next(b for b in app.scene.blocks()[1] if getattr(b, "key", "") == "Fair share")
        app.show("help")            # from the briefing: the game's yardstick
        helped = " ".join(b.text for column in app.scene.blocks for b in column)
        said[cid] = (fair.text, helped)
        app.session = None
        app.reset_to_title(resume=False)
    assert said["nixon_1969"][0].startswith("3 % of GDP asked of every ally (this campaign's yardstick)")
    assert "this campaign's yardstick of 3 % of GDP" in said["nixon_1969"][1]
    assert "(a threat of 0.50 warrants 3.75 %)" in said["nixon_1969"][1]
    assert said["europe_2024"][0].startswith("2 % of GDP asked of every ally (NATO's guideline)")
    assert "NATO's 2 % guideline" in said["europe_2024"][1] and "warrants 2.75 %" in said["europe_2024"][1]
    assert "NATO's 2 % guideline" in " ".join(b.text for column in help_blocks() for b in column)


def test_the_what_if_chart_and_the_debrief_export_name_the_yardsticks_line(app):
    from game.analysis import debrief_export
    from game.analysis.replay import session_path
    from game.ui.report.ally_charts import draw_ally
    from game.ui.theme import Yardstick
    for cid, line in (("nixon_1969", "3"), ("offset_1966", "4"), ("europe_2024", "2")):
        session = game(cid)
        surface = pygame.Surface((900, 700))
        drawn = record(app, lambda s: draw_ally(app.ink, surface, pygame.Rect(0, 0, 880, 680), session_path(session),
                                                None, 0, session.campaign.allies[0].name, ["start"],
                                                Yardstick.of_session(session)))
        named = [d.wanted for d in drawn if "line" in d.wanted]
        assert named == [f"{line} % line {float(line):.1f}"], (cid, named)
        images = {debrief_export.ally_file(a.id): b"" for a in session.campaign.allies}
        captions = [b.caption for b in debrief_export.blocks(session, None, images) if hasattr(b, "caption")]
        assert captions and all(f"against the {line} % line" in c for c in captions if "spending" in c), cid
