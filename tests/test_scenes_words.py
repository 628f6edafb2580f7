"""The word-vector scenes (scenes/embedding.py, scenes/plurality.py) and their 3-D helpers.

Tiers: the numbers each scene shows are the facts layer's for the configured knobs; layout
helpers keep labels apart and inside the frame; every scene runs through with its layout inside
the frame (a last-frame-only pass, no animation frames); smoke renders; one last-frame check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import check_frame, render_scene

from livenumbers import gpt, words
from livenumbers.config import load_config
from scenes import embedding, plurality
from scenes.common.widgets import fits_frame, flat_text
from scenes.light3d import (
    LabelSpot,
    LightArrow,
    ScreenView,
    box_distance,
    box_overlaps,
    line_direction,
    place_labels,
    ray_shift,
    screen_views,
    segment_hits,
)

WORD_SCENES = (("embedding", "EmbeddingSpaceScene"), ("embedding", "EmbeddingArithmeticScene"),
               ("plurality", "PluralityScene"))


@pytest.fixture(scope="module", autouse=True)
def _shared_tex_and_text(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Compile each formula and label once for this module, not once per render's media dir."""
    from manim import config

    saved = (config.tex_dir, config.text_dir)
    shared = tmp_path_factory.mktemp("words-media")
    config.tex_dir = str(shared / "Tex")
    config.text_dir = str(shared / "texts")
    yield
    config.tex_dir, config.text_dir = saved


def _gather(cls: type) -> Any:
    return cls().gather()


def _assert_narrated(scene: Any, beats: int) -> None:
    """``beats`` narrated beats, back to back from the start: no silent stretch between them."""
    log = scene.beats_log
    assert len(log) == beats and len(scene.notes_log) == beats
    assert all(len(text) > 40 for _, _, text in log)
    assert log[0][0] < 2.0
    for (_, end, _), (start, _, _) in zip(log, log[1:], strict=False):
        assert start - end < 2.0, (end, start)


def _run_layout(cls: type, tmp_path: Path) -> Any:
    """Run a scene's construct without drawing animation frames (like ``manim -s``).

    At 180 px high, as the smoke renders: much narrower frames make pango wrap long texts."""
    from manim import tempconfig

    opts = {"save_last_frame": True, "write_to_movie": False, "pixel_height": 180,
            "pixel_width": 320, "media_dir": str(tmp_path / "media"), "disable_caching": True,
            "progress_bar": "none", "verbosity": "WARNING",
            "output_file": str(tmp_path / "layout")}  # the captions (.srt) land beside it
    with tempconfig(opts):
        scene = cls()
        scene.render()
    return scene


# ---------------------------------------------------------------- data: shown == facts


def test_space_scene_shows_the_configured_slice_and_neighbours() -> None:
    e = load_config().embedding
    shown = _gather(embedding.EmbeddingSpaceScene)
    nb = words.neighbours(e.neighbour_word, e.neighbours)
    assert shown.neighbours == nb.words and shown.similarities == nb.similarities
    assert shown.neighbour_word == nb.word
    # every configured word and every neighbour is placed, in one projection of their union
    placed = list(shown.words)
    assert placed[:len(e.space_words)] == [words.vector(w).word for w in e.space_words]
    assert set(nb.words) | {nb.word} <= set(placed)
    proj = (words.project_pca(placed) if e.slice == "pca"
            else words.project_axes(placed, [list(p) for p in e.axes]))
    assert shown.coords == proj.coords and shown.explained == proj.explained
    assert shown.axis_labels == proj.axis_labels and shown.method == e.slice
    assert shown.dimensions == len(words.vector(placed[0]).values)
    assert shown.model_id == nb.model_id
    assert shown.gpt3_dim == gpt.GPT3_DIM == 12_288


def test_space_scene_follows_a_pca_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LECTURE_EMBEDDING_SLICE", "pca")
    monkeypatch.setenv("LECTURE_EMBEDDING_NEIGHBOUR_WORD", "cat")
    shown = _gather(embedding.EmbeddingSpaceScene)
    assert shown.method == "pca" and shown.neighbour_word == "cat"
    assert shown.coords == words.project_pca(list(shown.words)).coords
    assert shown.axis_labels == ("PC 1", "PC 2", "PC 3")


