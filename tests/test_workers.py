"""--workers (game.analysis.workers): the same results from one process as from several, for every command that
shares its games out (simulate's chunks, backtest's chunks, balance's search and strategies)."""
from __future__ import annotations

import numpy as np
import pytest

from game.analysis.backtest import default_plan, run_backtest
from game.analysis.balance import balance
from game.analysis.summary import simulate_summary
from game.analysis.workers import Recipe, run_all
from game.catalog import find_campaign
from game.sim.batches import CHUNK_RUNS
from game.sim.policies import built_in


def test_simulate_gives_the_same_summary_whatever_the_workers():
    europe = find_campaign("europe_2024")
    here = simulate_summary(europe, built_in("adaptive"), 900, 5, chunk=300)          # a Policy: this process
    for workers in (1, 2, 3):
        assert simulate_summary(europe, Recipe("adaptive"), 900, 5, chunk=300, workers=workers) == here, workers


def test_backtest_gives_the_same_paths_whatever_the_workers():
    campaign = find_campaign("europe_2014")
    plan = Recipe(str(default_plan(campaign)))
    runs = CHUNK_RUNS + 200       # two chunks
    one, two = (run_backtest(campaign, plan, runs, seed=3, workers=w) for w in (1, 2))
    assert np.array_equal(one.paths, two.paths) and one.plan == two.plan


def test_balance_finds_the_same_plan_and_figures_whatever_the_workers():
    """A search cut by a number of plans (not by time) goes through the same plans, so everything matches but the
    seconds it took; 150 plans reach the coordinate ascent, whose batches the workers share out."""
    tutorial = find_campaign("tutorial")
    one, two = (balance(tutorial, runs=80, seed=4, search_seconds=600, max_plans=150, workers=w) for w in (1, 2))
    first, second = one.to_dict(), two.to_dict()
    for d in (first, second):
        d["best_plan"].pop("search_seconds")
    assert first == second
    assert first["best_plan"]["plans_evaluated"] == 150 and first["best_plan"]["stopped"] == "plans"


def test_results_come_back_in_task_order():
    assert list(run_all(abs, [-3, 1, -2, 5], 2)) == [3, 1, 2, 5]
    assert list(run_all(abs, [], 2)) == []


@pytest.mark.parametrize("workers", ["0", "-2", "1000"])
def test_a_workers_count_out_of_range_is_a_usage_error(capsys, workers):
    from game.cli import main
    assert main(["simulate", "tutorial", "--policy", "hold", "--runs", "5", "--workers", workers]) == 2
    assert "--workers must be between 1 and" in capsys.readouterr().err
