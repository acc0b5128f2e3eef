"""A class's vote on Washington's order for one ally: the tally as data (a string a save keeps: "pressure:14
reassure:9 withdraw:2"), which orders it leaves in the lead, and the split in words for the turn report, the
debrief and the class report ("14 pressure, 9 reassure, 2 withdraw"). The Vote command (game.sim.session) checks
the order chosen against it."""
from __future__ import annotations

from game.campaign.model import ORDERS
from game.i18n import _
from game.sim.report import order_name

MAX_VOTES = 100_000     # per order: a class, never a stuffed ballot box


class TallyError(ValueError):
    """A tally that is not one: an unknown order, a count that is not a whole number, an order counted twice."""


def parse(text: str) -> dict[str, int]:
    """{order: votes} of a tally string; orders absent got no vote. Raises TallyError."""
    counts: dict[str, int] = {}
    for item in text.split():
        order, _, count = item.partition(":")
        if order not in ORDERS:
            raise TallyError(f"unknown order '{order}' in the tally (choose from {', '.join(ORDERS)})")
        if order in counts:
            raise TallyError(f"'{order}' is counted twice in the tally")
        if not count.isdigit() or int(count) > MAX_VOTES:
            raise TallyError(f"'{item}' is not an order and a number of votes (e.g. pressure:14)")
        counts[order] = int(count)
    return counts


def tally_text(counts: dict[str, int]) -> str:
    """The tally string of {order: votes}, in the orders' own sequence, orders without a vote left out."""
    return " ".join(f"{order}:{counts[order]}" for order in ORDERS if counts.get(order, 0) > 0)


def leaders(counts: dict[str, int]) -> tuple[str, ...]:
    """The most-voted orders (several on a tie; every order when nobody voted): the facilitator picks among them."""
    top = max((counts.get(o, 0) for o in ORDERS), default=0)
    return tuple(o for o in ORDERS if counts.get(o, 0) == top)


def split(counts: dict[str, int]) -> str:
    """The split in words, most votes first: '14 pressure, 9 reassure, 2 withdraw' ('no votes' when none)."""
    ranked = sorted((o for o in ORDERS if counts.get(o, 0) > 0), key=lambda o: (-counts[o], ORDERS.index(o)))
    return ", ".join(f"{counts[o]} {order_name(o)}" for o in ranked) or _("no votes")


def turn_text(ally_names: list[str], tallies: dict[int, str]) -> str:
    """A turn's votes in a line: 'the class voted: Poland 14 pressure, 9 reassure; Spain 12 hold, 3 pressure'
    ("" for a turn without a vote)."""
    if not tallies:
        return ""
    return _("the class voted: {votes}").format(
        votes="; ".join(f"{ally_names[i]} {split(parse(tallies[i]))}" for i in sorted(tallies)))
