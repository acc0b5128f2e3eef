"""Issue 9, numbers: nothing the validator accepts gives NaN or inf, in any state array or in the JSON output.

The property: seeded mutants of the shipped campaigns, every number set within (and at the edges of) the range the
validator allows, events added with effects of any size, are either refused by the validator or simulated with
every state array and every JSON value finite, including events that drain the U.S. budget or an adversary's
capability to zero (guarded in game/sim/step.py and outcome.py).
"""
from __future__ import annotations

import dataclasses
import random
import warnings

import numpy as np
import pygame
import pytest

from game.analysis.summary import summarise
from game.campaign import CampaignError
from game.catalog import find_campaign
from game.limits import strict_json
from game.sim.policies import built_in
from game.sim.run import simulate
from game.sim.session import Session
from game.ui.play.panels import draw_top
from game.ui.play.view import global_view
from tests.builders import campaign
from tools.fuzz import check_numbers, non_finite, shipped_documents, structured_mutant


@pytest.mark.parametrize("seed", range(3))
def test_mutants_within_the_validators_ranges_stay_finite(seed):
    rng = random.Random(seed)
    docs = shipped_documents()
    checked = 0
    for _ in range(20):
        name, doc = rng.choice(docs)
        outcome = check_numbers(structured_mutant(doc, rng), f"{name}-mutant", rng.randrange(2 ** 32))
        assert outcome in ("refused", "finite"), outcome
        checked += outcome == "finite"
    assert checked >= 5        # the generator must mostly produce campaigns the validator accepts


def test_the_extremes_of_every_range_stay_finite():
    for kwargs in (dict(capability=0.1, growth=-0.5, turns=60), dict(capability=1e5, growth=0.5, turns=60),
                   dict(allies=[{"id": "alpha", "gdp": 0.1, "spending": 0.0, "threat": 0.0, "trust": 0.0,
                                 "presence": 0.0, "upkeep": 0.0, "alignment": 0.0}], capability=0.1, budget=0.1),
                   dict(allies=[{"id": "alpha", "gdp": 1e5, "spending": 20.0, "ceiling": 20.0, "upkeep": 1e5}],
                        capability=1e5, growth=0.5, turns=60, budget=1e5)):
        c = campaign(**kwargs)
        for policy in ("hold", "withdraw", "reassure", "random"):
            result = simulate(c, built_in(policy), runs=4, seed=1)
            assert non_finite(result) == [], (kwargs, policy)


@pytest.mark.parametrize("kwargs", [
    dict(capability=1e300, growth=0.5, turns=60),                 # overflowed to inf, then NaN
    dict(capability=5e-324, allies=[{"id": "alpha", "threat": 0.0}]),   # 0/0 with no exposure
    dict(allies=[{"id": "alpha", "gdp": 1e300}]),
    dict(budget=1e-300),
])
def test_values_that_overflowed_are_refused_or_stay_finite(kwargs):
    try:
        c = campaign(**kwargs)
    except CampaignError as error:
        assert "must be between" in str(error)
        return
    for policy in ("hold", "withdraw"):
        assert non_finite(simulate(c, built_in(policy), runs=4, seed=1)) == [], policy


def _drain(var: str, target: str, **kwargs):
    effect = {"target": target, "var": var, "add": -100}
    return campaign(events=[{"id": "drain", "title": "Drain", "text": "Drained.", "turn": 1, "effects": [effect]}],
                    **kwargs)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")     # numpy's 0/0 warning: the NaN itself is what is checked
def test_an_event_that_drains_the_budget_keeps_every_value_finite():
    c = _drain("budget", "us", allies=[{"id": "alpha", "presence": 0.0, "upkeep": 0.0}])
    for policy in ("hold", "withdraw"):
        result = simulate(c, built_in(policy), runs=4, seed=1)
        assert non_finite(result) == []
        strict_json(summarise(result, c, policy, 1))


def test_an_event_that_drains_an_adversarys_capability_divides_by_nothing():
    c = _drain("capability", "rival", capability=50.0)
    with warnings.catch_warnings(), np.errstate(divide="raise", invalid="raise"):
        simulate(c, built_in("hold"), runs=4, seed=1)


def test_the_top_bar_draws_a_budget_of_zero(app):
    session = Session(find_campaign("tutorial"), 1)
    g = dataclasses.replace(global_view(session), budget=0.0, projected=0.0)
    draw_top(app.ink, app.screen, pygame.Rect(0, 0, 1280, 80), "Tutorial", g)
