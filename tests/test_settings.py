"""Player settings (game/settings.py): defaults, round trip, bad values fall back, atomic writes."""
from __future__ import annotations

import dataclasses
import json
import os

import pytest

from game.saves import SaveError
from game.settings import OVERLAYS, Settings, load_settings, save_settings, settings_path

DEFAULTS = {"text_scale": 1.0, "fullscreen": False, "window_size": (1280, 720), "overlay": "alignment",
            "palette": "default", "show_tutorial_hints": True, "fps_cap": 60, "facilitator": False,
            "language": "system"}


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def write(data) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")


def test_defaults():
    assert dataclasses.asdict(Settings()) == DEFAULTS
    assert OVERLAYS == ("alignment", "trust", "spending", "threat", "hedging")


def test_missing_file_gives_defaults_and_creates_nothing(home):
    assert load_settings() == Settings()
    assert not home.exists()


def test_round_trip(home):
    custom = Settings(text_scale=1.5, fullscreen=True, window_size=(1920, 1080), overlay="hedging",
                      palette="high_contrast", show_tutorial_hints=False, fps_cap=30)
    path = save_settings(custom)
    assert path == home / "settings.json"
    assert load_settings() == custom
    assert isinstance(load_settings().window_size, tuple)
    assert [p.name for p in home.iterdir()] == ["settings.json"]


def test_settings_are_frozen_and_checked():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().fullscreen = True  # type: ignore[misc]
    for bad in ({"text_scale": 3.0}, {"overlay": "weather"}, {"window_size": (10, 10)}, {"fps_cap": True}):
        with pytest.raises(ValueError):
            Settings(**bad)
    assert Settings(text_scale=2).text_scale == 2.0 and isinstance(Settings(text_scale=2).text_scale, float)
    assert Settings(window_size=[800, 600]).window_size == (800, 600)


@pytest.mark.parametrize("key, value", [
    ("text_scale", 0.5), ("text_scale", 2.5), ("text_scale", "big"), ("text_scale", True), ("text_scale", None),
    ("text_scale", 10 ** 400), ("fullscreen", "yes"), ("fullscreen", 1), ("window_size", [1280]),
    ("window_size", [1280, "720"]), ("window_size", [100, 100]), ("window_size", {"w": 1}),
    ("window_size", [1280.0, 720.0]), ("overlay", "weather"), ("overlay", ["trust"]), ("palette", "neon"),
    ("show_tutorial_hints", "false"), ("fps_cap", 0), ("fps_cap", 60.5), ("fps_cap", "60"), ("fps_cap", False),
])
def test_bad_value_falls_back_for_that_key_only(key, value):
    good = {"overlay": "trust", "palette": "high_contrast", "fps_cap": 120, "text_scale": 1.25}
    good.pop(key, None)
    write({**good, key: value})
    settings = load_settings()
    assert getattr(settings, key) == DEFAULTS[key]
    for name, wanted in good.items():
        assert getattr(settings, name) == wanted


def test_nan_and_infinity_fall_back():
    write('{"text_scale": NaN, "fps_cap": Infinity, "overlay": "threat"}')
    assert load_settings() == Settings(overlay="threat")


@pytest.mark.parametrize("content", ["", "not json", "[1, 2]", "null", '"text"', "{" * 50_000, b"\xff\xfe\x00"])
def test_unusable_file_gives_defaults(content):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    assert load_settings() == Settings()
    assert path.read_bytes() == (content if isinstance(content, bytes) else content.encode("utf-8"))


def test_unknown_keys_are_ignored():
    write({"version": 99, "text_scale": 1.1, "volume": 11})
    assert load_settings() == Settings(text_scale=1.1)


def test_unreadable_file_gives_defaults():
    settings_path().mkdir(parents=True)  # a folder where the file should be
    assert load_settings() == Settings()


def test_failed_save_keeps_old_file(home, monkeypatch):
    save_settings(Settings(overlay="trust"))
    before = settings_path().read_bytes()

    def broken(src, dst):
        raise OSError(13, "Permission denied")
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", broken)
        with pytest.raises(SaveError, match="Permission denied"):
            save_settings(Settings(overlay="threat"))
    assert settings_path().read_bytes() == before
    assert [p.name for p in home.iterdir()] == ["settings.json"]
    assert load_settings() == Settings(overlay="trust")
