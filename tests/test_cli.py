"""The command line as a user meets it: exit codes, messages, the --json contract."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok_per_file(capsys):
    code, out, _ = run(capsys, "validate", "campaigns/tutorial.yaml", "europe_2024")
    assert code == 0
    assert out.splitlines()[0] == "campaigns/tutorial.yaml: ok"
    assert out.splitlines()[1].endswith("europe_2024.yaml: ok")


def test_validate_reports_every_problem_with_position(capsys):
    broken = ROOT / "tests" / "campaign_errors" / "several_problems.yaml"
    expected = (broken.with_suffix(".expected")).read_text(encoding="utf-8").splitlines()
    code, out, err = run(capsys, "validate", str(broken.relative_to(ROOT)))
    assert code == 1
    assert out.splitlines() == expected and len(expected) > 3
    assert "Traceback" not in out + err


def test_simulate_json_has_the_documented_keys(capsys):
    code, out, _ = run(capsys, "simulate", "tutorial", "--policy", "hold", "--runs", "20", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["campaign"], data["policy"], data["runs"], data["seed"], data["turns"]) == \
        ("tutorial", "hold", 20, 0, 6)
    for ally in ("poland", "estonia", "germany", "spain"):
        values = data["final"][ally]
        assert set(values) >= {"spending", "threat", "trust", "alignment", "hedging"}
        assert all(0 <= values[k] <= 1 for k in ("threat", "trust", "alignment", "hedging"))
    outcomes = data["final"]["outcomes"]
    assert set(outcomes) >= {"aggression", "proliferation", "us_cost", "influence", "burden_share", "score"}
    assert 0 <= outcomes["aggression"] <= 1 and 0 <= outcomes["burden_share"] <= 1


def test_simulate_is_reproducible_and_seed_sensitive(capsys):
    first = run(capsys, "simulate", "europe_2024", "--policy", "random", "--runs", "50", "--seed", "3", "--json")[1]
    again = run(capsys, "simulate", "europe_2024", "--policy", "random", "--runs", "50", "--seed", "3", "--json")[1]
    other = run(capsys, "simulate", "europe_2024", "--policy", "random", "--runs", "50", "--seed", "4", "--json")[1]
    assert first == again != other


def test_plan_file_policy(capsys, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("default: hold\norders:\n  poland: pressure\n  spain: [reassure, pressure]\n", encoding="utf-8")
    code, out, _ = run(capsys, "simulate", "tutorial", "--policy", str(plan), "--runs", "30", "--json")
    assert code == 0
    held = json.loads(run(capsys, "simulate", "tutorial", "--policy", "hold", "--runs", "30", "--json")[1])
    planned = json.loads(out)
    assert planned["policy"] == "plan.yaml"
    assert planned["final"]["poland"]["spending"] > held["final"]["poland"]["spending"]
    assert planned["final"]["germany"] == held["final"]["germany"] or \
        abs(planned["final"]["germany"]["trust"] - held["final"]["germany"]["trust"]) < 0.05


def test_bad_plan_points_at_the_problem(capsys, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("default: hold\norders:\n  polnd: pressure\n  spain: [reassure, presure]\n", encoding="utf-8")
    code, _, err = run(capsys, "simulate", "tutorial", "--policy", str(plan))
    assert code == 1
    assert f"{plan}:3:3: error: unknown ally 'polnd' in campaign 'tutorial'; did you mean 'poland'?" in err
    assert f"{plan}:4:21: error: unknown order 'presure'; did you mean 'pressure'?" in err


@pytest.mark.parametrize("argv, message, code", [
    (["simulate", "tutoral", "--policy", "hold"], "no campaign called 'tutoral'; did you mean 'tutorial'?", 1),
    (["simulate", "tutorial", "--policy", "hodl"], "unknown policy 'hodl'; did you mean 'hold'?", 2),
    (["simulate", "tutorial", "--policy", "hold", "--runs", "0"], "--runs must be between", 2),
    (["simulate", "nowhere/x.yaml", "--policy", "hold"], "no campaign file at 'nowhere/x.yaml'", 1),
])
def test_bad_input_is_one_readable_line(capsys, argv, message, code):
    got, out, err = run(capsys, *argv)
    assert got == code
    assert err.startswith("fairshare: error: ") and message in err
    assert "Traceback" not in err


def test_broken_campaign_is_reported_not_crashed(capsys):
    broken = "tests/campaign_errors/unknown_key.yaml"
    code, _, err = run(capsys, "simulate", broken, "--policy", "hold")
    assert code == 1 and "has problems" in err and f"{broken}:" in err


def test_main_py_help_lists_commands():
    out = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0
    for command in ("play", "validate", "simulate", "backtest", "bench"):
        assert command in out.stdout


def test_no_screen_is_a_readable_error_not_a_traceback(tmp_path):
    env = {**os.environ, "SDL_VIDEODRIVER": "no_such_driver", "FAIRSHARE_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "main.py"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 1
    assert "cannot open the game window" in out.stderr and "Traceback" not in out.stderr
