"""The turn report: what each turn changed, as named factors that add up exactly to each change."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.i18n import N_, NC_, Translated, _, general, pgettext
from game.sim.layout import factors_total

# The factors behind each ally variable, in the order `step` fills them. The last factor is always "events"
# (scripted and conditional events of the next turn); "limit" absorbs what a 0-1 bound cut off.
FACTORS: dict[str, tuple[str, ...]] = {
    "spending": (NC_("factor", "threat"), NC_("factor", "trade with the adversary"), NC_("factor", "free-riding"),
                 NC_("factor", "riding on partners"), NC_("factor", "pressure"), NC_("factor", "criticism"),
                 NC_("factor", "fear of abandonment"), NC_("factor", "domestic limits"),
                 NC_("factor", "the government's choice"), NC_("factor", "events")),
    "trust": (NC_("factor", "reassurance"), NC_("factor", "promise kept"), NC_("factor", "pressure"),
              NC_("factor", "withdrawal"), NC_("factor", "criticism"), NC_("factor", "spillover"),
              NC_("factor", "U.S. credibility"), NC_("factor", "crises"), NC_("factor", "limit"),
              NC_("factor", "events")),
    "alignment": (NC_("factor", "protection"), NC_("factor", "self-reliance"), NC_("factor", "third force"),
                  NC_("factor", "habit"), NC_("factor", "reassurance"), NC_("factor", "promise kept"),
                  NC_("factor", "pressure"), NC_("factor", "criticism"), NC_("factor", "withdrawal"),
                  NC_("factor", "the government's choice"), NC_("factor", "break with the U.S."),
                  NC_("factor", "limit"), NC_("factor", "events")),
    "hedging": (NC_("factor", "insecurity"), NC_("factor", "withdrawal"), NC_("factor", "protection"),
                NC_("factor", "the government's choice"), NC_("factor", "nuclear programme"), NC_("factor", "limit"),
                NC_("factor", "events")),
}

# The factors behind the system-wide numbers: U.S. credibility and domestic pressure (per run) and each
# adversary's appetite for probing (per run and adversary), in the order `step` fills them.
SYSTEM_FACTORS: dict[str, tuple[str, ...]] = {
    "credibility": (NC_("factor", "withdrawals"), NC_("factor", "reassurance"), NC_("factor", "recovery"),
                    NC_("factor", "successful attacks"), NC_("factor", "forced drawdown"), NC_("factor", "limit"),
                    NC_("factor", "events")),
    "domestic": (NC_("factor", "invoking Congress"), NC_("factor", "settling"), NC_("factor", "allies' shortfall"),
                 NC_("factor", "over budget"), NC_("factor", "entrapment crises"), NC_("factor", "the vote"),
                 NC_("factor", "limit"), NC_("factor", "events")),
    "appetite": (NC_("factor", "U.S. withdrawals"), NC_("factor", "fading"), NC_("factor", "successful attacks"),
                 NC_("factor", "probes repelled"), NC_("factor", "limit"), NC_("factor", "events")),
}
SYSTEM_HELP: Translated = Translated({
    "withdrawals": N_("every U.S. withdrawal tells the world American guarantees can shrink"),
    "recovery": N_("a record of keeping promises slowly comes back toward the campaign's start"),
    "successful attacks": N_("an ally attacked successfully: the promise did not deter"),
    "forced drawdown": N_("Congress cut forces everywhere, a withdrawal Washington did not choose"),
    "invoking Congress": N_("pointing at Congress stirs it up"),
    "settling": N_("domestic pressure settles toward its usual level"),
    "allies' shortfall": N_("allies below the yardstick of spending (NATO's guideline, or the campaign's own), "
                            "compared with the start, make Congress impatient"),
    "over budget": N_("spending past the U.S. budget"),
    "entrapment crises": N_("crises an ally's own quarrel drew the U.S. into"),
    "the vote": N_("a forced drawdown releases some of the pressure"),
    "U.S. withdrawals": N_("retrenchment in its theatre emboldens it"),
    "fading": N_("its appetite drifts back toward its starting level"),
    "probes repelled": N_("a probe turned back dampens it"),
})

# One line a student can read for each factor, used by the turn report and the help screen.
FACTOR_HELP: Translated = Translated({
    "threat": N_("the danger it feels from the adversary pushes its budget up"),
    "trade with the adversary": N_("trade ties with the adversary damp its will to arm against it"),
    "free-riding": N_("expecting U.S. protection, it spends less of its own"),
    "riding on partners": N_("as its neighbours' forces grow, it leaves more of the common defence to them"),
    "promise kept": N_("it answered a U.S. demand, and Washington stood by it as promised"),
    "third force": N_("Western Europe's drive to defend itself apart from Washington pulls it away"),
    "pressure": N_("a credible U.S. threat to scale back its commitment unless the ally does more"),
    "criticism": N_("public shaming: it barely moves budgets"),
    "fear of abandonment": N_("U.S. forces leaving make it arm faster"),
    "domestic limits": N_("other budget priorities pull spending back; budgets cannot jump overnight"),
    "events": N_("this turn's events"),
    "reassurance": N_("visits, exercises and deployments that prove the U.S. promise"),
    "withdrawal": N_("U.S. forces leaving, by your order or by Congress's"),
    "spillover": N_("U.S. withdrawals from other allies, felt most in the same region"),
    "U.S. credibility": N_("trust drifts toward the U.S. record worldwide"),
    "crises": N_("aggression that succeeded against it or nearby: the promise did not deter"),
    "limit": N_("already at the edge of its range"),
    "protection": N_("how far it leans on U.S. protection, compared with the start"),
    "self-reliance": N_("the more it can defend itself, the less it follows Washington"),
    "habit": N_("settling back toward its usual stance"),
    "break with the U.S.": N_("a nuclear programme or accommodation of the adversary"),
    "insecurity": N_("high threat and too little protection push it toward its own options"),
    "nuclear programme": N_("it crossed into a weapons programme, or gave one up"),
    "the government's choice": N_("what its government, played by a person, chose beyond what its advisers advised"),
})


# The orders' names as the reports and buttons write them (the English name is the order's id everywhere else).
ORDER_NAMES = Translated({"pressure": NC_("order", "pressure"), "reassure": NC_("order", "reassure"),
                          "withdraw": NC_("order", "withdraw"), "criticize": NC_("order", "criticize"),
                          "hold": NC_("order", "hold")}, "order")


# The four pillars and the score, as every screen and export names them.
PILLAR_NAMES = Translated({"deterrence": N_("Deterrence"), "burden": N_("Burden"), "influence": N_("Influence"),
                           "cohesion": N_("Cohesion"), "score": N_("Score")})
PILLAR_WORDS = Translated({"deterrence": NC_("pillar, in a sentence", "deterrence"),
                           "burden": NC_("pillar, in a sentence", "burden"),
                           "influence": NC_("pillar, in a sentence", "influence"),
                           "cohesion": NC_("pillar, in a sentence", "cohesion")}, "pillar, in a sentence")


def guideline_line(guideline: float) -> str:
    """The campaign's yardstick of spending as every chart, legend and export names its line ("3 % line" in
    nixon_1969): the number the model plays by (`Params.guideline`), never a fixed 2 %."""
    return _("{guideline} % line").format(guideline=general(guideline))


def order_name(order: str) -> str:
    return ORDER_NAMES[order] if order in ORDER_NAMES else order


def factor_name(name: str) -> str:
    """A factor's name as the language spoken writes it (the English name is the factor's id everywhere else: in
    `step`, the saves and game.csv's columns)."""
    return pgettext("factor", name)


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
