"""The best plan `balance` finds for a campaign, found once and kept, so that no debrief waits for a search.

Looked up in this order: the plan shipped for a shipped campaign in campaigns/plans/best/ (the best a
`fairshare balance --plan-out` search has found; tests compare the article's plans with it), then the user's cache
(<data_dir>/whatif/), then searched (and stored in the cache). A cached copy counts only for the same campaign file
(content hash) and the same model (a fingerprint of its parameters): a changed model may prefer another plan. The
shipped plans are refreshed by hand when the model changes, and a slightly stale one is still a strong yardstick.

    found = find(campaign)        # found.plan, and found.source: shipped, cache or search
"""
from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.analysis.balance import SEARCH_RUNS
from game.analysis.plan_search import Progress, search
from game.analysis.plans import Plan
from game.campaign import CampaignError
from game.campaign.model import ORDERS, US_ACTIONS, Campaign
from game.campaign.plan import load_plan
from game.paths import campaigns_dir
from game.safe_files import read_bytes_capped
from game.sim.params import DEFAULT
from game.sim.policies import plan_table
from game.sim.state import ORDER_CODE, US_ACTION_CODE, make_world
from game.userdata import CACHE, SaveError, atomic_write_text, data_dir

SEARCH_SECONDS = 12.0       # a cache miss: long enough to beat the blanket orders clearly, short enough to wait for
SEARCH_SEED = 1             # balance's search seed for its default report seed 0
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True, eq=False)
class Found:
    plan: Plan
    source: str                 # "shipped", "cache" or "search"
    search_score: float | None  # mean score on the search's games (None for a shipped plan)
    plans_evaluated: int


def model_fingerprint() -> str:
    return hashlib.sha256(repr(DEFAULT).encode()).hexdigest()[:16]


def _key(campaign: Campaign) -> str:
    return f"{campaign.id}-{campaign.content_hash[:12]}"


def cache_path(campaign: Campaign):
    return data_dir() / "whatif" / f"{_key(campaign)}.json"


def shipped_path(campaign: Campaign) -> Path:
    return campaigns_dir() / "plans" / "best" / f"{campaign.id}.yaml"


def _shipped(campaign: Campaign) -> Found | None:
    """The shipped plan, for a shipped campaign only (a user's file with the same id may be another game)."""
    path, own = shipped_path(campaign), Path(campaign.path or ".").resolve()
    if own.parent != campaigns_dir().resolve() or not path.is_file():
        return None
    try:
        plan = load_plan(path, campaign)
    except CampaignError:
        return None
    return Found(Plan(*plan_table(plan.default, plan.orders, campaign, plan.us)), "shipped", None, 0)


def document(campaign: Campaign, found: Found) -> dict:
    return {"campaign": campaign.id, "hash": campaign.content_hash, "model": model_fingerprint(),
            "orders": [[ORDERS[c] for c in row] for row in found.plan.orders],
            "us": [US_ACTIONS[c] for c in found.plan.us],
            "search_score": round(found.search_score, 4), "plans_evaluated": found.plans_evaluated}


def _cached(path, campaign: Campaign) -> Found | None:
    """The plan in `path` if it is a well-formed copy for this campaign and model, else None (never raises)."""
    try:
        doc = json.loads(read_bytes_capped(path, MAX_BYTES))
        if doc["hash"] != campaign.content_hash or doc["model"] != model_fingerprint():
            return None
        orders = np.array([[ORDER_CODE[o] for o in row] for row in doc["orders"]], dtype=np.int8)
        us = np.array([US_ACTION_CODE[a] for a in doc["us"]], dtype=np.int8)
        if orders.shape != (campaign.turns, len(campaign.allies)) or us.shape != (campaign.turns,):
            return None
        return Found(Plan(orders, us), "cache", float(doc["search_score"]), int(doc["plans_evaluated"]))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def known(campaign: Campaign) -> Found | None:
    """The shipped or cached best plan of this campaign, without searching."""
    return _shipped(campaign) or _cached(cache_path(campaign), campaign)


def find(campaign: Campaign, seconds: float | None = None, progress: Progress | None = None) -> Found:
    """The campaign's best plan: shipped, cached, or searched now for `seconds` (default SEARCH_SECONDS) and cached
    (a cache that cannot be written costs the next debrief another search, nothing more)."""
    found = known(campaign)
    if found:
        return found
    result = search(make_world(campaign), SEARCH_RUNS, SEARCH_SEED, SEARCH_SECONDS if seconds is None else seconds,
                    progress=progress)
    found = Found(result.plan, "search", result.score, result.evaluated)
    with contextlib.suppress(SaveError):
        atomic_write_text(cache_path(campaign), json.dumps(document(campaign, found)) + "\n", kind=CACHE)
    return found
