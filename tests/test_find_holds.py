"""The still finder that measures how long the film stands still (tools/find_holds.py)."""

from __future__ import annotations

import find_holds
import numpy as np


def _frames(pictures: list[np.ndarray], fps: float = 10.0) -> list[tuple[float, np.ndarray]]:
    return [(k / fps, p) for k, p in enumerate(pictures)]


def test_a_still_is_found_with_its_start_and_length() -> None:
    dark, light = np.zeros((4, 4)), np.ones((4, 4))
    pictures = [dark] * 5 + [light] * 30 + [dark] * 5  # 0.5 s, a 3 s still, 0.5 s
    found = find_holds.holds(_frames(pictures), noise=0.0003, least=2.0)
    assert found == [find_holds.Hold(0.5, 3.0)]


def test_slow_motion_is_not_a_still_but_noise_below_the_threshold_is() -> None:
    ramp = [np.full((4, 4), k / 100) for k in range(40)]  # changes 1% a frame: motion
    assert find_holds.holds(_frames(ramp), noise=0.0003, least=1.0) == []
    speck = [np.zeros((10, 10)) for _ in range(40)]
    for k, p in enumerate(speck):
        p[0, 0] = 0.01 * (k % 2)  # a flicker of 1e-4 of the mean: under the noise floor
    assert find_holds.holds(_frames(speck), noise=0.0003, least=1.0)[0].seconds >= 3.9


def test_a_still_running_to_the_end_counts_to_the_end() -> None:
    pictures = [np.zeros((2, 2))] + [np.ones((2, 2))] * 20
    found = find_holds.holds(_frames(pictures), noise=0.0003, least=1.0, end=2.1)
    assert found == [find_holds.Hold(0.1, 2.0)]
