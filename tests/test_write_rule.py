"""Issue 22: the one rule every file the program writes goes through (game/userdata.py), and that every writer in
the code goes through it: saves, plans, charts, reports, the campaign `new` writes, settings and caches."""
from __future__ import annotations

import ast
import json
import os
import stat
from pathlib import Path

import pytest

from game import userdata
from game.analysis import chart_png, report_doc
from game.authoring.scaffold import CAMPAIGN
from game.saves import SAVE, write_save
from game.settings import Settings, save_settings, settings_path
from game.sim.session import Session
from game.userdata import CACHE, FileKind, SaveError, TargetRefused, atomic_write_text, check_target

GAME = Path(__file__).resolve().parents[1] / "game"
OURS = FileKind("a test file", lambda head: head.startswith(b"ours"))


def test_a_missing_file_may_be_written_and_its_folders_are_made(tmp_path):
    atomic_write_text(tmp_path / "a" / "b" / "f.txt", "ours 1", kind=OURS)
    assert (tmp_path / "a" / "b" / "f.txt").read_text() == "ours 1"


def test_only_the_programs_own_file_of_the_kind_is_replaced_without_force(tmp_path):
    path = tmp_path / "f.txt"
    atomic_write_text(path, "ours 1", kind=OURS)
    atomic_write_text(path, "ours 2", kind=OURS)
    path.write_text("someone else's")
    with pytest.raises(TargetRefused, match="already exists and is not a test file") as refused:
        atomic_write_text(path, "ours 3", kind=OURS)
    assert refused.value.forceable and path.read_text() == "someone else's"
    atomic_write_text(path, "ours 3", kind=OURS, force=True)
    assert path.read_text() == "ours 3"


def test_a_kind_that_owns_nothing_never_replaces_without_force(tmp_path):
    path = tmp_path / "c.yaml"
    atomic_write_text(path, "id: mine\n", kind=CAMPAIGN)
    with pytest.raises(TargetRefused, match="'.*c.yaml' already exists$"):
        atomic_write_text(path, "id: other\n", kind=CAMPAIGN)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system")
@pytest.mark.parametrize("make, words", [(os.mkfifo, "is a pipe"), (os.mkdir, "is a folder")])
def test_special_files_are_refused_even_with_force(tmp_path, make, words):
    path = tmp_path / "f.txt"
    make(path)
    with pytest.raises(TargetRefused, match=words) as refused:
        atomic_write_text(path, "ours", kind=OURS, force=True)
    assert not refused.value.forceable


def test_a_device_is_refused():
    with pytest.raises(TargetRefused, match="is a device"):
        check_target(os.devnull, OURS, force=True)


