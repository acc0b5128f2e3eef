"""The summary of `fairshare simulate`: a campaign played headless under one policy, as the --json object (see the
README's CLI contract) and as a text table."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.campaign import Campaign
from game.sim.batches import CHUNK_RUNS
from game.sim.policies import Policy
from game.sim.run import Result, simulate_chunks

ALLY_FIGURES = ("spending", "threat", "trust", "alignment", "hedging", "presence")
OUTCOMES = ("aggression", "proliferation", "realignment", "us_cost", "us_cost_ratio", "influence", "burden_share",
            "deterrence", "burden", "cohesion", "score")

Progress = Callable[[int, int], None]   # (runs played so far, runs in all)


def simulate_summary(campaign: Campaign, policy: Policy, runs: int, seed: int, chunk: int = CHUNK_RUNS,
                     progress: Progress | None = None) -> dict:
    """Play `runs` games, streamed in chunks, and return the means at the end of the game (the `simulate --json`
    object). Only the sums and each run's score are kept from a chunk, so memory stays flat in runs."""
    tally = Tally(len(campaign.allies))
    for result in simulate_chunks(campaign, policy, runs, seed, chunk=chunk):
        tally.add(result)
        if progress:
            progress(tally.runs, runs)
    return tally.summary(campaign, policy.name, seed)


def summarise(result: Result, campaign: Campaign, policy: str, seed: int) -> dict:
    """The summary of one batch already played."""
    tally = Tally(len(campaign.allies))
    tally.add(result)
    return tally.summary(campaign, policy, seed)


class Tally:
    """What the summary needs of a chunk: sums of the final figures and outcomes, and every run's score (for the
    spread and the percentiles)."""

    def __init__(self, allies: int):
        self.runs = 0
        self.ally_sums = {var: np.zeros(allies) for var in ALLY_FIGURES}
        self.outcome_sums = dict.fromkeys(OUTCOMES, 0.0)
        self.scores: list[np.ndarray] = []

    def add(self, result: Result) -> None:
        self.runs += result.final.runs
        for var, total in self.ally_sums.items():   # column by column, as `[:, i].mean()` sums: the same bits
            total += [column.sum() for column in getattr(result.final, var).T]
        for name in OUTCOMES:
            self.outcome_sums[name] += float(getattr(result.outcome, name).sum())
        self.scores.append(result.outcome.score)

    def summary(self, campaign: Campaign, policy: str, seed: int) -> dict:
        n = self.runs
        allies = {a.id: {var: round(float(self.ally_sums[var][i]) / n, 4) for var in ALLY_FIGURES}
                  for i, a in enumerate(campaign.allies)}
        outcomes = {name: round(total / n, 4) for name, total in self.outcome_sums.items()}
        score = np.concatenate(self.scores)
        p10, p50, p90 = (round(float(x), 4) for x in np.percentile(score, [10, 50, 90]))
        return {"campaign": campaign.id, "policy": policy, "runs": n, "seed": seed, "turns": campaign.turns,
                "final": {**allies, "outcomes": outcomes},
                "distribution": {"sd": round(float(score.std()), 4), "p10": p10, "p50": p50, "p90": p90}}


def render_summary(summary: dict, campaign: Campaign) -> str:
    lines = [f"{campaign.name}: policy {summary['policy']}, {summary['runs']} runs, seed {summary['seed']}, "
             f"{summary['turns']} turns",
             "", f"{'ally':<16}{'spending':>9}{'threat':>8}{'trust':>8}{'align':>8}{'hedging':>9}"]
    for a in campaign.allies:
        f = summary["final"][a.id]
        lines.append(f"{a.name[:15]:<16}{f['spending']:>8.2f}%{f['threat']:>8.2f}{f['trust']:>8.2f}"
                     f"{f['alignment']:>8.2f}{f['hedging']:>9.2f}")
    o = summary["final"]["outcomes"]
    lines += ["", f"pillars (0-100): deterrence {o['deterrence']:.1f}  burden {o['burden']:.1f}  "
                  f"influence {o['influence']:.1f}  cohesion {o['cohesion']:.1f}  ->  score {o['score']:.1f}",
              f"runs with a successful aggression {o['aggression']:.1%}, with proliferation {o['proliferation']:.1%},"
              f" with realignment {o['realignment']:.1%}",
              f"allies' share of the common defence {o['burden_share']:.1%}; U.S. cost {o['us_cost']:.1f} bn a year "
              f"({o['us_cost_ratio']:.0%} of budget)"]
    return "\n".join(lines)
