"""The play screen: the map, every ally's meters and pending order, the global meters, and the orders.

Orders go to the model only as `session.execute(SetOrder(...))` and the U.S.-level action as
`session.execute(SetUSAction(...))`; the turn ends through flow.end_turn (which uses `session.execute(EndTurn())`).
Everything drawn is read from the session through game.ui.play.view.
"""
from __future__ import annotations

import pygame

from game.campaign.model import ORDERS
from game.i18n import _, ngettext
from game.settings import OVERLAYS
from game.sim.explain import ally_changes, order_name
from game.sim.session import SetOrder, SetUSAction
from game.ui import bindings, flow
from game.ui.bindings import label
from game.ui.layout import MAP_SHARE, keys_fit, play_layout, row_buttons
from game.ui.play import quick
from game.ui.play.allylist import ListPlan, plan_list, row_width, window_start
from game.ui.play.draw import adviser_fits, draw_map_tooltip, draw_play, order_min_width
from game.ui.play.legend import legend_size
from game.ui.play.mapkey import MapArea, arrange
from game.ui.play.panels import detail_height, detail_min_width
from game.ui.play.usaction import congress_advised, congress_line, withdraw_refusal
from game.ui.play.view import adversary_views, ally_views, global_view, news, order_costs, paint
from game.ui.scene import Scene
from game.ui.theme import Yardstick
from game.ui.widgets import Button
from game.ui.wording import FIGURES, adviser_pick

ORDER_ROW = ("pressure", "reassure", "withdraw", "criticize", "hold")


