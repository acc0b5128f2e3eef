"""The turn report's plain words: every factor named, numbers that match the model's breakdown."""
from __future__ import annotations

from game.catalog import find_campaign
from game.sim import explain
from game.sim.report import FACTOR_HELP, FACTORS
from game.sim.session import EndTurn, Session, SetOrder


def played(orders: dict[str, str], seed: int = 2):
    s = Session(find_campaign("tutorial"), seed=seed)
    for ally, order in orders.items():
        s.execute(SetOrder(ally, order))
    report = s.execute(EndTurn())
    return s, report


def test_every_factor_has_a_line_of_help():
    assert {f for names in FACTORS.values() for f in names} <= set(FACTOR_HELP)


def test_pressure_appears_in_the_pressed_allys_sentence_with_its_value():
    from game.ui.wording import change_sentence     # the window's words (pygame stays out of the model's tests)
    s, report = played({"germany": "pressure"})
    i = s.campaign.ally_index("germany")
    change = explain.ally_changes(report, s.history[-2], s.state, i)["spending"]
    pressure = next(f for f in change.factors if f.name == "pressure")
    assert pressure.value > 0
    sentence = change_sentence(change, "Germany")
    assert f"pressure (+{pressure.value:.2f} pp)" in sentence
    assert abs(sum(f.value for f in change.factors) - change.delta) < 0.03   # the shown factors nearly add up


def test_small_changes_are_called_steady_not_zero():
    from game.ui.wording import change_sentence
    change = explain.Change("trust", 0.65, 0.652, (explain.Factor("reassurance", 0.01),
                                                   explain.Factor("U.S. credibility", -0.008)))
    text = change_sentence(change, "Estonia")
    assert text.startswith("Estonia's trust in the U.S. held steady at 0.65")
    assert "0.00" not in text.replace("0.65", "")


def test_happenings_list_the_campaign_lesson_of_the_next_turn():
    s, report = played({})
    titles = [h.title for h in explain.happenings(report, s.state)]
    assert any(title.startswith("Lesson 2") for title in titles)
    assert explain.order_summary(report.orders[0], s.state) == "every ally: hold"


def test_the_adviser_gives_the_adaptive_policys_order_and_says_why():
    from game.sim.policies import adaptive_orders
    from game.sim.state import ORDER_CODE
    s = Session(find_campaign("europe_2024"), seed=1)
    orders = adaptive_orders(s.state)
    for i, ally in enumerate(s.campaign.allies):
        order, short, sentence = explain.advice(s.state, i)
        assert ORDER_CODE[order] == orders[0, i]
        assert short and sentence
    # Germany and Spain: below their fair share, a real threat, a credible demand (Congress is invoked).
    # Poland: the front line, faith short of firm.
    germany = explain.advice(s.state, s.campaign.ally_index("germany"))
    assert germany[0] == "pressure" and "2.12 % of GDP" in germany[2]
    spain = explain.advice(s.state, s.campaign.ally_index("spain"))
    assert spain[0] == "pressure" and "1.28 % of GDP" in spain[2]
    # An insulated ally that pressure would barely move is left alone, and told why.
    calm = s.state.evolve(threat=s.state.threat * 0.3)
    unmoved = explain.advice(calm, s.campaign.ally_index("spain"))
    assert unmoved[0] == "hold" and "strains" in unmoved[2]
    poland = explain.advice(s.state, s.campaign.ally_index("poland"))
    assert poland[0] == "reassure" and "front line" in poland[2]
