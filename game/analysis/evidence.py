"""How sure the research is of each mechanism the model plays: one card a mechanism, so a student argues with the
model rather than takes it as fact. Read by `fairshare claims`, the window's help and docs/model.md (written there by
tools/build_docs.py, between its `generated: EVIDENCE` markers)."""
from __future__ import annotations

from dataclasses import dataclass

from game.i18n import N_

SETTLED, SUPPORTED, CONTESTED = N_("settled"), N_("supported"), N_("contested")
STATUS_WORDS = {SETTLED: N_("settled: the research agrees"),
                SUPPORTED: N_("supported: good evidence, from few cases or one body of work"),
                CONTESTED: N_("contested: scholars disagree, or the game's size of it is a judgement")}


@dataclass(frozen=True)
class Evidence:
    id: str
    title: str
    model: str                   # what the game does, in a sentence
    status: str                  # SETTLED, SUPPORTED or CONTESTED
    sources: tuple[str, ...]
    doubt: str                   # what is contested, or what the game judges rather than measures


OLSON = "Olson and Zeckhauser, \"An Economic Theory of Alliances\", Review of Economics and Statistics 48(3), 1966"
SANDLER = "Sandler and Hartley, \"Economics of Alliances\", Journal of Economic Literature 39(3), 2001"
WALT = "Walt, The Origins of Alliances, Cornell University Press, 1987"
BLANKENSHIP_2021 = ("Blankenship, \"The Price of Protection: Explaining Success and Failure of US Alliance "
                    "Burden-Sharing Pressure\", Security Studies 30(5), 2021")
BLANKENSHIP_2023 = ("Blankenship, The Burden-Sharing Dilemma: Coercive Diplomacy in US Alliance Politics, Cornell "
                    "University Press, 2023")
ARTICLE = "Blankenship, \"The Burden-Sharing Dilemma in U.S. Alliances\", Lawfare, 16 June 2024"
SHAMING = ("Becker, Kreps, Poast and Terman, \"Transatlantic Shakedown: Presidential Shaming and NATO Burden "
           "Sharing\", Journal of Conflict Resolution 68(2-3), 2024")
LANOSZKA = "Lanoszka, Atomic Assurance: The Alliance Politics of Nuclear Proliferation, Cornell University Press, 2018"
GAVIN = ("Gavin, \"Strategies of Inhibition: U.S. Grand Strategy, the Nuclear Revolution, and Nonproliferation\", "
         "International Security 40(1), 2015")
TAIWAN = "Albright and Gay, \"Taiwan: Nuclear Nightmare Averted\", Bulletin of the Atomic Scientists 54(1), 1998"
MEIJER = ("Meijer and Brooks, \"Illusions of Autonomy: Why Europe Cannot Provide for Its Security If the United "
          "States Pulls Back\", International Security 45(4), 2021")
POSEN = "Posen, \"Europe Can Defend Itself\", Survival 62(6), 2020"
SNYDER = "Snyder, \"The Security Dilemma in Alliance Politics\", World Politics 36(4), 1984"
BECKLEY = "Beckley, \"The Myth of Entangling Alliances\", International Security 39(4), 2015"

