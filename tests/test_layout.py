"""Issue 14, the lean batched step (game.sim.layout): a batch plays in float32, column-major, and stays so through a
game; it plays the float64 batch's games to rounding; and its sums leave each run's result its own."""
from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest

from game.catalog import find_campaign
from game.sim.batches import chunk_rngs
from game.sim.events import fire_events
from game.sim.layout import allies_total, by_group, neighbours, weighted
from game.sim.outcome import outcome
from game.sim.policies import built_in
from game.sim.run import new_game
from game.sim.state import initial_state, make_world
from game.sim.step import step

CAMPAIGNS = ("tutorial", "europe_2024", "global_2024", "nixon_1969")


def play(world, runs: int, seed: int, policy):
    """A game loop on exactly this world's float type (new_game would pick float32 for any batch)."""
    model, dice = chunk_rngs(seed, 0, runs)
    state, _, _ = fire_events(initial_state(world, runs))
    start, arrays = state, []
    while not state.over:
        state, report = step(state, policy(state, dice), model, policy.us_action(state, dice))
        arrays.append((state, report))
    return outcome(state, start), state, arrays


def float_arrays(obj):
    return {f.name: getattr(obj, f.name) for f in fields(obj)
            if isinstance(getattr(obj, f.name), np.ndarray) and getattr(obj, f.name).dtype.kind == "f"}


@pytest.mark.parametrize("campaign_id", CAMPAIGNS)
def test_a_batch_stays_float32_and_column_major_through_a_game(campaign_id):
    world = make_world(find_campaign(campaign_id))
    state, _ = new_game(world, 64)
    assert state.world.real is np.float32 and new_game(world, 1)[0].world.real is np.float64
    _, _, turns = play(state.world, 64, 3, built_in("random"))
    for state, report in turns:
        for name, value in {**float_arrays(state), **float_arrays(report)}.items():
            assert value.dtype == np.float32, f"turn {state.turn}: {name} is {value.dtype}"
        for name, value in float_arrays(state).items():
            assert value.ndim < 2 or value.flags.f_contiguous, f"turn {state.turn}: {name} is row-major"


@pytest.mark.parametrize("campaign_id", CAMPAIGNS)
def test_a_float32_batch_plays_the_float64_batch_to_rounding(campaign_id):
    world = make_world(find_campaign(campaign_id))
    for policy in ("adaptive", "random"):
        wide, wide_final, _ = play(world, 400, 5, built_in(policy))
        lean, lean_final, _ = play(world.batched, 400, 5, built_in(policy))
        assert lean_final.spending.dtype == np.float32 and wide_final.spending.dtype == np.float64
        # The same dice: a roll can fall the other way only where a chance sits within rounding of its draw.
        assert (wide_final.fired == lean_final.fired).all(-1).mean() >= 0.97, policy
        close = np.abs(wide.score - lean.score) < 0.01
        assert close.mean() >= 0.95, (policy, close.mean())
        assert abs(wide.score.mean() - lean.score.mean()) < 0.02, policy


def test_the_sums_leave_each_run_its_own_result_whatever_the_batch():
    rng = np.random.default_rng(4)
    x = np.asfortranarray(rng.random((4096, 11)).astype(np.float32))
    v = rng.random(11).astype(np.float32)
    members = ((0, 2, 3, 5, 7, 8, 9, 10), (1, 4, 6))
    group = np.array([0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0])
    whole = (allies_total(x), weighted(x, v), by_group(x, members), neighbours(x, members, group))
    for start, size in ((0, 1), (3, 7), (1000, 40), (4000, 96)):
        part = np.asfortranarray(x[start:start + size])
        got = (allies_total(part), weighted(part, v), by_group(part, members), neighbours(part, members, group))
        for full, piece in zip(whole, got):
            assert np.array_equal(full[start:start + size], piece)
    # and they are the sums they stand for
    np.testing.assert_allclose(whole[0], x.sum(-1), rtol=1e-5)
    np.testing.assert_allclose(whole[1], x @ v, rtol=1e-5)
    onehot = (group[:, None] == np.arange(2)[None, :]).astype(np.float32)
    np.testing.assert_allclose(whole[2], x @ onehot, rtol=1e-5)
    same = onehot @ onehot.T - np.eye(11, dtype=np.float32)
    np.testing.assert_allclose(whole[3], x @ same, rtol=1e-5, atol=1e-6)
