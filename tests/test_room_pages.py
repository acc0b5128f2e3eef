"""The students' pages against the window's rules: the window's palette (game.ui.theme, Okabe-Ito), every word
from game.room.words (none written into the pages), every file served from the package; and `fairshare serve`'s
readable errors."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main
from game.room import words
from game.room.server import HERE, PAGES, STATIC
from game.ui.theme import BASE, ORDER_COLORS

ROOT = Path(__file__).resolve().parents[1]


def hex_of(color) -> str:
    return "#{:02x}{:02x}{:02x}".format(*color)


def test_the_pages_use_the_windows_palette():
    css = (HERE / "room.css").read_text(encoding="utf-8")
    declared = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    for name, var in (("bg", "bg"), ("panel", "panel"), ("card", "card"), ("card_hi", "card-hi"),
                      ("border", "border"), ("text", "text"), ("dim", "dim"), ("faint", "faint"), ("good", "good"),
                      ("bad", "bad"), ("select", "select"), ("sea", "sea"), ("land", "land"),
                      ("adversary", "adversary"), ("primary", "primary"), ("primary_hi", "primary-hi"),
                      ("bar", "bar")):
        assert declared[var] == hex_of(BASE[name]), f"--{var} is not the window's {name}"
    for order, color in ORDER_COLORS.items():
        assert declared[order] == hex_of(color), f"--{order} is not the window's colour for {order}"


def test_the_pages_hold_no_words_of_their_own_and_every_word_they_ask_for_exists():
    scripts = "".join((HERE / n).read_text(encoding="utf-8") for n in STATIC if n.endswith(".js"))
    asked = set(re.findall(r"""\bw\("([a-z_]*[a-z])\"""", scripts))
    asked |= set(re.findall(r'"(col_[a-z]+)"', scripts))
    assert asked and asked <= set(words.PAGE), sorted(asked - set(words.PAGE))
    for name in PAGES.values():       # the HTML's labels are filled in from the words when served
        html = (HERE / name).read_text(encoding="utf-8")
        labels = re.findall(r">([^<>{}]+)<", html)
        assert not [t for t in labels if t.strip() and t.strip() != "Fair Share"], labels
        assert set(re.findall(r"\{\{(\w+)\}\}", html)) <= set(words.PAGE)


def test_serve_says_what_is_wrong_in_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    assert main(["serve", "tutorial", "--resume"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fairshare: error: no interrupted room of 'tutorial'") and err.count("\n") == 1
    assert main(["serve", "tutorial", "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err
    assert main(["serve", "no_such_campaign"]) == 1
    assert "error" in capsys.readouterr().err
    assert main(["serve", "tutorial", "--resume", "--seed", "3"]) != 0


@pytest.mark.slow
def test_serve_resumes_the_room_it_journalled(tmp_path):
    """A real `fairshare serve`, interrupted, and `serve --resume`: the same code, the same game."""
    env = {"FAIRSHARE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1"}

    def start(*extra):
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "serve", "tutorial", "--port", "18791",
                                 *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        lines = []
        end = time.monotonic() + 60
        while time.monotonic() < end:
            line = proc.stdout.readline()
            lines.append(line)
            if not line or line.startswith("Press Ctrl+C"):
                break
        return proc, "".join(lines)

    first, said = start("--seed", "9", "--mode", "allies")
    code = re.search(r"with the code (\w+)", said).group(1)
    first.kill()
    first.wait()
    again, said_again = start("--resume")
    try:
        assert "Resumed from" in said_again and f"with the code {code}" in said_again and "allies mode" in said_again
    finally:
        again.kill()
        again.wait()
