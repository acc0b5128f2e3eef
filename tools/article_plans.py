"""Write the plans built on the article (campaigns/plans/article/) for the present-day campaigns.

    python tools/article_plans.py            # choose each plan's rhythms and write the twelve files
    python tools/article_plans.py --check    # choose them again and check the shipped files say the same (or
                                             # score within TIE of the choice; about 30 s)

Each plan is a principle of the article turned into orders: who is pressed, who is reassured, and when Washington
points at Congress. A principle allows a few rhythms per kind of ally (for example "pressure three turns, then the
promised reassurance"), never a withdrawal or public criticism. Within what it allows, the rhythm of each ally
and the Congress cadence are chosen by coordinate ascent on seeded games (SEARCH_RUNS of SEARCH_SEED), so the
plan is the principle played well rather than played at a guess. Deterministic: the same model writes the same
files. `fairshare balance` then compares them with the best plan its free search finds (docs/model.md).
"""
from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.analysis.plans import Plan, evaluate, plan_yaml  # noqa: E402
from game.campaign.plan import load_plan  # noqa: E402
from game.catalog import find_campaign  # noqa: E402
from game.sim.policies import plan_table  # noqa: E402
from game.sim.state import CONGRESS, HOLD, NO_ACTION, PRESSURE, REASSURE, World, make_world  # noqa: E402

CAMPAIGNS = ("tutorial", "europe_2024", "indo_pacific_2024", "global_2024")
FOLDER = ROOT / "campaigns" / "plans" / "article"
SEARCH_RUNS, SEARCH_SEED, SWEEPS = 600, 7, 3
LETTER = {"P": PRESSURE, "R": REASSURE, "H": HOLD}
WORD = {"P": "press", "R": "reassure", "H": "leave alone"}
WAVERING_TRUST = 0.62   # trust below which an ally's faith in the U.S. is short
# Score points on the search games within which --check takes a shipped plan other than the one chosen as a tie.
# The choices are argmaxes over float32 scores: the same numpy on another CPU (other SIMD paths, other last bits)
# may break a near-tie the other way, and then the comment and orders written differ while the plan is as good.
TIE = 0.05


@dataclass(frozen=True)
class Principle:
    title: str
    reasoning: str
    front: tuple[str, ...]       # rhythms for exposed allies that already pay their fair share
    firm: tuple[str, ...]        # for the others whose trust is firm and that have a treaty
    wavering: tuple[str, ...]    # for allies short of faith, and partners without a treaty


PRINCIPLES = {
    "stand_by_the_front": Principle(
        "Stand by the front line, press the able (conditional pressure with Congress behind it)",
        "Exposed allies that already pay their fair share are reassured every turn. Every other ally hears the "
        "threat of abandonment for a few turns, then the promised commitment, and again: Washington presses "
        "those that can give more and stands by those that already do.",
        front=("R",), firm=("PPPR", "PPR", "PPPPR"), wavering=("PPPR", "PPR", "PR")),
    "nixon_pairing": Principle(
        "Nixon's pairing: pressure with reassurance, ally by ally",
        "As Nixon did around 1970: every ally that can give more hears, turn about, \"contribute more or our "
        "commitment shrinks\" and \"we stand by you\", while Washington warns that Congress may force its hand. "
        "The pairing is kept to one or two turns of pressure for each reassurance. Exposed allies that already pay "
        "are reassured every turn.",
        front=("R",), firm=("PR", "PPR"), wavering=("PR", "PRR")),
    "mind_the_waverers": Principle(
        "Mind the waverers: reassurance where faith is low, pressure where it is firm",
        f"Allies whose trust starts below {WAVERING_TRUST} and partners without a treaty are reassured more often "
        "than pressed; exposed allies that pay are reassured every turn; allies whose faith is firm are pressed, "
        "and left alone now and then so the threat does not wear thin.",
        front=("R",), firm=("PPH", "PPPH", "PH", "PPR"), wavering=("RRP", "RP", "RRRP")),
}
CONGRESS_CADENCES = {
    "every turn": lambda t, n: True,
    "every other turn": lambda t, n: t % 2 == 0,
    "every other turn from the second": lambda t, n: t % 2 == 1,
    "every third turn": lambda t, n: t % 3 == 0,
    "every third turn from the second": lambda t, n: t % 3 == 1,
    "every third turn from the third": lambda t, n: t % 3 == 2,
    "every turn of the first half": lambda t, n: t < (n + 1) // 2,
    "every turn but the last third": lambda t, n: t < n - n // 3,
    "never": lambda t, n: False,
}


def kind(world: World, i: int) -> str:
    """front, firm or wavering: which of a principle's rhythm lists an ally draws on."""
    ally = world.campaign.allies[i]
    if world.exposure[i] >= 0.6 and ally.spending >= world.fair_share0[i]:
        return "front"
    return "wavering" if ally.trust < WAVERING_TRUST or not world.treaty[i] else "firm"


