"""Issue 9, files: every file the game opens is a regular file read with a size cap; a FIFO, a device or a folder
gets a clear message (at startup too, never a hang); interrupted saves' temp files are cleaned; an unreadable
settings.json is left untouched."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pygame
import pytest

from game.campaign import CampaignError, load_campaign, validate_file
from game.campaign.plan import load_plan
from game.catalog import find_campaign
from game.safe_files import FileTooLarge, NotAReadableFile, read_bytes_capped
from game.saves import SaveError, list_saves, read_save, saves_dir
from game.settings import read_settings, settings_path
from game.ui.app import App
from game.ui.side.load import LoadScene
from game.userdata import clean_temp_files

pytestmark = [pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system"),
              pytest.mark.usefixtures("watchdog")]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    return tmp_path


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def test_the_helper_refuses_special_files_and_caps_the_size(tmp_path):
    with pytest.raises(NotAReadableFile, match="it is a pipe"):
        read_bytes_capped(fifo(tmp_path / "p"), 10)
    with pytest.raises(NotAReadableFile, match="it is a folder"):
        read_bytes_capped(tmp_path, 10)
    with pytest.raises(NotAReadableFile, match="it is a device"):
        read_bytes_capped("/dev/zero", 10)
    (tmp_path / "big").write_bytes(b"x" * 11)
    with pytest.raises(FileTooLarge, match=r"file is too large \(11 bytes; the limit is 10 bytes\)"):
        read_bytes_capped(tmp_path / "big", 10)
    assert read_bytes_capped(tmp_path / "big", 11) == b"x" * 11


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_special_file_as_a_campaign_is_a_clear_error(tmp_path, kind):
    path = {"fifo": lambda: fifo(tmp_path / "c.yaml"), "folder": lambda: tmp_path,
            "device": lambda: Path("/dev/null")}[kind]()
    problems = validate_file(path)
    assert len(problems) == 1 and "not a regular file" in str(problems[0])
    with pytest.raises(CampaignError):
        load_campaign(path)


def test_a_special_file_named_as_the_campaign_to_simulate_is_a_clear_error(tmp_path, capsys):
    from game.cli import main
    assert main(["simulate", str(fifo(tmp_path / "c.yaml")), "--policy", "hold", "--runs", "2"]) == 1
    assert "is not a campaign file: it is a folder, a pipe or a device" in capsys.readouterr().err


@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "folder"])
def test_a_special_file_as_a_plan_is_a_clear_error(tmp_path, target):
    path = fifo(tmp_path / "plan.yaml") if target == "fifo" else tmp_path if target == "folder" else Path(target)
    with pytest.raises(CampaignError, match="cannot read the plan: it is a .*, not a regular file"):
        load_plan(path, find_campaign("tutorial"))


def test_a_special_file_as_a_save_is_a_clear_error(home):
    with pytest.raises(SaveError, match="cannot read this file .it is a pipe"):
        read_save(fifo(saves_dir() / "x.json"))


def test_a_fifo_as_settings_is_reported_not_waited_on(home):
    fifo(settings_path())
    settings, note = read_settings()
    assert settings.text_scale == 1.0 and "it is a pipe" in note


def test_startup_skips_fifos_in_the_saves_and_campaigns_folders(home):
    fifo(saves_dir() / "stuck.json")
    os.mkdir(saves_dir() / "folder.json")
    fifo(home / "campaigns" / "stuck.yaml")
    fifo(settings_path())
    pygame.init()
    try:
        app = App(size=(1280, 720))
        assert app.render(force=True)
        stuck = [e for e in app.scene.entries if e.path.name == "stuck.yaml"]
        assert stuck and "not a regular file" in str(stuck[0].problems[0])
        problems = {i.slot: i.problem for i in list_saves()}
        assert "it is a pipe" in problems["stuck"] and "it is a folder" in problems["folder"]
        app.push(LoadScene(app))
        assert app.render(force=True)
    finally:
        pygame.quit()


def test_temp_files_of_interrupted_saves_are_removed_at_start(home):
    saves_dir().mkdir(parents=True)
    old = [saves_dir() / ".autosave.json.k3j2.tmp", home / ".settings.json.a1b2.tmp"]
    fresh = saves_dir() / ".mine.json.zz99.tmp"       # a save another window is writing right now
    other = saves_dir() / "notes.tmp"
    for path in (*old, fresh, other):
        path.write_text("half a save")
    an_hour_ago = time.time() - 3600
    for path in old:
        os.utime(path, (an_hour_ago, an_hour_ago))
    pygame.init()
    try:
        App(size=(1280, 720))
    finally:
        pygame.quit()
    assert not any(p.exists() for p in old)
    assert fresh.exists() and other.exists()
    assert clean_temp_files() == 0


def test_an_unreadable_settings_file_is_left_untouched_with_a_note(home):
    settings_path().write_text('{"text_scale": 1.5,', encoding="utf-8")
    before = settings_path().read_bytes()
    pygame.init()
    try:
        app = App(size=(1280, 720))
        assert "not valid JSON" in app.settings_note
        assert app.toasts and "Default settings in use" in app.toasts[0][0]
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F11, mod=0, unicode=""))
        app.keep_settings(app.settings)
        assert settings_path().read_bytes() == before
        app.apply_settings(app.settings)          # an explicit change in the Settings screen does write
        assert settings_path().read_bytes() != before and app.settings_note is None
    finally:
        pygame.quit()
