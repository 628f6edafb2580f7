"""GlyphNumber: a number cheap enough to change on every frame of an animation."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
from manim import ORIGIN, RIGHT, Text, VMobject

from scenes.common import style


@lru_cache(maxsize=16)
def _glyph_table(size: float) -> tuple[dict[str, np.ndarray], float]:
    """Outlines of GlyphNumber's characters at one size (relative to their baseline cell)."""
    ref = Text(GlyphNumber.CHARS, font=style.MONO, font_size=size)
    ten = Text("0" * 10, font=style.MONO, font_size=size)
    advance = (ten.width - ten[0].width) / 9
    zero = ref[0]
    origin = np.array([zero.get_center()[0] - advance / 2, zero.get_bottom()[1], 0])
    return ({c: g.points - origin - RIGHT * k * advance
             for k, (c, g) in enumerate(zip(GlyphNumber.CHARS, ref, strict=True))}, advance)


class GlyphNumber(VMobject):
    """A number cheap enough to change every frame: monospace glyph outlines copied in place.

    One VMobject for the whole number (one draw call per frame, not one per digit);
    DecimalNumber rebuilds its digits as new mobjects on every change (~50 ms each here),
    this takes well under 1 ms. ``fmt`` is a str.format pattern; pad it (e.g. "{:6.2f}%") to
    keep a column aligned. The first curve is an invisible segment along the baseline, one
    character wide: it carries the number's position and scale through moves and animations.
    """

    CHARS = "0123456789.,%-+e"

    def __init__(self, value: float, fmt: str | Callable[[float], str] = "{:.2f}",
                 size: float = style.SMALL, color: str = style.TEXT) -> None:
        super().__init__(fill_color=color, fill_opacity=1, stroke_width=0)
        self.fmt = fmt
        self.size = float(size)
        _, advance = _glyph_table(self.size)
        self.set_points(np.array([ORIGIN, RIGHT * advance, RIGHT * advance, RIGHT * advance]))
        self._text: str | None = None
        self.number = float(value)
        self.set_value(value)

    def set_value(self, value: float) -> GlyphNumber:
        """Show ``value`` (a no-op when its formatted text is unchanged)."""
        self.number = float(value)
        text = self.fmt(value) if callable(self.fmt) else self.fmt.format(value)
        if text == self._text:
            return self
        self._text = text
        glyphs, advance = _glyph_table(self.size)
        start, end = self.points[0], self.points[3]
        scale = float(np.linalg.norm(end - start)) / advance
        parts = [self.points[:4]]
        for k, c in enumerate(text):
            if c in glyphs:
                parts.append(glyphs[c] * scale + start + RIGHT * k * advance * scale)
        self.set_points(np.concatenate(parts))
        return self

    def get_value(self) -> float:
        """The number last set."""
        return self.number


__all__ = ["GlyphNumber"]
