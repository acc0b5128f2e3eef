"""The play screen: the map, every ally's meters and pending order, the global meters, and the orders.

Orders go to the model only as `session.execute(SetOrder(...))` and the U.S.-level action as
`session.execute(SetUSAction(...))`; the turn ends through flow.end_turn (which uses `session.execute(EndTurn())`).
Everything drawn is read from the session through game.ui.play.view.
"""
from __future__ import annotations

import pygame

from game.campaign.model import ORDERS
from game.settings import OVERLAYS
from game.sim.explain import advice, ally_changes
from game.sim.session import SetOrder, SetUSAction
from game.ui import bindings, flow
from game.ui.layout import play_layout, row_buttons
from game.ui.map.view import fit_panes
from game.ui.play.draw import draw_map_tooltip, draw_play
from game.ui.play.legend import legend_size
from game.ui.play.panels import list_row_height, meter_row_height, pairs_height
from game.ui.play.usaction import congress_advised, congress_line, withdraw_refusal
from game.ui.play.view import adversary_views, ally_views, global_view, news, order_costs, paint
from game.ui.scene import Scene
from game.ui.widgets import Button

ORDER_ROW = ("pressure", "reassure", "withdraw", "criticize", "hold")


class PlayScene(Scene):
    name = "play"

    def __init__(self, app):
        super().__init__(app)
        self.selected = 0
        overlay = app.settings.overlay
        self.overlay_i = OVERLAYS.index(overlay) if overlay in OVERLAYS else 0
        self.view_i = 0
        self.hover_map: tuple[str, str] | None = None
        self.mouse = (0, 0)
        self._cache_key = None
        self._cache: dict = {}
        self.panes = []

    # --- what to show (cached by the inputs it is read from) ----------------------------------------------
    @property
    def overlay(self) -> str:
        return OVERLAYS[self.overlay_i]

    def views(self) -> list[tuple[str, ...]]:
        have = tuple(t for t in self.session.campaign.theatres if t in self.app.mapview.theatres)
        return ([have] if len(have) > 1 else []) + [(t,) for t in have]

    def view(self) -> dict:
        s = self.session
        key = (s, len(s.history), s.pending.tobytes(), self.selected)
        if key != self._cache_key:
            allies = ally_views(s)
            last = ally_changes(s.reports[-1], s.history[-2], s.history[-1], self.selected) if s.reports else None
            self._cache = {"allies": allies, "global": global_view(s), "news": news(s), "last": last,
                           "foes": adversary_views(s),
                           "advice": advice(s.state, self.selected) if not s.over else None,
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
        self.L = L = play_layout(ink, dense, size, legend_size(dense))
        n = len(self.session.campaign.allies)
        head = ink.lh("small", True) + th.tx(16)
        pad = th.tx(12)
        gap = th.px(6)
        avail = L.left.h - head - 2 * pad
        rh = list_row_height(ink)
        self.compact = (rh + gap) * n > avail
        self.row_h = max(ink.lh("body", True) + th.tx(8), min(rh, avail // max(n, 1) - gap))
        self.buttons = []
        y = L.left.y + pad + head
        for i in range(n):
            rect = pygame.Rect(L.left.x + pad, y, L.left.w - 2 * pad, self.row_h)
            self.buttons.append(Button(f"ally:{i}", self.session.campaign.allies[i].name, rect))
            y += self.row_h + gap
        self.news_rect = pygame.Rect(L.left.x + pad, y + th.tx(8), L.left.w - 2 * pad,
                                     L.left.bottom - pad - y - th.tx(8))
        if self.news_rect.h > ink.lh("small", True) * 3:
            self.buttons.append(Button("news", "News", self.news_rect, key="E"))
        # overlay tabs and the theatre switch
        tab_items = [(str(i + 1), o.capitalize()) for i, o in enumerate(OVERLAYS)]
        views = self.views()
        theatre_w = dense.theme.tx(250) if len(views) > 1 else 0
        tab_area = pygame.Rect(L.tabs.x, L.tabs.y, L.tabs.w - theatre_w - (th.px(10) if theatre_w else 0), L.tabs.h)
        for i, r in enumerate(row_buttons(dense, tab_area, tab_items, th.px(6), "small")):
            self.buttons.append(Button(f"overlay:{i}", OVERLAYS[i].capitalize(), r, key=str(i + 1), style="tab",
                                       role="small"))
        if theatre_w:
            switch = pygame.Rect(L.tabs.right - theatre_w, L.tabs.y, theatre_w, L.tabs.h)
            self.buttons.append(Button("theatre", "Theatre", switch, key="T", style="tab", role="small"))
        # orders, bottom of the right panel: with blurbs, or one line each when the panel is short
        oh = ink.lh("body", True) + ink.lh("tiny") + th.tx(14)
        og = th.px(8)
        detail_h = ink.lh("h2", True) + ink.lh("small") + th.tx(16) + 5 * meter_row_height(ink) \
            + pairs_height(ink, L.right.w - 2 * th.tx(18))
        rows = len(ORDER_ROW) + 1       # the orders, then the U.S.-level action set apart under them
        sep = th.tx(14)
        orders_h = ink.lh("small", True) + th.tx(12) + rows * oh + (rows - 2) * og + sep
        self.compact_orders = detail_h + orders_h + 2 * pad > L.right.h
        if self.compact_orders:
            oh = ink.lh("body", True) + th.tx(12)
            orders_h = ink.lh("small", True) + th.tx(12) + rows * oh + (rows - 2) * og + sep
        self.compact_meters = detail_h + orders_h + 2 * pad > L.right.h
        y = L.right.bottom - pad - rows * oh - (rows - 2) * og - sep
        self.orders_top = y - ink.lh("small", True) - th.tx(12)
        for order in ORDER_ROW:
            self.buttons.append(Button(f"order:{order}", order.capitalize(),
                                       pygame.Rect(L.right.x + pad, y, L.right.w - 2 * pad, oh), key=order[0].upper(),
                                       style="order", order=order))
            y += oh + og
        congress = pygame.Rect(L.right.x + pad, y - og + sep, L.right.w - 2 * pad, oh)
        self.buttons.append(Button("congress", "Invoke Congress", congress, key="G"))
        # the bottom bar
        bar = L.bottom.inflate(-th.px(28), -th.tx(14))
        items = [("L", "Report"), ("S", "Save"), ("F1", "Help"), ("O", "Settings"), ("Esc", "Title")]
        end_w = ink.width("End turn", "body", True) + ink.width("Enter", "small", True) + th.tx(90)
        left_area = pygame.Rect(bar.x, bar.y, bar.w - end_w - th.px(20), bar.h)
        ids = ["report", "save", "help", "settings", "title"]
        for bid, (k, label), r in zip(ids, items, row_buttons(ink, left_area, items, th.px(10))):
            self.buttons.append(Button(bid, label, r, key=k))
        self.hint_x = self.buttons[-1].rect.right + th.px(24)
        end = pygame.Rect(bar.right - end_w, bar.y, end_w, bar.h)
        self.buttons.append(Button("end", "End turn", end, key="Enter", style="primary"))
        self._place_panes()
        self._sync_buttons()

    def _place_panes(self) -> None:
        L, th = self.L, self.theme
        views = self.views()
        ids = views[self.view_i % len(views)] if views else ()
        theatres = self.app.mapview.theatres
        self.panes = fit_panes(L.panes, theatres, ids, th.px(12))
        self.legend = L.legend

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
        self.button("end").label = "End turn" if s.state.turn + 1 < s.campaign.turns else "Final turn"

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
            self.app.toast(f"{skipped[0]} to withdraw" if not everyone else
                           f"Withdraw skipped {len(skipped)} all{'ies' if len(skipped) > 1 else 'y'} with no U.S. "
                           "forces left")
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
        given = [f"{a.name}: {a.order}" for a in self.view()["allies"] if a.order != "hold"]
        orders = "; ".join(given) if given else "every ally holds"
        left = g.budget - g.projected
        money = f"${g.projected:,.1f} bn of ${g.budget:,.1f} bn " + \
                (f"(${-left:,.1f} bn over budget)" if left < 0 else f"(${left:,.1f} bn left)")
        self.app.confirm(f"End {g.label}?", f"Orders: {orders}.\n\n{congress_line(s)}\n\n"
                         f"Projected U.S. cost (a year): {money}.",
                         lambda: flow.end_turn(self.app), yes="End turn", no="Keep planning", kicker="Orders")

    def show_news(self) -> None:
        items = self.view()["news"]
        label = self.view()["global"].label
        if not items:
            self.app.toast("No news this turn")
        for n, (title, text, _) in reversed(list(enumerate(items))):
            self.app.show("event", (title, text, "event"), n + 1, len(items), label)

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
            self.app.toast("This campaign has a single theatre")

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
        elif k == bindings.CONGRESS_KEY:
            self.toggle_congress()
        elif k == pygame.K_t:
            self.switch_theatre()
        elif k == pygame.K_l:
            self.open_report()
        elif k == pygame.K_e:
            self.show_news()
        elif k == pygame.K_s:
            self.on_button("save")
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
