"""`fairshare new`: the scaffold validates, lints clean and plays as it stands for each theatre and for every ally and
partner in the data, takes its figures from the shipped data of the year asked for with the sources named (U.S.
presence from the troop tables, with their caveat), comments every judgement, and says clearly what it cannot fill
in."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from game.authoring.data import countries
from game.authoring.lint import lint_file
from game.authoring.scaffold import MEANING, scaffold
from game.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("theatre", ["europe", "indo_pacific", "both"])
def test_new_writes_a_campaign_that_validates_lints_clean_and_plays(tmp_path, capsys, theatre):
    out = tmp_path / f"my_{theatre}.yaml"
    code, said, err = run(capsys, "new", f"my_{theatre}", "--theatre", theatre, "--turns", "8", "--out", str(out))
    assert code == 0, err
    assert said.startswith(f"wrote {out}")
    campaign, warnings = lint_file(out)
    assert campaign is not None and warnings == [], [str(w) for w in warnings]
    assert campaign.turns == 8 and {a.theatre for a in campaign.allies} <= {"europe", "indo_pacific"}
    assert run(capsys, "validate", "--strict", str(out))[0] == 0
    code, said, _ = run(capsys, "simulate", str(out), "--policy", "adaptive", "--runs", "20", "--json")
    result = json.loads(said)
    assert code == 0 and result["turns"] == 8
    assert set(result["final"]) - {"outcomes"} == {a.id for a in campaign.allies}
    assert 0 < result["final"]["outcomes"]["score"] < 100


def test_the_figures_are_the_shipped_data_with_their_sources(tmp_path):
    made = scaffold("nordic", allies=["norway", "estonia", "taiwan"], theatre="both", out=tmp_path / "n.yaml")
    doc = yaml.safe_load(made.text)
    allies = {a["id"]: a for a in doc["allies"]}
    assert (allies["norway"]["gdp"], allies["norway"]["spending"]) == (485.5, 2.2)      # World Bank, NATO 2024
    assert (allies["estonia"]["gdp"], allies["estonia"]["spending"]) == (40.7, 3.43)
    assert allies["taiwan"]["gdp"] == 757.3          # the IMF's, in the World Bank table's file (data/README.md)
    assert {a["id"]: a["capability"] for a in doc["adversaries"]} == {"russia": 150.5, "china": 317.6}
    sources = " ".join(doc["sources"])
    assert all(name in sources for name in ("World Bank", "IMF", "NATO", "SIPRI", "Defense Manpower Data Center"))


def test_every_judgement_value_carries_its_meaning_and_range(tmp_path):
    made = scaffold("x", out=tmp_path / "x.yaml")
    lines = made.text.splitlines()
    judged = [line for line in lines if re.match(r"\s+(\w+): ", line) and line.split(":")[0].strip() in MEANING]
    assert len(judged) > 30
    for line in judged:
        key = line.split(":")[0].strip()
        assert line.rstrip().endswith(MEANING[key]), line
        assert re.search(r"\d", MEANING[key]) or key in ("hub", "nuclear_power", "partner"), key   # a range
    # the schema beside the file, named without a folder: moving the folder or the checkout never breaks it
    assert lines[0] == "# yaml-language-server: $schema=campaign.schema.json"
    doc = yaml.safe_load(made.text)
    assert doc["briefing"].count("\n\n") >= 2 and len(doc["goals"]) == 4
    kinds = {("turn" in e, "when" in e, e.get("once", True)) for e in doc["events"]}
    assert kinds == {(True, False, True), (False, True, True), (False, True, False)}   # one event of each kind


def test_an_unknown_ally_gets_a_did_you_mean_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "x.yaml"
    code, _, err = run(capsys, "new", "x", "--allies", "poland,estonnia", "--out", str(out))
    assert code == 2 and not out.exists()
    assert err.startswith("fairshare: error: unknown ally 'estonnia'; did you mean 'estonia'?")
    code, _, err = run(capsys, "new", "x", "--allies", "japan", "--out", str(out))
    assert code == 2 and "Japan is in theatre 'indo_pacific', not 'europe'; use --theatre indo_pacific" in err
    code, _, err = run(capsys, "new", "Bad-Id", "--out", str(out))
    assert code == 2 and "'Bad-Id' is not a usable campaign id" in err and "Traceback" not in err


def test_data_the_project_lacks_is_a_marked_placeholder_with_a_clear_error(tmp_path, capsys):
    assert countries()["vietnam"].spending is None        # SIPRI gives Viet Nam nothing after 2018
    out = tmp_path / "low.yaml"
    code, said, err = run(capsys, "new", "low", "--theatre", "indo_pacific", "--allies", "vietnam,japan",
                          "--out", str(out))
    assert code == 1 and out.exists()
    text = out.read_text(encoding="utf-8").splitlines()
    line = next(n for n, line in enumerate(text, 1) if line.startswith("    spending: TODO"))
    assert ("MISSING from data/ (SIPRI gives Viet Nam's share of GDP for 1987-1994 and 2003-2018): write Viet Nam's "
            "% of GDP, 2024 and name the source") in text[line - 1]
    assert f"{out}:{line}:15: error: spending: expected a number, got string 'TODO' (a placeholder left to fill in: " \
           "write the figure and name its source under sources:)" in said.splitlines()
    assert "the shipped data lacks 1 figure(s) (spending of Viet Nam)" in err


def test_new_goes_to_the_user_campaigns_folder_and_never_overwrites(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    assert run(capsys, "new", "mine")[0] == 0
    path = tmp_path / "campaigns" / "mine.yaml"
    assert path.is_file()
    before = path.read_text(encoding="utf-8")
    code, _, err = run(capsys, "new", "mine", "--turns", "4")
    assert code == 2 and "already exists" in err and path.read_text(encoding="utf-8") == before
    assert run(capsys, "new", "mine", "--turns", "4", "--force")[0] == 0
    assert "turns: 4" in path.read_text(encoding="utf-8")
    assert run(capsys, "validate", "mine")[1].strip() == f"{path}: ok"


def test_new_writes_the_schema_beside_the_campaign_and_the_folder_can_move(tmp_path, capsys):
    """The schema line was a path from the new file to the checkout's docs/: moving the folder broke it."""
    out = tmp_path / "mine" / "mine.yaml"
    assert run(capsys, "new", "mine", "--out", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=campaign.schema.json"
    moved = tmp_path / "elsewhere"
    (tmp_path / "mine").rename(moved)
    schema = json.loads((moved / "campaign.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Fair Share campaign" and "allies" in schema["properties"]
    (moved / "campaign.schema.json").write_text('{"title": "someone else\'s schema"}', encoding="utf-8")
    assert run(capsys, "new", "other", "--out", str(moved / "other.yaml"))[0] == 0     # not ours: left as it is
    assert json.loads((moved / "campaign.schema.json").read_text(encoding="utf-8"))["title"] == "someone else's schema"
