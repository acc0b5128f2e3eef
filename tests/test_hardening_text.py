"""Issue 9, text: what validates can be drawn; saves and file names are made drawable; a frame that fails to draw
shows the error dialog; messages stay on one line with editors' line numbers; wrapping stays linear."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pygame
import pytest

from game.campaign import validate_text
from game.catalog import find_campaign
from game.saves import list_saves, saves_dir, write_save
from game.sim.session import EndTurn, Session
from game.text_rules import drawable, one_line
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.side.load import LoadScene

REPO = Path(__file__).resolve().parents[1]
BASE = (REPO / "tests" / "campaign_errors" / "not_positive.yaml").read_text(encoding="utf-8").replace(
    "budget: 0", "budget: 30")


def problems(text: str) -> list[str]:
    return [str(p) for p in validate_text(text, "x.yaml")]


def test_the_base_campaign_is_valid():
    assert problems(BASE) == []


@pytest.mark.parametrize("written, fragment", [
    ('"Po\\0land"', "U+0000 (a NUL character)"),
    ('"\\ud83c\\uddf5"', "U+D83C (half of a surrogate pair"),       # an emoji flag as JSON writes it
    ('"a\\uFFFE"', "U+FFFE (a Unicode non-character)"),
    ('"a\\U0001FFFF"', "U+1FFFF (a Unicode non-character)"),
    ('"a\\x07b"', "U+0007 (a control character)"),
    ('"\\u200b\\u200b"', "name has no visible character"),
    ('"\\u200d\\u0301"', "name has no visible character"),
    ("x" * 81, "name is too long (81 characters; the limit is 80)"),
])
def test_campaign_text_that_cannot_be_drawn_is_a_positioned_error(written, fragment):
    got = problems(BASE.replace("name: Poland", f"name: {written}"))
    assert len(got) == 1 and got[0].startswith("x.yaml:10:11: error: name ") and fragment in got[0], got


def test_long_texts_and_ids_are_capped():
    got = problems(BASE.replace("briefing: Hold the line.", "briefing: " + "words " * 1000 + "end"))
    assert got == ["x.yaml:4:11: error: briefing is too long (6,003 characters; the limit is 5,000)"]
    long_id = "a" * 65
    got = problems(BASE.replace("poland", long_id))
    assert got and "id is too long (65 characters; the limit for an id is 64)" in got[0]


def test_an_escape_past_the_last_code_point_is_a_clear_error():
    got = problems(BASE.replace("name: Sample", 'name: "a\\U00110000"'))
    assert got == ["x.yaml:2:9: error: the escape \\U00110000 is not a Unicode character (the last one is "
                   "\\U0010FFFF)"]


def test_a_5000_digit_hex_number_is_a_clear_error():
    got = problems(BASE.replace("turns: 10", "turns: 0x" + "f" * 5000))
    assert got == ["x.yaml:5:8: error: turns must be between 1 and 60, got a number of 6,021 digits"]


@pytest.mark.parametrize("brk", ["\u2028", "\x85", "\u2029"])
def test_line_numbers_count_lf_only_after_a_unicode_line_break(brk):
    text = BASE.replace("description: A sample", f"description: A{brk}  sample").replace("trust: 0.7", "trust: 7")
    got = problems(text)
    assert got == ["x.yaml:17:12: error: trust must be between 0 and 1, got 7"], got


def test_messages_stay_on_one_line():
    got = problems(BASE.replace("  - id: poland", '  - id: "pol\\nand"'))
    assert got and all("\n" not in line for line in got)
    assert "'pol\\nand'" in got[0]
    assert one_line("a\nb\u2028c\x00\ud83c") == "a\\nb\\u2028c\\x00\\ud83c"


def test_drawable_replaces_what_pygame_refuses():
    assert drawable("a\x00b\ud83c") == "a\ufffdb\ufffd"
    assert drawable("\u200b", fallback="save") == "save"
    assert drawable("Café ok") == "Café ok"


# --------------------------------------------------------------------------------------------- the window


class Broken(Scene):
    name = "broken"

    def draw(self, surface) -> None:
        raise ValueError("A null character was found in the text")


def test_an_exception_while_drawing_shows_the_dialog_and_keeps_the_game(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    pygame.init()
    try:
        app = App(size=(1280, 720), strict=False)
        app.session = Session(find_campaign("tutorial"), 3)
        app.session.execute(EndTurn())
        session = app.session
        app.push(Broken(app))
        assert app.render(force=True)
        assert app.scene.title == "Something went wrong"
        assert app.session is session and session.state.turn == 1
        assert any(b.label == "Save the game" for b in app.scene.buttons)
        app.scene.choose(app.scene.buttons[0].id)
        assert app.scene.name == "save_as"
    finally:
        pygame.quit()


def test_a_dialog_that_cannot_be_drawn_either_does_not_loop(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    pygame.init()
    try:
        app = App(size=(1280, 720), strict=False)
        monkeypatch.setattr(App, "_draw", lambda self: (_ for _ in ()).throw(RuntimeError("no font")))
        assert app.render(force=True)
        assert not app.dirty
    finally:
        pygame.quit()


def _tutorial_save(slot: str) -> Path:
    session = Session(find_campaign("tutorial"), 5)
    session.execute(EndTurn())
    return write_save(session, slot)


def test_load_screen_survives_odd_timestamps_latin1_names_and_undrawable_texts(app):
    good = _tutorial_save("first")
    data = json.loads(good.read_text(encoding="utf-8"))
    data["saved_at"] = "0001-01-01T00:00:00+14:00"
    good.write_text(json.dumps(data), encoding="utf-8")
    data.update(slot="second", campaign_name="Tuto\x00rial \ud83c", turn_label="\u200b")
    (saves_dir() / "second.json").write_text(json.dumps(data), encoding="utf-8")
    latin1 = os.path.join(os.fsencode(saves_dir()), b"caf\xe9.json")
    with open(latin1, "wb") as f:
        f.write(good.read_bytes())
    infos = list_saves()
    assert len(infos) == 3
    for info in infos:
        assert drawable(info.slot) == info.slot and drawable(info.campaign_name) == info.campaign_name
    app.push(LoadScene(app))
    for i in range(len(infos)):
        app.scene.select(i)
        assert app.render(force=True)
    assert app.scene.name == "load"


def test_a_save_with_an_undrawable_campaign_name_does_not_stop_the_title(app):
    path = _tutorial_save("odd")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["campaign_name"] = "\x00\ud83c"
    path.write_text(json.dumps(data), encoding="utf-8")
    app.reset_to_title()
    assert app.render(force=True)


def test_a_user_campaign_with_a_nul_name_is_listed_with_its_problem(app, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "odd.yaml").write_text(BASE.replace("id: sample", "id: odd").replace("name: Sample",
                                                                                   'name: "\\0"'), encoding="utf-8")
    (folder / os.fsdecode(b"caf\xe9.yaml")).write_text("id: [", encoding="utf-8")
    app.reset_to_title()
    title = app.scene
    odd = [i for i, e in enumerate(title.entries) if e.path.name == "odd.yaml"]
    assert odd and title.entries[odd[0]].problems
    for i in range(len(title.entries)):
        title.select(i)
        assert app.render(force=True)


def test_wrapping_an_8000_character_word_is_fast(app):
    start = time.perf_counter()
    lines = app.ink.wrap("before " + "x" * 8000 + " after", 400)
    assert time.perf_counter() - start < 1.0
    assert "".join(lines).count("x") == 8000
    assert all(app.ink.width(line) <= 400 for line in lines)
    assert app.ink.fonts.render("\u200b", 16, (0, 0, 0)).get_width() == 0
