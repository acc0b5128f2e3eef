"""Help: the controls, the ideas behind each order, and why allies move (from the model's FACTOR_HELP)."""
from __future__ import annotations

from dataclasses import replace

import pygame

from game.analysis.evidence import CARDS
from game.i18n import N_, _, general, num
from game.sim.params import DEFAULT
from game.sim.report import FACTOR_HELP, FACTORS, SYSTEM_FACTORS, SYSTEM_HELP, factor_name
from game.ui import bindings, doc
from game.ui.doc import Block
from game.ui.scene import Scene
from game.ui.theme import Yardstick
from game.ui.widgets import Button, Scroll, draw_scrollbar
from game.userdata import saves_dir, user_campaigns_dir

ORDER_IDEAS = (  # ((order, its name), what it means): the key printed beside the name comes from the bindings
    (("pressure", N_("Pressure")),
     N_("A bargain with a condition: do more for your own defence, or our commitment shrinks; do it, "
     "and we stand by you. It works where the ally feels a real threat and believes the warning, and an impatient "
     "Congress makes the warning more believable. An ally Washington could hardly leave (a hub such as Germany or "
     "Japan) discounts the warning unless Congress backs it. It costs a little trust and a little deference.")),
    (("reassure", N_("Reassure")),
     N_("Visits, exercises, deployments: proof that the promise holds, with no strings attached. Trust "
     "and alignment rise and hedging fades, but the ally can relax and ride on U.S. protection, it costs budget, "
     "and an ally sure of support may press its own quarrels and drag you in (entrapment).")),
    (("withdraw", N_("Withdraw")),
     N_("Actually bring forces home. It frees money and frightened allies do arm faster, but trust "
     "collapses, every ally nearby wonders if it is next, the adversary sees an opening, and a desperate ally may "
     "look for a bomb of its own or a deal with the other side. Hedging is far easier to prevent than to undo. An "
     "ally that started a programme can still be talked out of it: press it to give the programme up and reassure "
     "it between demands, with Congress behind the pressure. Where no U.S. forces are left, there is nothing to "
     "withdraw.")),
    (("criticize", N_("Criticize")),
     N_("Complain in public that the ally does not pay its share. It makes headlines, but research on "
     "U.S. alliances finds it wins nothing, or backfires: it costs trust and deference, the shamed government "
     "cannot be seen to give in, and its public hears your next demand less.")),
    (("hold", N_("Hold")),
     N_("Change nothing this turn. Every ally holds unless you give it another order.")),
    (("congress", N_("Invoke Congress")),
     N_("Not an order to one ally but a U.S. move for the turn: point at an impatient Congress "
        "(Nixon's \"Congress may force my hand\") and this turn's warnings are believed more. It stirs up domestic "
        "pressure, and above {threshold} Congress may force a drawdown you did not choose. It lasts one turn.")),
)

DILEMMA = (N_("The burden-sharing dilemma: an ally that carries more of its own defence needs Washington less, and "
           "an ally that needs Washington less follows it less, on trade, on nuclear choices, on a Europe of its "
           "own. No single order, repeated everywhere, wins on all four counts: deterrence, burden, influence and "
           "cohesion."))

ADVISER = (N_("The adviser: on the order buttons, one order is marked \"Adviser\" with its reason. It is a simple "
           "rule of thumb built into the game (reassure where deterrence is thin or faith is shaky, press allies "
           "below their fair share, rest a threat repeated too long, keep within budget), not the best move: "
           "beat it. The command fairshare simulate CAMPAIGN --policy adaptive plays it over many runs."))

