"""Problems found in a campaign file, and the exception that carries them."""
from __future__ import annotations

from dataclasses import dataclass

from game.text_rules import one_line


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a place in a file (line and column are 1-based)."""

    file: str
    line: int
    col: int
    message: str
    severity: str = "error"    # or "warning": a lint finding (game.authoring.lint), which does not stop loading

    def __str__(self) -> str:
        # One line always: an id or a key may hold a newline, a file name may hold undecodable bytes.
        return f"{one_line(self.file)}:{self.line}:{self.col}: {self.severity}: {one_line(self.message)}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file order (stable: two problems at one place keep the order they were found in)."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.col))


class CampaignError(Exception):
    """A campaign file could not be loaded. `problems` lists every problem found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sort_problems(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
