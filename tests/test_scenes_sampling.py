"""Softmax, temperature and generation scenes: their numbers, their layout, their renders."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from conftest import check_frame, render_scene
from manim import tempconfig

from livenumbers import gpt
from livenumbers.config import load_config
from livenumbers.tokens import readable
from scenes.chat import ChatbotScene, dialogue_prompt
from scenes.common import narration, slide
from scenes.common.glyph_number import GlyphNumber
from scenes.common.widgets import drop_svg_paths, fits_frame, label, memo_label, percent
from scenes.generation import PredictSampleRepeatScene, flow_text, repeated_span, running_piece
from scenes.size import TOKENS, WeakVsStrongScene, times_bigger, two_figures
from scenes.softmax import (
    FIGURE_TEMPERATURES,
    SAMPLE_TOKENS,
    SoftmaxScene,
    TemperatureScene,
    motion_time,
    sample_lines,
)

SCENES = (("softmax", SoftmaxScene), ("softmax", TemperatureScene),
          ("generation", PredictSampleRepeatScene), ("size", WeakVsStrongScene),
          ("chat", ChatbotScene))


# ---------------------------------------------------------------- data: shown == facts


def test_softmax_shows_the_facts() -> None:
    cfg = load_config().softmax
    shown = SoftmaxScene().gather()
    assert shown.logits == cfg.logits_demo
    # the two rules a distribution needs, checked against these logits
    outside = sum(not 0 <= x <= 1 for x in cfg.logits_demo)
    rules = [line.text for line in SoftmaxScene._rules(shown, outside)]
    assert f"{outside}ofthese{len(cfg.logits_demo)}" in rules[1].replace(" ", "")
    assert f"{sum(cfg.logits_demo):.2f}" in rules[2]
    expected = gpt.softmax(np.array(cfg.logits_demo), 1.0)
    assert np.allclose(shown.probabilities, expected, atol=0, rtol=0)
    assert np.allclose(shown.exps, [math.exp(x) for x in cfg.logits_demo])
    # the steps on screen agree with each other: e^x / sum = softmax
    assert np.allclose(np.array(shown.exps) / shown.exp_sum, expected)
    assert shown.probabilities_sum == pytest.approx(1.0)
    assert shown.logits_sum == pytest.approx(sum(cfg.logits_demo))
    # the live push: the runner-up logit, and softmax of the pushed logits at every step
    k = shown.drag_index
    assert sorted(cfg.logits_demo)[-2] == cfg.logits_demo[k]
    for v, probs in zip(shown.drag_values, shown.drag_probs, strict=True):
        pushed = np.array([v if i == k else x for i, x in enumerate(cfg.logits_demo)])
        assert np.allclose(probs, gpt.softmax(pushed, 1.0), atol=0, rtol=0)
    assert shown.drag_values[0] == cfg.logits_demo[k] and shown.drag_probs[0] == shown.probabilities
    # everything else on screen follows the same push: e^x of the pushed logit and both sums
    for v, e, e_sum, x_sum in zip(shown.drag_values, shown.drag_exps, shown.drag_exp_sums,
                                  shown.drag_logit_sums, strict=True):
        pushed = [v if i == k else x for i, x in enumerate(cfg.logits_demo)]
        assert e == pytest.approx(math.exp(v))
        assert e_sum == pytest.approx(sum(math.exp(x) for x in pushed))
        assert x_sum == pytest.approx(sum(pushed))
    assert shown.drag_exp_sums[0] == pytest.approx(shown.exp_sum)


def test_temperature_shows_the_facts() -> None:
    cfg = load_config().softmax
    scene = TemperatureScene()
    shown = scene.gather()
    assert shown.t_max >= max(cfg.temperatures)
    sweep = gpt.temperature_sweep(cfg.prompt, cfg.top, shown.t_max)
    assert shown.pieces == sweep.pieces
    assert shown.sweep_temperatures == sweep.temperatures
    assert shown.sweep_probs == sweep.probs
    assert shown.sweep_entropy_bits == sweep.entropy_bits
    assert shown.max_entropy_bits == pytest.approx(math.log2(sweep.vocab_size))
    assert shown.api_cap == gpt.API_TEMPERATURE_CAP
    assert shown.model_id == sweep.model_id
    assert shown.stops == cfg.temperatures
    for t, probs, ent, other in zip(shown.stops, shown.stop_probs,
                                    shown.stop_entropy_bits, shown.stop_other, strict=True):
        nt = gpt.next_token(cfg.prompt, t, cfg.top)
        by_id = dict(zip(nt.ids, nt.probs, strict=True))
        if t > 0:  # at T = 0 ties (all zero) may order the tail differently
            assert probs == tuple(by_id[i] for i in shown.ids)
        assert ent == nt.entropy_bits
        assert other == pytest.approx(1.0 - sum(probs))
        # what the bars and numbers show when the tracker stops at t is exactly the fact
        p, h = scene._at(t)
        assert np.allclose(p, probs, rtol=0, atol=1e-12)
        assert h == pytest.approx(ent, abs=1e-12)
    assert shown.gpt3_figure == gpt.GPT3_TOP_TOKEN_SHARE
    for (t, share), t_fig in zip(shown.figure, FIGURE_TEMPERATURES, strict=True):
        assert t == t_fig
        assert share == gpt.next_token(cfg.prompt, t, 1).probs[0]
    # the sampled text: the model's own tokens at a low T and at the slider's end, seeded
    seed = load_config().generation.seed
    low = min(t for t in cfg.temperatures if 0 < t < shown.t_max)
    assert shown.sample_seed == seed
    assert [g.temperature for g in shown.samples] == [low, shown.t_max]
    for g in shown.samples:
        run = gpt.generate(cfg.prompt, SAMPLE_TOKENS, g.temperature, seed, top=1)
        assert g.chosen_pieces == run.chosen_pieces and g.model_id == shown.model_id
        # the same text, wrapped; newlines drawn as ↵, other control characters as ‹code›
        shown_text = readable(run.chosen_ids).replace("\r", "").replace("\t", " ")
        shown_text = "".join(c if c.isprintable() or c == "\n" else f"\u2039{ord(c):02X}\u203a"
                             for c in shown_text)
        assert "".join(sample_lines(readable(g.chosen_ids), 20)).replace("\u2026", "").replace(
            "\u21b5", "\n").replace(" ", "") == shown_text.replace(" ", "")


def test_temperature_motion_arrives_as_its_value_is_said() -> None:
    text, named = TemperatureScene._notes_for(5.0, 2.0, last=False)
    assert named in text
    when = narration.said_at(text, named, 10.0)
    assert 0 < when < 10.0 * 0.5  # the value is named early in the beat
    beat = slide.Beat(text, 10.0)
    assert motion_time(beat, named) <= when  # the tracker is there by the time it is said
    for t, prev, last in ((2.0, 0.0, False), (0.5, 1.0, False), (0.0, 0.5, False),
                          (1.0, 5.0, True)):
        words, named = TemperatureScene._notes_for(t, prev, last)
        assert named in words and len(words.split()) >= 8


def test_temperature_cues_follow_the_value_in_their_own_words() -> None:
    """After the tracker arrives, each stop lights what its words point at, in spoken order."""
    for t, prev, last in ((2.0, 1.0, False), (0.5, 1.0, False), (0.0, 0.5, False),
                          (5.0, 2.0, False), (1.0, 5.0, True)):
        words, named = TemperatureScene._notes_for(t, prev, last)
        cues = TemperatureScene._cues_for(t, prev, last)
        assert cues and all(what in ("top", "rest", "entropy") for _, what in cues)
        at = [words.index(phrase) for phrase, _ in cues]
        assert words.index(named) < at[0] and at == sorted(at)


def test_waiting_for_words_the_beat_does_not_say_is_one_clear_error() -> None:
    with pytest.raises(ValueError, match="'the slope' is not in this beat's narration"):
        narration.said_at("Softmax turns scores into probabilities.", "the slope", 5.0)


def test_temperature_zero_is_all_on_the_maximum() -> None:
    scene = TemperatureScene()
    scene.gather()
    p, h = scene._at(0.0)
    assert p[0] == 1.0 and p[1:].sum() == 0.0 and h == 0.0


def test_temperature_follows_configured_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LECTURE_SOFTMAX_TEMPERATURES", "[0.7, 7.5]")
    shown = TemperatureScene().gather()
    assert shown.stops == (0.7, 7.5)
    assert shown.t_max == 7.5


def test_generation_shows_the_facts() -> None:
    g = load_config().generation
    shown = PredictSampleRepeatScene().gather()
    top_k = g.top_k or None
    top_p = g.top_p if g.top_p < 1 else None
    run = gpt.generate(g.prompt, g.steps, g.temperature, g.seed, g.top, top_k=top_k, top_p=top_p)
    cold = gpt.generate(g.prompt, g.compare_tokens, 0.0, g.seed, g.top)
    hot = gpt.generate(g.prompt, g.compare_tokens, g.hot_temperature, g.seed, g.top,
                       top_k=top_k, top_p=top_p)
    assert shown.top_k == top_k and shown.top_p == top_p
    assert len(shown.steps) == g.steps
    for k, step in enumerate(shown.steps):
        assert step.pieces == run.step_top_pieces[k]
        assert step.probs == run.step_top_probs[k]
        assert step.chosen == run.chosen_pieces[k]
        assert step.chosen_prob == run.chosen_probs[k]
        row = step.chosen_row
        assert (row is None) == (run.chosen_ids[k] not in run.step_top_ids[k])
        if row is not None:
            assert run.step_top_ids[k][row] == run.chosen_ids[k]
    assert shown.text == run.text
    assert shown.cold_pieces == cold.chosen_pieces and shown.cold_temperature == 0.0
    assert shown.hot_pieces == hot.chosen_pieces
    assert shown.hot_temperature == g.hot_temperature
    assert shown.model_id == run.model_id
    assert shown.cold_probs_t1 == cold.chosen_probs_t1
    assert shown.hot_probs_t1 == hot.chosen_probs_t1


def test_the_strips_show_the_models_own_probability_of_each_written_token() -> None:
    """Checked independently: one forward pass over prompt + text, softmax at T = 1."""
    import torch

    g = load_config().generation
    hot = gpt.generate(g.prompt, 12, g.hot_temperature, g.seed, 1, top_k=g.top_k or None)
    m = gpt.load_gpt("small-gpt")
    prompt_ids = m.encode(g.prompt)
    ids = prompt_ids + list(hot.chosen_ids)
    with torch.no_grad():
        logits = m.model(torch.tensor([ids])).logits[0].double()
    p = torch.softmax(logits, dim=-1)
    want = [float(p[len(prompt_ids) - 1 + k, t]) for k, t in enumerate(hot.chosen_ids)]
    assert np.allclose(hot.chosen_probs_t1, want, rtol=1e-4, atol=1e-7)
    cold = gpt.generate(g.prompt, 12, 0.0, g.seed, 1)
    assert all(q <= 1.0 for q in cold.chosen_probs_t1) and cold.chosen_probs == (1.0,) * 12
    assert cold.chosen_probs_t1[0] == max(gpt.next_token(g.prompt, 1.0, 1).probs)


def test_chatbot_shows_the_models_own_continuation() -> None:
    cfg = load_config()
    c, g = cfg.chat, cfg.generation
    shown = ChatbotScene().gather()
    assert shown.prompt == dialogue_prompt(c.system, c.question)
    assert shown.prompt.endswith(c.question + "\nAI assistant:")
    run = gpt.generate(shown.prompt, c.tokens, g.temperature, c.seed, 1, top_k=g.top_k or None)
    assert shown.pieces == run.chosen_pieces  # exactly the model's tokens
    assert run.text == shown.prompt + "".join(shown.pieces)
    assert shown.model_id == run.model_id and shown.seed == c.seed


def test_the_greedy_loop_the_narration_names_is_in_the_text() -> None:
    assert repeated_span([" a", " man", ",", " and", " the", " LORD", ",", " and", " the",
                          " LORD", ",", " and"]) == ", and the LORD"
    assert repeated_span(["a", "b", "c", "d", "a", "b", "c"]) is None
    shown = PredictSampleRepeatScene().gather()
    loop = repeated_span(shown.cold_pieces)
    assert loop is None or loop in "".join(shown.cold_pieces)


def test_weak_vs_strong_shows_both_models_runs_and_measured_perplexities() -> None:
    g = load_config().generation
    shown = WeakVsStrongScene().gather()
    top_k = g.top_k or None
    assert (shown.prompt, shown.seed, shown.top_k) == (g.prompt, g.seed, top_k)
    for spec, w in ((gpt.EARLY_GPT, shown.weak), ("small-gpt", shown.strong)):
        run = gpt.generate(g.prompt, TOKENS, g.temperature, g.seed, 1, spec=spec, top_k=top_k)
        assert w.pieces == run.chosen_pieces and w.model_id == run.model_id
        card = gpt.held_out(spec)
        assert (w.perplexity, w.tokens_seen) == (card.perplexity, card.tokens_seen)
    assert shown.weak.model_id.startswith("small-gpt-early@")
    # GPT-3's size against ours: the live count and the published figure, said in words
    assert shown.weights == gpt.tally("small-gpt").total
    assert shown.gpt3_weights == gpt.GPT3_TOTAL_WEIGHTS
    assert two_figures(24_133.2) == 24_000 and two_figures(3.456) == 3
    assert times_bigger(24_133) == "tens of thousands of times"
    assert times_bigger(50) == "tens of times" and times_bigger(2e6) == "millions of times"
    # the contrast the narration claims: the early network is far less sure of held-out text
    assert shown.weak.perplexity > 3 * shown.strong.perplexity
    assert shown.weak.tokens_seen < shown.strong.tokens_seen / 10


def test_held_out_refuses_an_evaluation_of_other_weights(tmp_path: Path) -> None:
    import json
    import shutil

    folder = tmp_path / "model"
    shutil.copytree(gpt.NAMED_DIRS[gpt.EARLY_GPT], folder)
    card = json.loads((folder / "eval.json").read_text())
    card["model_id"] = "small-gpt-early@000000000000"
    (folder / "eval.json").write_text(json.dumps(card))
    with pytest.raises(gpt.FactsError, match="not on these weights.*re-run python tools/eval"):
        gpt.held_out(str(folder))
    (folder / "eval.json").unlink()
    with pytest.raises(gpt.ModelFileError, match="no usable eval.json"):
        gpt.held_out(str(folder))


# ---------------------------------------------------------------- layout helpers


def test_glyph_number_keeps_its_place() -> None:
    num = GlyphNumber(2.0, "{:6.2f}%")
    num.move_to([1.0, -2.0, 0.0], aligned_edge=np.array([-1.0, 0.0, 0.0]))
    left = num.get_left()[0]
    for v in (0.0, 44.82, 100.0, 7.5):
        num.set_value(v)
        assert num.get_left()[0] == pytest.approx(left)
        assert num.get_value() == v
    one, hundred = GlyphNumber(1.0, "{:.2f}"), GlyphNumber(100.0, "{:.2f}")
    assert hundred.width > one.width  # more digits drawn
    num.scale(2)
    w = num.width
    num.set_value(13.0)
    num.set_value(7.5)
    assert num.width == pytest.approx(w)  # the scale survives a change


def test_flow_text_wraps_between_words() -> None:
    chunks = ["Once upon a time there was a", "piece", " of", "\n", " cake", " and",
              " a", " very", " long", " story"]
    colors = ["#888888"] + ["#ffffff"] * (len(chunks) - 1)
    flow = flow_text([running_piece(c) for c in chunks], colors, width=3.0)
    assert len(flow.lines) > 1
    assert all(line.width <= 3.0 + 0.1 for line in flow.lines)
    # "a" + "piece" is one word: the prompt's last glyph and "piece" share a line
    assert flow.chunks[0][-1].get_y() == pytest.approx(flow.chunks[1].get_y(), abs=0.15)
    # every line starts at the same x (the height strut is removed after the layout)
    lefts = [line.get_left()[0] for line in flow.lines]
    assert max(lefts) - min(lefts) < 0.12
    assert len(flow.chunks) == len(chunks)


def test_percent_format_reads_tiny_samples() -> None:
    assert percent(2.2e-5) == "0.0022%"
    assert percent(0.448) == "44.8%"
    assert percent(1.0) == "100%"
    assert percent(0.0) == "0%"


def test_dropping_svg_paths_keeps_the_glyphs() -> None:
    text = label("probability")
    points = [m.points.copy() for m in text.family_members_with_points()]
    assert any(getattr(m, "path_obj", None) is not None for m in text.get_family())
    drop_svg_paths(text)
    assert all(getattr(m, "path_obj", None) is None for m in text.get_family())
    after = [m.points for m in text.family_members_with_points()]
    assert len(after) == len(points)
    assert all(np.array_equal(a, b) for a, b in zip(after, points, strict=True))
    copy = text.copy()  # copies still work (and are what the drop makes cheap)
    assert np.array_equal(copy[0].points, text[0].points)


def test_memo_label_is_a_fresh_copy_in_the_asked_colour() -> None:
    a = memo_label("the", 22, color="#ff0000")
    b = memo_label("the", 22, color="#00ff00")
    assert a is not b and a.width == pytest.approx(b.width)
    assert a[0].get_fill_color().to_hex().lower() == "#ff0000"
    assert b[0].get_fill_color().to_hex().lower() == "#00ff00"


@pytest.mark.render  # builds the whole scene (no frames drawn): seconds, not milliseconds
@pytest.mark.parametrize(("module", "cls"), SCENES, ids=[c.__name__ for _, c in SCENES])
def test_every_beat_fits_the_frame(module: str, cls: type, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """At every beat (and at the end) everything on screen lies inside the 16:9 frame."""
    problems: list[str] = []
    beats = [0]
    original = slide._LectureMixin.narrate

    def check(scene: object, where: str) -> None:
        for mob in scene.mobjects:  # type: ignore[attr-defined]
            if mob.get_family() and mob.has_points() or any(m.has_points()
                                                             for m in mob.get_family()):
                if not fits_frame(mob, margin=0.1):
                    problems.append(f"{where}: {type(mob).__name__} at {mob.get_center()}")

    @contextmanager
    def narrate(self: object, text: str, **kwargs: object) -> Iterator[object]:
        assert len(text) > 40, "every beat needs real narration"
        with original(self, text, **kwargs) as beat:  # type: ignore[arg-type]
            yield beat
        check(self, f"beat {beats[0]}")  # the beat's finished picture
        beats[0] += 1

    monkeypatch.setattr(slide._LectureMixin, "narrate", narrate)
    # full-size pixels: Pango wraps a Text wider than config.pixel_width, so a tiny config
    # would lay out long lines differently from a real render (no frames are drawn here)
    with tempconfig({"save_last_frame": True, "write_to_movie": False, "disable_caching": True,
                     "media_dir": str(tmp_path), "pixel_height": 1080, "pixel_width": 1920,
                     "verbosity": "WARNING", "progress_bar": "none"}):
        scene = cls()
        scene.render()
        check(scene, "end")
    assert beats[0] >= 3
    assert not problems, problems


# ---------------------------------------------------------------- renders


@pytest.mark.render
@pytest.mark.parametrize(("module", "cls"), SCENES, ids=[c.__name__ for _, c in SCENES])
def test_scene_renders(module: str, cls: type, tmp_path: Path) -> None:
    frame = render_scene(module, cls.__name__, tmp_path)
    assert frame.std() > 3


@pytest.mark.render
def test_softmax_last_frame(tmp_path: Path, update_frames: bool) -> None:
    """SoftmaxScene depends only on the lecturer's example logits, not on the training GPT."""
    frame = render_scene("softmax", "SoftmaxScene", tmp_path)
    check_frame("softmax_SoftmaxScene", frame, update_frames)


def test_the_end_of_text_token_reads_as_words_in_running_text() -> None:
    from livenumbers.tokens import END_OF_TEXT
    from scenes.generation import END_OF_TEXT_SHOWN

    assert running_piece(END_OF_TEXT) == END_OF_TEXT_SHOWN
    assert "end of text" in END_OF_TEXT_SHOWN and "<|" not in END_OF_TEXT_SHOWN
    assert running_piece(" a\n") == " a \u21b5 "
