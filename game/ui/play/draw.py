"""Drawing the play screen (kept apart from its event handling). Reads the scene and the session; changes
nothing but the caches keyed by what they show."""
from __future__ import annotations

import pygame

from game.campaign.model import ORDERS
from game.i18n import _, ngettext
from game.sim.explain import order_name
from game.ui.play.allylist import draw_more, draw_row
from game.ui.play.legend import draw_adversaries, draw_legend, draw_tooltip, tooltip_lines
from game.ui.play.mapkey import draw_key, foe_lines
from game.ui.play.panels import draw_ally_detail, draw_top, money
from game.ui.play.usaction import draw_congress
from game.ui.theme import ORDER_COLORS, lerp, readable_on
from game.ui.widgets import draw_button
from game.ui.wording import ORDER_BLURB, change_sentence, theatre_name


def draw_play(scene, surface: pygame.Surface) -> None:
    pal, L = scene.pal, scene.L
    v = scene.view()
    allies, g = v["allies"], v["global"]
    surface.fill(pal["bg"])
    draw_top(scene.ink, surface, L.top, scene.session.campaign.name, g)
    _draw_left(scene, surface, allies)
    _draw_map(scene, surface, allies)
    _draw_right(scene, surface, allies[scene.selected], v["costs"], g)
    _draw_bottom(scene, surface, g)

