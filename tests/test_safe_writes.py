"""Issue 22, nothing lost: every command that writes replaces only its own output of the same kind (anything else
needs --force), never the file it reads, refuses special files before its work starts, and writes atomically.

Each test here failed on the main branch before the write rule (game/userdata.py): `simulate --save` and
`balance --plan-out` replaced any file, the campaign being played included, and a FIFO as --plan-out hung."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from game import userdata
from game.analysis import balance as balancing, best_plan
from game.cli import main
from game.paths import campaigns_dir

pytestmark = [pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system"),
              pytest.mark.usefixtures("watchdog")]

TUTORIAL = campaigns_dir() / "tutorial.yaml"
NOTES = "my notes, not a Fair Share file\n"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(best_plan, "SEARCH_SECONDS", 0.5)   # should the shipped plan not match the model
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def save_of(path: Path, capsys, policy: str = "hold") -> Path:
    assert run(capsys, "simulate", "tutorial", "--policy", policy, "--runs", "1", "--seed", "3", "--save", path)[0] == 0
    return path


def foreign(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NOTES, encoding="utf-8")
    return path


def one_line_error(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.startswith("fairshare: error: ") and "Traceback" not in err, err
    for word in words:
        assert word in err, err


# --------------------------------------------------------------------------------------------- simulate --save
def test_simulate_never_saves_over_the_campaign_it_plays(capsys, home):
    mine = home / "my.yaml"
    shutil.copy(TUTORIAL, mine)
    before = mine.read_bytes()
    for extra in ([], ["--force"]):
        code, out, err = run(capsys, "simulate", mine, "--policy", "hold", "--runs", "1", "--save", mine, *extra)
        assert code == 2 and out == ""
        one_line_error(err, "is a file this command reads")
    assert mine.read_bytes() == before


def test_simulate_never_saves_over_the_plan_it_follows(capsys, home):
    plan = home / "plan.yaml"
    plan.write_text("default: pressure\n", encoding="utf-8")
    code, _, err = run(capsys, "simulate", "tutorial", "--policy", plan, "--runs", "1", "--save", plan, "--force")
    assert code == 2 and plan.read_text() == "default: pressure\n"
    one_line_error(err, "is a file this command reads")


def test_simulate_replaces_a_save_but_another_file_only_with_force(capsys, home):
    game = save_of(home / "game.json", capsys)
    first = game.read_text()
    save_of(game, capsys, "pressure")                        # its own output of the same kind: replaced
    assert json.loads(game.read_text())["log"] != json.loads(first)["log"]
    notes = foreign(home / "notes.json")
    code, out, err = run(capsys, "simulate", "tutorial", "--policy", "hold", "--runs", "1", "--save", notes)
    assert code == 2 and out == "" and notes.read_text() == NOTES
    one_line_error(err, "already exists and is not a Fair Share save", "--force")
    assert run(capsys, "simulate", "tutorial", "--policy", "hold", "--runs", "1", "--save", notes, "--force")[0] == 0
    assert json.loads(notes.read_text())["game"] == "fair-share"


# --------------------------------------------------------------------------------------------- balance --plan-out
def test_a_fifo_as_the_plan_is_refused_before_the_search(capsys, home, monkeypatch):
    def no_search(*args, **kwargs):
        raise AssertionError("the search ran although its plan could not be written")
    monkeypatch.setattr(balancing, "balance", no_search)
    os.mkfifo(home / "plan.yaml")
    code, out, err = run(capsys, "balance", "tutorial", "--runs", "20", "--search", "30", "--plan-out",
                         home / "plan.yaml")
    assert code == 2 and out == ""
    one_line_error(err, "a pipe")


def test_balance_never_writes_its_plan_over_the_campaign_or_an_authors_plan(capsys, home, monkeypatch):
    def no_search(*args, **kwargs):
        raise AssertionError("the search ran although its plan could not be written")
    monkeypatch.setattr(balancing, "balance", no_search)
    mine = home / "my.yaml"
    shutil.copy(TUTORIAL, mine)
    code, _, err = run(capsys, "balance", mine, "--plan-out", mine, "--force")
    assert code == 2 and mine.read_bytes() == TUTORIAL.read_bytes()
    one_line_error(err, "is a file this command reads")
    authors = home / "plan.yaml"
    authors.write_text("default: reassure   # my own plan\n", encoding="utf-8")
    code, _, err = run(capsys, "balance", "tutorial", "--plan-out", authors)
    assert code == 2 and authors.read_text() == "default: reassure   # my own plan\n"
    one_line_error(err, "already exists and is not a plan written by `fairshare balance`", "--force")


def test_balance_replaces_its_own_plan_atomically(capsys, home, monkeypatch):
    plan = home / "plan.yaml"
    args = ("balance", "tutorial", "--runs", "20", "--search", "0", "--plan-out", plan)
    assert run(capsys, *args)[0] == 0
    first = plan.read_text()
    assert first.startswith("# Best plan found by `fairshare balance tutorial")
    assert run(capsys, *args)[0] == 0                        # its own output: replaced without --force

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(userdata.os, "replace", full_disk)
    code, _, err = run(capsys, *args[:-2], "--seed", "1", "--plan-out", plan)
    assert code == 1 and "No space left on device" in err
    assert plan.read_text() == first                        # the old plan whole, and no temp file beside it
    assert sorted(p.name for p in home.iterdir() if p.is_file()) == ["plan.yaml"]


# --------------------------------------------------------------------------------------------- every writer
def _targets(home: Path) -> dict[str, tuple[list, Path]]:
    """command -> (its arguments, the file it would write), for every command that writes a file."""
    save = home / "in" / "game.json"
    return {
        "simulate --save": (["simulate", "tutorial", "--policy", "hold", "--runs", "1", "--save", "{t}"],
                            home / "out.json"),
        "balance --plan-out": (["balance", "tutorial", "--runs", "20", "--search", "0", "--plan-out", "{t}"],
                               home / "plan.yaml"),
        "backtest --chart": (["backtest", "europe_2014", "--runs", "4", "--chart", "{t}"], home / "chart.png"),
        "new --out": (["new", "mine", "--out", "{t}"], home / "mine.yaml"),
        "debrief --out": (["debrief", save, "--out", home / "d"], home / "d" / "debrief.html"),
        "class --out": (["class", save, "--out", home / "c"], home / "c" / "class.csv"),
    }


WRITERS = ("simulate --save", "balance --plan-out", "backtest --chart", "new --out", "debrief --out", "class --out")


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("special", ["fifo", "folder"])
def test_no_command_writes_into_a_special_file(capsys, home, writer, special):
    save_of(home / "in" / "game.json", capsys)
    argv, path = _targets(home)[writer]
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path) if special == "fifo" else path.mkdir()
    code, _, err = run(capsys, *[str(a).replace("{t}", str(path)) for a in argv])
    assert code == 2 and ("a pipe" if special == "fifo" else "a folder") in err and "Traceback" not in err
    assert (path.is_fifo() if special == "fifo" else path.is_dir())


@pytest.mark.parametrize("writer", WRITERS)
def test_no_command_replaces_a_file_of_another_kind_without_force(capsys, home, writer):
    save_of(home / "in" / "game.json", capsys)
    argv, path = _targets(home)[writer]
    foreign(path)
    argv = [str(a).replace("{t}", str(path)) for a in argv]
    code, _, err = run(capsys, *argv)
    assert code == 2 and path.read_text() == NOTES
    one_line_error(err, "already exists", "--force")
    assert run(capsys, *argv, "--force")[0] in (0, 1)       # `new` says 1 when the data lacks a figure
    assert path.read_bytes() != NOTES.encode()


@pytest.mark.parametrize("writer", ["backtest --chart", "debrief --out", "class --out"])
def test_a_report_written_again_replaces_its_own_files(capsys, home, writer):
    save_of(home / "in" / "game.json", capsys)
    argv, path = _targets(home)[writer]
    argv = [str(a).replace("{t}", str(path)) for a in argv]
    assert run(capsys, *argv)[0] == 0
    os.utime(path, (0, 0))
    assert run(capsys, *argv)[0] == 0 and path.stat().st_mtime > 0


def test_a_debrief_never_writes_over_the_save_it_reads(capsys, home):
    save = save_of(home / "saves" / "game.json", capsys)
    before = save.read_bytes()
    code, _, err = run(capsys, "debrief", save, "--out", home / "saves", "--force")
    assert code == 2 and save.read_bytes() == before
    one_line_error(err, "is a file this command reads")


def test_a_report_is_refused_whole_before_any_file_is_written(capsys, home):
    save = save_of(home / "in" / "game.json", capsys)
    csv_file = foreign(home / "c" / "class.csv")
    code, _, _ = run(capsys, "class", save, "--out", home / "c")
    assert code == 2 and csv_file.read_text() == NOTES
    assert sorted(p.name for p in (home / "c").iterdir()) == ["class.csv"]     # no class.html beside it
