"""Reusable mobjects: labels, token boxes, number columns, probability bars, the model badge,
notes, and the helpers that keep text-heavy scenes cheap to render (merged glyphs, memo labels).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    AnimationGroup,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    Mobject,
    Rectangle,
    RoundedRectangle,
    SurroundingRectangle,
    Text,
    VGroup,
    VMobject,
    config,
)

from scenes.common import style

VISIBLE_SPACE = "\u2423"  # ␣ shows a token's leading space


def label(text: str, size: int = style.BODY, color: str = style.TEXT, mono: bool = False,
          **kwargs) -> Text:
    """Text in the film's font and type scale (lines of a multi-line text spaced apart)."""
    if "\n" in text:
        kwargs.setdefault("line_spacing", style.LINE_SPACING)
    return Text(text, font=style.MONO if mono else style.FONT, font_size=size, color=color,
                **kwargs)


def show_piece(piece: str) -> str:
    """A token's text with its leading space (and newlines) made visible."""
    out = piece.replace("\n", "\u21b5")
    if out.startswith(" "):
        out = VISIBLE_SPACE + out[1:]
    return out or "\u2205"


@cache
def _line_height(size: int) -> float:
    """The height of a monospace line with both ascenders and descenders at ``size``."""
    return float(label("Hlfy\u2423bdg", size, mono=True).height)


def token_box(piece: str, color: str, size: int = style.BODY) -> VGroup:
    """A token in a coloured, rounded box (leading space shown as ␣).

    Every box of a size is as tall as a full line, and the text sits on one baseline ("a"
    and "fluffy" sit in equal boxes, at the same height).
    """
    text = label(show_piece(piece) + "\u2502", size, color=style.TEXT, mono=True)
    strut = text.submobjects[-1]  # a full-height bar: where the line's middle is
    middle = strut.get_center()
    text.remove(strut)
    box = RoundedRectangle(corner_radius=0.08, width=text.width + 0.24,
                           height=max(text.height, _line_height(size), 0.32) + 0.2,
                           stroke_color=color,
                           stroke_width=2, fill_color=color, fill_opacity=0.22)
    box.move_to([text.get_x(), middle[1], 0])
    return VGroup(box, text).move_to(ORIGIN)


def number_column(values: Sequence[float], color: str = style.DATA, size: int = style.SMALL,
                  fmt: str = "{:+.2f}", ellipsis: bool = True) -> VGroup:
    """A vector drawn as a column of numbers in brackets (ellipsis: more entries below)."""
    rows = [label(fmt.format(v), size, color=color, mono=True) for v in values]
    if ellipsis:
        rows.append(label("\u22ee", size, color=color))
    col = VGroup(*rows).arrange(DOWN, buff=0.12)
    h = col.height + 0.2
    w = 0.12
    left = VGroup(Line(UP * h / 2, DOWN * h / 2), Line(UP * h / 2, UP * h / 2 + RIGHT * w),
                  Line(DOWN * h / 2, DOWN * h / 2 + RIGHT * w))
    right = left.copy().flip()
    left.set_stroke(color, 2).next_to(col, LEFT, buff=0.08)
    right.set_stroke(color, 2).next_to(col, RIGHT, buff=0.08)
    return VGroup(left, col, right)


def prob_bars(labels: Sequence[str], probs: Sequence[float], width: float = 5.0,
              color: str = style.PROB, size: int = style.SMALL,
              highlight: int | None = None) -> VGroup:
    """Horizontal probability bars with token labels on the left and percentages on the right.

    Returns VGroup(rows); each row is VGroup(name, bar, percent). Bar length = probability.
    """
    rows = []
    for i, (name, p) in enumerate(zip(labels, probs, strict=True)):
        c = style.HIGHLIGHT if i == highlight else color
        text = label(show_piece(name), size, mono=True)
        bar = Rectangle(width=max(width * p, 0.02), height=0.3, stroke_width=0,
                        fill_color=c, fill_opacity=0.85)
        pct = label(percent(p), size, color=c)
        rows.append(VGroup(text, bar, pct))
    group = VGroup(*rows).arrange(DOWN, buff=0.16)
    name_w = max(r[0].width for r in rows)
    for r in rows:
        r[0].move_to(group.get_left() + RIGHT * name_w / 2, coor_mask=[1, 0, 0]).align_to(
            group, LEFT)
        r[0].shift(RIGHT * (name_w - r[0].width))  # right-align names
        r[1].next_to(group.get_left() + RIGHT * name_w, RIGHT, buff=0.2)
        r[1].set_y(r[0].get_y())
        r[2].next_to(r[1], RIGHT, buff=0.15)
    return group


