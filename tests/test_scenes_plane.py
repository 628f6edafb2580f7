"""The plurality scene's sketch: two word vectors drawn in their own plane, exactly."""

from __future__ import annotations

import numpy as np
import pytest

from livenumbers import words
from scenes.plurality import difference_plane


def test_the_plane_keeps_lengths_and_the_angle_and_lays_the_difference_flat() -> None:
    a, b = (np.asarray(words.vector(w).values) for w in ("cat", "cats"))
    (ax, ay), (bx, by) = difference_plane(a, b)
    assert np.hypot(ax, ay) == pytest.approx(np.linalg.norm(a))
    assert np.hypot(bx, by) == pytest.approx(np.linalg.norm(b))
    assert ax * bx + ay * by == pytest.approx(float(a @ b))
    assert ay == by  # the difference is horizontal ...
    assert bx - ax == pytest.approx(np.linalg.norm(b - a))  # ... pointing right, full length
