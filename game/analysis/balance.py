"""Is a campaign a real dilemma? The built-in strategies and the best plan a search finds, side by side, and the
checks a campaign author needs, stated in words with their numbers.

Three sets of games, each from its own seed: the report's (every strategy and the best plan, so they are compared
on the same games), the search's (the plans it tries), and an independent one (hold again, to see how often one
game on one seed beats another game on another seed, as two teams in a class would).
"""
from __future__ import annotations

import textwrap
from dataclasses import asdict, dataclass, field

import numpy as np

from game.analysis.plan_search import Progress, SearchResult, search
from game.analysis.plans import Plan, Played, plan_document, play
from game.analysis.workers import Recipe, Workers
from game.campaign.model import ORDERS, PILLARS, Campaign
from game.sim.policies import BUILT_IN
from game.sim.state import WITHDRAW, World, make_world

BEST = "best plan"
SEARCH_RUNS = 200
# What a real dilemma needs, in score points (0-100) or shares of games (see the issue on the dilemma in play).
BLANKET_MARGIN = 3.0         # no order repeated everywhere comes this close to the best plan
ADVISER_OVER_PRESSURE = 2.0
ADVISER_OVER_RANDOM = 3.0
ADVISER_OVER_HOLD = 5.0
BEST_OVER_HOLD = 8.0
ADVISER_WINS = 0.9           # share of single games, independent seeds, that the adviser wins against holding
ATTACKED = 0.5               # share of games an ally may be attacked in whatever the player does
LABEL = {"adaptive": "the adviser", "pressure": "blanket pressure", "random": "random orders",
         "hold": "holding everywhere", BEST: "the best plan found"}
MARGINS = (  # (check, winner, rival, points the winner must lead by, what it means when it does not)
    ("adviser_vs_pressure", "adaptive", "pressure", ADVISER_OVER_PRESSURE, "Pressing everyone costs too little."),
    ("random_vs_adviser", "adaptive", "random", ADVISER_OVER_RANDOM, "The choices matter too little."),
    ("hold_vs_adviser", "adaptive", "hold", ADVISER_OVER_HOLD, "Doing nothing is nearly as good as playing well."),
    ("best_vs_hold", BEST, "hold", BEST_OVER_HOLD, "A real dilemma rewards good play by more."),
)


@dataclass(frozen=True, eq=False)
class Strategy:
    name: str
    mean: float
    sd: float
    p10: float
    p50: float
    p90: float
    pillars: dict[str, float]
    aggression: float                 # share of games with at least one successful aggression
    attacked: dict[str, float]        # per ally id: share of games with a successful aggression against it
    events: dict[str, float]          # per event id: share of games it fired in
    scores: np.ndarray = field(repr=False)   # per game, on the report's seed


@dataclass(frozen=True)
class Luck:
    pair: str                # "best plan vs hold"
    same_seed: float         # share of games won, each game against the same game (same seed) of the other
    independent: float       # ... against a game of the other on an independent seed


@dataclass(frozen=True)
class Check:
    id: str
    severity: str            # "major": the dilemma is not real there; "minor": a part of the campaign that idles
    passed: bool
    text: str