def test_arithmetic_scene_shows_each_configured_analogy() -> None:
    e = load_config().embedding
    shown = _gather(embedding.EmbeddingArithmeticScene)
    assert len(shown.analogies) == len(e.analogies)
    for item, it in zip(e.analogies, shown.analogies, strict=True):
        res = words.analogy(item.a, item.b, item.c, item.expected, e.analogy_top)
        assert it.words == res.words and it.similarities == res.similarities
        assert it.expected_rank == res.expected_rank
        assert it.expected_similarity == res.expected_similarity
        # the two sides of the parallelogram, each labelled with the differences it compares
        assert it.cos_side == res.difference_cosine  # cos(a − b, e − c)
        swapped = words.analogy(item.c, item.b, item.a, item.expected, e.analogy_top)
        assert it.cos_added == swapped.difference_cosine  # cos(c − b, e − a)
        assert swapped.words == res.words  # the same search: a − b + c = c − b + a
        proj = words.project_pca([res.a, res.b, res.c, res.expected])
        assert it.coords == proj.coords
        assert it.explained_2d == pytest.approx(proj.explained[0] + proj.explained[1])


def test_plurality_scene_shows_the_direction_dots() -> None:
    p = load_config().plurality
    shown = _gather(plurality.PluralityScene)
    flat = [w for pair in p.pairs for w in pair]
    dots = words.direction_dots(p.plus, p.minus, flat)
    assert shown.singular_dots == dots.dots[0::2]
    assert shown.plural_dots == dots.dots[1::2]
    assert shown.pairs == tuple(zip(dots.words[0::2], dots.words[1::2], strict=True))
    assert shown.direction_norm == dots.direction_norm
    nums = words.direction_dots(p.plus, p.minus, list(p.numbers))
    assert shown.numbers == nums.words and shown.number_dots == nums.dots
    assert shown.plural_higher == sum(b > a for a, b in zip(shown.singular_dots,
                                                             shown.plural_dots,
                                                             strict=True))
    assert shown.numbers_rising == sum(b > a for a, b in zip(nums.dots, nums.dots[1:],
                                                             strict=False))


def test_plurality_spin_table_is_the_turned_arrows_dot_products() -> None:
    """The turning arrow's live numbers: v · (w turned by θ), with the sign flipping at 90°/270°."""
    shown = _gather(plurality.PluralityScene)
    v, w = np.array(shown.spin_v), np.array(shown.spin_w)
    angles, dots = np.array(shown.spin_angles), np.array(shown.spin_dots)
    assert len(angles) == len(dots) > 100 and np.all(np.diff(angles) > 0)
    assert angles[-1] - angles[0] == pytest.approx(540.0)  # one and a half turns
    assert np.linalg.norm(v) == pytest.approx(plurality.SPIN_LENGTHS[0])
    assert np.linalg.norm(w) == pytest.approx(plurality.SPIN_LENGTHS[1])
    for a, d in zip(angles, dots, strict=True):  # each row: a rotation matrix, then the dot
        t = np.deg2rad(a)
        turn = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
        assert d == pytest.approx(float(np.dot(v, turn @ w)), abs=1e-12)
    # w starts along v, so the table is |v||w| cos θ
    np.testing.assert_allclose(dots, np.linalg.norm(v) * np.linalg.norm(w)
                               * np.cos(np.deg2rad(angles)), atol=1e-12)
    # the sign: positive below 90°, negative between 90° and 270°, positive again, ...
    away = np.abs(np.cos(np.deg2rad(angles))) > 1e-9  # rows not exactly at a right angle
    a, sign = angles[away], np.sign(dots[away])
    assert np.all(sign == np.sign(np.cos(np.deg2rad(a))))
    flips = [(a0, a1) for a0, a1, s0, s1 in zip(a, a[1:], sign, sign[1:], strict=False)
             if s0 != s1]
    crossings = [c for c in (90.0, 270.0, 450.0, 630.0) if angles[0] < c < angles[-1]]
    assert len(flips) == len(crossings) == 3
    for (a0, a1), c in zip(flips, crossings, strict=True):
        assert a0 < c < a1 and (c - 90.0) % 180.0 == 0.0
    # the arrow comes to rest at a right angle: the interpolated product is zero there
    assert abs(np.interp(plurality.SPIN_REST, angles, dots)) < 1e-9
    assert plurality.SPIN_REST % 180.0 == 90.0


