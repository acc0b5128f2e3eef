"""Issue 22, names from outside are data: a save's file name that is not UTF-8, a team name of any length and any
characters, and the Markdown, CSV and HTML writers escaping whatever they copy. No single file breaks a class
report.

Each test here failed on the main branch before: a Latin-1 file name raised UnicodeEncodeError and wrote no report,
a 3,000,000-character team name went whole to stdout and into the charts (pygame.error), and class.md, debrief.md
and game.csv copied names verbatim."""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from pathlib import Path

import pytest

from game.analysis import best_plan
from game.cli import main
from game.paths import campaigns_dir

CELL_LIMIT = 32_767      # Excel's, and what game.analysis.report_doc keeps of a name in a CSV cell
HOSTILE = "<script>alert(1)</script> | **x** [y](http://z) &amp; `c` _u_"


def run(capsys, *argv):
    code = main([os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(best_plan, "SEARCH_SECONDS", 0.5)
    return tmp_path


def save_of(path: Path, capsys, policy: str = "hold", campaign: str = "tutorial", team: str | None = None) -> Path:
    """A finished game saved at `path` (any name); with `team`, a team's game of that name (as the window saves it),
    else the game `simulate --save` wrote."""
    path.parent.mkdir(parents=True, exist_ok=True)
    made = path.parent / "made.json"
    assert run(capsys, "simulate", campaign, "--policy", policy, "--runs", "1", "--seed", "4", "--save", made)[0] == 0
    data = json.loads(made.read_text(encoding="utf-8"))
    made.unlink()
    if team is not None:
        data.update(team=team, origin="window")
        del data["policy"]
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def unescaped(md: str, markup: str) -> bool:
    """`markup` appears in the Markdown with its first character not escaped by a backslash."""
    return re.search(r"(?<!\\)" + re.escape(markup), md) is not None


def csv_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.skipif(os.name != "posix" or os.uname().sysname == "Darwin", reason="needs byte file names")
def test_a_file_name_that_is_not_utf8_is_shown_not_fatal(capsys, home):
    folder = home / "in"
    save_of(folder / "team.json", capsys)
    latin = Path(os.fsdecode(os.path.join(os.fsencode(folder), b"caf\xe9.json")))
    save_of(latin, capsys, "pressure")
    Path(os.fsdecode(os.path.join(os.fsencode(folder), b"broken\xe9.json"))).write_text("{}")   # left out
    code, out, err = run(capsys, "class", folder, "--out", home / "out")
    assert code == 0 and "Traceback" not in err and "left out" in err and "broken\ufffd.json" in err
    rows = csv_rows(home / "out" / "class.csv")
    assert {Path(r["file"]).name for r in rows} == {"team.json", "caf\ufffd.json", "broken\ufffd.json"}
    assert "broken\ufffd.json" in (home / "out" / "class.md").read_text(encoding="utf-8")


def test_a_huge_team_name_is_capped_where_shown_and_kept_in_the_table_as_far_as_a_cell_holds(capsys, home):
    folder = home / "in"
    save_of(folder / "a.json", capsys)
    huge = "<b>" + "W" * 3_000_000
    save_of(folder / "huge.json", capsys, "pressure", team=huge)
    code, out, err = run(capsys, "class", folder, "--out", home / "out")
    assert code == 0 and "Traceback" not in err, err
    assert max(len(line) for line in out.splitlines()) < 200
    kept = next(r["team"] for r in csv_rows(home / "out" / "class.csv") if r["file"].endswith("huge.json"))
    assert len(kept) == CELL_LIMIT and kept == huge[:CELL_LIMIT - 1] + "…"    # as much as a spreadsheet cell holds
    page = (home / "out" / "class.html").read_text(encoding="utf-8")
    md = (home / "out" / "class.md").read_text(encoding="utf-8")
    assert len(page) < 1_000_000 and len(md) < 100_000 and "&lt;b&gt;WWW" in page and "\\<b\\>WWW" in md


def test_class_md_and_html_show_names_as_text_never_as_markup(capsys, home):
    folder = home / "in"
    save_of(folder / "a.json", capsys, team=HOSTILE)
    save_of(folder / "b.json", capsys, "withdraw", team="#1 - team")
    (folder / "<img src=x onerror=alert(2)> | y.json").write_text("{}")     # left out, with its name listed
    assert run(capsys, "class", folder, "--out", home / "out")[0] == 0
    md = (home / "out" / "class.md").read_text(encoding="utf-8")
    page = (home / "out" / "class.html").read_text(encoding="utf-8")
    for markup in ("<script>", "<img", "](http", "**x**", "`c`", "&amp;", "_u_"):
        assert not unescaped(md, markup), markup
    assert "<script>" not in page and "<img src=x" not in page and html.escape(HOSTILE[:50]) in page
    ranking = md.split("## Ranking")[1].split("\n\n")[1].splitlines()
    cells = [len(re.findall(r"(?<!\\)\|", row)) for row in ranking]
    assert len(set(cells)) == 1             # every row of the ranking has the header's columns: no '|' got loose
    assert "| #1 - team | W |" in md        # a cell is no block: '#' and '-' as they are
    assert "\\<img src=x onerror=alert(2)\\> \\| y.json: this file is not a Fair Share save" in md


def hostile_campaign(home: Path, edit) -> Path:
    """The tutorial with `edit` made to its text, under an id of its own: a save of it is replayed on this file, not
    on the shipped tutorial (which plays the same, its names being wording)."""
    hostile = home / "hostile.yaml"
    text = (campaigns_dir() / "tutorial.yaml").read_text(encoding="utf-8")
    hostile.write_text(edit(text.replace("\nid: tutorial\n", "\nid: hostile\n")), encoding="utf-8")
    return hostile


def test_every_csv_writer_keeps_names_from_becoming_formulas(capsys, home):
    formula = "name: '=HYPERLINK(\"http://x\",\"Poland\")'"
    hostile = hostile_campaign(home, lambda text: text.replace("name: Poland", formula, 1))
    assert run(capsys, "validate", hostile)[0] == 0
    save = save_of(home / "in" / "game.json", capsys, campaign=str(hostile))
    assert run(capsys, "debrief", save, "--out", home / "d")[0] == 0
    names = {r["ally_name"] for r in csv_rows(home / "d" / "game.csv")}
    assert "'=HYPERLINK(\"http://x\",\"Poland\")" in names and not any(n.startswith("=") for n in names)


def test_debrief_md_escapes_the_campaigns_texts(capsys, home):
    hostile = hostile_campaign(home, lambda text: re.sub(r"^name: .*$", "name: '<img src=x onerror=alert(1)> "
                                                           "[click](http://x)'", text, count=1, flags=re.MULTILINE))
    save = save_of(home / "in" / "game.json", capsys, campaign=str(hostile))
    assert run(capsys, "debrief", save, "--out", home / "d")[0] == 0
    md = (home / "d" / "debrief.md").read_text(encoding="utf-8")
    assert not unescaped(md, "<img") and not unescaped(md, "](http") and "\\<img src=x onerror=alert(1)\\>" in md
    assert "<img src=x" not in (home / "d" / "debrief.html").read_text(encoding="utf-8")