def test_a_file_being_read_is_never_replaced_whatever_its_name(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("ours, and read")
    link = tmp_path / "link.txt"
    os.link(source, link)                       # the same file under another name
    for target in (source, link):
        with pytest.raises(TargetRefused, match="is a file this command reads") as refused:
            atomic_write_text(target, "ours", kind=OURS, force=True, reading=[str(source)])
        assert not refused.value.forceable
    assert source.read_text() == "ours, and read"


def test_a_folder_in_the_way_is_said(tmp_path):
    (tmp_path / "a_file").write_text("")
    with pytest.raises(TargetRefused, match="cannot create the folder .*a_file"):
        check_target(tmp_path / "a_file" / "x" / "f.txt", OURS)


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "f.txt"
    atomic_write_text(path, "ours 1", kind=OURS)

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(userdata.os, "replace", full_disk)
    with pytest.raises(SaveError, match="No space left on device"):
        atomic_write_text(path, "ours 2", kind=OURS)
    assert path.read_text() == "ours 1" and [p.name for p in tmp_path.iterdir()] == ["f.txt"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_files_can_be_shared_and_replaced_files_keep_their_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "report.md", "ours", kind=OURS)
        assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o666 & ~userdata._UMASK
        os.chmod(tmp_path / "report.md", 0o600)
        atomic_write_text(tmp_path / "report.md", "ours 2", kind=OURS)
        assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o600
    finally:
        os.umask(old)


# --------------------------------------------------------------------------------------------- the kinds
def test_each_kind_recognises_the_programs_own_files(tmp_path, monkeypatch):
    from game.catalog import find_campaign
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    session = Session(find_campaign("tutorial"), 1)
    path = write_save(session, "mine")
    assert SAVE.owns(path.read_bytes()) and not SAVE.owns(b'{"game": "another"}') and not SAVE.owns(b"\xff{")
    surface = chart_png.line_chart("t", [chart_png.Line("a", [1.0, 2.0])], ["x", "y"], 0, 3)
    assert report_doc.CHART.owns(chart_png.png(surface)[:256])
    assert not report_doc.CHART.owns(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)      # someone's photo
    doc = [report_doc.Heading("T"), report_doc.Para("x")]
    assert report_doc.PAGE.owns(report_doc.to_html(doc, "T", {}).encode())
    assert report_doc.MARKDOWN.owns(report_doc.to_markdown(doc).encode())
    assert not report_doc.MARKDOWN.owns(b"# My notes\n")
    table = report_doc.table_kind(("a", "b"))
    assert table.owns(report_doc.csv_table(("a", "b"), [{"a": 1, "b": 2}]).encode("utf-8"))
    assert not table.owns(b"\xef\xbb\xbfa,c\r\n")
    assert CACHE.owns(b' {"key": 1}') and not CACHE.owns(b"notes")


def test_settings_are_replaced_but_a_file_that_is_not_settings_only_by_the_players_change(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    save_settings(Settings(text_scale=1.25))
    save_settings(Settings(text_scale=1.5))
    assert json.loads(settings_path().read_text())["text_scale"] == 1.5
    settings_path().write_text("not settings")
    with pytest.raises(TargetRefused):
        save_settings(Settings())
    save_settings(Settings(), force=True)
    assert json.loads(settings_path().read_text())["text_scale"] == 1.0


def test_a_save_slot_holding_another_file_is_replaced_only_once_the_player_confirmed(tmp_path, monkeypatch):
    from game.catalog import find_campaign
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    session = Session(find_campaign("tutorial"), 1)
    path = write_save(session, "autosave")
    path.write_text("a letter, saved here by mistake")
    with pytest.raises(TargetRefused, match="is not a Fair Share save"):
        write_save(session, "autosave")
    write_save(session, "autosave", force=True)
    assert SAVE.owns(path.read_bytes())


# --------------------------------------------------------------------------------------------- one home
WRITES = {"open": "a file opened for writing", "write_text": "Path.write_text", "write_bytes": "Path.write_bytes",
          "replace": "os.replace", "rename": "os.rename", "mkstemp": "tempfile.mkstemp", "save": "pygame.image.save"}
OWNER = {"replace": "os", "rename": "os", "mkstemp": "tempfile", "save": "pygame.image"}
HOME = GAME / "userdata.py"
# developers' tools, writing only into a temporary folder of their own: screenshots, the layout check, the bench
TOOLS = {GAME / "ui" / "shots.py", GAME / "ui" / "fitcheck.py", GAME / "analysis" / "bench.py"}


def _writes(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name == "open":
            mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"),
                                                                 None)
            if not (isinstance(mode, ast.Constant) and set(str(mode.value)) & set("wax+")):
                continue
        elif name not in WRITES:
            continue
        elif name in OWNER and not (isinstance(node.func, ast.Attribute) and
                                    ast.unparse(node.func.value) == OWNER[name]):
            continue            # str.replace, dataclasses.replace, a scene's save()
        found.append(f"{path.relative_to(GAME.parent)}:{node.lineno}: {WRITES[name]}")
    return found


def test_every_file_the_game_writes_goes_through_the_write_rule():
    found = [w for p in sorted(GAME.rglob("*.py")) if p != HOME and p not in TOOLS for w in _writes(p)]
    assert found == [], "write through game.userdata.atomic_write_bytes instead:\n" + "\n".join(found)