# ---------------------------------------------------------------- layout helpers


def test_place_labels_separates_crowded_labels_in_every_view() -> None:
    rng = np.random.default_rng(3)
    pts = rng.uniform(-1.0, 1.0, size=(8, 2))
    views = [pts, pts * 1.1 + 0.05]
    sizes = [(0.8, 0.25)] * 8
    spots = [LabelSpot(size, {v: view[i] for v, view in enumerate(views)})
             for i, size in enumerate(sizes)]
    placement, _ = place_labels(spots, [ScreenView(dots=v, frame=(-4, -3, 4, 3))
                                        for v in views])
    assert placement.overlaps == 0
    for view in views:
        boxes = [(p[0] + o[0] - w / 2, p[1] + o[1] - h / 2, p[0] + o[0] + w / 2,
                  p[1] + o[1] + h / 2)
                 for p, o, (w, h) in zip(view, placement.offsets, sizes, strict=True)]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_place_labels_keeps_labels_off_lines_and_beside_their_own_dots() -> None:
    """Two close dots, a line through the first one's right side, a box above: each label
    lands clear of all of it, inside the frame, and nearer its own dot than the other."""
    dots = np.array([[0.0, 0.0], [0.3, 0.0]])
    view = ScreenView(
        dots=dots, frame=(-3.0, -2.0, 3.0, 2.0), boxes=((-1.0, 0.2, 1.0, 1.0),),
        segments=np.array([[0.15, -1.5, 0.15, 1.5, 0.03]]))
    spots = [LabelSpot((0.8, 0.25), {0: d}) for d in dots]
    placement, costs = place_labels(spots, [view])
    assert placement.overlaps == 0 and costs == (0, 0) and not placement.any_dropped
    boxes = []
    for d, off in zip(dots, placement.offsets, strict=True):
        c = d + np.array(off)
        boxes.append((c[0] - 0.4, c[1] - 0.125, c[0] + 0.4, c[1] + 0.125))
    for k, box in enumerate(boxes):
        assert segment_hits(box, view.segments) == 0
        assert box_overlaps(box, view.boxes) == 0
        gaps = box_distance(box, dots)
        assert gaps[k] < gaps[1 - k]  # read as its own dot's label
    assert box_overlaps(boxes[0], [boxes[1]]) == 0


def test_light_arrow_is_a_few_cheap_paths() -> None:
    arrow = LightArrow([0, 0, 0], [1, 2, 3], "#FFFFFF")
    from manim import VectorizedPoint

    drawn = [m for m in arrow.family_members_with_points() if not isinstance(m, VectorizedPoint)]
    assert len(drawn) <= 9  # a line and an 8-sided cone (Arrow3D: hundreds of faces)
    assert np.allclose(arrow.end_point, [1, 2, 3])
    with pytest.raises(ValueError):
        LightArrow([1, 1, 1], [1, 1, 1], "#FFFFFF")


def test_flat_text_keeps_the_shape() -> None:
    from scenes.common.widgets import label

    text = label("tower", 22)
    flat = flat_text(text)
    assert np.allclose(flat.get_center(), text.get_center())
    assert flat.width == pytest.approx(text.width)
    assert len(flat.family_members_with_points()) == 1


def test_analogy_view_turns_the_added_arrow_right() -> None:
    pos = embedding.analogy_view([(0, 0, 0), (1, 1, 0), (2, 1.5, 0), (1, 0.6, 0)])
    a, b, c, _, guess = pos
    assert c[1] == pytest.approx(b[1]) and c[0] > b[0]  # c − b points right
    assert a[1] > b[1]  # a above b
    assert np.allclose(guess, a - b + c)  # a − b + c sits where the arithmetic says
    left, bottom, right, top = embedding.DIAGRAM
    assert (pos[:, 0] >= left - 1e-9).all() and (pos[:, 0] <= right + 1e-9).all()
    assert (pos[:, 1] >= bottom - 1e-9).all() and (pos[:, 1] <= top + 1e-9).all()


# ---------------------------------------------------------------- every beat's layout


