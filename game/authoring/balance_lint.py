"""`validate --balance`: a short run of game.analysis.balance, its findings an author must act on as warnings at
the place in the file they concern: a blanket order that comes near the best plan, random orders level with the
adviser, and conditional events that never fire or fire in every game; and a short run of game.analysis.claims:
each of the article's claims the campaign has the allies for but does not show. `fairshare balance` and
`fairshare claims` give the full reports.
"""
from __future__ import annotations

from game.analysis.balance import balance
from game.analysis.claims import measure
from game.campaign import Campaign, Problem
from game.campaign.safe_yaml import Mapping, Sequence, load_located
from game.safe_files import read_bytes_capped
from game.campaign.safe_yaml import MAX_BYTES

from .lint import warning

# Short enough for an author's edit-check loop (europe_2024 in under 30 s on a laptop), long enough that the
# margins of the checks (3 score points) stand above the noise of the means (about 0.3 points at 400 games).
RUNS = 400
CLAIM_RUNS = 200    # each claim is a contrast of two plans on the same games: a small run shows its sign
SEARCH_SECONDS = 8.0
FLAGS = ("blanket_near_best", "random_vs_adviser", "event_never", "event_always")


def balance_warnings(campaign: Campaign, runs: int | None = None, search_seconds: float | None = None,
                     seed: int = 0) -> list[Problem]:
    """The short balance run's findings on `campaign` (loaded from its file), as positioned warnings."""
    data = read_bytes_capped(campaign.path, MAX_BYTES)
    tree, _ = load_located(data, campaign.path)
    result = balance(campaign, RUNS if runs is None else runs, seed,
                     SEARCH_SECONDS if search_seconds is None else search_seconds)
    events = {}
    if isinstance(tree, Mapping) and isinstance(tree.get("events"), Sequence):
        nodes = [n for n in tree.get("events").items if isinstance(n, Mapping)]
        events = {e.id: n.get("when") or n for e, n in zip(campaign.events, nodes)}
    top = tree.key_node("allies") if isinstance(tree, Mapping) and tree.key_node("allies") else tree
    out = []
    for check in result.flags:
        kind, _, ident = check.id.partition(":")
        if kind not in FLAGS:
            continue
        node = events.get(ident, top) if kind.startswith("event_") else top
        out.append(warning(campaign.path, node, f"balance: {check.text}"))
    for claim in measure(campaign, CLAIM_RUNS if runs is None else runs, seed):
        if claim.shows is False:
            out.append(warning(campaign.path, top, f"claims: this campaign does not show that {claim.claim[0].lower()}"
                               f"{claim.claim[1:-1]}: {claim.sentence}"))
    return sorted(out, key=lambda p: (p.line, p.col))
