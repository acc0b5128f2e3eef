"""A facilitator's injected event: fired at the start of the next turn whatever its condition, logged as a
command, so saves, replays and the what-if baselines all face the same world the class did."""
from __future__ import annotations

import json

import numpy as np
import pytest

from game.analysis.plans import Plan
from game.analysis.replay import policy_path, same_game, session_path
from game.analysis.whatif import baselines
from game.catalog import find_campaign
from game.saves import load_save, write_save
from game.sim.policies import built_in
from game.sim.session import (CommandError, EndTurn, InjectEvent, Session, SetOrder, command_from_list,
                              command_to_list)

EVENT = "hedging_warning"    # conditional: under hold it never fires in europe_2024 (see `fairshare balance`)
SEED = 11


@pytest.fixture(scope="module")
def europe():
    return find_campaign("europe_2024")


def played(campaign, inject_at: int | None, turns: int = 4) -> Session:
    session = Session(campaign, SEED)
    for t in range(turns):
        session.execute(SetOrder("germany", "pressure"))
        if t == inject_at:
            session.execute(InjectEvent(EVENT))
        session.execute(EndTurn())
    return session


def test_an_injected_event_fires_at_the_start_of_the_next_turn_and_only_then(europe):
    e = [ev.id for ev in europe.events].index(EVENT)
    plain, injected = played(europe, None), played(europe, 1)
    assert not any(r.fired[0, e] for r in plain.reports)
    assert [bool(r.fired[0, e]) for r in injected.reports] == [False, True, False, False]
    # Before the injection the games are the same game; from it on they differ.
    assert np.array_equal(plain.history[1].trust, injected.history[1].trust)
    assert injected.history[2].credibility[0] < plain.history[2].credibility[0] - 0.04   # its effect: -0.05


def test_a_game_with_an_injected_event_saves_and_replays_bit_for_bit(europe, tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    session = played(europe, 1)
    assert ["event", EVENT] in [command_to_list(c) for c in session.log]
    path = write_save(session, "class")
    again = load_save(path)
    assert same_game(session_path(session), session_path(again))
    assert command_from_list(json.loads(json.dumps(command_to_list(InjectEvent(EVENT))))) == InjectEvent(EVENT)


def test_what_cannot_be_injected_is_refused_with_a_reason(europe):
    session = Session(europe, SEED)
    with pytest.raises(CommandError, match="unknown event 'hedging_warnin'"):
        session.execute(InjectEvent("hedging_warnin"))
    for _ in range(europe.turns - 1):
        session.execute(EndTurn())
    with pytest.raises(CommandError, match="last turn"):
        session.execute(InjectEvent(EVENT))
    assert not any(isinstance(c, InjectEvent) for c in session.log)


def test_the_what_if_baselines_face_the_facilitators_events_too(europe):
    """Hold on the same seed, with the same event injected, is exactly the hold baseline of the what-if."""
    session = Session(europe, SEED)
    for t in range(europe.turns):
        if t == 2:
            session.execute(InjectEvent(EVENT))
        session.execute(EndTurn())
    hold = baselines(session, built_in_plan(europe))["hold"]
    assert same_game(hold, session_path(session))
    assert not same_game(hold, policy_path(session.world, built_in("hold"), SEED))


def built_in_plan(campaign):
    """Any plan will do for the baselines' best-plan slot; hold everywhere is the quickest."""
    return Plan.blanket(0, campaign.turns, len(campaign.allies))
