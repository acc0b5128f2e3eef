"""The command choke point: every action goes through Session.execute and is logged for replay."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from game.catalog import find_campaign
from game.sim.session import Command, CommandError, EndTurn, Session, SetOrder, command_from_list, command_to_list


@pytest.fixture
def tutorial():
    return find_campaign("tutorial")


def test_orders_are_pending_until_the_turn_ends_and_reset_to_hold(tutorial):
    s = Session(tutorial, seed=1)
    s.execute(SetOrder("poland", "pressure"))
    s.execute(SetOrder("poland", "reassure"))   # changes allowed until the turn ends
    assert s.order_of("poland") == "reassure" and s.state.turn == 0
    report = s.execute(EndTurn())
    assert s.state.turn == 1 and report.turn == 1
    assert report.orders[0, tutorial.ally_index("poland")] == 2
    assert s.order_of("poland") == "hold"


def test_replay_from_the_log_is_identical(tutorial):
    s = Session(tutorial, seed=4)
    rng = np.random.default_rng(0)
    while not s.over:
        for a in tutorial.allies:
            s.execute(SetOrder(a.id, ["hold", "pressure", "reassure", "withdraw", "criticize"][rng.integers(5)]))
        s.execute(EndTurn())
    log = [command_from_list(command_to_list(c)) for c in s.log]
    again = Session.replay(tutorial, 4, log)
    for name in ("spending", "trust", "alignment", "hedging", "presence", "threat", "credibility"):
        assert np.array_equal(getattr(again.state, name), getattr(s.state, name))
    assert again.outcome().score[0] == s.outcome().score[0]


@pytest.mark.parametrize("command, message", [
    (SetOrder("atlantis", "pressure"), "unknown ally 'atlantis'"),
    (SetOrder("poland", "bribe"), "unknown order 'bribe'"),
])
def test_bad_commands_are_refused_and_not_logged(tutorial, command, message):
    s = Session(tutorial)
    with pytest.raises(CommandError, match=message):
        s.execute(command)
    assert s.log == []


def test_no_command_after_the_game_is_over(tutorial):
    s = Session(tutorial)
    while not s.over:
        s.execute(EndTurn())
    with pytest.raises(CommandError, match="over"):
        s.execute(EndTurn())


def test_projected_cost_shows_the_budget_effect_before_committing(tutorial):
    s = Session(tutorial)
    hold = s.projected_cost()
    s.execute(SetOrder("germany", "reassure"))
    dearer = s.projected_cost()
    s.execute(SetOrder("germany", "withdraw"))
    cheaper = s.projected_cost()
    assert cheaper < hold < dearer


@pytest.mark.parametrize("seed", range(6))
def test_the_projected_cost_is_what_the_turn_then_costs(tutorial, seed):
    """The play screen's projection and the step's bill come from one rule (game.sim.posture): in a turn with no
    crisis and no forced drawdown they agree to the cent, whatever mix of orders is given."""
    rng = np.random.default_rng(seed)
    s = Session(tutorial, seed=seed)
    checked = 0
    while not s.over:
        for ally in tutorial.allies:
            order = rng.choice(["hold", "pressure", "reassure", "withdraw", "criticize"])
            if order != "withdraw" or s.can_withdraw(ally.id):
                s.execute(SetOrder(ally.id, str(order)))
        projected = s.projected_cost()
        report = s.execute(EndTurn())
        if not (report.probe.any() or report.entrapment.any() or report.congress_cut.any()):
            assert float(report.us_cost[0]) == pytest.approx(projected, abs=1e-9)
            checked += 1
    assert checked >= 3

def test_saved_form_is_plain_data(tutorial):
    s = Session(tutorial, seed=8)
    s.execute(SetOrder("spain", "criticize"))
    s.execute(EndTurn())
    saved = s.to_save()
    assert saved["seed"] == 8 and saved["campaign"]["id"] == "tutorial" and len(saved["campaign"]["hash"]) == 64
    assert saved["log"] == [["order", "spain", "criticize"], ["end_turn"]]
    with pytest.raises(CommandError):
        command_from_list(["order", "spain"])


def test_a_new_command_is_one_class_that_saves_and_replays_without_editing_the_session(tutorial):
    @dataclass(frozen=True)
    class Remark(Command):      # e.g. a class vote or a human-played ally: a tag, string fields and `apply`
        tag = "test_remark"
        ally: str
        text: str

        def apply(self, session):
            session.log.append(self)

    try:
        s = Session(tutorial, seed=4)
        s.execute(Remark("spain", "pays little"))
        s.execute(SetOrder("spain", "pressure"))
        s.execute(EndTurn())
        saved = s.to_save()["log"]
        assert saved == [["test_remark", "spain", "pays little"], ["order", "spain", "pressure"], ["end_turn"]]
        replayed = Session.replay(tutorial, 4, [command_from_list(item) for item in saved])
        assert replayed.log == s.log and (replayed.state.spending == s.state.spending).all()
        with pytest.raises(CommandError):
            command_from_list(["test_remark", "spain"])             # a field missing
        with pytest.raises(CommandError):
            command_from_list(["test_remark", "spain", 3])          # fields are text
    finally:
        del Command.registry["test_remark"]
    with pytest.raises(CommandError):
        command_from_list(["test_remark", "spain", "pays little"])  # unknown once unregistered
    with pytest.raises(CommandError):
        s.execute(["order", "spain", "hold"])                       # a list is not a command: only commands run
