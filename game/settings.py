"""The player's preferences, kept in <data_dir>/settings.json.

    settings = load_settings()                              # never raises: bad or missing values -> defaults
    save_settings(dataclasses.replace(settings, text_scale=1.25))   # atomic; SaveError if it cannot be written
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.i18n import LANGUAGES, N_
from game.safe_files import read_bytes_capped
from game.userdata import FileKind, atomic_write_text, data_dir, json_object

OVERLAYS = ("alignment", "trust", "spending", "threat", "hedging")
PALETTES = ("default", "high_contrast")
LANGUAGE_CHOICES = ("system", *LANGUAGES)     # "system": the computer's language where the game speaks it
TEXT_SCALE_RANGE = (0.8, 2.0)
WINDOW_MIN, WINDOW_MAX = (640, 480), (7680, 4320)
FPS_RANGE = (15, 240)
SETTINGS_VERSION = 1
SETTINGS = FileKind(N_("Fair Share's settings (a JSON object)"), json_object)


def _number(value) -> bool:
    return _whole(value) or (isinstance(value, float) and math.isfinite(value))


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_text_scale(v) -> float:
    if not (_number(v) and TEXT_SCALE_RANGE[0] <= v <= TEXT_SCALE_RANGE[1]):
        raise ValueError(f"text_scale must be a number from {TEXT_SCALE_RANGE[0]} to {TEXT_SCALE_RANGE[1]}")
    return float(v)


def _check_bool(name: str):
    def check(v) -> bool:
        if not isinstance(v, bool):
            raise ValueError(f"{name} must be true or false")
        return v
    return check


def _check_window_size(v) -> tuple[int, int]:
    if not (isinstance(v, (list, tuple)) and len(v) == 2 and all(_whole(x) for x in v)
            and all(lo <= x <= hi for x, lo, hi in zip(v, WINDOW_MIN, WINDOW_MAX))):
        raise ValueError(f"window_size must be [width, height] from {WINDOW_MIN} to {WINDOW_MAX}")
    return (v[0], v[1])


def _check_choice(name: str, choices: tuple[str, ...]):
    def check(v) -> str:
        if not isinstance(v, str) or v not in choices:
            raise ValueError(f"{name} must be one of {', '.join(choices)}")
        return v
    return check


def _check_fps(v) -> int:
    if not (_whole(v) and FPS_RANGE[0] <= v <= FPS_RANGE[1]):
        raise ValueError(f"fps_cap must be a whole number from {FPS_RANGE[0]} to {FPS_RANGE[1]}")
    return v


_CHECKS = {
    "text_scale": _check_text_scale,
    "fullscreen": _check_bool("fullscreen"),
    "window_size": _check_window_size,
    "overlay": _check_choice("overlay", OVERLAYS),
    "palette": _check_choice("palette", PALETTES),
    "show_tutorial_hints": _check_bool("show_tutorial_hints"),
    "fps_cap": _check_fps,
    "facilitator": _check_bool("facilitator"),
    "language": _check_choice("language", LANGUAGE_CHOICES),
}


@dataclass(frozen=True)
class Settings:
    text_scale: float = 1.0
    fullscreen: bool = False
    window_size: tuple[int, int] = (1280, 720)
    overlay: str = "alignment"
    palette: str = "default"
    show_tutorial_hints: bool = True
    fps_cap: int = 60
    facilitator: bool = False   # seminar mode: type the seed, score hidden until the end, projector summary
    language: str = "system"    # a code of game.i18n.LANGUAGES, or the system's language

    def __post_init__(self):
        """Refuse invalid values (ValueError), and store normalised ones (float scale, tuple size)."""
        for f in fields(self):
            object.__setattr__(self, f.name, _CHECKS[f.name](getattr(self, f.name)))


def settings_path() -> Path:
    return data_dir() / "settings.json"


MAX_SETTINGS_BYTES = 64 * 1024


def load_settings() -> Settings:
    """The saved settings; a missing or unreadable file, or any bad value, gives the default for that value."""
    return read_settings()[0]


def read_settings() -> tuple[Settings, str | None]:
    """The saved settings and, if the file exists but cannot be used at all, why (the caller should then leave
    the file alone rather than write the defaults over the player's file). Bad single values fall back quietly."""
    path = settings_path()
    try:
        data = json.loads(read_bytes_capped(path, MAX_SETTINGS_BYTES))
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), f"{path} could not be read ({exc.strerror or exc})"
    except (ValueError, RecursionError):
        return Settings(), f"{path} is not valid JSON"
    if not isinstance(data, dict):
        return Settings(), f"{path} does not hold settings (expected a JSON object)"
    good = {}
    for name, check in _CHECKS.items():
        if name in data:
            try:
                good[name] = check(data[name])
            except ValueError:
                pass
    return Settings(**good), None


def save_settings(settings: Settings, force: bool = False) -> Path:
    """Write the settings atomically; returns the file's path. Raises SaveError if it cannot be written, or if the
    file there is not settings and `force` (the player's explicit change) is not given."""
    data = {"version": SETTINGS_VERSION, **asdict(settings)}
    data["window_size"] = list(settings.window_size)
    path = settings_path()
    atomic_write_text(path, json.dumps(data, indent=1) + "\n", kind=SETTINGS, force=force)
    return path
