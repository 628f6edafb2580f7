"""Copy-free animations for text-heavy scenes: opacity fades that change a mobject in place.

FadeIn, FadeOut and ``.animate`` deep-copy their mobject before the first frame; for groups of
hundreds of glyphs those copies cost more render time than drawing the frames.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from manim import Animation, Indicate, LaggedStart, Mobject, VMobject

from scenes.common import style

Opacities = list[tuple[VMobject, float, float]]


def opacities(mob: Mobject) -> Opacities:
    """Every drawn part of ``mob`` with its fill and stroke opacity (to scale them later)."""
    return [(m, float(m.get_fill_opacity()), float(m.get_stroke_opacity()))
            for m in mob.family_members_with_points() if isinstance(m, VMobject)]


class Opacity(Animation):
    """Scale a mobject's opacities in place, from ``start`` to ``end`` times ``base``.

    FadeIn/FadeOut/.animate copy the whole mobject first; for text-heavy groups (hundreds of
    glyphs) those deep copies cost more render time than drawing the frames. This animation
    copies nothing. ``base`` (from ``opacities``) lets a dimmed group be restored exactly.
    """

    def __init__(self, mobject: Mobject, end: float = 0.0, start: float = 1.0,
                 base: Opacities | None = None, **kwargs) -> None:
        self.start, self.end, self.base = start, end, base
        super().__init__(mobject, **kwargs)

    def create_starting_mobject(self) -> Mobject:
        return Mobject()  # nothing to interpolate from: opacities are set directly

    def begin(self) -> None:
        if self.base is None:
            self.base = opacities(self.mobject)
        super().begin()

    def clean_up_from_scene(self, scene: Any) -> None:
        super().clean_up_from_scene(scene)
        if self.is_remover():  # gone from the scene: its own look comes back for a later entry
            for m, fill, stroke in self.base or ():
                m.set_fill(opacity=fill, family=False)
                m.set_stroke(opacity=stroke, family=False)

    def interpolate_mobject(self, alpha: float) -> None:
        k = self.start + (self.end - self.start) * self.rate_func(alpha)
        for m, fill, stroke in self.base or ():
            m.set_fill(opacity=fill * k, family=False)
            m.set_stroke(opacity=stroke * k, family=False)


def fade_out(*mobs: Mobject) -> list[Opacity]:
    """Cheap fade-outs (no copies) that remove the mobjects from the scene at the end."""
    return [Opacity(m, 0.0, remover=True) for m in mobs]


def fade_in(*mobs: Mobject) -> list[Opacity]:
    """Cheap fade-ins (no copies) that add the mobjects to the scene."""
    return [Opacity(m, 1.0, start=0.0, introducer=True) for m in mobs]


def fade_all_but(scene: Any, *keep: Mobject, run_time: float = 0.6) -> None:
    """Fade out everything on screen except ``keep`` (e.g. the title stays put)."""
    going = [m for m in scene.mobjects if all(m is not k for k in keep)]
    if going:
        scene.play(*fade_out(*going), run_time=run_time)


def light(mob: Mobject, scale: float = 1.0, color: str = style.HIGHLIGHT,
          **kwargs: Any) -> Indicate:
    """Flash ``mob`` in the highlight colour where it stands: the film's way to point at what the
    narration names (``scale`` above 1 also swells it a little)."""
    return Indicate(mob, color=color, scale_factor=scale, **kwargs)


def light_in_turn(mobs: Iterable[Mobject], scale: float = 1.0, lag_ratio: float = 0.2,
                  **kwargs: Any) -> LaggedStart:
    """``light`` each of ``mobs`` one after another (a list read out, a row swept along)."""
    return LaggedStart(*[light(m, scale=scale) for m in mobs], lag_ratio=lag_ratio, **kwargs)


__all__ = ["Opacities", "opacities", "Opacity", "fade_in", "fade_out", "fade_all_but", "light",
           "light_in_turn"]
