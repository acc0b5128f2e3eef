"""`simulate --save`, `fairshare debrief` and the files it writes: the rows of game.csv and game.json against the
game they come from, the self-contained HTML, and readable errors."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from game.analysis import best_plan, debrief_export, game_table, whatif
from game.analysis.replay import policy_path, same_game, session_path, turn_date
from game.cli import main
from game.catalog import find_campaign
from game.saves import load_save, write_save_file
from game.sim.session import EndTurn, Session, SetOrder
from game.sim.policies import built_in
from game.sim.report import FACTORS

SEED = 5


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(best_plan, "SEARCH_SECONDS", 0.5)   # should the shipped plan not match the model
    return tmp_path


def test_simulate_save_writes_a_game_that_loads_and_replays_the_same(capsys, home):
    target = home / "game.json"
    code, out, _ = run(capsys, "simulate", "tutorial", "--policy", "adaptive", "--runs", "1", "--seed", SEED,
                       "--save", target)
    assert code == 0 and f"game saved to {target}" in out
    session = load_save(target)
    assert session.over and session.seed == SEED
    assert same_game(session_path(session), policy_path(session.world, built_in("adaptive"), SEED))
    data = json.loads(target.read_text())
    assert data["slot"] == "game" and data["turn"] == session.campaign.turns


def test_simulate_save_refuses_more_than_one_run(capsys, home):
    code, out, err = run(capsys, "simulate", "tutorial", "--policy", "hold", "--seed", SEED, "--save",
                         home / "x.json")
    assert code == 2 and "--save writes one game, so it needs --runs 1 (got --runs 1,000)" in err
    assert not (home / "x.json").exists() and out == "" and "Traceback" not in err
    code, _, err = run(capsys, "simulate", "tutorial", "--policy", "hold", "--runs", "1", "--save", home)
    assert code == 2 and "is a folder" in err


@pytest.fixture
def exported(capsys, home):
    save = home / "team.json"
    assert run(capsys, "simulate", "tutorial", "--policy", "random", "--runs", "1", "--seed", SEED, "--save",
               save)[0] == 0
    code, out, err = run(capsys, "debrief", save, "--out", home / "out")
    assert code == 0, err
    return load_save(save), home / "out", out


def test_debrief_writes_every_file(exported):
    session, out, printed = exported
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    allies = {debrief_export.ally_file(a.id) for a in session.campaign.allies}
    assert names == {"game.csv", "game.json", "debrief.md", "debrief.html", "charts/score.png", "charts/luck.png",
                     "charts/us_cost.png", *allies}
    assert f"debrief written to {out}" in printed
    assert all((out / n).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for n in names if n.endswith(".png"))


def test_game_csv_has_one_row_per_ally_per_turn_with_the_games_values(exported):
    session, out, _ = exported
    raw = (out / "game.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())      # UTF-8 with a byte order mark: Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    c = session.campaign
    assert len(rows) == c.turns * len(c.allies)
    assert list(rows[0]) == list(game_table.COLUMNS)
    assert rows[0]["date"] == f"{c.calendar.start}-01-01"
    for t in range(c.turns):
        for i, ally in enumerate(c.allies):
            row = rows[t * len(c.allies) + i]
            after, report = session.history[t + 1], session.reports[t]
            assert (row["turn"], row["ally"]) == (str(t + 1), ally.id)
            assert re.fullmatch(r"\d{4}-(01|04|07|10)-01", row["date"]) and row["date"] == turn_date(c, t)
            assert float(row["spending"]) == pytest.approx(float(after.spending[0, i]), abs=1e-4)
            assert float(row["hedging"]) == pytest.approx(float(after.hedging[0, i]), abs=1e-4)
            assert row["order"] == ["hold", "pressure", "reassure", "withdraw", "criticize"][report.orders[0, i]]
            assert float(row["us_cost"]) == pytest.approx(float(report.us_cost[0]), abs=1e-4)
            change = float(after.trust[0, i] - session.history[t].trust[0, i])
            factors = sum(float(row[f"trust: {n}"]) for n in FACTORS["trust"])
            assert factors == pytest.approx(change, abs=1e-3)      # the named factors add up to the change


def test_game_json_holds_the_same_rows_and_the_what_if(exported):
    session, out, _ = exported
    doc = json.loads((out / "game.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((out / "game.csv").read_text(encoding="utf-8-sig"))))
    assert len(doc["rows"]) == len(rows)
    assert [(r["turn"], r["ally"], r["order"]) for r in doc["rows"]] == \
        [(int(r["turn"]), r["ally"], r["order"]) for r in rows]
    assert doc["seed"] == SEED and doc["finished"] is True
    assert doc["final"]["score"] == pytest.approx(float(session.outcome().score[0]), abs=1e-4)
    same = doc["whatif"]["same_seed"]
    assert set(same) == {"you", "hold", "adaptive", "best plan"}
    assert doc["whatif"]["distribution"]["runs"] == whatif.DISTRIBUTION_RUNS


def test_debrief_html_is_self_contained(exported):
    _, out, _ = exported
    page = (out / "debrief.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') >= 4
    assert "http" not in page and 'src="charts' not in page
    md = (out / "debrief.md").read_text(encoding="utf-8")
    assert "![" in md and "(charts/score.png)" in md and "Skill or luck?" in md


def test_debrief_of_a_bad_save_is_one_line(capsys, home):
    bad = home / "bad.json"
    bad.write_text('{"game": "fair-share", "version": 2')
    code, out, err = run(capsys, "debrief", bad, "--out", home / "out")
    assert code == 1 and err.count("\n") == 1 and "not a Fair Share save" in err and "Traceback" not in err
    (home / "file").write_text("x")
    code, _, err = run(capsys, "debrief", bad, "--out", home / "file")
    assert code == 2 and "is a file" in err


def test_an_unfinished_game_is_exported_without_the_what_if(capsys, home):
    session = Session(find_campaign("tutorial"), SEED)
    session.execute(SetOrder(session.campaign.allies[0].id, "reassure"))
    session.execute(EndTurn())
    write_save_file(session, home / "half.json")
    code, out, err = run(capsys, "debrief", home / "half.json", "--out", home / "half")
    assert code == 0 and "the game is unfinished: 1 of 6 turns played" in out, err
    doc = json.loads((home / "half" / "game.json").read_text(encoding="utf-8"))
    assert doc["whatif"] is None and doc["finished"] is False and len(doc["rows"]) == len(session.campaign.allies)
    assert doc["rows"][0]["order"] == "reassure"
    assert not (home / "half" / "charts" / "luck.png").exists()


def test_the_histograms_ticks_are_round_and_evenly_spaced():
    """Issue 21: the luck chart's axis read 80, 82, 83, 85 (every fifth bin edge, rounded)."""
    from game.analysis.chart_png import histogram_ticks
    for a, b in ((78.6, 88.9), (79.3, 88.5), (40.1, 92.3), (83.2, 84.9), (-1.0, 101.0)):
        ticks = histogram_ticks(a, b)
        steps = {round(y - x, 6) for x, y in zip(ticks, ticks[1:])}
        assert len(ticks) >= 3 and len(steps) == 1, (a, b, ticks)
        step = steps.pop()
        assert all(abs(t / step - round(t / step)) < 1e-6 for t in ticks) and a <= ticks[0] and ticks[-1] <= b
    assert histogram_ticks(78.6, 88.9) == [80, 82, 84, 86, 88]
