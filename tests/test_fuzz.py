"""The short run of the fuzz harness (tools/fuzz.py; `python -m tools.fuzz --long` for the long one, by hand):
campaign mutants through validate, simulate and a headless window game, then random window input, then writes
onto existing and special files, hostile saves, closed and full streams and interrupts. Nothing may crash, hang,
produce NaN, lose a file or show a traceback."""
from __future__ import annotations

import os

import pytest

from tools import fuzz


@pytest.mark.skipif(not hasattr(fuzz.signal, "SIGALRM"), reason="the hang alarm needs a POSIX system")
def test_the_short_fuzz_run_finds_nothing():
    report = fuzz.run(seed=1)
    assert report.failures == 0, report.summary()
    assert report.mutants == 100 and report.valid >= 20 and report.window_games >= 2 and report.events == 1500
    assert (report.writes, report.hostile_saves) == (fuzz.SHORT_IO["writes"], fuzz.SHORT_IO["saves"])
    if os.name == "posix":
        assert (report.stream_runs, report.interrupts) == (fuzz.SHORT_IO["streams"], fuzz.SHORT_IO["interrupts"])


def test_mutants_are_reproducible_by_number():
    assert fuzz.mutant(3, 17) == fuzz.mutant(3, 17)
    assert fuzz.mutant(3, 17) != fuzz.mutant(3, 18)
