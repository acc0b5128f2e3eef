"""Long work says how far it has got, as `simulate` and `balance` do: backtest's chunks, the class report's saves,
the best-plan search of a debrief (the calibration's stages are checked with its slow run, tests/test_backtest.py)."""
from __future__ import annotations

import shutil
import sys

from game.analysis import best_plan, class_report
from game.analysis.backtest import default_plan, run_backtest
from game.analysis.replay import policy_session
from game.campaign import load_campaign
from game.catalog import find_campaign
from game.cli import main
from game.paths import campaigns_dir
from game.saves import write_save_file
from game.sim.batches import CHUNK_RUNS
from game.sim.policies import built_in, resolve_policy


def test_backtest_reports_each_chunk_and_ends_at_every_run():
    campaign = find_campaign("europe_2014")
    calls = []
    run_backtest(campaign, resolve_policy(str(default_plan(campaign)), campaign), CHUNK_RUNS + 10, seed=1,
                 progress=lambda done, total: calls.append((done, total)))
    assert calls == [(CHUNK_RUNS, CHUNK_RUNS + 10), (CHUNK_RUNS + 10, CHUNK_RUNS + 10)]


def test_the_backtest_command_draws_a_bar_on_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["backtest", "europe_2014", "--runs", str(CHUNK_RUNS + 10), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "backtest: [" in err and f"{CHUNK_RUNS + 10:,}/{CHUNK_RUNS + 10:,} runs" in err


def test_the_class_report_counts_the_saves_it_reads(tmp_path):
    tutorial = find_campaign("tutorial")
    for k, policy in enumerate(("hold", "adaptive", "pressure")):
        write_save_file(policy_session(tutorial, built_in(policy), 5), tmp_path / f"team{k}.json")
    calls = []
    report = class_report.build([str(tmp_path)], lambda done, total: calls.append((done, total)))
    assert len(report.teams) == 3 and calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_a_debrief_s_best_plan_search_reports_how_far_it_has_got(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path / "home"))
    own = tmp_path / "mine.yaml"        # not a shipped campaign: nothing shipped or cached, so it is searched
    shutil.copy(campaigns_dir() / "tutorial.yaml", own)
    calls = []
    found = best_plan.find(load_campaign(own), seconds=1.0, progress=lambda *step: calls.append(step))
    assert found.source == "search" and calls
    assert [tried for tried, _, _ in calls] == sorted(tried for tried, _, _ in calls)
    assert calls[-1][0] == found.plans_evaluated and calls[-1][1] == found.search_score