def rotations(rhythms: tuple[str, ...]) -> list[str]:
    """Every rhythm at every phase, once each: "PR" also allows starting with the reassurance."""
    out: list[str] = []
    for r in rhythms:
        out += [r[k:] + r[:k] for k in range(len(r)) if r[k:] + r[:k] not in out]
    return out


def build(world: World, rhythm: list[str], cadence: str) -> Plan:
    turns = world.campaign.turns
    orders = np.array([[LETTER[r[t % len(r)]] for r in rhythm] for t in range(turns)], dtype=np.int8)
    us = np.array([CONGRESS if CONGRESS_CADENCES[cadence](t, turns) else NO_ACTION for t in range(turns)],
                  dtype=np.int8)
    return Plan(orders, us)


def choose(world: World, principle: Principle) -> tuple[list[str], str]:
    """Coordinate ascent over each ally's rhythm and the Congress cadence, within what the principle allows."""
    options = [rotations(getattr(principle, kind(world, i))) for i in range(world.n_allies)]
    rhythm, cadence = [o[0] for o in options], "every other turn"

    def best_of(plans: list[Plan]) -> int:
        return int(np.argmax(evaluate(world, plans, SEARCH_RUNS, SEARCH_SEED).mean(1)))

    for _ in range(SWEEPS):
        before = (list(rhythm), cadence)
        for i, allowed in enumerate(options):
            if len(allowed) > 1:
                rhythm[i] = allowed[best_of([build(world, rhythm[:i] + [r] + rhythm[i + 1:], cadence)
                                             for r in allowed])]
        cadences = list(CONGRESS_CADENCES)
        cadence = cadences[best_of([build(world, rhythm, c) for c in cadences])]
        if (rhythm, cadence) == before:
            break
    return rhythm, cadence


def describe(world: World, rhythm: list[str], cadence: str) -> str:
    lines = []
    for r in sorted(set(rhythm), key=rhythm.index):
        names = ", ".join(a.name for a, mine in zip(world.campaign.allies, rhythm) if mine == r)
        if len(r) == 1:
            lines.append(f"- {names}: {WORD[r]} every turn.")
        else:
            steps = ", then ".join(f"{WORD[letter]} {'once' if n == 1 else f'{n} turns'}" for letter, n in _runs(r))
            lines.append(f"- {names}: {steps}, over and over.")
    lines.append(f"- Congress is invoked {cadence}.")
    return "\n".join(lines)


def _runs(rhythm: str) -> list[tuple[str, int]]:
    """"PPR" as [("P", 2), ("R", 1)]."""
    out: list[tuple[str, int]] = []
    for letter in rhythm:
        if out and out[-1][0] == letter:
            out[-1] = (letter, out[-1][1] + 1)
        else:
            out.append((letter, 1))
    return out


def document(campaign_id: str, name: str) -> tuple[str, Plan, World]:
    """The plan file's text, the plan and the world it was chosen in."""
    campaign = find_campaign(campaign_id)
    world = make_world(campaign)
    principle = PRINCIPLES[name]
    rhythm, cadence = choose(world, principle)
    path = FOLDER / f"{campaign.id}_{name}.yaml"
    reasoning = textwrap.fill(principle.reasoning, 114)
    comment = (f"{campaign.name}: {principle.title}.\n\n{reasoning}\n\n{describe(world, rhythm, cadence)}"
               f"\n\nA plan built on the article's advice (see docs/model.md, \"Plans built on the article\"); its "
               f"rhythms were chosen\nwithin the principle by tools/article_plans.py. Play it with:\n"
               f"  fairshare simulate {campaign.id} --policy campaigns/plans/article/{path.name}")
    plan = build(world, rhythm, cadence)
    return plan_yaml(plan, campaign, comment), plan, world


def tied(path: Path, plan: Plan, world: World) -> bool:
    """Whether the shipped plan at `path` scores within TIE of `plan` on the search games."""
    shipped = load_plan(path, world.campaign)
    other = Plan(*plan_table(shipped.default, shipped.orders, world.campaign, shipped.us))
    scores = evaluate(world, [plan, other], SEARCH_RUNS, SEARCH_SEED).mean(1)
    return abs(float(scores[0] - scores[1])) <= TIE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check the shipped files instead of writing them")
    args = parser.parse_args(argv)
    stale, ties = [], []
    for campaign_id in CAMPAIGNS:
        for name in PRINCIPLES:
            (text, plan, world), path = document(campaign_id, name), FOLDER / f"{campaign_id}_{name}.yaml"
            if args.check:
                if not path.exists():
                    stale.append(path.name)
                elif path.read_text(encoding="utf-8") != text:
                    (ties if tied(path, plan, world) else stale).append(path.name)
            else:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("out of date (run python tools/article_plans.py): " + ", ".join(stale))
        return 1
    if args.check:
        print(f"the {len(CAMPAIGNS) * len(PRINCIPLES)} article plans are the ones the tool chooses"
              + (f" (or tie with them within {TIE} points: {', '.join(ties)})" if ties else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
