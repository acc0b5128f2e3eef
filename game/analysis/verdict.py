"""The end-of-game verdict, relative to doing nothing and to the adviser on the same luck.

A score means little alone: 78 may be good play in a hard campaign or a poor result in an easy one. So the game
replays the player's seed under "hold everywhere" and under the built-in adviser. The model's generator is
separate from the player's choices, so the three games face the same dice (see game.sim.run.rngs).
"""
from __future__ import annotations

from dataclasses import dataclass

from game.i18n import _, num
from game.campaign.model import PILLARS
from game.sim.policies import built_in
from game.sim.run import simulate
from game.sim.session import Session

MARGIN = 1.0   # score points within which two results count as level


@dataclass(frozen=True)
class Verdict:
    score: float
    hold: float                 # the same seed played with every ally on hold every turn
    adviser: float              # the same seed played by the built-in adviser
    pillars: dict[str, tuple[float, float, float]]   # pillar: (player, hold, adviser)
    title: str
    sentence: str


def judge(session: Session) -> Verdict:
    """Compare a finished (or running) game with hold and the adviser, played to the end on the same seed."""
    mine = session.outcome()
    others = {name: simulate(session.campaign, built_in(name), runs=1, seed=session.seed, world=session.world).outcome
              for name in ("hold", "adaptive")}
    hold, adviser = others["hold"], others["adaptive"]
    score, h, a = float(mine.score[0]), float(hold.score[0]), float(adviser.score[0])
    pillars = {p: (float(getattr(mine, p)[0]), float(getattr(hold, p)[0]), float(getattr(adviser, p)[0]))
               for p in PILLARS}
    title, sentence = words(score, h, a)
    return Verdict(score, h, a, pillars, title, sentence)


def words(score: float, hold: float, adviser: float) -> tuple[str, str]:
    """A title and a sentence that place the player's score between doing nothing and the adviser."""
    vs_hold, vs_adviser = score - hold, score - adviser
    if vs_hold < -MARGIN:
        title = _("Worse than doing nothing")
    elif vs_hold <= MARGIN:
        title = _("No better than doing nothing")
    elif vs_adviser < -MARGIN:
        title = _("Better than doing nothing")
    elif vs_adviser <= MARGIN:
        title = _("As good as the adviser")
    else:
        title = _("Better than the adviser")
    sentence = _("You scored {score}. On the same dice, holding every ally every turn scores {hold} and the built-in "
                 "adviser {adviser}.").format(score=num(score, 0), hold=num(hold, 0), adviser=num(adviser, 0))
    return title, sentence
