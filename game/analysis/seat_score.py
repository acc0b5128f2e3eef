"""An ally's own score, for a seat a person played in the class room: how its government fared by its own lights,
shown beside Washington's so that the free-rider's temptation is felt from the inside. Read from the session's
history (every state and turn report), never from the seat's choices alone, so any ally of any game has one.

Three parts, each 0-100, and their mean:
- security: the chance of coming through the game unattacked (the product over turns of one minus the turn's risk
  of a successful aggression, as the adversary weighed deterrence), halved by each attack it suffered;
- budget: the share of its domestic ceiling left to other priorities, on average over the game (spending less
  scores more: the temptation);
- autonomy: how far it set its own course rather than Washington's, on average (one minus its alignment with U.S.
  preferences: what its own strength buys it).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.sim.session import AnswerAlly, Session

PARTS = ("security", "budget", "autonomy")


@dataclass(frozen=True)
class SeatScore:
    ally: str
    name: str
    security: float
    budget: float
    autonomy: float
    played: bool            # a person answered for it at least once

    @property
    def score(self) -> float:
        return (self.security + self.budget + self.autonomy) / 3

    def to_dict(self) -> dict:
        return {"ally": self.ally, "name": self.name, "played": self.played, "score": round(self.score, 2),
                **{p: round(getattr(self, p), 2) for p in PARTS}}


def seat_scores(session: Session) -> list[SeatScore]:
    """Every ally's own score over the turns played so far (the opening position alone scores its start)."""
    c, states, reports = session.campaign, session.history, session.reports
    played = {cmd.ally for cmd in session.log if isinstance(cmd, AnswerAlly)}
    ceiling = states[0].world.ceiling
    kept = states[1:] or states[:1]
    spending = np.mean([s.spending[0] for s in kept], axis=0)
    alignment = np.mean([s.alignment[0] for s in kept], axis=0)
    unharmed = np.prod([1 - r.risk[0] for r in reports], axis=0) if reports else np.ones(len(c.allies))
    attacks = states[-1].aggressed[0]
    security = 100 * unharmed * 0.5 ** attacks
    budget = 100 * np.clip(1 - spending / np.maximum(ceiling, 1e-9), 0, 1)
    autonomy = 100 * (1 - alignment)
    return [SeatScore(a.id, a.name, float(security[i]), float(budget[i]), float(autonomy[i]), a.id in played)
            for i, a in enumerate(c.allies)]