@dataclass(frozen=True, eq=False)
class Balance:
    campaign: Campaign
    runs: int
    seeds: dict[str, int]             # report, search, independent
    strategies: dict[str, Strategy]   # the built-ins, then the best plan
    search: SearchResult
    plan: dict                        # the best plan as a plan file's data (plans.plan_document)
    luck: list[Luck]
    checks: list[Check]

    @property
    def flags(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    @property
    def passed(self) -> list[Check]:
        return [c for c in self.checks if c.passed]

    @property
    def overfit(self) -> float:
        """How much of the best plan's lead over hold on the search games does not hold up on fresh games."""
        s = self.strategies
        return (self.search.score - self.search.starts["hold"]) - (s[BEST].mean - s["hold"].mean)

    def to_dict(self) -> dict:
        s, r = self.strategies, self.search
        return {
            "campaign": self.campaign.id, "runs": self.runs, "seeds": self.seeds, "turns": self.campaign.turns,
            "strategies": {name: {k: v for k, v in asdict(st).items() if k not in ("name", "scores")}
                           for name, st in s.items()},
            "best_plan": {"plan": self.plan, "fresh_score": s[BEST].mean, "search_score": r.score,
                          "search_hold_score": r.starts["hold"], "overfit": self.overfit,
                          "search_runs": r.runs, "plans_evaluated": r.evaluated, "search_seconds": r.seconds,
                          "stopped": r.stopped, "starts": r.starts},
            "luck": [asdict(luck) for luck in self.luck],
            "flags": [asdict(c) for c in self.flags], "passed": [asdict(c) for c in self.passed],
        }


def strategy(name: str, played: Played, campaign: Campaign) -> Strategy:
    o = played.outcome
    p10, p50, p90 = (float(x) for x in np.percentile(o.score, [10, 50, 90]))
    return Strategy(
        name, float(o.score.mean()), float(o.score.std()), p10, p50, p90,
        {p: float(o.pillar(p).mean()) for p in PILLARS}, float(o.aggression.mean()),
        {a.id: float(played.attacked[:, i].mean()) for i, a in enumerate(campaign.allies)},
        {e.id: float(played.fired[:, k].mean()) for k, e in enumerate(campaign.events)}, o.score)


def wins(a: np.ndarray, b: np.ndarray) -> float:
    return float((a > b).mean())


def _played(task: tuple[World, Recipe, int, int]) -> Played:
    """One strategy's games (a task a worker process can run)."""
    world, recipe, runs, seed = task
    return play(world, recipe.policy(world.campaign), runs, seed)


def balance(campaign: Campaign, runs: int = 2000, seed: int = 0, search_seconds: float = 45.0,
            max_plans: int | None = None, progress: Progress | None = None, workers: int = 1) -> Balance:
    """The report (see the module). `workers` processes share the search and the strategies' games; the result is
    the same whatever their number, but for how far a search limited by time gets."""
    world = make_world(campaign)
    seeds = {"report": seed, "search": seed + 1, "independent": seed + 2}
    with Workers(workers) as pool:
        found = search(world, SEARCH_RUNS, seeds["search"], search_seconds, max_plans, progress, workers=pool)
        games = {**{name: (Recipe(name), seed) for name in BUILT_IN}, BEST: (Recipe(found.plan), seed),
                 "hold elsewhere": (Recipe("hold"), seeds["independent"])}
        played = dict(zip(games, pool.map(_played, [(world, recipe, runs, s) for recipe, s in games.values()])))
    strategies = {name: strategy(name, played[name], campaign) for name in (*BUILT_IN, BEST)}
    hold_elsewhere = played["hold elsewhere"].outcome.score
    hold = strategies["hold"].scores
    luck = [Luck(f"{name} vs hold", wins(strategies[name].scores, hold), wins(strategies[name].scores, hold_elsewhere))
            for name in (BEST, "adaptive")]
    return Balance(campaign, runs, seeds, strategies, found, plan_document(found.plan, campaign), luck,
                   checks(campaign, strategies, luck, found.plan))


def _check(name: str, severity: str, passed: bool, fail: str, ok: str) -> Check:
    return Check(name, severity, passed, ok if passed else fail)


def checks(campaign: Campaign, s: dict[str, Strategy], luck: list[Luck], plan: Plan | None = None) -> list[Check]:
    """The dilemma's checks on the strategies' results (and the best plan's orders, if given): each passes or fails
    with a sentence that says why."""
    best = s[BEST].mean
    out = []
    near = [o for o in ORDERS if best - s[o].mean < BLANKET_MARGIN]
    for o in near:
        gap = best - s[o].mean
        where = f"{gap:.1f} points below" if gap > 0 else "level with or above"
        out.append(Check(f"blanket_near_best:{o}", "major", False,
                         f"Blanket {o} scores {s[o].mean:.1f}, {where} the best plan found ({best:.1f}): an order "
                         f"repeated everywhere should stay more than {BLANKET_MARGIN:g} points below it."))
    if not near:
        closest = max(ORDERS, key=lambda o: s[o].mean)
        out.append(Check("blanket_near_best", "major", True,
                         f"No blanket order comes within {BLANKET_MARGIN:g} points of the best plan ({best:.1f}); "
                         f"the closest, {closest}, is {best - s[closest].mean:.1f} below."))
    for name, winner, rival, needed, why in MARGINS:
        lead = s[winner].mean - s[rival].mean
        out.append(_check(name, "major", lead >= needed,
                          f"{LABEL[winner].capitalize()} ({s[winner].mean:.1f}) is not {needed:g} points ahead of "
                          f"{LABEL[rival]} ({s[rival].mean:.1f}): {lead:+.1f}. {why}",
                          f"{LABEL[winner].capitalize()} beats {LABEL[rival]} by {lead:.1f} points ({needed:g} "
                          "needed)."))
    out += _event_checks(campaign, s) + _ally_checks(campaign, s)
    if plan is not None:
        out.append(_withdrawal_check(campaign, plan))
    adv = next(x for x in luck if x.pair == "adaptive vs hold")
    out.append(_check("luck_adviser_vs_hold", "major", adv.independent >= ADVISER_WINS,
                      f"The adviser beats holding in only {adv.independent:.0%} of single games on independent "
                      f"seeds ({adv.same_seed:.0%} on the same seed; {ADVISER_WINS:.0%} wanted): luck decides "
                      "too many games.",
                      f"The adviser beats holding in {adv.independent:.0%} of single games on independent seeds "
                      f"({adv.same_seed:.0%} on the same seed; {ADVISER_WINS:.0%} wanted)."))
    return out


def _event_checks(campaign: Campaign, s: dict[str, Strategy]) -> list[Check]:
    """Conditional events only: a scripted one fires on its turn by design."""
    out = []
    for e in campaign.events:
        if e.when is None:
            continue
        shares = {name: st.events[e.id] for name, st in s.items()}
        lo, hi = min(shares.values()), max(shares.values())
        name = f"Event '{e.title}' ({e.id})"
        if hi == 0:
            out.append(Check(f"event_never:{e.id}", "minor", False,
                             f"{name} never fires under any strategy: its condition `{e.when}` is out of reach."))
        elif lo == 1:
            out.append(Check(f"event_always:{e.id}", "minor", False,
                             f"{name} fires in every game under every strategy: its condition `{e.when}` does not "
                             "depend on the play; script it for a turn, or make the condition reachable by choice."))
        else:
            out.append(Check(f"event:{e.id}", "minor", True,
                             f"{name} fires in {lo:.0%} to {hi:.0%} of games, depending on the strategy."))
    return out


def _withdrawal_check(campaign: Campaign, plan: Plan) -> Check:
    """The research finds withdrawal costly: a best plan that leans on it may be exploiting the scoring."""
    turns = (plan.orders == WITHDRAW).sum(0)
    used = [f"{a.name} ({n} of {campaign.turns} turns)" for a, n in zip(campaign.allies, turns) if n]
    return _check("best_plan_withdraws", "minor", not used,
                  f"The best plan withdraws from {', '.join(used)}: check that the score does not reward "
                  "withdrawal for the wrong reason.", "The best plan never withdraws.")


def _ally_checks(campaign: Campaign, s: dict[str, Strategy]) -> list[Check]:
    safest = {a.id: min(s, key=lambda name: s[name].attacked[a.id]) for a in campaign.allies}
    least = {a.id: s[safest[a.id]].attacked[a.id] for a in campaign.allies}
    out = [Check(f"ally_attacked:{a.id}", "major", False,
                 f"{a.name} is attacked successfully in {least[a.id]:.0%} of games or more whatever the strategy "
                 f"(fewest under {safest[a.id]}): the player cannot protect it.")
           for a in campaign.allies if least[a.id] > ATTACKED]
    if not out and campaign.allies:
        worst = max(campaign.allies, key=lambda a: least[a.id])
        out.append(Check("ally_attacked", "major", True,
                         f"No ally is attacked successfully in more than {ATTACKED:.0%} of games under every "
                         f"strategy (the hardest to protect, {worst.name}: {least[worst.id]:.0%} under "
                         f"{safest[worst.id]})."))
    return out



def render(result: Balance, width: int = 100) -> str:
    """The balance as plain-text tables for a terminal of `width` columns."""
    c, s, r = result.campaign, result.strategies, result.search
    names = list(s)
    lines = [f"{c.name} ({c.id}): is it a real dilemma?",
             f"{result.runs} games a strategy on seed {result.seeds['report']}, {c.turns} turns; plan search on "
             f"{r.runs} games of seed {result.seeds['search']}", "",
             f"{'strategy':<12}{'score':>6}{'sd':>5}{'p10':>6}{'p50':>6}{'p90':>6}{'deterrence':>11}{'burden':>7}"
             f"{'influence':>10}{'cohesion':>9}{'aggression':>11}"]
    for name, st in s.items():
        pl = st.pillars
        lines.append(f"{name:<12}{st.mean:>6.1f}{st.sd:>5.1f}{st.p10:>6.1f}{st.p50:>6.1f}{st.p90:>6.1f}"
                     f"{pl['deterrence']:>11.1f}{pl['burden']:>7.1f}{pl['influence']:>10.1f}{pl['cohesion']:>9.1f}"
                     f"{st.aggression:>11.1%}")
    hold_search, best, hold = r.starts["hold"], s[BEST], s["hold"]
    lines += ["", f"Best plan found: {r.evaluated} plans tried in {r.seconds:.0f} s (stopped by {r.stopped})",
              f"  on the search games ({r.runs}, seed {result.seeds['search']}): {r.score:.1f}, hold "
              f"{hold_search:.1f}, lead {r.score - hold_search:+.1f}",
              f"  on fresh games ({result.runs}, seed {result.seeds['report']}): {best.mean:.1f}, hold "
              f"{hold.mean:.1f}, lead {best.mean - hold.mean:+.1f}; {result.overfit:.1f} points of the lead "
              "were luck",
              f"  {'turn':<16}" + "".join(f"{t + 1:>3}" for t in range(c.turns))]
    for i, a in enumerate(c.allies):
        lines.append(f"  {a.name[:15]:<16}" + "".join(f"{ORDERS[k][0]:>3}" for k in r.plan.orders[:, i]))
    lines.append(f"  {'U.S.':<16}" + "".join(f"{'C' if k else '-':>3}" for k in r.plan.us))
    lines += ["  h hold, p pressure, r reassure, w withdraw, c criticize; U.S.: C invoke Congress, - nothing", "",
              f"{'Single games won':<34}{'same seed':>12}{'independent seeds':>20}"]
    lines += [f"  {x.pair:<32}{x.same_seed:>12.0%}{x.independent:>20.0%}" for x in result.luck]
    lines += ["", "Successful aggression against each ally (share of games)"]
    lines += _by_strategy(names, [(a.name, [s[n].attacked[a.id] for n in names]) for a in c.allies])
    if c.events:
        lines += ["", "Events fired (share of games; * scripted: fires on its turn by design)"]
        lines += _by_strategy(names, [(e.id + (" *" if e.when is None else ""), [s[n].events[e.id] for n in names])
                                      for e in c.events])
    for title, group in ((f"Flags ({len(result.flags)})", result.flags), (f"Passed ({len(result.passed)})",
                                                                          result.passed)):
        lines += ["", title]
        for check in group:
            head = f"  [{check.severity}] {check.id}: " if not check.passed else f"  ok {check.id}: "
            lines += textwrap.wrap(head + check.text, width - 1, subsequent_indent="      ")
    return "\n".join(lines)


def _by_strategy(names: list[str], rows: list[tuple[str, list[float]]]) -> list[str]:
    """A table of shares with a column per strategy; a label too long for its column gets a line of its own."""
    lines = [" " * 19 + "".join(f"{n:>10}" for n in names)]
    for label, values in rows:
        cells = "".join(f"{v:>10.0%}" for v in values)
        lines += [label, " " * 19 + cells] if len(label) > 18 else [f"{label:<19}{cells}"]
    return lines