# What 0 and 1 mean on each scale the screens show (the meters, the map's colours, the adversary's panel).
SCALES = (
    (N_("Threat felt"),
     N_("0: no danger felt; 1: an attack seems at hand. It is also how hard the adversary's moves hit "
     "that ally.")),
    (N_("Trust in the U.S."), N_("0: no faith that Washington would defend it; 1: complete faith.")),
    (N_("Alignment"),
     N_("0: goes its own way (on trade, on China, on nuclear choices); 1: follows Washington's lead.")),
    (N_("Hedging"),
     N_("0: relies on the U.S. alone; 1: a bomb of its own or a deal with the adversary is at hand. From "
     "0.3 the map hatches the ally.")),
    (N_("U.S. presence"), N_("0: no U.S. forces there; 1: the campaign's fullest deployment (the pips on the map).")),
    (N_("Self-reliance"), N_("0: cannot hold off the threat alone; 1: can match what the threat requires.")),
    (N_("Appetite for probing"), N_("An adversary's: 0: content with things as they are; 1: tests every ally where "
     "deterrence looks thin.")),
    (N_("Domestic pressure"), N_("0: Congress and voters content; 1: clamouring to bring the troops home (above "
                                 "{threshold}, Congress may force a drawdown).")),
    (N_("Credibility"), N_("0: no one believes U.S. promises or warnings; 1: both are taken at their word.")),
)
MARKS = ((N_("Hedging 0.3+"), N_("hatched /: the ally's hedging has reached 0.3")),
         (N_("Nuclear ☢"), N_("hatched x: it has started a nuclear weapons programme")),
         (N_("Own deal ⚑"),
          N_("hatched \\: it has made its own deal with the adversary and no longer follows U.S. orders")),
         ("★ ■■□", N_("U.S. presence, a pip for each fifth")))

FAIR_SHARE = N_("An ally's fair share is the defence spending its threat warrants: NATO's {guideline} % guideline, "
                "plus up to {extra} points of GDP more the graver the threat it faces (a threat of {threat} "
                "warrants {fair} %). The adviser presses allies below it, and the burden pillar counts spending up "
                "to it.")
# The same in a campaign with a yardstick of its own (an era before NATO's guideline).
FAIR_SHARE_OWN = N_("An ally's fair share is the defence spending its threat warrants: this campaign's yardstick of "
                    "{guideline} % of GDP, plus up to {extra} points of GDP more the graver the threat it faces (a "
                    "threat of {threat} warrants {fair} %). The adviser presses allies below it, and the burden pillar "
                    "counts spending up to it.")

PROJECTOR = (N_("On a projector: press F11 for fullscreen and set the text size to 130 % or more in Settings (O); "
             "the High contrast colours survive washed-out beamers better. Every colour on the map also has a "
             "number, a label or a hatch, so the game reads in black and white and for colour-blind players."))


def help_blocks(yardstick: Yardstick = Yardstick()) -> tuple[list[Block], list[Block]]:
    """The help's two columns, in the language spoken; a fair share measured from `yardstick` (the game's, else
    NATO's)."""
    threshold = num(DEFAULT.congress_threshold, 1)
    left: list[Block] = []
    for title, rows in bindings.controls():
        left.append(Block("h", title))
        left += [Block("kv", what, key=keys) for keys, what in rows]
    left += [Block("h", _("On a projector")), Block("p", _(PROJECTOR))]
    try:
        left += [Block("h", _("Your files")),
                 Block("kv", str(user_campaigns_dir()), key=_("Campaigns"), role="small"),
                 Block("kv", str(saves_dir()), key=_("Saves"), role="small")]
    except OSError:
        pass
    right = [Block("h", _("The scales: what 0 and 1 mean"))]
    right += [Block("kv", _(text).format(threshold=threshold), key=_(name), role="small") for name, text in SCALES]
    right.append(Block("h", _("The map's marks")))
    right += [Block("kv", sentence(_(text)), key=_(name), role="small") for name, text in MARKS]
    right.append(Block("h", _("The orders, and the ideas behind them")))
    keys = {**bindings.KEY_OF_ORDER, "congress": bindings.CONGRESS_KEY}
    right += [Block("kv", _(text).format(threshold=threshold), key=f"{bindings.label(keys[order])}  {_(name)}")
              for (order, name), text in ORDER_IDEAS]
    params = replace(DEFAULT, guideline=yardstick.guideline)
    fair = _(FAIR_SHARE_OWN if yardstick.own else FAIR_SHARE).format(
        guideline=general(yardstick.guideline), extra=general(params.fair_share_threat), threat=num(0.5),
        fair=num(params.fair_share(0.5)))
    right += [Block("h", _("The dilemma")), Block("p", _(DILEMMA)), Block("h", _("Fair share")), Block("p", fair),
              Block("h", _("The adviser")), Block("p", _(ADVISER))]
    right.append(Block("h", _("Why allies move: the factors in the turn report")))
    seen = set()
    for var, factors in FACTORS.items():
        for f in factors:
            if f in seen or f not in FACTOR_HELP:
                continue
            seen.add(f)
            right.append(Block("kv", sentence(FACTOR_HELP[f]), key=sentence(factor_name(f), stop=""), role="small"))
    right.append(Block("h", _("How sure is the research? Argue with the model")))
    right += [Block("kv", _("{model} Open to doubt: {doubt} ({sources})").format(
                  model=_(card.model), doubt=_(card.doubt), sources="; ".join(card.sources)),
                    key=f"{_(card.title)} ({_(card.status)})", role="small") for card in CARDS]
    right.append(Block("h", _("Why Washington's standing and the adversaries' appetite move")))
    for f in dict.fromkeys(f for factors in SYSTEM_FACTORS.values() for f in factors):
        text = SYSTEM_HELP.get(f) or FACTOR_HELP.get(f)
        if text and f not in seen:
            seen.add(f)
            right.append(Block("kv", sentence(text), key=sentence(factor_name(f), stop=""), role="small"))
    return left, right