class PlayScene(Scene):
    name = "play"

    def __init__(self, app):
        super().__init__(app)
        self.selected = 0
        overlay = app.settings.overlay
        self.overlay_i = OVERLAYS.index(overlay) if overlay in OVERLAYS else 0
        self.view_i = 0
        self.list_first = 0         # the first ally row shown, when the list is a window onto the allies
        self.hover_map: tuple[str, str] | None = None
        self.mouse = (0, 0)
        self._cache_key = None
        self._cache: dict = {}
        self.panes = []

    # --- what to show (cached by the inputs it is read from) ----------------------------------------------
    @property
    def overlay(self) -> str:
        return OVERLAYS[self.overlay_i]

    @property
    def yardstick(self) -> Yardstick:
        """The spending yardstick of the game on screen (a hot reload may change it)."""
        return Yardstick.of_session(self.session)

    def views(self) -> list[tuple[str, ...]]:
        have = tuple(t for t in self.session.campaign.theatres if t in self.app.mapview.theatres)
        return ([have] if len(have) > 1 else []) + [(t,) for t in have]

    def view(self) -> dict:
        s = self.session
        key = (s, len(s.history), s.pending.tobytes(), self.selected, self.app.facilitator)
        if key != self._cache_key:
            allies = ally_views(s)
            last = ally_changes(s.reports[-1], s.history[-2], s.history[-1], self.selected) if s.reports else None
            self._cache = {"allies": allies, "global": global_view(s, self.app.facilitator), "news": news(s),
                           "last": last,
                           "foes": adversary_views(s),
                           "advice": adviser_pick(s.state, self.selected) if not s.over else None,
                           "costs": order_costs(s, self.selected) if not s.over else {}, "paints": {},
                           "congress": not s.over and congress_advised(s.state),
                           "refusal": None if s.over else withdraw_refusal(s, self.selected)}
            self._cache_key = key
        return self._cache

    def paint_for(self, tid: str):
        v = self.view()
        key = (tid, self.overlay, self.theme.palette_name)
        if key not in v["paints"]:
            v["paints"][key] = paint(self.session, v["allies"], self.overlay, self.app.mapview.theatres[tid],
                                     self.theme.palette_name)
        return v["paints"][key]

    # --- layout --------------------------------------------------------------------------------------------
    def layout(self, size) -> None:
        ink, th, dense = self.ink, self.theme, self.dense
        names = [a.name for a in self.session.campaign.allies]
        right_min = max(order_min_width(ink) + 2 * th.tx(12), detail_min_width(ink, names) + 2 * th.tx(18))
        self.L = L = play_layout(ink, dense, size, legend_size(dense), right_min=right_min)
        pad = th.tx(12)
        self.list_plan = self._plan_list(L)
        need = row_width(ink, self.list_plan.style, names) + 2 * pad
        self.list_marker = True
        if need > L.left.w:     # names and badges are never cut: the map gives up the width
            self.L = L = play_layout(ink, dense, size, legend_size(dense), left_min=need, right_min=right_min)
            # but where that leaves the map short, the list first drops its ▶ marker (decoration goes first)
            self.list_marker = L.panes.w - legend_size(dense)[0] - th.px(12) >= size[0] * MAP_SHARE
            if not self.list_marker:
                need = row_width(ink, self.list_plan.style, names, marker=False) + 2 * pad
                self.L = L = play_layout(ink, dense, size, legend_size(dense), left_min=need, right_min=right_min)
        # the map as large as the values around it allow: where it is narrower than its height would let it be,
        # the side panels give it width, down to what their values need
        wanted = self._arrange(self._shown_ids()).wanted
        if wanted:
            self.L = L = play_layout(ink, dense, size, legend_size(dense), left_min=need, right_min=right_min,
                                     give=wanted)
        self.buttons = []
        self._place_allies()
        # overlay tabs and the theatre switch (whose word "Theatre" goes before the tabs shorten)
        tab_items = [(key, FIGURES[o].short) for key, o in zip(bindings.OVERLAY_DIGITS, OVERLAYS)]
        views = self.views()
        theatre_w, theatre_label, theatre_key = 0, _("Theatre"), label(bindings.THEATRE_KEY)
        if len(views) > 1:
            names_w = dense.width(_("Indo-Pacific"), "small", True) + dense.width(theatre_key, "small",
                                                                                  True) + th.tx(70)
            theatre_w = min(dense.theme.tx(250), names_w + dense.width(theatre_label, "small", True))
            if theatre_w > L.tabs.w * 0.3:
                theatre_w, theatre_label = names_w, ""
        tab_area = pygame.Rect(L.tabs.x, L.tabs.y, L.tabs.w - theatre_w - (th.px(10) if theatre_w else 0), L.tabs.h)
        # the words matter more than the 1-5 caps, and short words more than cut ones (the legend names the overlay)
        for items in (tab_items, [("", word) for _key, word in tab_items],
                      [("", FIGURES[o].tab) for o in OVERLAYS], [(k, "") for k, _word in tab_items]):
            if keys_fit(dense, tab_area.w, items, th.px(6), "small"):
                break
        tab_items = items
        for i, r in enumerate(row_buttons(dense, tab_area, tab_items, th.px(6), "small")):
            self.buttons.append(Button(f"overlay:{i}", tab_items[i][1], r, key=tab_items[i][0],
                                       style="tab", role="small"))
        if theatre_w:
            switch = pygame.Rect(L.tabs.right - theatre_w, L.tabs.y, theatre_w, L.tabs.h)
            self.buttons.append(Button("theatre", theatre_label, switch, key=theatre_key, style="tab", role="small"))
        # orders, bottom of the right panel: with blurbs, or one line each when the panel is short (descriptions
        # go first, then the meters' bars and sparklines; the values stay)
        rows = len(ORDER_ROW) + 1       # the orders, then the U.S.-level action set apart under them
        og, sep, rpad = th.px(8), th.tx(14), th.tx(18)
        detail_w = L.right.w - 2 * rpad
        levels = ((False, False, True), (False, True, True), (True, True, True), (True, True, False))
        for self.compact_orders, self.compact_meters, self.status_line in levels:
            oh = ink.lh("body", True) + th.tx(12) + (0 if self.compact_orders else ink.lh("tiny") + th.tx(2))
            # one-line buttons have no room for the adviser's reason, and narrow ones none for its mark: it gets a
            # line of its own above them
            narrow = not adviser_fits(ink, L.right.w - 2 * pad)
            self.advice_h = ink.lh("small") + th.tx(4) if self.compact_orders or narrow else 0
            orders_h = ink.lh("small", True) + th.tx(12) + self.advice_h + rows * oh + (rows - 2) * og + sep
            detail_h = detail_height(ink, detail_w, self.compact_meters, self.status_line) + th.tx(14)
            if detail_h + orders_h + 2 * rpad <= L.right.h:
                break
        y = L.right.bottom - pad - rows * oh - (rows - 2) * og - sep
        self.orders_top = y - ink.lh("small", True) - th.tx(12) - self.advice_h
        for order in ORDER_ROW:
            self.buttons.append(Button(f"order:{order}", order_name(order).capitalize(),
                                       pygame.Rect(L.right.x + pad, y, L.right.w - 2 * pad, oh),
                                       key=label(bindings.KEY_OF_ORDER[order]),
                                       style="order", order=order))
            y += oh + og
        congress = pygame.Rect(L.right.x + pad, y - og + sep, L.right.w - 2 * pad, oh)
        self.buttons.append(Button("congress", _("Invoke Congress"), congress, key=label(bindings.CONGRESS_KEY)))
        # the bottom bar
        bar = L.bottom.inflate(-th.px(28), -th.tx(14))
        keys = (bindings.REPORT_KEY, bindings.SAVE_KEY, bindings.HELP_KEYS[0], bindings.SETTINGS_KEYS[1],
                bindings.BACK_KEY)
        items = [(label(k), word) for k, word in zip(keys, (_("Report"), _("Save"), _("Help"), _("Settings"),
                                                            _("Title")))]
        enter = label(bindings.ENTER[0])
        end_w = ink.width(_("End turn"), "body", True) + ink.width(enter, "small", True) + th.tx(90)
        left_area = pygame.Rect(bar.x, bar.y, bar.w - end_w - th.px(20), bar.h)
        ids = ["report", "save", "help", "settings", "title"]
        for bid, (k, word), r in zip(ids, items, row_buttons(ink, left_area, items, th.px(10))):
            self.buttons.append(Button(bid, word, r, key=k))
        self.hint_x = self.buttons[-1].rect.right + th.px(24)
        end = pygame.Rect(bar.right - end_w, bar.y, end_w, bar.h)
        self.buttons.append(Button("end", _("End turn"), end, key=enter, style="primary"))
        self._place_panes()
        self._fit_view()
        self._sync_buttons()

    def _plan_list(self, L) -> ListPlan:
        """The list's row style and window; its heading goes first if that lets every row show."""
        ink, th = self.ink, self.theme
        n = len(self.session.campaign.allies)
        # the news keeps its heading and two titles when the list has to be windowed anyway
        news_room = 2 * th.tx(12) + th.tx(16) + 3 * ink.lh("small", True) + th.tx(8)
        self.list_head = ink.lh("small", True) + th.tx(16)
        plan = plan_list(ink, n, L.left.h - self.list_head - 2 * th.tx(12), news_room)
        if plan.shown < n:
            bare = plan_list(ink, n, L.left.h - 2 * th.tx(12), news_room)
            if bare.shown == n:
                self.list_head = 0
                return bare
        return plan

    def _place_allies(self) -> None:
        """The rows of the ally list (a window of them when they cannot all be shown), the "more" lines and the
        news panel under them. Called on layout and whenever the selection moves."""
        ink, th, L, plan = self.ink, self.theme, self.L, self.list_plan
        self.buttons = [b for b in self.buttons if not b.id.startswith("ally:") and b.id != "news"]
        n = len(self.session.campaign.allies)
        pad, head = th.tx(12), self.list_head
        self.list_first = window_start(self.list_first, self.selected, plan.shown, n)
        windowed = plan.shown < n
        more_h = ink.lh("tiny", True) + plan.gap if windowed else 0
        x, w = L.left.x + pad, L.left.w - 2 * pad
        y = L.left.y + pad + head
        rows = []
        for i in range(self.list_first, self.list_first + plan.shown):
            rect = pygame.Rect(x, y, w, plan.style.height)
            rows.append(Button(f"ally:{i}", self.session.campaign.allies[i].name, rect))
            y += plan.style.height + plan.gap
        self.more_rect = pygame.Rect(x, y, w, more_h - plan.gap) if windowed else None
        y += more_h
        self.news_rect = pygame.Rect(x, y + th.tx(8), w, L.left.bottom - pad - y - th.tx(8))
        if self.news_rect.h > ink.lh("small", True) * 3:
            rows.append(Button("news", _("News"), self.news_rect, key=label(bindings.NEWS_KEY)))
        self.buttons[:0] = rows

    def _shown_ids(self) -> tuple[str, ...]:
        views = self.views()
        return views[self.view_i % len(views)] if views else ()

    def _place_panes(self) -> None:
        self.map_area = self._arrange(self._shown_ids())
        self.panes = self.map_area.panes

    def _arrange(self, ids: tuple[str, ...]) -> MapArea:
        st = self.session.state
        return arrange(self.dense, self.L.panes, self.app.mapview.theatres, ids, self.theme.px(12),
                       self.view()["foes"], int(st.aggressions[0]), int(st.crises[0]))

    def _fit_view(self) -> None:
        """On layout: where both theatres side by side would leave each map too small to read (large text on a
        small window), show the selected ally's theatre alone; T still switches to both."""
        views = self.views()
        if len(views) > 1 and self.view_i % len(views) == 0:
            panes = self._arrange(views[0]).panes
            if not panes or min(p.rect.w for p in panes) < self.theme.tx(250):
                self._show_theatre_of(self.selected, alone=True)

    def _show_theatre_of(self, i: int, alone: bool = False) -> None:
        """Switch the map to ally `i`'s theatre if it is not shown (or, `alone`, not shown by itself), so that the
        selected ally is always on the map."""
        theatre = self.session.campaign.allies[i].theatre
        views = self.views()
        shown = views[self.view_i % len(views)] if views else ()
        if views and (theatre not in shown or (alone and len(shown) > 1)) and (theatre,) in views:
            self.view_i = views.index((theatre,))
            self._place_panes()
            self.hover_map = None

    def _sync_buttons(self) -> None:
        """Active and enabled states follow the session (called after every change)."""
        s = self.session
        order = ORDERS[int(s.pending[self.selected])] if not s.over else None
        for b in self.buttons:
            if b.id.startswith("order:"):
                b.active = b.order == order
                b.enabled = not s.over and (b.order != "withdraw" or withdraw_refusal(s, self.selected) is None)
            elif b.id.startswith("overlay:"):
                b.active = int(b.id.split(":")[1]) == self.overlay_i
        self.button("congress").active = s.us_action == "congress" and not s.over
        self.button("congress").enabled = not s.over
        self.button("report").enabled = bool(s.reports)
        self.button("end").enabled = not s.over
        self.button("end").label = _("End turn") if s.state.turn + 1 < s.campaign.turns else _("Final turn")

    # --- lifecycle -----------------------------------------------------------------------------------------
    def on_resume(self) -> None:
        if self.session is not None and self.session.over:
            self.app.replace(self.app.make("end"))
            return
        self._sync_buttons()

    # --- acting --------------------------------------------------------------------------------------------
    def select(self, i: int) -> None:
        n = len(self.session.campaign.allies)
        self.selected = i % n
        self._place_allies()
        self._show_theatre_of(self.selected)
        self._sync_buttons()

    def give(self, order: str, everyone: bool = False) -> None:
        s = self.session
        if s.over:
            return
        chosen = range(len(s.campaign.allies)) if everyone else [self.selected]
        # Withdraw where no U.S. forces are left would be refused: say why instead of failing.
        refused = [withdraw_refusal(s, i) for i in chosen] if order == "withdraw" else [None] * len(chosen)
        for i, why in zip(chosen, refused):
            if why is None:
                s.execute(SetOrder(s.campaign.allies[i].id, order))
        skipped = [why for why in refused if why]
        if skipped:
            self.app.toast(_("{why} to withdraw").format(why=skipped[0]) if not everyone else
                           ngettext("Withdraw skipped {n} ally with no U.S. forces left",
                                    "Withdraw skipped {n} allies with no U.S. forces left", len(skipped)).format(
                                        n=len(skipped)))
        self._sync_buttons()

    def toggle_congress(self) -> None:
        s = self.session
        if not s.over:
            s.execute(SetUSAction("none" if s.us_action == "congress" else "congress"))
            self._sync_buttons()

    def ask_end_turn(self) -> None:
        s = self.session
        if s.over:
            return
        g = self.view()["global"]
        self.app.confirm(_("End {when}?").format(when=g.label), quick.confirmation(s, self.view()["allies"], g,
                                                                                   congress_line(s)),
                         lambda: flow.end_turn(self.app), yes=_("End turn"), no=_("Keep planning"), kicker=_("Orders"))

    def give_every(self, kind: str) -> None:
        """A: every ally the adviser's pick; D: last turn's orders again."""
        s = self.session
        orders = quick.adviser_orders(s) if kind == "adviser" else quick.last_orders(s)
        if s.over or orders is None:
            self.app.toast(_("No turn played yet: nothing to repeat"))
            return
        skipped = quick.give_all(s, orders)
        self.app.toast((_("The adviser's pick for every ally") if kind == "adviser" else _("Last turn's orders again"))
                       + (_(" ({n} with no U.S. forces left hold)").format(n=skipped) if skipped else ""))
        self._sync_buttons()

    def show_news(self) -> None:
        items = self.view()["news"]
        when = self.view()["global"].label
        if not items:
            self.app.toast(_("No news this turn"))
        for n, (title, text, _kind) in reversed(list(enumerate(items))):
            self.app.show("event", (title, text, "event"), n + 1, len(items), when)

    def open_report(self) -> None:
        if self.session.reports:
            self.app.show("report", len(self.session.reports) - 1)

    def on_button(self, bid: str) -> None:
        kind, _, arg = bid.partition(":")
        if kind == "ally":
            self.select(int(arg))
        elif kind == "order":
            self.give(arg)
        elif kind == "overlay":
            self.overlay_i = int(arg)
            self._sync_buttons()
        elif bid == "congress":
            self.toggle_congress()
        elif bid == "theatre":
            self.switch_theatre()
        elif bid == "news":
            self.show_news()
        elif bid == "report":
            self.open_report()
        elif bid in ("save", "help", "settings"):
            self.app.show(bid)
        elif bid == "title":
            flow.leave_to_title(self.app)
        elif bid == "end":
            self.ask_end_turn()

    def switch_theatre(self) -> None:
        views = self.views()
        if len(views) > 1:
            self.view_i = (self.view_i + 1) % len(views)
            self._place_panes()
            self.hover_map = None
        else:
            self.app.toast(_("This campaign has a single theatre"))

    def on_key(self, event) -> bool:
        k, shift = event.key, bool(event.mod & pygame.KMOD_SHIFT)
        if k in bindings.ORDER_BY_KEY:
            self.give(bindings.ORDER_BY_KEY[k], everyone=shift)
        elif k in bindings.OVERLAY_BY_KEY:
            self.on_button(f"overlay:{bindings.OVERLAY_BY_KEY[k]}")
        elif k == pygame.K_TAB:
            self.select(self.selected + (-1 if shift else 1))
        elif k in bindings.NEXT_KEYS:
            self.select(self.selected + 1)
        elif k in bindings.PREV_KEYS:
            self.select(self.selected - 1)
        elif k in bindings.ENTER:
            self.ask_end_turn()
        elif k in bindings.EVERY_ALLY:
            self.give_every(bindings.EVERY_ALLY[k])
        elif k in (keys := {bindings.CONGRESS_KEY: "congress", bindings.THEATRE_KEY: "theatre",
                            bindings.REPORT_KEY: "report", bindings.NEWS_KEY: "news", bindings.SAVE_KEY: "save"}):
            self.on_button(keys[k])     # as a click on the button the key is printed on
        elif k == bindings.INJECT_KEY and self.app.facilitator:
            self.app.show("inject")
        elif k == bindings.ROOM_KEY and self.app.facilitator:
            self.app.show("room")
        elif k in bindings.HELP_KEYS:
            self.on_button("help")
        elif k in bindings.SETTINGS_KEYS:
            self.on_button("settings")
        else:
            return False
        return True

    def on_back(self) -> None:
        flow.leave_to_title(self.app)

    def process_event(self, event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            changed = self._hover(event.pos)
            hit = self.app.mapview.country_at(self.panes, event.pos)
            moved = hit is not None and event.pos != self.mouse
            changed = changed or hit != self.hover_map
            self.hover_map, self.mouse = hit, event.pos
            if moved and not changed:   # only the tooltip follows the pointer: the app redraws just that
                self.app.overlay_dirty = True
            return changed
        return super().process_event(event)

    def on_click(self, pos) -> bool:
        hit = self.app.mapview.country_at(self.panes, pos)
        if hit:
            for i, a in enumerate(self.session.campaign.allies):
                if a.country == hit[1]:
                    self.select(i)
                    return True
        return False

    # --- drawing -------------------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        draw_play(self, surface)

    def draw_overlay(self, surface):
        return draw_map_tooltip(self, surface)