def _circle_gap(circle: Any, arrows: Any, samples: int = 200) -> float:
    """The clear space between a circle's ring and the nearest point of any arrow drawn
    (shafts and heads), both strokes' widths taken off: measured on the mobjects' points."""
    centre, ring = circle.get_center()[:2], circle.width / 2 + 0.005 * circle.get_stroke_width()
    gaps = []
    for part in arrows.family_members_with_points():
        pts = np.array([part.point_from_proportion(t) for t in np.linspace(0, 1, samples)])
        reach = np.linalg.norm(pts[:, :2] - centre, axis=1) - 0.005 * part.get_stroke_width()
        gaps.append(float(reach.min()) - ring)
        if part.get_fill_opacity() > 0 and _inside_polygon(centre, pts[:, :2]):
            gaps.append(-1.0)  # the circle's centre lies inside a filled head
    return min(gaps)


def _inside_polygon(point: np.ndarray, outline: np.ndarray) -> bool:
    """Whether ``point`` lies inside the closed outline (even-odd rule)."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(outline, np.roll(outline, -1, axis=0), strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _box_gap(a: Any, b: Any) -> float:
    """The clear space between two mobjects' bounding boxes (0 when they overlap)."""
    dx = max(b.get_left()[0] - a.get_right()[0], a.get_left()[0] - b.get_right()[0], 0.0)
    dy = max(b.get_bottom()[1] - a.get_top()[1], a.get_bottom()[1] - b.get_top()[1], 0.0)
    return float(np.hypot(dx, dy))


@pytest.mark.render
def test_space_scene_layout(tmp_path: Path) -> None:
    scene = _run_layout(embedding.EmbeddingSpaceScene, tmp_path)
    overview, zoomed = scene.placement
    assert overview.overlaps == 0 and zoomed.overlaps == 0  # no label overlaps, none off-frame
    for part in scene.frame_parts:
        assert fits_frame(part), part
    title, legend, panel, badge, caption, *notes = scene.frame_parts
    for note in notes:  # the stage notes (bottom left) stay clear of the model badge
        assert note.get_right()[0] < badge.get_left()[0] - 0.2
    # the legend and the panel start below the title's line; the zoomed view's caption sits
    # under the title, left of the panel
    for part in (legend, panel, caption):
        assert part.get_top()[1] < title.get_bottom()[1]
    assert caption.get_right()[0] < panel.get_left()[0] - 0.2
    # no label kept in a view of the camera's turn touches an axis line (measured from the
    # axes' own end points, projected for each camera setting of the turn)
    ends = np.array([p for line in scene.axis_lines for p in (line.get_start(), line.get_end())])
    placement = scene.label_placement
    turn = [(v, st) for v, st in enumerate(scene.settings) if st["zoom"] == 1.0]
    assert len(turn) >= 9
    for v, setting in turn:
        pts = screen_views(scene.camera, ends, [setting])[0]
        axes = np.array([[*pts[2 * k], *pts[2 * k + 1], 0.01] for k in range(3)])
        for spot, off, dropped in zip(scene.spots, placement.offsets, placement.dropped,
                                      strict=True):
            if dropped or v not in spot.anchors:
                continue
            assert segment_hits(spot.box(v, off), axes) == 0, (v, spot)
    # each axis's name reads as its own in every view it is seen in: beside its tip, or on the
    # line carried on past the tip (names once floated an inch off the line: one offset had
    # to suit the whole turn)
    for (kind, k), spot, off, dropped in zip(scene.specs, scene.spots, placement.offsets,
                                             placement.dropped, strict=True):
        if kind.startswith("axis") and not dropped:
            for v in spot.anchors:
                tip, d = np.asarray(spot.anchors[v])[:2], spot.along[v]
                box = spot.box(v, off)
                centre = np.array([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2]) - tip
                on_line = abs(d[0] * centre[1] - d[1] * centre[0]) < 0.2 and centre @ d > 0
                near = box_distance(box, tip[None, :])[0] < 0.25
                assert on_line or near, (kind, k, v)
    # the subject word is labelled in the overview (it is picked out there) and in the zoom
    assert scene.zoomed_view["labelled"][0] == scene.shown.neighbour_word
    assert ("word", scene.shown.words.index(scene.shown.neighbour_word)) in scene.specs
    _assert_narrated(scene, 6)


