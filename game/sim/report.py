"""The turn report: what each turn changed, as named factors that add up exactly to each change."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.sim.layout import factors_total

# The factors behind each ally variable, in the order `step` fills them. The last factor is always "events"
# (scripted and conditional events of the next turn); "limit" absorbs what a 0-1 bound cut off.
FACTORS: dict[str, tuple[str, ...]] = {
    "spending": ("threat", "trade with the adversary", "free-riding", "riding on partners", "pressure", "criticism",
                 "fear of abandonment", "domestic limits", "the government's choice", "events"),
    "trust": ("reassurance", "promise kept", "pressure", "withdrawal", "criticism", "spillover", "U.S. credibility",
              "crises", "limit", "events"),
    "alignment": ("protection", "self-reliance", "third force", "habit", "reassurance", "promise kept", "pressure",
                  "criticism", "withdrawal", "the government's choice", "break with the U.S.", "limit", "events"),
    "hedging": ("insecurity", "withdrawal", "protection", "the government's choice", "nuclear programme", "limit",
                "events"),
}

# The factors behind the system-wide numbers: U.S. credibility and domestic pressure (per run) and each
# adversary's appetite for probing (per run and adversary), in the order `step` fills them.
SYSTEM_FACTORS: dict[str, tuple[str, ...]] = {
    "credibility": ("withdrawals", "reassurance", "recovery", "successful attacks", "forced drawdown", "limit",
                    "events"),
    "domestic": ("invoking Congress", "settling", "allies' shortfall", "over budget", "entrapment crises",
                 "the vote", "limit", "events"),
    "appetite": ("U.S. withdrawals", "fading", "successful attacks", "probes repelled", "limit", "events"),
}
SYSTEM_HELP: dict[str, str] = {
    "withdrawals": "every U.S. withdrawal tells the world American guarantees can shrink",
    "recovery": "a record of keeping promises slowly comes back toward the campaign's start",
    "successful attacks": "an ally attacked successfully: the promise did not deter",
    "forced drawdown": "Congress cut forces everywhere, a withdrawal Washington did not choose",
    "invoking Congress": "pointing at Congress stirs it up",
    "settling": "domestic pressure settles toward its usual level",
    "allies' shortfall": "allies below the 2 % line, compared with the start, make Congress impatient",
    "over budget": "spending past the U.S. budget",
    "entrapment crises": "crises an ally's own quarrel drew the U.S. into",
    "the vote": "a forced drawdown releases some of the pressure",
    "U.S. withdrawals": "retrenchment in its theatre emboldens it",
    "fading": "its appetite drifts back toward its starting level",
    "probes repelled": "a probe turned back dampens it",
}

# One line a student can read for each factor, used by the turn report and the help screen.
FACTOR_HELP: dict[str, str] = {
    "threat": "the danger it feels from the adversary pushes its budget up",
    "trade with the adversary": "trade ties with the adversary damp its will to arm against it",
    "free-riding": "expecting U.S. protection, it spends less of its own",
    "riding on partners": "as its neighbours' forces grow, it leaves more of the common defence to them",
    "promise kept": "it answered a U.S. demand, and Washington stood by it as promised",
    "third force": "Western Europe's drive to defend itself apart from Washington pulls it away",
    "pressure": "a credible U.S. threat to scale back its commitment unless the ally does more",
    "criticism": "public shaming: it barely moves budgets",
    "fear of abandonment": "U.S. forces leaving make it arm faster",
    "domestic limits": "other budget priorities pull spending back; budgets cannot jump overnight",
    "events": "this turn's events",
    "reassurance": "visits, exercises and deployments that prove the U.S. promise",
    "withdrawal": "U.S. forces leaving, by your order or by Congress's",
    "spillover": "U.S. withdrawals from other allies, felt most in the same region",
    "U.S. credibility": "trust drifts toward the U.S. record worldwide",
    "crises": "aggression that succeeded against it or nearby: the promise did not deter",
    "limit": "already at the edge of its range",
    "protection": "how far it leans on U.S. protection, compared with the start",
    "self-reliance": "the more it can defend itself, the less it follows Washington",
    "habit": "settling back toward its usual stance",
    "break with the U.S.": "a nuclear programme or accommodation of the adversary",
    "insecurity": "high threat and too little protection push it toward its own options",
    "nuclear programme": "it crossed into a weapons programme, or gave one up",
    "the government's choice": "what its government, played by a person, chose beyond what its advisers advised",
}


class Breakdown:
    """One variable's change being built as named factors: (F, B, ...) arrays, a slice per name of `names` (a tuple of
    FACTORS or SYSTEM_FACTORS), read and written by name so `step` never depends on their order."""

    def __init__(self, names: tuple[str, ...], values: np.ndarray):
        self.names, self.values = names, values
        self._at = {name: i for i, name in enumerate(names)}

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[self._at[name]]

    def __setitem__(self, name: str, value) -> None:
        self.values[self._at[name]] = value

    def before(self, name: str) -> np.ndarray:
        """The sum of the factors listed before `name`, added one after another (layout.factors_total)."""
        return factors_total(self.values[:self._at[name]])


@dataclass(frozen=True, eq=False)
class Report:
    """One turn's outcome for every run. Factor arrays are (B, N, F); event flags (B, N) or (B,)."""
    turn: int                   # the turn resolved (1-based)
    orders: np.ndarray          # (B, N) order codes
    spending: np.ndarray
    trust: np.ndarray
    alignment: np.ndarray
    hedging: np.ndarray
    probe: np.ndarray           # an adversary probe was repelled or succeeded
    aggression: np.ndarray      # a probe succeeded
    entrapment: np.ndarray      # the ally's own quarrel drew the U.S. in
    nuclear: np.ndarray         # crossed into a nuclear programme this turn
    realignment: np.ndarray     # accommodated the adversary this turn
    renounced: np.ndarray       # gave up its nuclear programme this turn
    own_way: np.ndarray         # (B, N) int8: where it went its own way on a new named issue this turn, how many
                                # issues it now goes its own way on (derived.issues), else 0
    congress_cut: np.ndarray    # (B,) Congress forced a drawdown
    us_action: np.ndarray       # (B,) the U.S.-level action taken (state.US_ACTION_CODE)
    risk: np.ndarray            # (B, N) chance this turn of a successful aggression against each ally
    fired: np.ndarray           # (B, E) campaign events that fired at the start of the next turn
    us_cost: np.ndarray         # (B,) U.S. spending this turn, US$ bn a year
    deterrence: np.ndarray      # (B, N) deterrence ratio the adversary weighed
    credibility: np.ndarray     # (B, F) U.S. credibility's change as SYSTEM_FACTORS["credibility"]
    domestic: np.ndarray        # (B, F) domestic pressure's change as SYSTEM_FACTORS["domestic"]
    appetite: np.ndarray        # (B, K, F) each adversary's appetite (revisionism) as SYSTEM_FACTORS["appetite"]

    def factors(self, var: str) -> np.ndarray:
        return getattr(self, var)

    def change(self, var: str) -> np.ndarray:
        """Total change of an ally variable over the turn: the sum of its factors."""
        return getattr(self, var).sum(-1)
