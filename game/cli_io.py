"""The command line's two edges with the world: its standard streams, which may be closed or full, and the files it
writes, under the write rule of game.userdata. Each problem becomes a UserError: one line, a non-zero exit."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from game.campaign import Campaign
from game.i18n import NC_, Translated, _
from game.userdata import FileKind, SaveError, TargetRefused, check_target


class UserError(Exception):
    """A problem with what the user asked for: printed as `fairshare: error: ...`, exit 1 or 2."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def note(text: str, end: str = "\n") -> None:
    """A line on stderr (an error, a warning, progress; `end` "" for a bar redrawn in place): a full or broken
    stderr must not turn it into a crash."""
    try:
        print(text, end=end, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def hold_closed_streams() -> bool:
    """Give each closed standard stream (`>&-`; pythonw on Windows has none) the null device, so that neither a
    print nor a file the command opens (which would be given the free descriptor 1) goes astray. Returns whether
    stdout was closed: the window runs without one, a command whose output is lost does not run."""
    closed = sys.stdout is None
    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:                   # the descriptor is free: hold it
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        setattr(sys, name, open(fd, "r" if fd == 0 else "w", encoding="utf-8", errors="replace", closefd=False))
    return closed


def drop_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's last flush at exit cannot fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# What each command writes, as its refusal names it ("cannot write the save: ...").
# TRANSLATORS: the object of "cannot write {what}": use the case your language needs there.
WRITTEN = Translated({"the campaign": NC_("cannot write", "the campaign"), "the save": NC_("cannot write", "the save"),
                      "the debrief": NC_("cannot write", "the debrief"), "the plan": NC_("cannot write", "the plan"),
                      "the chart": NC_("cannot write", "the chart"),
                      "the class report": NC_("cannot write", "the class report")}, "cannot write")


def refused(error: SaveError, what: str) -> UserError:
    """A file the write rule (game.userdata) refused or could not write, as the command's error: exit 2 for a
    target the user should change, with the way round it when --force is one. `what`: a key of WRITTEN."""
    if not isinstance(error, TargetRefused):
        return UserError(str(error))
    line = (_("cannot write {what}: {reason}; choose another name, or add --force to replace it") if error.forceable
            else _("cannot write {what}: {reason}; choose another name"))
    return UserError(line.format(what=WRITTEN[what], reason=error), 2)


def target(path, kind: FileKind, args, what: str, reading=()) -> Path:
    """A file the command will write, checked against the write rule before the work starts."""
    try:
        return check_target(path, kind, force=args.force, reading=reading)
    except TargetRefused as error:
        raise refused(error, what)


def campaign_inputs(campaign: Campaign, *plans: str | None) -> list[str]:
    """The files a command reads, which its output must never replace: the campaign's file and any plan file."""
    return [p for p in (campaign.path, *plans) if p and os.path.isfile(p)]