@pytest.mark.render
def test_arithmetic_scene_layout(tmp_path: Path) -> None:
    scene = _run_layout(embedding.EmbeddingArithmeticScene, tmp_path)
    assert len(scene.layouts) == len(scene.shown.analogies)
    assert scene.label_clashes == [0] * len(scene.shown.analogies)  # labels touch nothing
    for circle, arrows in scene.searches:  # the circle of a − b + c touches no arrow
        assert _circle_gap(circle, arrows) > embedding.CIRCLE_CLEAR / 2
    for group in scene.layouts:  # word labels keep a visible gap from the panel's lines
        panel, labels = group[3], [*group[4], group[6]]
        lines = [*panel[0][:2], *panel[0][2], panel[1][0], *panel[1][1], *panel[1][2]]
        for word in labels:
            for line in lines:
                assert _box_gap(word, line) > embedding.LIST_GAP - 0.05, (word, line)
    badge = scene.keep[0]
    for group in scene.layouts:
        for part in group:
            assert fits_frame(part, margin=0.1), part
        panel = group[3]  # cosines and nearest words: clear of the model badge below
        assert panel.get_bottom()[1] > badge.get_top()[1] + 0.1
        caption = group[5]  # the 2-D view's caption: left of the panel, above the stage note
        assert caption.get_right()[0] < panel.get_left()[0] - 0.1
        assert caption.get_bottom()[1] > scene.keep[1].get_top()[1] + 0.05
    assert all(fits_frame(m) for m in scene.keep)
    title = scene.keep[2]  # the section title, top left, clear of every formula beside it
    for group in scene.layouts:
        assert group[0].get_left()[0] > title.get_right()[0] + 0.3
        assert fits_frame(group[1], margin=0.3) and fits_frame(group[2], margin=0.3)
    beats = 4 + 2 * (len(scene.shown.analogies) - 1)
    _assert_narrated(scene, beats)
    # the closing scoreboard: one row per analogy with where its expected word ranked
    items = scene.shown.analogies
    board = scene.scoreboard
    assert len(board) == len(items) + 1 and fits_frame(board, margin=0.1)
    for row, it in zip(board, items, strict=False):
        rank = it.expected_rank
        said = ("first" if rank == 1 else f"came in at #{rank:,}" if rank else
                "not among the nearest")
        assert row[2].text.replace(" ", "") == said.replace(" ", "")
        assert it.expected in row[1].text
    hits = sum(it.expected_rank == 1 for it in items)
    assert f"first in {hits} of {len(items)}".replace(" ", "") in board[-1].text.replace(" ", "")