CARDS: tuple[Evidence, ...] = (
    Evidence("free_riding", N_("Protected allies spend less"),
             N_("An ally that expects U.S. protection sheds part of what its threat calls for; reassurance every turn "
             "leaves it spending less than if left alone."),
             SUPPORTED, (OLSON, SANDLER),
             N_("Allies also spend for their own ends (joint products), so how much they ride is debated; the game's "
             "size of it is fitted to NATO's 2015-2019 figures.")),
    Evidence("threat", N_("Threat drives effort"),
             N_("What an ally spends rises with the threat it feels; the exposed answer pressure more than the "
             "insulated."),
             SETTLED, (WALT, "NATO, Defence Expenditure of NATO Countries (2014-2024), 2024"),
             N_("Each ally's threat is a judgement on a 0-1 scale, argued in the campaign file.")),
    Evidence("conditional_pressure", N_("A believable threat of abandonment works"),
             N_("Pressure (do more or our commitment shrinks; do it and we stand by you) raises spending where the "
             "threat is real and Washington's warning believable."),
             SUPPORTED, (BLANKENSHIP_2021, BLANKENSHIP_2023),
             N_("Shown in Cold War case studies and one cross-national study; its strength today is not measured.")),
    Evidence("congress", N_("Congress makes the warning believable"),
             N_("Pointing at an impatient Congress makes this turn's threats credible, at the risk of a drawdown "
             "Washington did not choose."),
             SUPPORTED, (BLANKENSHIP_2023, ARTICLE),
             N_("Rests on a few cases (Nixon and the Mansfield resolutions above all); the chance that Congress acts "
             "is the game's judgement.")),
    Evidence("hubs", N_("Valuable allies discount the threat"),
             N_("An ally Washington could hardly leave (a hub such as Germany or Japan) answers pressure less, unless "
             "Congress makes the threat its own."),
             SUPPORTED, (BLANKENSHIP_2021,),
             N_("Which allies count as valuable, and by how much they discount, are judgements.")),
    Evidence("criticism", N_("Public criticism does not pay"),
             N_("Shaming moves no budget by itself; it costs trust and alignment, and a shamed ally hears the next "
             "demand less."),
             SUPPORTED, (SHAMING,),
             N_("The study finds shaming at best ineffective and possibly harmful in the long run; the backlash on "
             "later demands is the game's reading of that finding.")),
    Evidence("withdrawal", N_("Abandonment makes allies arm, and adversaries bolder"),
             N_("A withdrawal jolts allies into spending, but costs trust, emboldens the adversary and pushes the "
             "exposed toward their own options."),
             SUPPORTED, (LANOSZKA,),
             N_("That a drawdown emboldens an adversary is debated; its size here is a judgement.")),
    Evidence("nuclear", N_("Abandoned allies with the means consider the bomb, and can be talked out of it"),
             N_("Under abandonment an exposed ally with nuclear latency may start a programme; pressure to give it up, "
             "backed by renewed protection, can stop it."),
             SUPPORTED, (LANOSZKA, GAVIN, TAIWAN),
             N_("Few cases (Seoul 1970s, Taipei 1970s-80s); the chances in the game are judgements tied to them.")),
    Evidence("accommodation", N_("Accommodation is the choice of the helpless"),
             N_("An ally with no bomb to fall back on, tied to the adversary by trade and with little hope of help, "
             "may make its own deal; threat alone does not make it bandwagon."),
             CONTESTED, (WALT, ARTICLE),
             N_("States balance more often than they bandwagon, but when they accommodate is debated.")),
    Evidence("dilemma", N_("Capable allies follow less"),
             N_("As an ally builds its own forces, it follows Washington less, on named issues: arms purchases, trade "
             "policy, policy toward the adversary, nuclear choices; insulated allies drift into a third force."),
             CONTESTED, (BLANKENSHIP_2023, ARTICLE, MEIJER, POSEN),
             N_("The article's argument; others hold that Europe cannot do without the U.S. and would keep following. "
             "The size of the effect is a judgement, not a fit.")),
    Evidence("exposed", N_("An independent Europe may not defend its exposed members"),
             N_("Insulated allies that drift apart count for less in the defence of the front line."),
             CONTESTED, (ARTICLE, MEIJER),
             N_("A judgement about the future; there is no record of a Europe without the U.S. to test it on.")),
    Evidence("entrapment", N_("Unconditional support emboldens allies"),
             N_("Reassurance every turn emboldens an ally in its own quarrels, which may drag Washington in."),
             CONTESTED, (SNYDER, BECKLEY),
             N_("Beckley finds entanglement in allies' wars rare; the game keeps it small.")),
    Evidence("hedging", N_("Hedging is easier to prevent than to reverse"),
             N_("Hedging grows fast where threat outruns protection and fades slowly once it has started."),
             SUPPORTED, (LANOSZKA,),
             N_("The rates are judgements.")),
)
BY_ID = {card.id: card for card in CARDS}


def markdown() -> str:
    """The cards as docs/model.md shows them."""
    out = []
    for card in CARDS:
        out.append(f"**{card.title}** ({card.status}). {card.model} *Open to doubt:* {card.doubt}\n")
        out.extend(f"- {source}\n" for source in card.sources)
        out.append("\n")
    return "".join(out).rstrip() + "\n"
