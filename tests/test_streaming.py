"""Issue 14, large runs stream: batches played in chunks with a child seed each, the same results for a batch that
fits in one chunk, the first run of any batch the single game of its seed, memory flat in runs."""
from __future__ import annotations

import io
import sys
import tracemalloc

import numpy as np
import pytest

from game.analysis import backtest, summary
from game.analysis.bench import Figure
from game.analysis.plans import Plan, evaluate, plan_policy, play
from game.catalog import find_campaign
from game.cli import progress_bar
from game.sim.batches import FirstRunApart, chunk_rngs, chunk_seed, chunks
from game.sim.policies import built_in
from game.sim.run import simulate, simulate_chunks
from game.sim.session import EndTurn, Session
from game.sim.state import HOLD, PRESSURE, make_world


@pytest.fixture(scope="module")
def europe():
    return find_campaign("europe_2024")


def test_a_batch_within_one_chunk_is_the_unchunked_batch(europe):
    policy = built_in("adaptive")
    whole = summary.summarise(simulate(europe, policy, runs=300, seed=7), europe, "adaptive", 7)
    assert summary.simulate_summary(europe, policy, 300, 7) == whole
    assert summary.simulate_summary(europe, policy, 300, 7, chunk=300) == whole


def test_chunked_results_are_deterministic_per_seed_and_chunk_size(europe):
    policy = built_in("random")
    first = summary.simulate_summary(europe, policy, 250, 3, chunk=100)
    assert summary.simulate_summary(europe, policy, 250, 3, chunk=100) == first
    assert summary.simulate_summary(europe, policy, 250, 4, chunk=100) != first
    assert first["runs"] == 250


# The first run draws exactly the single game's random numbers, so every roll of the dice and every event is the
# same; the continuous figures agree to rounding only: a batch of more than one run plays in float32, the single
# game in float64 (game.sim.layout). Twelve turns of float32 arithmetic leave a relative difference of some 1e-6.
ROUNDING = 2e-5


@pytest.mark.parametrize("policy", ["adaptive", "random", "pressure"])
@pytest.mark.parametrize(("runs", "chunk"), [(2, 4096), (300, 4096), (300, 64)])
def test_the_first_run_of_every_batch_is_the_single_game_of_its_seed(europe, policy, runs, chunk):
    one = simulate(europe, built_in(policy), runs=1, seed=11, keep_reports=True)
    first = next(simulate_chunks(europe, built_in(policy), runs, 11, chunk=chunk))
    for var in ("nuclear", "realigned", "aggressed", "fired"):
        assert np.array_equal(getattr(first.final, var)[:1], getattr(one.final, var)), var
    for var in ("spending", "trust", "hedging", "alignment", "presence"):
        np.testing.assert_allclose(getattr(first.final, var)[:1], getattr(one.final, var), rtol=ROUNDING)
    np.testing.assert_allclose(first.outcome.score[0], one.outcome.score[0], rtol=ROUNDING)


def test_the_window_session_and_a_batch_play_the_same_game(europe):
    session = Session(europe, seed=11)
    while not session.state.over:
        session.execute(EndTurn())
    alone = simulate(europe, built_in("hold"), runs=1, seed=11)
    batch = simulate(europe, built_in("hold"), runs=50, seed=11)
    assert np.array_equal(session.state.spending, alone.final.spending)   # both a batch of one: bit for bit
    replayed = Session.replay(europe, 11, session.log)
    assert np.array_equal(replayed.state.spending, alone.final.spending)
    assert np.array_equal(session.state.fired[0], batch.final.fired[0])
    np.testing.assert_allclose(session.state.spending[0], batch.final.spending[0], rtol=ROUNDING)


def test_chunks_cover_every_run_once_with_a_child_seed_each():
    got = [(first, rows) for first, rows, _, _ in chunks(10_000, 5, 4096)]
    assert got == [(0, 4096), (4096, 4096), (8192, 1808)]
    assert chunk_seed(5, 2).spawn_key == np.random.SeedSequence(5).spawn(3)[2].spawn(3)[2].spawn_key
    assert np.array_equal(np.random.default_rng(chunk_seed(5, 2)).random(3),
                          np.random.default_rng(np.random.SeedSequence(5).spawn(3)[2].spawn(3)[2]).random(3))
    model1, _ = chunk_rngs(5, 1, 10)
    model2, _ = chunk_rngs(5, 2, 10)
    assert not np.array_equal(model1.random(4), model2.random(4))


def test_the_split_generator_refuses_a_draw_without_the_batch_axis_first():
    split = FirstRunApart(np.random.default_rng(0), np.random.default_rng(1))
    assert split.random((3, 2)).shape == (3, 2)
    with pytest.raises(ValueError, match="batch axis"):
        split.random(())
    with pytest.raises(AttributeError, match="FirstRunApart"):
        split.normal(size=3)


def test_plans_played_side_by_side_equal_each_plan_played_alone_across_chunks(europe, monkeypatch):
    monkeypatch.setattr("game.analysis.plans.chunks", lambda runs, seed: chunks(runs, seed, 40))
    world = make_world(europe)
    plans = [Plan.blanket(code, europe.turns, world.n_allies) for code in (HOLD, PRESSURE)]
    scores = evaluate(world, plans, 100, 9)
    for plan, row in zip(plans, scores):
        assert np.array_equal(play(world, plan_policy(plan), 100, 9).outcome.score, row)


def test_the_backtest_streams_the_same_paths_as_one_batch():
    campaign = find_campaign("europe_2014")
    policy = built_in("pressure")
    bt = backtest.run_backtest(campaign, policy, runs=120, seed=2)
    whole = simulate(campaign, policy, runs=120, seed=2)
    assert np.array_equal(bt.paths[-1], whole.final.spending) and bt.paths.shape[1] == 120


def test_peak_memory_is_flat_in_the_number_of_runs(europe):
    def peak(runs: int) -> int:
        tracemalloc.start()
        summary.simulate_summary(europe, built_in("adaptive"), runs, 1, chunk=200)
        used = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return used
    assert peak(2000) < 1.3 * peak(200)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_is_drawn_on_a_terminal_only(monkeypatch, europe):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert progress_bar("simulate") is None
    monkeypatch.setattr(sys, "stderr", _Terminal())
    show = progress_bar("simulate")
    summary.simulate_summary(europe, built_in("hold"), 20, 1, chunk=10, progress=lambda done, total: show(done, 10_000))
    drawn = sys.stderr.getvalue()
    assert drawn.count("\r") == 2 and "20/10,000 runs" in drawn and not drawn.endswith("\n")
    show(10_000, 10_000)
    assert sys.stderr.getvalue().endswith("10,000/10,000 runs\n")


def test_bench_figures_give_their_median_and_spread():
    figure = Figure("turn", "ms", (3.0, 1.0, 2.0, 10.0))
    assert figure.median == 2.5 and "spread 1.000-10.000, 4 samples" in figure.line()
    assert figure.to_dict() == {"unit": "ms", "median": 2.5, "min": 1.0, "max": 10.0,
                                "samples": [3.0, 1.0, 2.0, 10.0], "note": ""}
