"""The short run of the fuzz harness (tools/fuzz.py; `python -m tools.fuzz --long` for the long one, by hand):
campaign mutants through validate, simulate and a headless window game, then random window input. Nothing may
crash, hang or produce NaN."""
from __future__ import annotations

import pytest

from tools import fuzz


@pytest.mark.skipif(not hasattr(fuzz.signal, "SIGALRM"), reason="the hang alarm needs a POSIX system")
def test_the_short_fuzz_run_finds_nothing():
    report = fuzz.run(seed=1)
    assert report.failures == 0, report.summary()
    assert report.mutants == 100 and report.valid >= 20 and report.window_games >= 2 and report.events == 1500


def test_mutants_are_reproducible_by_number():
    assert fuzz.mutant(3, 17) == fuzz.mutant(3, 17)
    assert fuzz.mutant(3, 17) != fuzz.mutant(3, 18)
