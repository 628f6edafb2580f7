"""Word labels in scenes/embedding.py sit beside their own dots (layout only, no frames drawn).

Two labels once floated off their dots: the subject word of the 3-D slice ("tower"), whose one
offset had to suit both the camera's turn and the zoomed view, and "mussolini" in the analogy
diagram, pushed into a far corner by the arrows around it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import tempconfig

from scenes import embedding
from scenes.common.widgets import flat_text, model_badge, scene_title, stage_note
from scenes.light3d import box_distance

NEAR = 0.35  # a label's box keeps within this of its dot's centre (scene units)
TINY = {"pixel_height": 180, "pixel_width": 320, "verbosity": "WARNING"}


def test_subject_label_sits_by_its_dot_in_the_turn_and_the_zoom() -> None:
    with tempconfig(TINY):
        scene: Any = embedding.EmbeddingSpaceScene()
        s = scene.gather()
        scene.set_camera_orientation(phi=embedding.PHI, theta=embedding.THETA)
        scene._stage(s)
    centre = s.words.index(s.neighbour_word)
    kinds = {kind for kind, k in scene.specs if k == centre and kind in ("word", "subject-zoom")}
    assert kinds == {"word", "subject-zoom"}
    for (kind, k), spot, off in zip(scene.specs, scene.spots, scene.label_placement.offsets,
                                    strict=True):
        if k != centre or kind not in kinds:
            continue
        for v, anchor in spot.anchors.items():
            gap = box_distance(spot.box(v, off), np.asarray(anchor, dtype=float)[None, :2])[0]
            assert gap < NEAR, (kind, v, gap)


def test_analogy_word_labels_sit_by_their_dots() -> None:
    with tempconfig(TINY):
        scene: Any = embedding.EmbeddingArithmeticScene()
        facts = scene.gather()
        scene.keep = [flat_text(model_badge(facts.model_id, "word vectors")),
                      flat_text(stage_note("view turned so the added arrow points right")),
                      flat_text(scene_title("Vector arithmetic"))]
        for it in facts.analogies:
            formula = scene._formula(it)[0]
            panel = scene._panel(it, formula)
            top = min(formula.get_bottom()[1], scene.keep[2].get_bottom()[1])
            d = scene._diagram(it, panel, top)
            assert d["score"] == (0, 0), (it.expected, d["score"])
            for word, point in zip(d["labels"], d["pos"][:4], strict=True):
                box = (word.get_left()[0], word.get_bottom()[1], word.get_right()[0],
                       word.get_top()[1])
                gap = box_distance(box, point[None, :2])[0]
                assert gap < NEAR, (it.expected, gap)