def sentence(text: str, stop: str = ".") -> str:
    """A help line from a table's phrase: a capital first and a full stop last."""
    return text[0].upper() + text[1:] + stop


class HelpScene(Scene):
    name = "help"

    def __init__(self, app):
        super().__init__(app)
        self.scrolls = [Scroll(), Scroll()]
        session = app.session
        self.blocks = help_blocks(Yardstick.of_session(session) if session is not None else Yardstick())

    def layout(self, size) -> None:
        ink, th = self.ink, self.theme
        w, h = size
        m = th.px(56)
        self.head = pygame.Rect(m, th.px(30), w - 2 * m, ink.lh("h1", True))
        bh = ink.lh("body", True) + th.tx(24)
        self.bottom = pygame.Rect(m, h - th.px(28) - bh, w - 2 * m, bh)
        top = self.head.bottom + th.px(18)
        ch = self.bottom.y - th.px(18) - top
        lw = int((w - 2 * m - th.px(32)) * 0.44)
        self.cols = [pygame.Rect(m, top, lw, ch), pygame.Rect(m + lw + th.px(32), top, w - 2 * m - lw - th.px(32), ch)]
        pad = th.tx(26)
        self.inner = [c.inflate(-2 * pad, -2 * pad) for c in self.cols]
        for scroll, inner, blocks in zip(self.scrolls, self.inner, self.blocks):
            scroll.set_sizes(doc.measure(ink, blocks, inner.w - th.px(14)), inner.h)
        back = pygame.Rect(0, 0, ink.width(_("Back"), "body", True) + th.tx(110), bh)
        back.bottomright = self.bottom.bottomright
        self.buttons = [Button("back", _("Back"), back, key="Esc", style="primary")]

    def on_button(self, bid: str) -> None:
        self.app.pop(self)

    def on_key(self, event) -> bool:
        lh = self.ink.lh("body")
        step = {pygame.K_DOWN: 2 * lh, pygame.K_UP: -2 * lh, pygame.K_PAGEDOWN: self.inner[0].h - lh,
                pygame.K_PAGEUP: -(self.inner[0].h - lh)}.get(event.key)
        if step:
            return self.scrolls[0].by(step) | self.scrolls[1].by(step)
        if event.key in bindings.ENTER or event.key in bindings.HELP_KEYS:
            self.app.pop(self)
            return True
        return False

    def on_wheel(self, dy: int) -> bool:
        pos = pygame.mouse.get_pos()
        i = 1 if self.cols[1].collidepoint(pos) else 0
        return self.scrolls[i].by(-dy * self.ink.lh("body") * 3)

    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        surface.fill(pal["bg"])
        ink.text(surface, _("How to play Fair Share"), self.head.topleft, "h1", pal["text"], True)
        for col, inner, scroll, blocks in zip(self.cols, self.inner, self.scrolls, self.blocks):
            ink.panel(surface, col, pal["panel"], radius=th.px(14))
            doc.draw(ink, surface, blocks, pygame.Rect(inner.x, inner.y, inner.w - th.px(14), inner.h), scroll.offset)
            draw_scrollbar(ink, surface, inner.move(th.px(12), 0), scroll)
        ink.text(surface, _("↑ ↓ PgUp PgDn or the mouse wheel to scroll"), (self.bottom.x, self.bottom.centery),
                 "small",
                 pal["faint"], anchor="midleft")
        self.draw_buttons(surface)
