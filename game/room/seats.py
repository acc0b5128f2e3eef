"""The seats of the allies mode: one per ally, or, in a campaign with more allies than a room has teams, the
smallest allies of a theatre grouped into one seat (its team answers for each of them)."""
from __future__ import annotations

from dataclasses import dataclass

from game.campaign.model import Campaign

MAX_SEATS = 10      # teams in a seminar room


@dataclass(frozen=True)
class Seat:
    id: str                     # the first ally's id
    allies: tuple[str, ...]     # ally ids, largest economy first
    name: str                   # "Poland", or "Estonia & Latvia"


def layout(campaign: Campaign, most: int = MAX_SEATS) -> tuple[Seat, ...]:
    """The seats, in the campaign's order of allies: the two smallest economies of one theatre merged, again and
    again, until there are at most `most` seats (or no theatre has two seats left to merge)."""
    gdp = {a.id: a.gdp for a in campaign.allies}
    theatre = {a.id: a.theatre for a in campaign.allies}
    groups = [[a.id] for a in campaign.allies]
    while len(groups) > most:
        pairs = [(sum(gdp[x] for x in g) + sum(gdp[x] for x in h), i, j)
                 for i, g in enumerate(groups) for j, h in enumerate(groups)
                 if i < j and theatre[g[0]] == theatre[h[0]]]
        if not pairs:
            break
        _, i, j = min(pairs)
        groups[i] = sorted(groups[i] + groups[j], key=lambda x: -gdp[x])
        del groups[j]
    names = {a.id: a.name for a in campaign.allies}
    return tuple(Seat(g[0], tuple(g), " & ".join(names[x] for x in g)) for g in groups)
