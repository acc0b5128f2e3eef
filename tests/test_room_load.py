"""The class room's load and fault script (tools/room_load.py), run small enough for CI: a class votes for a few
turns while the server is killed -9 and resumed; no vote a page saw acknowledged is lost or counted twice, and the
journal's game replays to the game the votes made. (The full-size figures, 120 students on 10 allies for 12 turns,
with and without 20 kills, are measured by running the script itself: see its docstring.)"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.parametrize("kills", [0, 4])
def test_votes_survive_load_and_kills(kills):
    done = subprocess.run([sys.executable, "-m", "tools.room_load", "--students", "30", "--allies", "10", "--turns",
                           "3", "--kills", str(kills), "--spread", "1", "--port", str(18800 + kills), "--json",
                           "--limit", "240"], cwd=ROOT, capture_output=True, text=True, timeout=400)
    result = json.loads(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    # the kills are planned at random moments of the game as long as it is expected to last; those a quick machine
    # leaves past its end fall on the last turn, so every one happens, whatever the load
    assert result["votes"] == 30 * 10 * 3 and result["kills"] == kills
    assert result["lost_or_double"] == [] and result["same_game"] and result["journal_votes_match"]
