"""What the screens say matches the session (issue 15, part 4): the play screen's view models and map paint, the
tooltip's lines and the end screen's account, read after turns played, against the model's own state, outcome and
`explain`. These read the functions the widgets draw from (game/ui/play/view.py, legend.tooltip_lines,
report/debrief.account), not pixels, so they survive layout changes."""
from __future__ import annotations

import numpy as np
import pytest

from game.catalog import find_campaign
from game.settings import OVERLAYS
from game.sim import explain
from game.sim.session import EndTurn, Session, SetOrder

VARS = ("spending", "threat", "trust", "alignment", "hedging", "presence")


@pytest.fixture(scope="module")
def session():
    """europe_2024 after three turns of mixed orders: figures have moved, news has happened."""
    s = Session(find_campaign("europe_2024"), seed=4)
    orders = {"germany": "pressure", "poland": "reassure", "spain": "withdraw", "france": "criticize"}
    for _ in range(3):
        for ally, order in orders.items():
            if s.can_withdraw(ally) or order != "withdraw":
                s.execute(SetOrder(ally, order))
        s.execute(EndTurn())
    s.execute(SetOrder("italy", "pressure"))     # a pending order for the next turn
    return s


def test_the_ally_panel_shows_the_current_figures_and_last_turns_change(session):
    from game.ui.play.view import ally_views
    from game.ui.wording import shown_delta
    before, now = session.history[-2], session.state
    views = ally_views(session)
    assert [v.id for v in views] == [a.id for a in session.campaign.allies]
    moved = 0
    for i, v in enumerate(views):
        for var in VARS:
            assert v.now[var] == pytest.approx(float(getattr(now, var)[0, i])), (v.id, var)
            # the change as the printed values differ (issue 8: a change never contradicts its two numbers)
            assert v.delta[var] == shown_delta(float(getattr(before, var)[0, i]), float(getattr(now, var)[0, i]))
            assert v.history[var][0] == pytest.approx(float(getattr(session.start, var)[0, i]))
            moved += abs(v.now[var] - v.history[var][0]) > 0.01
        assert v.order == session.order_of(v.id)
    assert moved > 10     # the game has moved on from the start: a frozen panel would show
    assert next(v for v in views if v.id == "italy").order == "pressure"


def test_the_map_is_filled_by_the_chosen_overlay(session):
    from game.ui.map.data import load_theatres
    from game.ui.play.view import ally_views, paint
    from game.ui.theme import Yardstick, overlay_color, overlay_text
    views = ally_views(session)
    theatre = load_theatres()["europe"]
    by_iso = {v.iso: v for v in views}
    fills = {}
    for overlay in OVERLAYS:
        painted = paint(session, views, overlay, theatre, "default")
        fills[overlay] = dict(painted.fills)
        assert fills[overlay], overlay
        for iso, color in painted.fills:
            i = session.campaign.ally_index(by_iso[iso].id)
            value = float(getattr(session.state, overlay)[0, i])
            assert color == overlay_color(overlay, value, Yardstick.of_session(session)), (overlay, iso)
        texts = {label.iso: label for label in painted.labels if label.kind == "ally"}
        for iso, label in texts.items():
            i = session.campaign.ally_index(by_iso[iso].id)
            assert label.value == overlay_text(overlay, float(getattr(session.state, overlay)[0, i])), (overlay, iso)
    # Different overlays paint different maps.
    assert len({tuple(sorted(f.items())) for f in fills.values()}) == len(OVERLAYS)


def test_the_top_bar_shows_each_pillar_of_the_outcome(session):
    from game.ui.play.view import global_view
    g = global_view(session)
    o = session.outcome()
    for pillar, value in g.pillars.items():
        assert value == pytest.approx(float(getattr(o, pillar)[0])), pillar
    assert len({round(v, 6) for v in g.pillars.values()}) > 1
    assert g.score == pytest.approx(float(o.score[0]))
    assert g.turn == session.state.turn == 3
    assert g.domestic[-1] == pytest.approx(float(session.state.domestic_pressure[0]))
    assert g.last_cost == pytest.approx(float(session.reports[-1].us_cost[0]))


def test_the_news_is_what_happened_last_turn():
    from game.ui.play.view import news
    s = Session(find_campaign("tutorial"), seed=2)
    s.execute(EndTurn())
    shown = news(s)
    said = explain.happenings(s.reports[-1], s.state)
    assert shown and [title for title, _, _ in shown] == [h.title for h in said]
    assert [text for _, text, _ in shown] == [h.text for h in said]


def test_the_tooltip_gives_the_allys_own_figures(session):
    from game.ui.play.legend import tooltip_lines
    from game.ui.play.view import ally_views
    v = next(v for v in ally_views(session) if v.id == "poland")
    i = session.campaign.ally_index("poland")
    s = session.state
    lines = [text for text, _ in tooltip_lines(v.iso, v.name, v)]
    assert lines[0].startswith("Poland")
    text = "\n".join(lines)
    for var in ("spending", "threat", "trust", "alignment", "hedging", "presence"):
        assert f"{float(getattr(s, var)[0, i]):.2f}" in text, var
    assert f"Order: {session.order_of('poland')}" in text
    assert f"{v.deterrence:.1f}×" in text


def test_the_end_screen_accounts_for_the_finished_game():
    from game.ui.report.debrief import account
    c = find_campaign("tutorial")
    s = Session(c, seed=3)
    while not s.over:
        s.execute(SetOrder(c.allies[0].id, "pressure"))
        s.execute(EndTurn())
    said = account(s)
    o = s.outcome()
    for pillar, value in said["pillars"].items():
        assert value == pytest.approx(float(getattr(o, pillar)[0])), pillar
    assert said["score"] == pytest.approx(float(o.score[0]))
    assert f"{float(s.state.risk_total[0]):.2f} expected successful attacks" in said["notes"]["deterrence"]
    assert f"{float(o.burden_share[0]) * 100:.0f} %" in said["notes"]["burden"]
    for row, ally in zip(said["table"], range(len(c.allies))):
        name, start, end, trust, alignment, hedging, broke = row
        assert start == pytest.approx(float(s.start.spending[0, ally]))
        assert (end, trust, alignment, hedging) == pytest.approx(
            tuple(float(getattr(s.state, v)[0, ally]) for v in ("spending", "trust", "alignment", "hedging")))
    assert said["trend"]["score"][-1] == pytest.approx(float(o.score[0]))
    assert np.isfinite(said["trend"]["score"]).all()