def percent(p: float) -> str:
    """A probability as a percentage with sensible precision."""
    if p >= 0.995 or p == 0:
        return f"{p * 100:.0f}%"
    if p >= 0.1:
        return f"{p * 100:.1f}%"
    if p >= 0.001:
        return f"{p * 100:.2f}%"
    return f"{p * 100:.2g}%"  # e.g. 0.0022%


def retitle(old: Mobject, new: Mobject) -> AnimationGroup:
    """One heading giving way to the next: the old drifts up and out as the new drifts in (a
    cross-fade, not a glyph-by-glyph morph between unrelated words)."""
    # the new heading starts as the old one is nearly gone: they never sit on top of each other
    return AnimationGroup(FadeOut(old, shift=UP * 0.25), FadeIn(new, shift=UP * 0.25),
                          lag_ratio=0.7)


def scene_title(text: str) -> Text:
    """The section's title in the top-left corner, where every scene puts it."""
    return label(text, style.HEADING).to_corner(UL, buff=style.MARGIN)


def short_name(model_id: str) -> str:
    """A model's name without its fingerprint or version (those belong in the credits).

    >>> short_name("small-gpt@c453de87e8f5"), short_name("glove-wiki-gigaword-50 (kumo==1.0)")
    ('small-gpt', 'glove-wiki-gigaword-50')
    """
    name = model_id.split(" (")[0]
    for prefix in ("file:", "local:"):
        if name.startswith(prefix):
            return Path(name.removeprefix(prefix).split("@")[0]).name
    return name.split("@")[0].removeprefix("hf:").removeprefix("gensim-data:")


def model_badge(model_id: str | tuple[str, ...], what: str = "numbers") -> Text:
    """A small line in the bottom-right corner: which model produced the numbers on screen.

    The plain name only (several joined by "and"): the full id with its fingerprint is in the
    credits (UpNextScene).
    """
    ids = (model_id,) if isinstance(model_id, str) else model_id
    names = " and ".join(short_name(i) for i in ids)
    badge = label(f"{what}: {names}", style.NOTE_SIZE, color=style.NOTE)
    badge.to_corner(DR, buff=style.FOOTER_BUFF)
    return badge


def stage_note(text: str, max_width: float = 8.2) -> VMobject:
    """A bottom-left note when something on screen is arranged by hand, not computed.

    Large enough to read on a projector and clear of the model badge in the other corner: a
    note a little too wide is shrunk a little; a much wider one breaks into two lines of
    about equal length.
    """
    note: VMobject = label(text, style.NOTE_SIZE, color=style.NOTE, slant="ITALIC")
    words = text.split()
    if note.width > 1.2 * max_width and len(words) > 1:
        def imbalance(i: int) -> int:
            return abs(len(" ".join(words[:i])) - len(" ".join(words[i:])))

        cut = min(range(1, len(words)), key=imbalance)
        note = VGroup(*[label(" ".join(part), style.NOTE_SIZE, color=style.NOTE, slant="ITALIC")
                        for part in (words[:cut], words[cut:])])
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
    if note.width > max_width:
        note.scale_to_fit_width(max_width)
    note.to_corner(DL, buff=style.FOOTER_BUFF)
    return note


def inside_right_margin(mob: M) -> M:
    """Shift ``mob`` left, if need be, so that it ends at the title-safe right margin."""
    over = mob.get_right()[0] - (config.frame_width / 2 - style.MARGIN)
    if over > 0:
        mob.shift(LEFT * over)
    return mob


def fits_frame(mob, margin: float = 0.0) -> bool:
    """True when ``mob`` lies inside the frame (used by scene tests)."""
    w, h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    return (mob.get_left()[0] >= -w - 1e-6 and mob.get_right()[0] <= w + 1e-6
            and mob.get_bottom()[1] >= -h - 1e-6 and mob.get_top()[1] <= h + 1e-6)


def highlight_box(mob, color: str = style.HIGHLIGHT) -> SurroundingRectangle:
    """A yellow frame around what the audience should look at."""
    return SurroundingRectangle(mob, color=color, buff=0.08, stroke_width=3)


M = TypeVar("M", bound=Mobject)


