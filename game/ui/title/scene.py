"""The title screen: the campaigns (shipped, then the player's own, with the first problem of any broken one),
continue, load, settings, help, quit."""
from __future__ import annotations

import pygame

from game.authoring.live import folder_watch
from game.campaign import CampaignError
from game.catalog import list_campaigns
from game.i18n import _, general, ngettext
from game.paths import campaigns_dir
from game.ui import bindings, flow, persist
from game.ui.layout import row_buttons
from game.ui.map.view import Paint, campaign_paint, fit_panes
from game.ui.scene import Scene
from game.ui.theme import Yardstick
from game.ui.widgets import Button, Scroll, draw_scrollbar
from game.ui.wording import campaign_meta, card_meta_forms, name_forms
from game.userdata import user_campaigns_dir


class TitleScene(Scene):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.entries = []
        self.selected = 0
        self.scroll = Scroll()
        self.latest = None
        self.cards: list[Button] = []
        # A campaign saved into the user's folder (by `fairshare new`, or an editor) appears without F5.
        self.folders = folder_watch([campaigns_dir(), user_campaigns_dir()])
        self._refresh()

    def _refresh(self) -> None:
        try:
            self.entries = _campaigns()
        except OSError as error:
            self.entries = []
            self.app.toast(_("Campaigns could not be listed: {error}").format(error=error))
        self.latest = persist.latest()
        self.selected = min(self.selected, max(len(self.entries) - 1, 0))

    def on_resume(self) -> None:
        self._refresh()
        self.layout(self.app.screen.get_size())

    def update(self, dt: float) -> bool:
        if self.folders.poll(dt):
            self.on_resume()
            self.app.dirty = True
        return False

    # --- layout --------------------------------------------------------------------------------------------
    def layout(self, size) -> None:
        th, ink = self.theme, self.ink
        w, h = size
        m = th.px(64)
        self.head = pygame.Rect(m, th.px(40), w - 2 * m, ink.lh("hero", True) + ink.lh("h3") + th.tx(10))
        bh = ink.lh("body", True) + th.tx(26)
        self.bottom = pygame.Rect(m, h - th.px(36) - bh, w - 2 * m, bh)
        body_top = self.head.bottom + th.px(28)
        body_h = self.bottom.y - th.px(30) - body_top
        left_w = int((w - 2 * m) * 0.46)
        self.list_rect = pygame.Rect(m, body_top + ink.lh("small", True) + th.tx(12), left_w,
                                     body_h - ink.lh("small", True) - th.tx(12))
        self.detail = pygame.Rect(self.list_rect.right + th.px(36), body_top, w - 2 * m - left_w - th.px(36), body_h)
        self.card_h = ink.lh("h3", True) + ink.lh("small") + th.tx(26)
        self.card_gap = th.px(10)
        self.scroll.set_sizes(len(self.entries) * (self.card_h + self.card_gap), self.list_rect.h)
        latest = self.latest
        sub = f"{persist.campaign_words(latest)}, {persist.turn_words(latest.turn_label)}" if latest else \
            _("no saved game yet")
        items = [("continue", _("Continue"), "C"), ("load", _("Load game"), "L"), ("settings", _("Settings"), "O"),
                 ("help", _("Help"), "F1"), ("quit", _("Quit"), "Esc")]
        rects = row_buttons(ink, self.bottom, [(k, lbl) for _, lbl, k in items], th.px(14))
        self.buttons = [Button(bid, lbl, r, key=k, enabled=(bid != "continue" or latest is not None))
                        for (bid, lbl, k), r in zip(items, rects)]
        self.continue_hint = sub
        start_h = ink.lh("body", True) + th.tx(28)
        start = pygame.Rect(0, 0, max(th.tx(300), ink.width(_("Start campaign"), "body", True) + th.tx(120)), start_h)
        start.bottomright = (self.detail.right - th.tx(28), self.detail.bottom - th.tx(28))
        entry = self.entries[self.selected] if self.entries else None
        self.buttons.append(Button("start", _("Start campaign"), start, key="Enter", style="primary",
                                   enabled=bool(entry and entry.campaign)))
        self._place_cards()

    def _place_cards(self) -> None:
        """Cards scrolled partly out of the list are drawn whole (clipped) but clickable only where visible."""
        self.cards, self.card_rects = [], {}
        for i, entry in enumerate(self.entries):
            y = self.list_rect.y + i * (self.card_h + self.card_gap) - self.scroll.offset
            rect = pygame.Rect(self.list_rect.x, y, self.list_rect.w - self.theme.px(14), self.card_h)
            if rect.bottom > self.list_rect.y and rect.y < self.list_rect.bottom:
                self.card_rects[i] = rect
                self.cards.append(Button(f"campaign:{i}", entry.id, rect.clip(self.list_rect)))
        self.buttons = [b for b in self.buttons if not b.id.startswith("campaign:")] + self.cards

    # --- events --------------------------------------------------------------------------------------------
    def on_button(self, bid: str) -> None:
        if bid.startswith("campaign:"):
            self.select(int(bid.split(":")[1]))
        elif bid == "start":
            self.start()
        elif bid == "continue":
            flow.continue_latest(self.app)
        elif bid in ("load", "settings", "help"):
            self.app.show(bid)
        elif bid == "quit":
            flow.request_quit(self.app)

    def select(self, i: int) -> None:
        if not self.entries:
            return
        self.selected = max(0, min(i, len(self.entries) - 1))
        top = self.selected * (self.card_h + self.card_gap)
        if top < self.scroll.offset:
            self.scroll.to(top)
        elif top + self.card_h > self.scroll.offset + self.scroll.view:
            self.scroll.to(top + self.card_h - self.scroll.view)
        self.layout(self.app.screen.get_size())

    def start(self) -> None:
        if not self.entries:
            return
        entry = self.entries[self.selected]
        if entry.campaign is None:
            self.app.message(_("'{file}' has problems").format(file=entry.file_name),
                             flow.campaign_problem(_error(entry)),
                             kicker=_("Campaign problem"), accent="bad")
            return
        flow.start_campaign(self.app, entry.campaign, self.app.seed)

    def on_key(self, event) -> bool:
        k = event.key
        if k in bindings.ENTER:
            self.start()
        elif k in (pygame.K_DOWN, pygame.K_TAB) and not event.mod & pygame.KMOD_SHIFT:
            self.select(self.selected + 1)
        elif k in (pygame.K_UP, pygame.K_TAB):
            self.select(self.selected - 1)
        elif k == pygame.K_HOME:
            self.select(0)
        elif k == pygame.K_END:
            self.select(len(self.entries) - 1)
        elif k == pygame.K_c:
            flow.continue_latest(self.app)
        elif k == pygame.K_l:
            self.on_button("load")
        elif k in bindings.SETTINGS_KEYS:
            self.on_button("settings")
        elif k in bindings.HELP_KEYS:
            self.on_button("help")
        elif k == pygame.K_q:
            flow.request_quit(self.app)
        elif k == pygame.K_F5:
            self._refresh()
            self.layout(self.app.screen.get_size())
        else:
            return False
        return True

    def on_wheel(self, dy: int) -> bool:
        if self.scroll.by(-dy * (self.card_h + self.card_gap)):
            self._place_cards()
            return True
        return False

    def on_back(self) -> None:
        # Continue is named only when there is a save it would open
        text = (_("The autosave keeps the latest turn of your last game: choose Continue next time to pick it up.")
                if persist.latest() is not None else _("There is no saved game yet."))
        self.app.confirm(_("Quit Fair Share?"), text, lambda: flow.request_quit(self.app), yes=_("Quit"), no=_("Stay"))

    # --- drawing -------------------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        surface.fill(pal["bg"])
        self._draw_backdrop(surface)
        ink.text(surface, "FAIR SHARE", self.head.topleft, "hero", pal["text"], True)
        y = self.head.y + ink.lh("hero", True) - th.tx(4)
        ink.text(surface, _("Who pays for the defence of America's allies, and who then calls the tune?"),
                 (self.head.x + th.px(6), y), "h3", pal["dim"])
        ink.text(surface, _("CHOOSE A CAMPAIGN"), (self.list_rect.x, self.list_rect.y - ink.lh("small",
                                                                                               True) - th.tx(8)),
                 "small", pal["accent"], True)
        clip = surface.get_clip()
        surface.set_clip(self.list_rect)
        for card in self.cards:
            self._draw_card(surface, card)
        surface.set_clip(clip)
        draw_scrollbar(ink, surface, self.list_rect, self.scroll)
        bottom = self.list_rect.y + len(self.entries) * (self.card_h + self.card_gap) - self.scroll.offset
        if self.list_rect.bottom - bottom > ink.lh("small") * 4:
            ink.para(surface, _("Write your own campaign: a YAML file in your campaigns folder (Help, F1, says where) "
                     "appears here after F5. Check it first with: fairshare validate FILE"),
                     pygame.Rect(self.list_rect.x + th.tx(4), bottom + th.tx(10), self.list_rect.w - th.tx(20),
                                 self.list_rect.bottom - bottom), "small", pal["faint"])
        self._draw_detail(surface)
        self.draw_buttons(surface, [b for b in self.buttons if not b.id.startswith("campaign:")])
        cont = self.button("continue")
        if cont is not None:
            ink.text(surface, self.continue_hint, (cont.rect.x + th.tx(4), cont.rect.bottom + th.tx(6)), "tiny",
                     pal["dim"], max_w=self.bottom.w // 2)

    def _draw_backdrop(self, surface) -> None:
        mv = self.app.map_view()
        left = self.detail.x - self.theme.px(40)
        area = pygame.Rect(left, 0, surface.get_width() - left, surface.get_height())
        panes = fit_panes(area, mv.theatres, ("europe",), 0)
        if panes:   # flush with the right edge of the window, where the map's own edge then disappears
            pane = type(panes[0])(panes[0].theatre, panes[0].rect.move(area.right - panes[0].rect.right, 0))
            img = mv.surface(self.ink, pane, Paint(palette=self.theme.palette_name, backdrop=True))
            surface.blit(_faded(img, self.pal["bg"]), pane.rect)

    def _draw_card(self, surface, card: Button) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        i = int(card.id.split(":")[1])
        entry, rect = self.entries[i], self.card_rects[i]
        chosen = i == self.selected
        ink.panel(surface, rect, pal["card_hi"] if chosen else pal["card"] if self.hover == card.id
                  else pal["panel"], pal["select"] if chosen else pal["border"],
                  width=th.px(3) if chosen else th.line_w)
        pad = th.tx(18)
        x, y = rect.x + pad, rect.y + th.tx(10)
        tag = _("SHIPPED") if entry.shipped else _("YOUR CAMPAIGN")
        tag_w = ink.width(tag, "tiny", True)
        ink.text(surface, tag, (rect.right - pad, y + th.tx(4)), "tiny", pal["faint"] if entry.shipped
                 else pal["accent"], True, "topright")
        card = entry.card    # from the card cache: drawing the list parses no campaign
        if card is not None:
            room = rect.w - 3 * pad - tag_w
            forms = name_forms(card.name)
            name = next((f for f in forms if ink.width(f, "h3", True) <= room), forms[-1])
            ink.text(surface, name, (x, y), "h3", pal["text"], True, max_w=room)
            metas = card_meta_forms(card)
            meta = next((m for m in metas if ink.width(m, "small") <= rect.w - 2 * pad), metas[-1])
            ink.text(surface, meta, (x, y + ink.lh("h3", True)), "small", pal["dim"], max_w=rect.w - 2 * pad)
        else:
            ink.text(surface, f"⚠ {entry.file_name}", (x, y), "h3", pal["bad"], True,
                     max_w=rect.w - 3 * pad - tag_w)
            first = entry.problems[0] if entry.problems else None
            msg = _("line {line}: {message}").format(line=first.line, message=first.message) if first else \
                _("cannot be read")
            ink.text(surface, msg, (x, y + ink.lh("h3", True)), "small", pal["bad"], max_w=rect.w - 2 * pad)

    def _draw_detail(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        ink.panel(surface, self.detail, pal["panel"], radius=th.px(14))
        if not self.entries:
            ink.text(surface, _("No campaigns found."), (self.detail.x + th.tx(28), self.detail.y + th.tx(28)), "h3")
            return
        entry = self.entries[self.selected]
        pad = th.tx(28)
        inner = self.detail.inflate(-2 * pad, -2 * pad)
        start = self.button("start")
        bottom = (start.rect.y if start else self.detail.bottom) - th.tx(16)
        y = inner.y
        if entry.campaign is None:
            ink.text(surface, _("This campaign has problems"), (inner.x, y), "h2", pal["bad"], True)
            y += ink.lh("h2", True) + th.tx(10)
            text = "\n".join(str(p) for p in entry.problems[:6]) or _("The file could not be read.")
            y = ink.para(surface, text, pygame.Rect(inner.x, y, inner.w, bottom - y), "small", pal["text"])
            ink.para(surface, _("Fix the file, then press F5 to reload the list."),
                     pygame.Rect(inner.x, y + th.tx(14), inner.w, bottom - y), "body", pal["dim"])
            return
        c = entry.campaign
        for line in ink.wrap(c.name, inner.w, "h2", True)[:2]:
            ink.text(surface, line, (inner.x, y), "h2", pal["text"], True)
            y += ink.lh("h2", True)
        meta = campaign_meta(c)
        budget = _("${amount} bn").format(amount=general(c.us.budget))
        metas = [meta + _(" · budget {budget} a year").format(budget=budget), meta + f" · {budget}", meta]
        meta = next((m for m in metas if ink.width(m, "small", True) <= inner.w), metas[-1])
        ink.text(surface, meta, (inner.x, y + th.tx(4)), "small", pal["accent"], True, max_w=inner.w)
        y += ink.lh("small", True) + th.tx(18)
        y = ink.para(surface, " ".join(c.description.split()), pygame.Rect(inner.x, y, inner.w, bottom - y),
                     "body", pal["text"], spacing=1.12)
        if c.goals and bottom - y > ink.lh("body") * 3:
            y += th.tx(14)
            ink.text(surface, _("GOALS"), (inner.x, y), "small", pal["accent"], True)
            y += ink.lh("small", True) + th.tx(4)
            for goal in c.goals:
                if bottom - y < ink.lh("small") * 2:
                    break
                ink.text(surface, "•", (inner.x, y), "small", pal["accent"], True)
                y = ink.para(surface, goal, pygame.Rect(inner.x + th.tx(22), y, inner.w - th.tx(22), bottom - y),
                             "small", pal["dim"]) + th.tx(4)
        self._draw_thumbnail(surface, c, pygame.Rect(inner.x, y + th.tx(16), inner.w,
                                                     self.detail.bottom - th.tx(28) - y - th.tx(16)))

    def _draw_thumbnail(self, surface, campaign, area: pygame.Rect) -> None:
        """The campaign's theatre, allies shaded by their defence spending at the start."""
        ink, th, pal = self.ink, self.theme, self.pal
        start = self.button("start")
        cap_h = ink.lh("small", True) + th.tx(6)
        if area.h < th.tx(170) + cap_h:
            return
        mv = self.app.map_view(campaign.map)
        ids = tuple(t for t in campaign.theatres if t in mv.theatres)
        width = (start.rect.x - th.tx(24) - area.x) if start else area.w
        panes = fit_panes(pygame.Rect(area.x, area.y + cap_h, width, area.h - cap_h), mv.theatres, ids, th.px(10))
        if not panes:
            return
        x0 = panes[0].rect.x - area.x
        panes = [type(p)(p.theatre, p.rect.move(-x0, 0)) for p in panes]
        heads = (_("DEFENCE SPENDING AT THE START, % OF GDP"), _("SPENDING AT THE START, % GDP"),
                 _("% OF GDP AT THE START"))
        head = next((t for t in heads if ink.width(t, "small", True) <= width), heads[-1])
        ink.text(surface, head, (area.x, area.y), "small", pal["accent"], True, max_w=width)
        for pane in panes:
            paint = campaign_paint(campaign, mv.theatres[pane.theatre], self.theme.palette_name)
            surface.blit(mv.surface(self.dense, pane, paint), pane.rect)
            surface.blit(mv.surface(self.dense, pane, paint, "labels"), pane.rect)
        x = panes[-1].rect.right + th.tx(24)
        bottom = start.rect.y - th.tx(16) if start else area.bottom
        if area.right - x > th.tx(160):
            yardstick = Yardstick.of_campaign(campaign)
            if yardstick.own:       # an era's own yardstick, not NATO's guideline
                scale = _("Orange: under the campaign's {guideline} % yardstick. Blue: above it. Hatched: the "
                          "adversary. ")
            else:
                scale = _("Orange: under NATO's {guideline} % guideline. Blue: above it. Hatched: the adversary. ")
            ink.para(surface, scale.format(guideline=general(yardstick.guideline))
                     + ngettext("{n} ally", "{n} allies", len(campaign.allies)).format(n=len(campaign.allies)) + ", "
                     + ngettext("{n} scripted or possible event.", "{n} scripted or possible events.",
                                len(campaign.events)).format(n=len(campaign.events)),
                     pygame.Rect(x, panes[0].rect.y, area.right - x, bottom - panes[0].rect.y), "small", pal["dim"])


_FADE: dict = {}


def _faded(img: pygame.Surface, bg) -> pygame.Surface:
    """A dim copy of the map for the backdrop (cached by the source surface)."""
    key = (id(img), img.get_size(), bg)
    out = _FADE.get(key)
    if out is None:
        out = img.copy()
        veil = pygame.Surface(img.get_size())
        veil.fill(bg)
        veil.set_alpha(175)
        out.blit(veil, (0, 0))
        _FADE.clear()
        _FADE[key] = out
    return out


_LISTED: dict = {}


def _campaigns():
    """The catalog's campaigns, re-read only when a campaign file was added, removed or changed."""
    sig = []
    for folder in (campaigns_dir(), user_campaigns_dir()):
        if folder.is_dir():
            sig += [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.yaml"))]
    key = tuple(sig)
    if key not in _LISTED:
        _LISTED.clear()
        _LISTED[key] = list_campaigns()
    return list(_LISTED[key])


def _error(entry):
    return CampaignError(list(entry.problems))
