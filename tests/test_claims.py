"""`fairshare claims`: each of the article's claims measured in a campaign, with the research's evidence behind it;
and the evidence cards that docs/model.md and the window's help show."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis import claims, evidence
from game.catalog import find_campaign

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def europe():
    return {c.id: c for c in claims.measure(find_campaign("europe_2024"), runs=300, seed=4)}


def test_every_claim_names_a_card_and_europe_shows_each_that_applies(europe):
    assert set(europe) == {fn.__name__ for fn in claims.CLAIMS}
    for claim in europe.values():
        assert claim.id in evidence.BY_ID
        assert claim.shows is not None, claim      # europe_2024 has a hub, latency, quarrels, front and rear
        assert claim.sentence and all(v == v for v in claim.figures.values())   # no NaN
        # One drawdown from Germany starts no programme in Europe: the nuclear branch is the Indo-Pacific's.
        assert claim.shows or claim.id == "nuclear", claim.sentence


def test_the_indo_pacific_shows_the_nuclear_branch_as_issue_20_asks():
    nuclear = {c.id: c for c in claims.measure(find_campaign("indo_pacific_2024"), runs=600, seed=4)}["nuclear"]
    assert "Japan" in nuclear.sentence
    assert 0.15 <= nuclear.figures["programme"] <= 0.6 and nuclear.figures["realigned"] <= 0.4
    assert nuclear.figures["stopped"] >= 0.25


def test_the_figures_are_the_ones_the_sentences_quote(europe):
    nuclear = europe["nuclear"]
    assert f"{nuclear.figures['programme']:.0%}" in nuclear.sentence
    assert f"{nuclear.figures['stopped']:.0%}" in nuclear.sentence
    crit = europe["criticism"]
    assert abs(crit.figures["spending_pp"]) < 0.05 and crit.figures["trust"] < -0.05 and crit.figures["score"] < -2
    dilemma = europe["dilemma"]
    assert "Germany" in dilemma.sentence and dilemma.figures["autonomy_loss"] < 0
    assert dilemma.figures["autonomy_loss"] <= 0.5 * dilemma.figures["strain_loss"]   # issue 20's bar
    hub = europe["hubs"]
    assert hub.figures["alone_pp"] <= 2 / 3 * hub.figures["with_congress_pp"]


def test_a_claim_without_its_ally_says_so():
    c = find_campaign("tutorial")
    found = {x.id: x for x in claims.measure(c, runs=50, seed=1)}
    for claim in found.values():
        if claim.shows is None:
            assert claim.sentence.startswith("Not in this campaign")


def test_the_command_prints_text_and_strict_json():
    run = subprocess.run([sys.executable, "main.py", "claims", "tutorial", "--runs", "60", "--json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["campaign"] == "tutorial" and out["runs"] == 60
    assert {c["id"] for c in out["claims"]} == {fn.__name__ for fn in claims.CLAIMS}
    assert all(c["evidence"] in evidence.STATUS_WORDS and c["sources"] for c in out["claims"])
    text = subprocess.run([sys.executable, "main.py", "claims", "tutorial", "--runs", "60"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert text.returncode == 0 and "evidence" in text.stdout and "Traceback" not in text.stderr
    bad = subprocess.run([sys.executable, "main.py", "claims", "tutorial", "--runs", "5"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "--runs" in bad.stderr and "Traceback" not in bad.stderr


def test_every_card_has_sources_a_status_and_a_doubt():
    assert len({c.id for c in evidence.CARDS}) == len(evidence.CARDS)
    for card in evidence.CARDS:
        assert card.status in evidence.STATUS_WORDS and card.sources and card.doubt and card.model


def test_docs_model_carries_the_cards_as_generated():
    """docs/model.md's evidence section is written by tools/build_docs.py from game.analysis.evidence."""
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    start, end = "<!-- generated: EVIDENCE -->\n", "<!-- end generated -->"
    assert start in text, "run: python tools/build_docs.py"
    body = text.split(start, 1)[1].split(end, 1)[0]
    assert body == evidence.markdown(), "run: python tools/build_docs.py"