@pytest.mark.render
def test_crowded_configurations_keep_the_layout(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A PCA slice around a word with 12 close neighbours; 8 answers; 8 pairs and 8 numbers."""
    monkeypatch.setenv("LECTURE_EMBEDDING_SLICE", "pca")
    monkeypatch.setenv("LECTURE_EMBEDDING_NEIGHBOURS", "12")
    monkeypatch.setenv("LECTURE_EMBEDDING_NEIGHBOUR_WORD", "cat")
    monkeypatch.setenv("LECTURE_EMBEDDING_ANALOGY_TOP", "8")
    monkeypatch.setenv("LECTURE_EMBEDDING_ANALOGIES",
                       '[{a="sushi", b="japan", c="germany", expected="bratwurst"}]')
    monkeypatch.setenv("LECTURE_PLURALITY_PAIRS", '[["dog","dogs"],["house","houses"],'
                       '["student","students"],["apple","apples"],["city","cities"],'
                       '["horse","horses"],["child","children"],["mouse","mice"]]')
    monkeypatch.setenv("LECTURE_PLURALITY_NUMBERS",
                       '["one","two","three","four","five","six","seven","eight"]')
    space = _run_layout(embedding.EmbeddingSpaceScene, tmp_path)
    assert all(p.overlaps == 0 for p in space.placement)
    assert all(fits_frame(part) for part in space.frame_parts)
    arithmetic = _run_layout(embedding.EmbeddingArithmeticScene, tmp_path)
    for part in arithmetic.layouts[0]:
        assert fits_frame(part, margin=0.1), part
    assert arithmetic.layouts[0][3].get_bottom()[1] > arithmetic.keep[0].get_top()[1] + 0.1
    plural = _run_layout(plurality.PluralityScene, tmp_path)
    assert fits_frame(plural.pairs_chart, margin=0.1)
    assert fits_frame(plural.numbers_chart, margin=0.1)


@pytest.mark.render
def test_plurality_scene_layout(tmp_path: Path) -> None:
    scene = _run_layout(plurality.PluralityScene, tmp_path)
    assert fits_frame(scene.header) and fits_frame(scene.numbers_chart, margin=0.1)
    assert fits_frame(scene.idea, margin=0.1)
    assert fits_frame(scene.pairs_chart, margin=0.1)
    assert fits_frame(scene.spin, margin=0.1)
    _assert_narrated(scene, 8)


# ---------------------------------------------------------------- renders


@pytest.mark.render
@pytest.mark.parametrize(("module", "scene"), WORD_SCENES)
def test_word_scene_renders(module: str, scene: str, tmp_path: Path) -> None:
    frame = render_scene(module, scene, tmp_path, frame_rate=2)  # captions checked there too
    assert frame.std() > 3  # not blank


@pytest.mark.render
def test_plurality_last_frame(tmp_path: Path, update_frames: bool) -> None:
    frame = render_scene("plurality", "PluralityScene", tmp_path)
    check_frame("plurality_last", frame, update_frames)


def test_similar_words_show_the_real_ranking() -> None:
    from scenes.similar import SEARCH_DEPTH, SimilarWordsScene

    e = load_config().embedding
    shown = SimilarWordsScene().gather()
    deep = words.neighbours(e.similar_word, SEARCH_DEPTH)
    assert shown.top_words == deep.words[: e.similar_top]
    assert shown.top_similarities == deep.similarities[: e.similar_top]
    for w, rank in zip(shown.expected, shown.expected_ranks, strict=True):
        assert rank is None or deep.words[rank - 1] == w
    if e.similar_word == "cat" and load_config().models.words == words.DEFAULT_WORD_MODEL:
        assert dict(zip(shown.expected, shown.expected_ranks, strict=True)) == {
            "beast": 15, "monster": 13}  # GloVe 6B 50d, as the chapter's animation found
    assert shown.vocab_size == 400_000


@pytest.mark.render
def test_similar_words_scene_renders(tmp_path: Path) -> None:
    frame = render_scene("similar", "SimilarWordsScene", tmp_path)
    assert frame.std() > 3


@pytest.mark.parametrize("end", [(2.0, 0.0), (0.0, -1.5), (1.0, 1.0), (-0.3, 2.0)])
def test_ray_shift_puts_a_label_just_past_the_line(end: tuple[float, float]) -> None:
    size, gap = (1.2, 0.3), 0.05
    tip = np.asarray(end, dtype=float)
    d = line_direction(np.zeros(2), tip)
    centre = tip + ray_shift(d, size, gap)
    box = (centre[0] - 0.6, centre[1] - 0.15, centre[0] + 0.6, centre[1] + 0.15)
    # the line, carried on past its end, meets the box's edge exactly ``gap`` further on
    assert box_distance(box, (tip + d * gap)[None, :])[0] == pytest.approx(0.0, abs=1e-9)
    assert box_distance(box, (tip + d * (gap - 0.01))[None, :])[0] > 0
    assert abs(d[0] * centre[1] - d[1] * centre[0]) < 1e-9  # centred on the line
    # an offset moves it further along the line and across it
    moved = tip + ray_shift(d, size, gap, (0.3, 0.2))
    assert (moved - centre) @ d == pytest.approx(0.3)
    assert (moved - centre) @ np.array([-d[1], d[0]]) == pytest.approx(0.2)


def test_slice_hint_names_the_word_drawn_farthest() -> None:
    from types import SimpleNamespace

    at = np.array([[0.0, 0.0], [0.5, 0.0], [3.0, 1.0], [0.0, -1.0]])
    assert embedding.farthest_on_screen(at, 0, [1, 2, 3]) == 2
    assert embedding.farthest_on_screen(at, 0, []) is None
    s: Any = SimpleNamespace(neighbours=("towers", "gate", "roof"), neighbour_word="tower",
                             dimensions=50)
    text, word = embedding.slice_hint(s, 1)  # the second closest is drawn farthest
    assert word == "gate"
    assert text == ("on screen gate is the farthest of these 3 from \u201ctower\u201d, yet in "
                    "all 50 dimensions it is the second closest.")
    # drawn farthest and also the least similar: nothing misleads, the general remark stays
    assert embedding.slice_hint(s, 2)[1] == "" and embedding.slice_hint(s, None)[1] == ""
