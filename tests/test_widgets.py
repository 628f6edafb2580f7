"""Shared scene pieces: the film's label and the highlight flash."""

from __future__ import annotations

from manim import Indicate, Square

from scenes.common import style
from scenes.common.motion import light, light_in_turn
from scenes.common.widgets import label


def test_multi_line_labels_keep_their_lines_apart() -> None:
    """Two-line notes: the gap between the lines' ink is a good part of a line (Manim's
    default spacing lets descenders touch the next line's capitals)."""
    one = label("Hlfy gap", style.SMALL)
    two = label("Hlfy gap\nHlfy gap", style.SMALL)
    gap = two.height - 2 * one.height
    assert gap > 0.35 * one.height
    assert label("Hlfy gap", style.SMALL, line_spacing=0.3).height == one.height  # one line


def test_light_flashes_in_place_in_the_highlight_colour() -> None:
    anim = light(Square())
    assert isinstance(anim, Indicate)
    assert anim.scale_factor == 1.0 and str(anim.color).lower() == str(style.HIGHLIGHT).lower()
    assert light(Square(), scale=1.2).scale_factor == 1.2


def test_light_in_turn_lights_each_one_after_another() -> None:
    squares = [Square(), Square(), Square()]
    anim = light_in_turn(squares, scale=1.1, lag_ratio=0.3)
    assert [a.mobject for a in anim.animations] == squares
    assert all(a.scale_factor == 1.1 for a in anim.animations) and anim.lag_ratio == 0.3
