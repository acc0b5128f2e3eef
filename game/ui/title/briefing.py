"""The briefing: the campaign's situation, goals and budget, and the events that open the game."""
from __future__ import annotations

import pygame

from game.i18n import _, general, ngettext, num
from game.sim import posture
from game.ui import bindings, doc, flow
from game.ui.doc import Block
from game.ui.fonts import reflow
from game.ui.scene import Scene
from game.ui.theme import Yardstick
from game.ui.widgets import Button, Scroll, draw_scrollbar
from game.ui.wording import campaign_meta, dollars


class BriefingScene(Scene):
    name = "briefing"

    def __init__(self, app):
        super().__init__(app)
        self.left_scroll, self.right_scroll = Scroll(), Scroll()

    def blocks(self) -> tuple[list[Block], list[Block]]:
        s = self.session
        c = s.campaign
        cost = float(posture.upkeep(s.state.presence[0], 0.0, s.world.upkeep, s.world.params,
                                    s.state.offset[0]).sum())
        left = [Block("h", _("The situation")), Block("p", reflow(c.briefing))]
        if c.goals:
            left.append(Block("h", _("Your goals")))
            left += [Block("b", g) for g in c.goals]
        right = [Block("h", _("Your means")),
                 Block("kv", _("{budget} a year for these alliances. The forces already deployed cost {cost} of "
                               "it, so {free} is free for new commitments.").format(
                                   budget=_("${amount} bn").format(amount=general(c.us.budget)), cost=dollars(cost),
                                   free=dollars(c.us.budget - cost)),
                       key=_("U.S. budget")),
                 Block("kv", ngettext("{n} turn, {first} to {last}.", "{n} turns, {first} to {last}.",
                                      c.turns).format(n=c.turns, first=c.calendar.label(0),
                                                      last=c.calendar.label(c.turns - 1)),
                       key=_("Time")),
                 Block("kv", _("{seed}: the same seed and the same orders always give the same game.").format(
                           seed=s.seed)
                       + (_(" Press S to type another.") if self.app.facilitator else ""), key=_("Seed")),
                 Block("kv", self._team_line(), key=_("Team"))]
        if s.opening_events:
            right.append(Block("h", _("As the game opens")))
            for e in s.opening_events:
                event = c.events[e]
                right += [Block("t", event.title), Block("p", reflow(event.text), role="small", color="dim")]
        right.append(Block("h", _("The other side")))
        right += [Block("kv", _("{capability} a year on its military; appetite for probing {appetite}.").format(
                            capability=dollars(adv.capability, 0), appetite=num(adv.revisionism)),
                        key=adv.name, role="small") for adv in c.adversaries]
        right.append(Block("h", _("Your allies at the start")))
        right.append(Block("p", _("Threat, trust and U.S. forces run from 0 (none) to 1 (the most); Help (F1) says "
                                "what 0 and 1 mean on every scale."), role="small", color="dim"))
        right.append(Block("kv", self._fair_share_line(), key=_("Fair share"), role="small"))
        right += [Block("kv",
                        _("{spending} % of GDP · threat {threat} · trust {trust} · U.S. forces {presence}").format(
                            spending=num(a.spending), threat=num(a.threat), trust=num(a.trust),
                            presence=num(a.presence)), key=a.name, role="small") for a in c.allies]
        return left, right

    def _fair_share_line(self) -> str:
        """What Washington asks of every ally in this game: the campaign's yardstick, and the threat's part."""
        yardstick, params = Yardstick.of_session(self.session), self.session.world.params
        if yardstick.own:       # an era's own yardstick, not NATO's guideline
            line = _("{guideline} % of GDP asked of every ally (this campaign's yardstick), and up to {extra} points "
                     "more the graver its threat.")
        else:
            line = _("{guideline} % of GDP asked of every ally (NATO's guideline), and up to {extra} points more the "
                     "graver its threat.")
        return line.format(guideline=general(yardstick.guideline), extra=general(params.fair_share_threat))

    def _team_line(self) -> str:
        team = self.app.team
        said = f"{team}." if team else _("none: playing alone.") if team == "" else \
            _("not given yet: asked when you begin, for your saves and the class report.")
        return said + _(" Press N to change it.")

    def layout(self, size) -> None:
        th, ink = self.theme, self.ink
        w, h = size
        m = th.px(64)
        self.head = pygame.Rect(m, th.px(36), w - 2 * m,
                                ink.lh("small", True) + ink.lh("h1", True) * 2 + ink.lh("small"))
        bh = ink.lh("body", True) + th.tx(28)
        self.bottom = pygame.Rect(m, h - th.px(32) - bh, w - 2 * m, bh)
        top = self.head.bottom + th.px(18)
        col_h = self.bottom.y - th.px(24) - top
        lw = int((w - 2 * m - th.px(40)) * 0.55)
        self.left = pygame.Rect(m, top, lw, col_h)
        self.right = pygame.Rect(self.left.right + th.px(40), top, w - 2 * m - lw - th.px(40), col_h)
        pad = th.tx(28)
        self.left_in, self.right_in = self.left.inflate(-2 * pad, -2 * pad), self.right.inflate(-2 * pad, -2 * pad)
        left, right = self.blocks()
        self.left_scroll.set_sizes(doc.measure(ink, left, self.left_in.w - th.px(12)), self.left_in.h)
        self.right_scroll.set_sizes(doc.measure(ink, right, self.right_in.w - th.px(12)), self.right_in.h)
        begin = pygame.Rect(0, 0, max(th.tx(320), ink.width(_("Begin the campaign"), "body", True) + th.tx(130)), bh)
        begin.bottomright = self.bottom.bottomright
        back = pygame.Rect(0, 0, ink.width(_("Back"), "body", True) + th.tx(110), bh)
        back.bottomleft = self.bottom.bottomleft
        self.buttons = [Button("begin", _("Begin the campaign"), begin, key="Enter", style="primary"),
                        Button("back", _("Back"), back, key="Esc")]

    def on_button(self, bid: str) -> None:
        if bid == "begin":
            flow.begin_play(self.app)
        elif bid == "back":
            self.on_back()

    def on_back(self) -> None:
        self.app.session = None
        self.app.reset_to_title()

    def on_key(self, event) -> bool:
        if event.key in bindings.ENTER or event.key == pygame.K_SPACE:
            flow.begin_play(self.app)
            return True
        step = {pygame.K_DOWN: 1, pygame.K_UP: -1, pygame.K_PAGEDOWN: 8, pygame.K_PAGEUP: -8}.get(event.key)
        if step:
            lh = self.ink.lh("body")
            return self.left_scroll.by(step * lh) | self.right_scroll.by(step * lh)
        if event.key in bindings.HELP_KEYS:
            self.app.show("help")
            return True
        if event.key == pygame.K_s and self.app.facilitator:
            self.app.show("seed")
            return True
        if event.key == pygame.K_n:
            self.app.show("team", self.relayout)
            return True
        return False

    def relayout(self) -> None:
        """The blocks changed (the team's name): measure them again."""
        self.layout(self.app.screen.get_size())

    def on_wheel(self, dy: int) -> bool:
        pos = pygame.mouse.get_pos()
        target = self.right_scroll if self.right.collidepoint(pos) else self.left_scroll
        return target.by(-dy * self.ink.lh("body") * 3)

    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        surface.fill(pal["bg"])
        c = self.session.campaign
        ink.text(surface, _("BRIEFING"), self.head.topleft, "small", pal["accent"], True)
        y = self.head.y + ink.lh("small", True)
        for line in ink.wrap(c.name, self.head.w, "h1", True)[:2]:
            ink.text(surface, line, (self.head.x, y), "h1", pal["text"], True)
            y += ink.lh("h1", True)
        ink.text(surface, campaign_meta(c), (self.head.x, y), "small", pal["dim"])
        left, right = self.blocks()
        for rect, inner, blocks, scroll in ((self.left, self.left_in, left, self.left_scroll),
                                            (self.right, self.right_in, right, self.right_scroll)):
            ink.panel(surface, rect, pal["panel"], radius=th.px(14))
            doc.draw(ink, surface, blocks, pygame.Rect(inner.x, inner.y, inner.w - th.px(12), inner.h), scroll.offset)
            draw_scrollbar(ink, surface, inner.move(th.px(16), 0), scroll)
        self.draw_buttons(surface)
