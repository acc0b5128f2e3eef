"""Reading a file the user named or left in a folder: regular files only, and never more than a size cap.

A FIFO given as a campaign blocks `open()` forever, `/dev/zero` as a plan fills the memory, and a folder named
`x.yaml` fails with a bare "Is a directory". Every file the game reads from the user (campaigns, plans, saves,
settings.json, the entries of the user's folders) goes through `read_bytes_capped`, which refuses anything but a
regular file before reading it, opens without blocking, checks again what it opened (the name may have been
swapped in between) and reads at most `limit` + 1 bytes. The write rule (game.userdata) reads the start of a
file it might replace with `read_head`, the same way.

The error is an OSError whose `strerror` is the message, so callers that already say `exc.strerror or exc` for a
missing or unreadable file show it unchanged.
"""
from __future__ import annotations

import errno
import os
import stat


class NotAReadableFile(OSError):
    """A path that is not a regular file, or a file over the size cap. `kind`: what it is instead, in English words
    ("a folder"), for a message that words it in another language."""

    kind = ""


class FileTooLarge(NotAReadableFile):
    """A regular file over the size cap."""


def _bytes(n: int) -> str:
    return f"{n >> 20} MiB" if n >= 1 << 20 and n % (1 << 20) == 0 else f"{n:,} bytes"


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse(path: str, what: str) -> NotAReadableFile:
    error = NotAReadableFile(errno.EINVAL, f"it is {what}, not a regular file", path)
    error.kind = what
    return error


def _too_large(path: str, size: int, limit: int) -> FileTooLarge:
    return FileTooLarge(errno.EFBIG, f"file is too large ({size} bytes; the limit is {_bytes(limit)})", path)


def check_regular(path: str | os.PathLike) -> os.stat_result:
    """The file's stat, or NotAReadableFile if it is a folder, a pipe, a device or a socket (links are followed)."""
    info = os.stat(path)
    what = _kind(info.st_mode)
    if what:
        raise _refuse(os.fspath(path), what)
    return info


def _open_regular(name: str):
    """A binary file object of the regular file `name`, opened without blocking (had a FIFO been put in its place
    since a stat, open() returns at once instead of waiting) and checked again once open."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    f = os.fdopen(fd, "rb")
    what = _kind(os.fstat(fd).st_mode)
    if what:
        f.close()
        raise _refuse(name, what)
    return f


def read_bytes_capped(path: str | os.PathLike, limit: int) -> bytes:
    """The whole content of a regular file of at most `limit` bytes. Raises OSError: NotAReadableFile for a
    special file, FileTooLarge for an over-large one."""
    name = os.fspath(path)
    info = check_regular(name)
    if info.st_size > limit:
        raise _too_large(name, info.st_size, limit)
    with _open_regular(name) as f:
        data = f.read(limit + 1)
    if len(data) > limit:    # it grew after the stat
        raise _too_large(name, len(data), limit)
    return data


def read_head(path: str | os.PathLike, limit: int) -> bytes:
    """The first `limit` bytes of a regular file, however large it is (what the write rule reads to recognise a
    file it may replace). Raises OSError, NotAReadableFile for a special file."""
    name = os.fspath(path)
    check_regular(name)
    with _open_regular(name) as f:
        return f.read(limit)
