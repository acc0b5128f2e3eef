"""The user's own files: the Fair Share data folder ($FAIRSHARE_HOME overrides it), its saves and campaigns
folders, and the one rule every file the program writes goes through (`atomic_write_bytes`):

- a target that is a folder, a pipe, a device or a socket is refused, before any work when the command checks
  its targets first (`check_target`) and again when it writes;
- a file the command reads (its campaign, plan or save) is never replaced, not even with --force;
- an existing file is replaced only if it is the program's own output of the same kind (each writer says what it
  writes as a `FileKind` that recognises such a file by its first bytes), or with --force (the window: after the
  player confirmed);
- the write is atomic: a temp file beside the target, flushed to disk, renamed over it (a crash leaves the old
  file or the new one, never half of one).

Imports nothing else from game but the foundation, so saves, settings and the catalogue can all stand on it
without depending on each other."""
from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from game.i18n import NC_, N_, Translated, _
from game.safe_files import NotAReadableFile, check_regular, read_head


class SaveError(Exception):
    """A user file (a save, the settings) that cannot be written, read or replayed; str(error) is a message for
    the player."""


class TargetRefused(SaveError):
    """A file the write rule will not replace. `forceable`: --force (or the player's confirmation) would allow it;
    never for a special file or a file the command reads."""

    def __init__(self, message: str, forceable: bool = False):
        super().__init__(message)
        self.forceable = forceable


@dataclass(frozen=True)
class FileKind:
    """What a writer writes, and how to recognise a file the program wrote of that kind, which it may replace.
    `owns` gets at most `head` bytes from the start of the existing file; None: no existing file is ever replaced
    without --force (a campaign scaffold, which its author then edits)."""
    name: str                                        # for messages, marked for translation: N_("a Fair Share save")
    owns: Callable[[bytes], bool] | None = None
    head: int = 64 * 1024
    fields: tuple[tuple[str, str], ...] = ()         # what fills the name's {fields}, if it has any

    def said(self) -> str:
        """The name in the language spoken."""
        return _(self.name).format(**dict(self.fields))


def json_object(head: bytes) -> bool:
    """The start of a JSON object: what the program's caches and settings files are."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


CACHE = FileKind(N_("a cache file of Fair Share"), json_object)

# New files get the permissions any program's new files get (0o666 less the umask): a report, a plan or a chart is
# meant to be shared, and mkstemp's owner-only 0o600 would lock it away. The umask is read once, at import, before
# any thread of ours runs (os.umask can only be read by setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


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
        raise SaveError(_("cannot create the folder {folder} ({reason})").format(folder=path,
                                                                                 reason=exc.strerror or exc)) from None
    return path


# --------------------------------------------------------------------------------------------- the write rule
def _folder_problem(path: Path) -> str | None:
    """Why no file can be made at `path`: what exists nearest above it is a file, or a folder not writable."""
    parent = path.parent
    while not os.path.lexists(parent) and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return (_("cannot create the folder {folder}: {parent} is a file") if parent != path.parent else
                _("cannot create the folder {folder} (a file of that name is in the way)")).format(
                    folder=path.parent, parent=parent)
    if not os.access(parent, os.W_OK | os.X_OK):
        return _("cannot write into the folder {folder}").format(folder=parent)
    return None


# What a path is instead of a regular file (game.safe_files says it in English words), in the language spoken.
# TRANSLATORS: the {kind} of "'{file}' is {kind}, not a regular file": use the case your language needs there.
NOT_REGULAR = Translated({"a folder": NC_("not a regular file", "a folder"),
                          "a pipe (FIFO)": NC_("not a regular file", "a pipe (FIFO)"),
                          "a device": NC_("not a regular file", "a device"),
                          "a socket": NC_("not a regular file", "a socket"),
                          "not a regular file": NC_("not a regular file", "not a regular file")}, "not a regular file")


def check_target(path: str | os.PathLike, kind: FileKind, *, force: bool = False,
                 reading: Iterable[str | os.PathLike] = ()) -> Path:
    """`path` if the write rule lets `kind` be written there; else TargetRefused saying why. Commands call this
    before their work (a long search must not end in "cannot write"); atomic_write_bytes calls it again."""
    target = Path(path)
    try:
        info = check_regular(target)
    except (FileNotFoundError, NotADirectoryError):
        problem = _folder_problem(target)
        if problem:
            raise TargetRefused(problem) from None
        return target
    except NotAReadableFile as exc:     # a folder, a pipe, a device, a socket: "'x' is a folder, not a regular file"
        raise TargetRefused(_("'{file}' is {kind}, not a regular file").format(
            file=target, kind=NOT_REGULAR.get(exc.kind, exc.kind))) from None
    except OSError as exc:              # a parent that is a file, no permission
        raise TargetRefused(_("'{file}' cannot be written ({reason})").format(file=target,
                                                                             reason=exc.strerror or exc)) from None
    for source in reading:
        with contextlib.suppress(OSError):
            if os.path.samestat(info, os.stat(source)):
                raise TargetRefused(_("'{file}' is a file this command reads; writing there would replace it").format(
                    file=target))
    if not force:
        try:
            ours = kind.owns is not None and kind.owns(read_head(target, kind.head))
        except OSError:
            ours = False
        if not ours:
            said = (_("'{file}' already exists and is not {kind}") if kind.owns else _("'{file}' already exists"))
            raise TargetRefused(said.format(file=target, kind=kind.said() if kind.owns else ""), forceable=True)
    return target


def atomic_write_text(path: str | os.PathLike, text: str, *, kind: FileKind, force: bool = False,
                      reading: Iterable[str | os.PathLike] = ()) -> None:
    """atomic_write_bytes of `text` in UTF-8, newlines as they are."""
    atomic_write_bytes(path, text.encode("utf-8"), kind=kind, force=force, reading=reading)


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, kind: FileKind, force: bool = False,
                       reading: Iterable[str | os.PathLike] = ()) -> None:
    """Write `data` at `path` under the write rule (check_target), all at once. Raises SaveError (TargetRefused for
    a refused target) if anything fails, leaving any old file untouched and no temp file behind."""
    path = check_target(path, kind, force=force, reading=reading)
    tmp = None
    ensure_dir(path.parent)
    try:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)     # a replaced file keeps its permissions
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise SaveError(_("cannot write {file} ({reason})").format(file=path, reason=exc.strerror or exc)) from None
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
