"""The user's own files: the Fair Share data folder ($FAIRSHARE_HOME overrides it), its saves and campaigns
folders, and the atomic write every user file goes through. Imports nothing else from game, so saves, settings
and the catalogue can all stand on it without depending on each other."""
from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from pathlib import Path


class SaveError(Exception):
    """A user file (a save, the settings) that cannot be written, read or replayed; str(error) is a message for
    the player."""


def data_dir() -> Path:
    """The user's Fair Share folder ($FAIRSHARE_HOME, else the platform's convention). Not created here."""
    override = os.environ.get("FAIRSHARE_HOME", "").strip()
    if override:
        return Path(override).expanduser()
    if sys.platform.startswith("win"):
        appdata = os.environ.get("APPDATA", "").strip()
        return (Path(appdata) if appdata else Path.home() / "AppData" / "Roaming") / "FairShare"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "FairShare"
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"  # XDG: ignore relative
    return base / "fairshare"


def saves_dir() -> Path:
    return data_dir() / "saves"


def user_campaigns_dir() -> Path:
    return data_dir() / "campaigns"


def exports_dir() -> Path:
    """Where the window's Export button writes debriefs (the CLI writes where --out says)."""
    return data_dir() / "exports"


def hand_in_dir() -> Path:
    """Where "Save for hand-in" writes a team's finished games: the folder the instructor gives `fairshare class`."""
    return data_dir() / "hand_in"


def ensure_dir(path: Path) -> Path:
    """Create `path` (and its parents) if needed; return it. Raises SaveError if that is impossible."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(f"cannot create the folder {path} ({exc.strerror or exc})") from None
    return path


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8, newlines as they are) all at once: see atomic_write_bytes."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once (a crash leaves the old file or the new one, never half of one).
    Raises SaveError if anything fails, leaving the old file untouched and removing the temp file."""
    path, tmp = Path(path), None
    ensure_dir(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise SaveError(f"cannot write {path} ({exc.strerror or exc})") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# A temp file younger than this may be a save that another open window is writing at this moment.
TEMP_MIN_AGE = 120.0


def clean_temp_files() -> int:
    """Remove what interrupted saves left: the `.NAME.json.XXXX.tmp` files of `atomic_write_text` in the saves and
    data folders (a kill between write and rename leaves one). Returns how many were removed; never raises."""
    removed, now = 0, time.time()
    for folder in (saves_dir(), data_dir()):
        with contextlib.suppress(OSError):
            for path in folder.glob(".*.json.*.tmp"):
                with contextlib.suppress(OSError):
                    info = path.lstat()
                    if stat.S_ISREG(info.st_mode) and now - info.st_mtime > TEMP_MIN_AGE:
                        path.unlink()
                        removed += 1
    return removed
