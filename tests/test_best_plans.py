"""campaigns/plans/best holds what a long search finds: tools/best_plans.py --check climbs a short way from each
shipped plan, on games of its own seed, and finds nothing more than 0.3 points better on fresh games."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow      # about 20 s of CPU: a short search from each of eight plans (.ci/run runs it; `pytest -m slow`)
def test_the_shipped_best_plans_are_what_a_fresh_short_search_finds():
    run = subprocess.run([sys.executable, "tools/best_plans.py", "--check"], cwd=ROOT, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "the shipped best plans are what a search finds" in run.stdout
    assert run.stdout.count("(ok:") == len(list((ROOT / "campaigns" / "plans" / "best").glob("*.yaml")))
