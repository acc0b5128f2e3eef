"""Issue 9, the command line: seeds checked, write errors on stdout in one line, the chart target checked and PNG
only, batches that would not fit in memory refused, strict JSON."""
from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from game.analysis import summary
from game.catalog import find_campaign
from game.cli import main
from game.analysis.backtest import KEPT_PER_TURN
from game.limits import (MAX_SEED, MEMORY_BUDGET, NotFinite, batch_bytes, memory_problem, run_bytes,
                         strict_json)
from game.sim.policies import built_in
from game.sim.run import simulate
from game.ui import flow

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv", [
    ["simulate", "tutorial", "--policy", "hold", "--runs", "2"],
    ["backtest", "europe_2014", "--runs", "2"],
    ["play", "tutorial"],
])
@pytest.mark.parametrize("seed", ["-1", str(MAX_SEED + 1), "1.5", "x"])
def test_a_bad_seed_is_one_clear_line(capsys, argv, seed):
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--seed", seed])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "Traceback" not in err
    assert f"argument --seed: must be a whole number from 0 to {MAX_SEED:,} (2**63 - 1), got '{seed}'" in err


def test_the_largest_seed_is_accepted(capsys):
    code, out, _ = run(capsys, "simulate", "tutorial", "--policy", "hold", "--runs", "2", "--seed", str(MAX_SEED),
                       "--json")
    assert code == 0 and json.loads(out)["seed"] == MAX_SEED


def test_the_window_refuses_a_bad_seed_with_a_dialog(app):
    assert not flow.start_campaign(app, "tutorial", -1)
    assert app.scene.title == "This campaign cannot be opened" and "2**63 - 1" in app.scene.text


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["simulate", "tutorial", "--policy", "hold", "--runs", "5", "--json"],
                                  ["validate", "tutorial", "europe_2024"]])
def test_stdout_on_a_full_disk_is_one_readable_line(argv, tmp_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], stdout=full, stderr=subprocess.PIPE,
                              text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["fairshare: error: cannot write the output: No space left on device"]


@pytest.mark.parametrize("target, message", [
    ("{tmp}", "is a folder"),
    ("{tmp}/chart.txt", "the chart is written as PNG: give a file name ending in .png"),
    ("/dev/full", "the chart is written as PNG"),
    ("{tmp}/a_file/chart.png", "cannot write the chart"),       # its folder is a file: unwritable even as root
])
def test_a_bad_chart_target_is_refused(capsys, tmp_path, target, message):
    (tmp_path / "a_file").write_text("")
    target = target.format(tmp=tmp_path)
    code, out, err = run(capsys, "backtest", "europe_2014", "--runs", "4", "--chart", target)
    assert code in (1, 2) and message in err and "Traceback" not in err
    assert not (tmp_path / "chart.txt").exists()


def test_the_chart_is_always_a_png(capsys, tmp_path):
    target = tmp_path / "deep" / "chart.PNG"
    code, out, _ = run(capsys, "backtest", "europe_2014", "--runs", "4", "--chart", str(target))
    assert code == 0 and target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("cid", ["global_2024", "europe_2024"])
def test_a_million_runs_stream_within_the_memory_budget(cid):
    campaign = find_campaign(cid)
    assert memory_problem(campaign, 1_000_000) is None
    assert batch_bytes(campaign, 1_000_000) < MEMORY_BUDGET / 4


def test_a_batch_that_would_not_fit_in_memory_is_refused_with_how_far_it_can_go():
    message = memory_problem(find_campaign("global_2024"), 10 ** 8, kept_per_turn=KEPT_PER_TURN)
    assert "would need about" in message and "GB of memory" in message and "runs fit in the 2 GiB" in message


def test_the_largest_batch_said_to_fit_does_fit():
    for cid in ("tutorial", "europe_2024", "global_2024", "europe_2014"):
        campaign = find_campaign(cid)
        message = memory_problem(campaign, 10 ** 8, kept_per_turn=KEPT_PER_TURN)
        fits = int(message.split("at most ")[1].split(" runs")[0].replace(",", ""))
        assert memory_problem(campaign, fits, KEPT_PER_TURN) is None
        assert batch_bytes(campaign, fits, KEPT_PER_TURN) <= MEMORY_BUDGET


@pytest.mark.parametrize("cid", ["tutorial", "global_2024"])
def test_the_memory_estimate_covers_what_a_run_really_uses(cid):
    campaign = find_campaign(cid)
    tracemalloc.start()
    simulate(campaign, built_in("adaptive"), runs=400, seed=1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak / 400 <= run_bytes(campaign)


def test_json_output_is_strict():
    with pytest.raises(NotFinite, match="at 'final.outcomes.score'"):
        strict_json({"final": {"outcomes": {"score": float("nan")}}})
    assert strict_json({"a": [1.5, 2]}) == '{"a": [1.5, 2]}'


def test_a_non_finite_result_is_an_error_not_invalid_json(capsys, monkeypatch):
    real = summary.simulate_summary

    def poisoned(*args, **kwargs):
        result = real(*args, **kwargs)
        result["final"]["outcomes"]["score"] = float("nan")
        return result
    monkeypatch.setattr(summary, "simulate_summary", poisoned)
    code, out, err = run(capsys, "simulate", "tutorial", "--policy", "hold", "--runs", "2", "--json")
    assert code == 1 and out == ""
    assert "not a finite number at 'final.outcomes.score'" in err and len(err.splitlines()) == 1
