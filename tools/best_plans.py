"""Ship each campaign's best plan, so that the what-if debrief never searches on a player's machine:
`python tools/best_plans.py [SECONDS] [CAMPAIGN...]` writes data/best_plans/<id>.json (default: every shipped
campaign, 20 s of search each). Run it again when a campaign file or the model's parameters change: a copy made
for another file or model is ignored (game.analysis.best_plan), and the game then searches once and caches."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from game.analysis.balance import SEARCH_RUNS
from game.analysis.best_plan import SEARCH_SEED, Found, document
from game.analysis.plan_search import search
from game.catalog import find_campaign
from game.paths import campaigns_dir
from game.sim.state import make_world

OUT = Path(__file__).resolve().parents[1] / "data" / "best_plans"


def main(argv: list[str]) -> int:
    seconds = float(argv[0]) if argv else 20.0
    ids = argv[1:] or sorted(p.stem for p in campaigns_dir().glob("*.yaml"))
    OUT.mkdir(parents=True, exist_ok=True)
    for cid in ids:
        campaign = find_campaign(cid)
        result = search(make_world(campaign), SEARCH_RUNS, SEARCH_SEED, seconds)
        found = Found(result.plan, "shipped", result.score, result.evaluated)
        (OUT / f"{campaign.id}.json").write_text(json.dumps(document(campaign, found), indent=1) + "\n")
        print(f"{campaign.id}: {result.score:.1f} on the search games after {result.evaluated} plans")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