def fit_width(mob: M, width: float = style.ROW_WIDTH) -> M:
    """Scale ``mob`` down (never up) so that it is at most ``width`` wide."""
    if mob.width > width:
        mob.scale_to_fit_width(width)
    return mob


def grouped(n: int) -> str:
    """An integer with thousands separators: 50257 -> '50,257'."""
    return f"{n:,}"


def tex_grouped(n: int) -> str:
    """An integer with thousands separators for MathTex (braces keep the comma tight)."""
    return f"{n:,}".replace(",", "{,}")


def tex_T(tex: str, size: float) -> MathTex:
    """A MathTex where every {{T}} (the temperature) is isolated and drawn in the highlight
    colour."""
    mob = MathTex(tex, font_size=size, color=style.TEXT)
    mob.set_color_by_tex("T", style.HIGHLIGHT)
    return mob


def steady_label(text: str, size: int = style.SMALL, color: str = style.TEXT,
                 mono: bool = False) -> VGroup:
    """A label whose centre is its line's centre, whatever its letters (rows share a baseline).

    A plain Text is centred on its ink, so "a" and "the" would sit at different heights. The
    baseline comes from the same text behind a full-height glyph; an invisible frame of line
    height keeps it.
    """
    strut = label("\u2502" + text, size, color=color, mono=mono)
    plain = label(text, size, color=color, mono=mono)
    plain.shift(strut[1].get_center() - plain[0].get_center())
    frame = Rectangle(width=plain.width, height=strut.height, stroke_width=0, fill_opacity=0)
    frame.move_to([plain.get_x(), strut.get_y(), 0])
    return VGroup(frame, plain)


def flat_text(text: Mobject) -> VMobject:
    """Merge a text's glyph paths into one path per colour: Cairo then draws it in a call or two.

    Text is a family of glyph paths; merged, a label costs one path per frame instead of one per
    glyph (and copies for animations are far cheaper). Looks identical. A one-colour text gives
    one VMobject; several colours give a VGroup of one merged path per colour.
    """
    parts = list(text.family_members_with_points())
    if not parts:
        raise ValueError("flat_text needs a text with glyphs.")
    groups: dict[tuple[str, float], VMobject] = {}
    for part in parts:
        key = (part.get_fill_color().to_hex(), float(part.get_fill_opacity()))
        if key not in groups:
            groups[key] = VMobject().set_fill(key[0], opacity=key[1]).set_stroke(width=0)
        groups[key].append_points(part.points)
    merged = list(groups.values())
    return merged[0] if len(merged) == 1 else VGroup(*merged)


def light_column(values: Sequence[float], color: str = style.DATA, size: int = style.SMALL,
                 fmt: str = "{:+.2f}") -> VGroup:
    """number_column with each entry's glyphs merged into one path (see flat_text)."""
    left, rows, right = number_column(values, color=color, size=size, fmt=fmt).submobjects
    return VGroup(left, VGroup(*[flat_text(r) for r in rows]), right)


def drop_svg_paths(mob: Mobject) -> Mobject:
    """Forget the parsed SVG path each Text/MathTex glyph keeps (only needed to build it).

    Every animation deep-copies its mobject, and copying those svgelements paths dominates the
    render time of text-heavy scenes (copies are 3-7x slower with them). The points stay.
    """
    for sub in mob.get_family():
        if getattr(sub, "path_obj", None) is not None:
            sub.path_obj = None
    return mob


_LABELS: dict[tuple[Any, ...], Text] = {}


def memo_label(text: str, size: float = style.BODY, color: str = style.TEXT,
               mono: bool = False) -> Text:
    """``label``, built once per (text, size, font) and copied after that.

    Building a Text parses its SVG (~0.1-0.2 s on a 2-core machine); a copy takes about 1 ms.
    Scenes that redraw the same tokens every step (generation) save most of their set-up time.
    """
    key = (text, float(size), mono)
    if key not in _LABELS:
        _LABELS[key] = drop_svg_paths(label(text, size, mono=mono))
    return _LABELS[key].copy().set_color(color)


__all__ = ["style", "label", "token_box", "number_column", "prob_bars", "percent", "model_badge",
           "stage_note", "scene_title", "fits_frame", "highlight_box", "show_piece", "fit_width",
           "grouped", "tex_grouped", "tex_T", "steady_label", "flat_text", "light_column",
           "drop_svg_paths", "memo_label"]