def _draw_left(scene, surface, allies) -> None:
    ink, th, pal, L = scene.ink, scene.theme, scene.pal, scene.L
    ink.panel(surface, L.left, pal["panel"], radius=th.px(12))
    pad = th.tx(12)
    if scene.list_head:
        ink.text(surface, _("ALLIES AND ORDERS"), (L.left.x + pad + th.tx(4), L.left.y + pad), "small", pal["accent"],
                 True, max_w=L.left.w - 2 * pad)
    for b in scene.buttons:
        if b.id.startswith("ally:"):
            i = int(b.id.split(":")[1])
            draw_row(ink, surface, b.rect, allies[i], scene.overlay, scene.yardstick, scene.list_plan.style,
                     i == scene.selected, scene.hover == b.id, scene.list_marker)
    if scene.more_rect is not None:
        draw_more(ink, surface, scene.more_rect, scene.list_first,
                  len(allies) - scene.list_first - scene.list_plan.shown)
    news = scene.button("news")
    if news is not None:
        r = news.rect
        bg = pal["card"] if scene.hover == "news" else pal["bg"]
        pygame.draw.rect(surface, bg, r, border_radius=th.px(8))
        pygame.draw.rect(surface, pal["border"], r, th.line_w, border_radius=th.px(8))
        x, y = r.x + pad, r.y + pad
        label = _("THIS TURN'S NEWS") if scene.session.reports else _("AS THE GAME OPENS")
        ink.text(surface, label, (x, y), "small", pal["accent"], True)
        ink.key_cap(surface, (r.right - pad, y + ink.lh("small", True) // 2), "E", "tiny", "midright")
        y += ink.lh("small", True) + th.tx(8)
        items = scene.view()["news"]
        if not items:
            ink.para(surface, _("A quiet turn: nothing out of the ordinary."), pygame.Rect(x, y, r.w - 2 * pad,
                     r.bottom - y), "small", pal["dim"])
        width = r.w - 2 * pad - th.tx(20)
        titles_h = sum(len(ink.wrap(t, width, "small", True)) * ink.lh("small", True) + th.tx(6) for t, _, _ in items)
        spare = r.bottom - pad - y - titles_h       # room left for the stories themselves
        for n, (title, text, grave) in enumerate(items):
            lines = ink.wrap(title, width, "small", True)
            if y + ink.lh("small", True) * len(lines) > r.bottom - pad:
                ink.text(surface, _("… more (E)"), (x, y), "small", pal["dim"])
                break
            ink.text(surface, "!" if grave else "•", (x, y), "small", pal["bad"] if grave else pal["accent"], True)
            for line in lines:
                ink.text(surface, line, (x + th.tx(20), y), "small", pal["text"], True)
                y += ink.lh("small", True)
            story = ink.wrap(" ".join(text.split()), width, "tiny")
            share = spare // max(1, len(items) - n)
            fit = min(len(story), max(0, share // ink.lh("tiny")))
            for i, line in enumerate(story[:fit]):
                last = i == fit - 1 and fit < len(story)
                ink.text(surface, line + (" …" if last else ""), (x + th.tx(20), y), "tiny", pal["dim"])
                y += ink.lh("tiny")
            spare -= fit * ink.lh("tiny")
            y += th.tx(6)

def _draw_map(scene, surface, allies) -> None:
    ink, pal, L = scene.dense, scene.pal, scene.L
    th = ink.theme
    mv = scene.app.mapview
    for b in scene.buttons:
        if b.id.startswith("overlay:") or b.id == "theatre":
            draw_button(ink, surface, b, hovered=scene.hover == b.id)
    theatre_b = scene.button("theatre")
    if theatre_b is not None:
        names = _("Both") if len(scene.panes) > 1 else theatre_name(scene.panes[0].theatre) if scene.panes else "—"
        r = theatre_b.rect
        label_w = ink.width(theatre_b.label, "small", True) + ink.width(theatre_b.key, "small", True) + th.tx(52)
        ink.text(surface, names, (r.right - th.tx(12), r.centery), "small", pal["text"], True, "midright",
                 max_w=r.w - label_w)
    if not scene.panes and L.panes.w > th.tx(120) and L.panes.h > th.tx(120):
        ink.panel(surface, L.panes, pal["panel"])
        ink.para(surface, _("There is no map for this campaign's theatre. Use the ally list on the left: everything "
                 "works without the map."), L.panes.inflate(-th.tx(60), -th.tx(60)), "body", pal["dim"])
    for pane in scene.panes:
        surface.blit(mv.surface(ink, pane, scene.paint_for(pane.theatre)), pane.rect)
    sel = allies[scene.selected]
    for pane in scene.panes:
        if scene.hover_map and scene.hover_map[0] == pane.theatre:
            mv.outline(surface, pane, scene.hover_map[1], pal["text"], max(2, th.px(2)))
        mv.outline(surface, pane, sel.iso, pal["label_halo"], max(4, th.px(7)))
        mv.outline(surface, pane, sel.iso, pal["select"], max(2, th.px(4)))
        surface.blit(mv.surface(ink, pane, scene.paint_for(pane.theatre), "labels"), pane.rect)
    area, st = scene.map_area, scene.session.state
    foes, attacks, crises = scene.view()["foes"], int(st.aggressions[0]), int(st.crises[0])
    # The box shows as many adversaries as fit: the selected ally's first (a campaign may have three, korea_1969).
    c = scene.session.campaign
    mine = next(a.name for a in c.adversaries if a.id == c.allies[scene.selected].adversary)
    foes = sorted(foes, key=lambda f: f.name != mine)
    if area.legend is not None:
        draw_legend(ink, surface, area.legend, scene.overlay, scene.yardstick)
    if area.key is not None:
        draw_key(ink, surface, area.key, scene.overlay, scene.yardstick,
                 [] if area.foes else foe_lines(foes, attacks, crises))
    if area.foes is not None:
        draw_adversaries(ink, surface, area.foes, foes, attacks, crises)

def _draw_right(scene, surface, a, costs, g) -> None:
    ink, th, pal, L = scene.ink, scene.theme, scene.pal, scene.L
    ink.panel(surface, L.right, pal["panel"], radius=th.px(12))
    pad = th.tx(18)
    inner = pygame.Rect(L.right.x + pad, L.right.y + pad, L.right.w - 2 * pad, scene.orders_top - L.right.y - pad)
    clip = surface.get_clip()
    surface.set_clip(inner.inflate(th.px(8), th.px(4)))
    y = draw_ally_detail(ink, surface, inner, a, scene.yardstick, scene.compact_meters, scene.status_line) + th.tx(14)
    last = scene.view()["last"]
    first = change_sentence(last["spending"], a.name) if last else ""
    room = scene.orders_top - th.tx(16) - y - ink.lh("small", True) - th.tx(8)
    if last and room >= ink.para_height(first, inner.w, "small"):
        pygame.draw.line(surface, pal["border"], (inner.x, y - th.tx(6)), (inner.right, y - th.tx(6)), th.line_w)
        ink.text(surface, _("LAST TURN"), (inner.x, y + th.tx(2)), "small", pal["accent"], True)
        y += ink.lh("small", True) + th.tx(8)
        for var in ("spending", "trust", "alignment", "hedging"):
            text = change_sentence(last[var], a.name)
            need = ink.para_height(text, inner.w, "small")
            if y + need > scene.orders_top - th.tx(16):
                break
            y = ink.para(surface, text, pygame.Rect(inner.x, y, inner.w, need + 2), "small", pal["dim"]) + th.tx(6)
    surface.set_clip(clip)
    y = scene.orders_top
    pygame.draw.line(surface, pal["border"], (inner.x, y - th.tx(6)), (inner.right, y - th.tx(6)), th.line_w)
    titles = (_("ORDER FOR {ally}, {when}").format(ally=a.name.upper(), when=g.label),
              _("ORDER FOR {ally}").format(ally=a.name.upper()), _("ORDER")) if not g.over \
        else (_("THE CAMPAIGN IS OVER"),)
    title = next((t for t in titles if ink.width(t, "small", True) <= inner.w), titles[-1])
    ink.text(surface, title, (inner.x, y + th.tx(2)), "small", pal["accent"], True, max_w=inner.w)
    tip = scene.view()["advice"]
    if scene.advice_h and tip is not None:      # one-line buttons: the adviser's pick on a line of its own
        pick = order_name(tip[0]).capitalize()
        lines = [_("Adviser: {pick}, {why}").format(pick=pick, why=why) for why in tip[1]] + \
            [_("Adviser: {pick}").format(pick=pick)]
        line = next((t for t in lines if ink.width(t, "small") <= inner.w), lines[-1])
        ink.text(surface, line, (inner.x, y + th.tx(2) + ink.lh("small", True)), "small", pal["text"],
                 max_w=inner.w)
    for b in scene.buttons:
        if b.id.startswith("order:"):
            _order_button(scene, surface, b, costs.get(b.order, 0.0))
    congress = scene.button("congress")
    pygame.draw.line(surface, pal["border"], (inner.x, congress.rect.y - th.tx(8)),
                     (inner.right, congress.rect.y - th.tx(8)), th.line_w)
    draw_congress(scene, surface, congress, scene.view()["congress"])

def order_min_width(ink) -> int:
    """The narrowest an order button can be with its key, its label (chosen ✓) and its cost whole (as
    _order_button lays them out; the line under the label shortens, or says less, in a narrow button)."""
    th = ink.theme
    cap = max(ink.lh("body", True) + th.tx(2), ink.width("W", "body", True) + 2 * th.tx(5))
    words = max(ink.width(o.capitalize() + " ✓", "body", True) for o in ORDERS)
    return 2 * th.tx(12) + cap + th.tx(14) + words + th.tx(10) + ink.width(_("−$00.0 bn"), "small", True)


def adviser_fits(ink, width: int) -> bool:
    """Whether an order button `width` wide can say "· adviser" beside any order's label and its cost (else the
    adviser's pick gets a line of its own above the buttons)."""
    th = ink.theme
    cap = max(ink.lh("body", True) + th.tx(2), ink.width("W", "body", True) + 2 * th.tx(5))
    words = max(ink.width(o.capitalize() + _("  · adviser"), "body", True) for o in ORDERS)
    return 2 * th.tx(12) + cap + th.tx(14) + words + th.tx(10) + ink.width(_("−$00.0 bn"), "small", True) <= width


def _order_button(scene, surface, b, cost: float) -> None:
    ink, th, pal = scene.ink, scene.theme, scene.pal
    r, color = b.rect, ORDER_COLORS[b.order]
    hovered = scene.hover == b.id
    bg = color if b.active else lerp(pal["card"], color, 0.3 if hovered else 0.1)
    if not b.enabled:
        bg = lerp(bg, pal["panel"], 0.6)
    pygame.draw.rect(surface, bg, r, border_radius=th.px(8))
    pygame.draw.rect(surface, color, r, max(th.line_w, th.px(3) if b.active else 0), border_radius=th.px(8))
    fg = readable_on(bg) if b.active else pal["text"]
    sub = readable_on(bg) if b.active else pal["dim"]
    if not b.enabled:
        fg = sub = pal["faint"]
    pad = th.tx(12)
    cap = ink.key_cap(surface, (r.x + pad, r.centery), b.key, "body", "midleft",
                      color=None if b.enabled else pal["faint"])
    x = cap.right + th.tx(14)
    blurb = not scene.compact_orders
    top = r.centery - (ink.lh("body", True) + (ink.lh("tiny") if blurb else 0)) // 2
    tip = scene.view()["advice"]
    advised = tip is not None and tip[0] == b.order
    refusal = scene.view()["refusal"] if b.order == "withdraw" else None
    cost_text = _("±$0") if abs(cost) < 0.05 else f"{'+' if cost > 0 else '−'}{money(abs(cost))}"
    cost_w = ink.width(cost_text, "small", True)
    room = r.right - pad - cost_w - th.tx(10) - x
    # where even the adviser's shortest reason (with its figure) cannot be whole, the label says "adviser" and
    # the line under it describes the order, as in a compact button
    reason = advised and blurb and ink.width(tip[1][-1], "tiny", True) <= room
    # the adviser's reason, shortened as need be; where even its shortest form cannot say "Adviser:", the label
    # says it instead (the mark is never the bold type alone)
    lines = [_("Adviser: {why}").format(why=why) for why in tip[1]] + [tip[1][-1]] if reason else \
        [refusal or ORDER_BLURB[b.order]]
    line = next((t for t in lines if ink.width(t, "tiny", reason) <= room), lines[-1])
    said = reason and line.startswith(_("Adviser:"))
    # the richest label that fits beside the cost: the words shorten before anything is cut
    note = _("  · adviser") if advised and not said else _("  · none left") if refusal and not blurb else ""
    # (the ✓ goes before the note does: the button's fill already says it is chosen)
    forms = [b.label + (_("  ✓ chosen") if b.active else "") + note, b.label + (" ✓" if b.active else "") + note,
             b.label + note, b.label + (" ✓" if b.active else "")]
    label = next((f for f in forms if ink.width(f, "body", True) <= room), forms[-1])
    ink.text(surface, label, (x, top), "body", fg, True, max_w=room)
    if blurb:
        ink.text(surface, line, (x, top + ink.lh("body", True)), "tiny", sub, reason, max_w=room)
    cost_col = fg if b.active else (pal["bad"] if cost > 0.05 else pal["good"] if cost < -0.05 else pal["dim"])
    ink.text(surface, cost_text, (r.right - pad, r.centery), "small", cost_col, True, "midright")

def _draw_bottom(scene, surface, g) -> None:
    ink, th, pal, L = scene.ink, scene.theme, scene.pal, scene.L
    pygame.draw.rect(surface, pal["bar"], L.bottom)
    pygame.draw.line(surface, pal["border"], L.bottom.topleft, L.bottom.topright, th.line_w)
    for b in scene.buttons:
        if b.id in ("report", "save", "help", "settings", "title", "end"):
            draw_button(ink, surface, b, hovered=scene.hover == b.id)
    end = scene.button("end")
    room = end.rect.x - th.px(24) - scene.hint_x
    if room > th.tx(200) and not scene.app.toasts:     # a toast takes the hint's place while it shows
        if scene.app.settings.show_tutorial_hints and g.turn == 0:
            hint = _("Pick an ally (Tab or click), give it an order (P R W C H), then End turn.")
        else:
            n = sum(1 for a in scene.view()["allies"] if a.order != "hold")
            parts = [ngettext("{n} order set, the rest hold", "{n} orders set, the rest hold", n).format(n=n),
                     _("U.S. cost {cost} a year").format(cost=money(g.projected))]
            parts += [_("Congress invoked")] if scene.session.us_action == "congress" else []
            # on one line, else a part a line: the first two (the Congress button shows its own ✓)
            one = "  ·  ".join(parts)
            hint = one if ink.width(one, "small") <= room else "\n".join(parts[:2])
        lines = [line for para in hint.split("\n") for line in ink.wrap(para, room, "small")]
        y = L.bottom.centery - len(lines[:2]) * ink.lh("small") // 2
        for line in lines[:2]:
            ink.text(surface, line, (scene.hint_x, y), "small", pal["dim"])
            y += ink.lh("small")

def draw_map_tooltip(scene, surface) -> pygame.Rect | None:
    """The hovered country's tooltip, drawn as the scene's overlay (over a cached frame, see Scene.draw_overlay)."""
    if scene.hover_map is None:
        return None
    allies = scene.view()["allies"]
    tid, iso = scene.hover_map
    theatre = scene.app.mapview.theatres[tid]
    country = theatre.countries.get(iso)
    ally = next((a for a in allies if a.iso == iso), None)
    adv = next((x for x in scene.session.campaign.adversaries if x.country == iso), None)
    lines = tooltip_lines(iso, country.name if country else iso, ally, adv, scene.session.state)
    return draw_tooltip(scene.ink, surface, scene.mouse, lines)
