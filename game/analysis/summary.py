"""The summary of `fairshare simulate`: a campaign played headless under one policy, as the --json object (see the
README's CLI contract) and as a text table."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.i18n import _, num, percent
from game.analysis.workers import Recipe, policy_of, run_all
from game.campaign import Campaign
from game.sim.batches import CHUNK_RUNS, chunk_rows
from game.sim.policies import Policy
from game.sim.run import Result, simulate_chunk
from game.sim.state import World, make_world

ALLY_FIGURES = ("spending", "threat", "trust", "alignment", "hedging", "presence")
OUTCOMES = ("aggression", "proliferation", "realignment", "us_cost", "us_cost_ratio", "influence", "burden_share",
            "deterrence", "burden", "cohesion", "score")

Progress = Callable[[int, int], None]   # (runs played so far, runs in all)


def simulate_summary(campaign: Campaign, policy: Policy | Recipe, runs: int, seed: int, chunk: int = CHUNK_RUNS,
                     progress: Progress | None = None, workers: int = 1) -> dict:
    """Play `runs` games, streamed in chunks, and return the means at the end of the game (the `simulate --json`
    object). Only the sums and each run's score are kept from a chunk, so memory stays flat in runs. A Recipe's
    chunks are played by `workers` processes, with the same result as one."""
    world = make_world(campaign)
    tasks = [(world, policy, seed, index, rows) for index, (_, rows) in enumerate(chunk_rows(runs, chunk))]
    tally = Tally(len(campaign.allies))
    for part in run_all(_chunk_part, tasks, workers if isinstance(policy, Recipe) else 1):
        tally.add(part)     # in chunk order, whichever process played it: the same sums
        if progress:
            progress(tally.runs, runs)
    return tally.summary(campaign, policy_of(policy, campaign).name, seed)


def _chunk_part(task: tuple[World, Policy | Recipe, int, int, int]) -> Part:
    world, policy, seed, index, rows = task
    return Part.of(simulate_chunk(world, policy_of(policy, world.campaign), seed, index, rows))


def summarise(result: Result, campaign: Campaign, policy: str, seed: int) -> dict:
    """The summary of one batch already played."""
    tally = Tally(len(campaign.allies))
    tally.add(Part.of(result))
    return tally.summary(campaign, policy, seed)


@dataclass(frozen=True, eq=False)
class Part:
    """What the summary needs of a chunk: sums of the final figures (per ally) and outcomes, and every run's score
    (for the spread and the percentiles). Small, so a worker process sends it back rather than the chunk's state."""
    runs: int
    ally_sums: dict[str, list]
    outcome_sums: dict[str, float]
    scores: np.ndarray

    @classmethod
    def of(cls, result: Result) -> Part:
        # column by column, as `[:, i].mean()` sums: the same bits
        return cls(result.final.runs,
                   {var: [column.sum() for column in getattr(result.final, var).T] for var in ALLY_FIGURES},
                   {name: float(getattr(result.outcome, name).sum()) for name in OUTCOMES}, result.outcome.score)


class Tally:
    """The chunks' parts added up, in chunk order."""

    def __init__(self, allies: int):
        self.runs = 0
        self.ally_sums = {var: np.zeros(allies) for var in ALLY_FIGURES}
        self.outcome_sums = dict.fromkeys(OUTCOMES, 0.0)
        self.scores: list[np.ndarray] = []

    def add(self, part: Part) -> None:
        self.runs += part.runs
        for var, total in self.ally_sums.items():
            total += part.ally_sums[var]
        for name in OUTCOMES:
            self.outcome_sums[name] += part.outcome_sums[name]
        self.scores.append(part.scores)

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
    o = summary["final"]["outcomes"]
    heads = (_("ally"), _("spending"), _("threat"), _("trust"), _("align"), _("hedging"))
    lines = [_("{campaign}: policy {policy}, {runs} runs, seed {seed}, {turns} turns").format(
                 campaign=campaign.name, policy=summary['policy'], runs=summary['runs'], seed=summary['seed'],
                 turns=summary['turns']),
             "", f"{heads[0]:<16}{heads[1]:>9}{heads[2]:>8}{heads[3]:>8}{heads[4]:>8}{heads[5]:>9}"]
    for a in campaign.allies:
        f = summary["final"][a.id]
        lines.append(f"{a.name[:15]:<16}{num(f['spending']):>8}%{num(f['threat']):>8}{num(f['trust']):>8}"
                     f"{num(f['alignment']):>8}{num(f['hedging']):>9}")
    pillars = {p: num(o[p], 1) for p in ("deterrence", "burden", "influence", "cohesion", "score")}
    lines += ["", _("pillars (0-100): deterrence {deterrence}  burden {burden}  influence {influence}  cohesion "
                    "{cohesion}  ->  score {score}").format(**pillars),
              _("runs with a successful aggression {aggression}, with proliferation {proliferation}, with realignment "
                "{realignment}").format(**{k: percent(o[k], 1) for k in ("aggression", "proliferation",
                                                                         "realignment")}),
              _("allies' share of the common defence {share}; U.S. cost {cost} bn a year ({ratio} of budget)").format(
                  share=percent(o['burden_share'], 1), cost=num(o['us_cost'], 1), ratio=percent(o['us_cost_ratio']))]
    return "\n".join(lines)
