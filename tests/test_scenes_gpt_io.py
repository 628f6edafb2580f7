"""The GPT's input and output ends: tokens, unembedding, context size, parameter tally.

Data tests check that what each scene draws (the facts its ``gather()`` returns) is exactly
what the facts layer returns for the configured knobs; layout tests walk every narrated beat
(animations skipped) and check that nothing leaves the frame, no text overlaps and the
narration covers the video; render tests make tiny videos whose captions cover them; one last
picture (before the closing fade) is compared.
"""

from __future__ import annotations

import importlib
import math
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import check_frame, render_scene

from livenumbers import gpt
from livenumbers import tokens as bpe
from livenumbers.config import load_config

SCENES = (
    ("tokens", "TokensScene"),
    ("unembedding", "UnembeddingScene"),
    ("context", "ContextSizeScene"),
    ("tally", "ParameterTallyScene"),
)


def gathered(module: str, scene: str) -> Any:
    """A scene's numbers, computed without rendering."""
    cls = getattr(importlib.import_module(f"scenes.{module}"), scene)
    return cls().gather()


# ---------------------------------------------------------------- data


def test_tokens_scene_shows_the_tokenizer_and_w_e() -> None:
    from scenes.tokens import HEAD, MAX_TOKENS

    cfg = load_config()
    s = gathered("tokens", "TokensScene")
    tok = bpe.tokenize(cfg.tokens.text)
    cols = gpt.embedding_columns(cfg.tokens.text, head=HEAD, spec=cfg.models.gpt)
    n = min(len(tok.ids), MAX_TOKENS)
    assert s.ids == tok.ids[:n]
    assert s.pieces == tok.pieces[:n]
    assert s.hidden_tokens == len(tok.ids) - n
    assert s.vocab_size == bpe.VOCAB_SIZE == 50_257
    assert s.columns == cols.columns[:n]
    assert all(len(c) == HEAD for c in s.columns)
    assert s.w_e_shape == cols.w_e_shape
    vocab, dim = cols.w_e_shape
    assert s.w_e_weights == vocab * dim
    t = gpt.tally(cfg.models.gpt)
    embedding = [w for c, w in zip(t.categories, t.weights, strict=True) if "embedding" in c]
    assert embedding == [s.w_e_weights]
    assert s.gpt3_weights == gpt.GPT3_EMBEDDING_WEIGHTS == 617_558_016
    assert s.gpt3_total == gpt.GPT3_TOTAL_WEIGHTS
    assert (s.gpt3_vocab, s.gpt3_dim) == (50_257, 12_288)
    assert s.model_id == cols.model_id


def test_tokens_scene_follows_a_config_override(monkeypatch: pytest.MonkeyPatch) -> None:
    from scenes.tokens import MAX_TOKENS

    text = "Tokenization splits unbelievably long sentences into many, many small pieces indeed"
    monkeypatch.setenv("LECTURE_TOKENS_TEXT", text)
    s = gathered("tokens", "TokensScene")
    tok = bpe.tokenize(text)
    assert len(tok.ids) > MAX_TOKENS  # the cap is exercised
    assert s.text == text
    assert s.pieces == tok.pieces[:MAX_TOKENS]
    assert s.hidden_tokens == len(tok.ids) - MAX_TOKENS
    assert s.quoted == text  # short enough to quote whole


def test_quoted_sentence_is_one_short_line() -> None:
    from scenes.tokens import QUOTE_CHARS, quote_text

    assert quote_text("two\nlines  here") == "two lines here"
    long = quote_text("word " * 100)
    assert len(long) <= QUOTE_CHARS and long.endswith("\u2026")


def test_unembedding_scene_shows_w_u_h_and_the_logits() -> None:
    from scenes.unembedding import HEAD, MAX_POSITIONS

    cfg = load_config()
    s = gathered("unembedding", "UnembeddingScene")
    u = gpt.unembedding(cfg.unembedding.prompt, top=cfg.unembedding.top, spec=cfg.models.gpt)
    assert s.hidden == u.hidden[:HEAD]
    assert s.dim == len(u.hidden) == u.w_u_shape[1]
    assert s.w_u_shape == u.w_u_shape
    assert s.logit_count == u.w_u_shape[0] == bpe.VOCAB_SIZE
    assert s.top_pieces == u.top_pieces and len(s.top_pieces) == cfg.unembedding.top
    assert s.top_logits == u.top_logits
    assert s.top_probs == u.top_probs
    assert s.max_abs_diff == u.max_abs_diff < 1e-3  # W_U·h is the model's own output
    assert s.rest_prob == pytest.approx(1 - sum(u.top_probs))
    assert s.tied is u.tied is True
    n = min(len(u.pieces), MAX_POSITIONS)
    assert s.pieces == u.pieces[-n:]
    assert len(s.predictions) == n
    # the last position's own prediction is the top of the distribution the scene shows
    assert s.predictions[-1] == u.top_pieces[0]
    ids = bpe.tokenize(cfg.unembedding.prompt).ids
    first_prefix = bpe.decode(ids[: len(ids) - n + 1])
    assert s.predictions[0] == gpt.next_token(first_prefix, top=1,
                                                 spec=cfg.models.gpt).pieces[0]
    # every prediction comes from the one pass (checked against the prefix run where the
    # prefix re-tokenises to the same ids)
    pp = gpt.position_predictions(cfg.unembedding.prompt, spec=cfg.models.gpt)
    assert s.predictions == pp.predicted[-n:]
    assert s.gpt3_w_u == gpt.GPT3_EMBEDDING_WEIGHTS
    assert s.w_u_weights == u.w_u_shape[0] * u.w_u_shape[1]


def test_narration_quotes_a_token_without_its_space() -> None:
    from scenes.unembedding import spoken_piece

    assert spoken_piece(" man") == "\u201cman\u201d"
    assert spoken_piece(" ") == "the token \u2423"


def test_context_scene_shows_the_context_sizes_and_real_tokens() -> None:
    cfg = load_config()
    g, c = cfg.generation, cfg.context
    s = gathered("context", "ContextSizeScene")
    t = gpt.tally(cfg.models.gpt)
    assert (s.context, s.dim) == (t.context, t.dim)
    assert (s.gpt3_context, s.gpt3_dim) == (gpt.GPT3_CONTEXT, gpt.GPT3_DIM) == (2_048,
                                                                                      12_288)
    story = gpt.generate(g.prompt, steps=c.story_tokens, temperature=g.temperature, seed=g.seed,
                         top=g.top, spec=cfg.models.gpt)
    prompt = bpe.tokenize(g.prompt).pieces
    assert s.stream == prompt + story.chosen_pieces
    assert s.window == min(c.window, len(s.stream)) < s.context


def test_tally_scene_shows_the_live_tally_and_the_reference() -> None:
    cfg = load_config()
    s = gathered("tally", "ParameterTallyScene")
    t = gpt.tally(cfg.models.gpt)
    assert s.categories == t.categories
    assert s.weights == t.weights
    assert s.total == t.total == sum(t.weights)
    assert s.matrices == sum(t.matrices)
    assert s.tied is t.tied
    assert abs(sum(s.shares) - 1) < 1e-9
    embedding = [w for c, w in zip(t.categories, t.weights, strict=True) if "embedding" in c]
    assert s.embedding_share == pytest.approx(sum(embedding) / t.total)
    assert s.gpt3_total == gpt.GPT3_TOTAL_WEIGHTS
    assert s.gpt3_embed_both == 2 * 617_558_016
    assert 0.006 < s.gpt3_embed_share < 0.008  # "about 0.7%" of 175B
    assert len(s.gpt3_categories) == 8 and s.gpt3_matrices < 28_000


# ---------------------------------------------------------------- layout at every beat


def _texts(mobjects: list) -> list:
    """Visible Text/MathTex mobjects on screen (not descending into them)."""
    from manim import MathTex, SingleStringMathTex, Tex, Text

    found = []

    def walk(mob) -> None:
        if isinstance(mob, Text | MathTex | SingleStringMathTex | Tex):
            if max(m.get_fill_opacity() for m in mob.family_members_with_points()) > 0.05:
                found.append(mob)
            return
        for sub in mob.submobjects:
            walk(sub)

    for mob in mobjects:
        walk(mob)
    return found


def _overlap(a, b, slack: float = 0.02) -> bool:
    """True when the bounding boxes of ``a`` and ``b`` intersect by more than ``slack``."""
    return (a.get_left()[0] + slack < b.get_right()[0]
            and b.get_left()[0] + slack < a.get_right()[0]
            and a.get_bottom()[1] + slack < b.get_top()[1]
            and b.get_bottom()[1] + slack < a.get_top()[1])


def beat_problems(module: str, scene: str, tmp_path: Path) -> list[str]:
    """Play the scene with animations skipped; at each beat list off-frame or overlapping text."""
    from manim import VMobject, tempconfig

    from scenes.common.widgets import fits_frame

    cls = getattr(importlib.import_module(f"scenes.{module}"), scene)
    problems: list[str] = []

    def inspect(scene: Any, where: str) -> None:
        for mob in scene.mobjects:
            for part in mob.family_members_with_points():
                if not isinstance(part, VMobject):
                    continue
                visible = part.get_fill_opacity() + part.get_stroke_opacity() > 0.05
                if visible and not fits_frame(part):
                    problems.append(f"{where}: off-frame {type(mob).__name__}")
                    break
        texts = _texts(scene.mobjects)
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                if _overlap(a, b):
                    problems.append(f"{where}: overlap {_name(a)!r} / {_name(b)!r} "
                                    f"{a.get_bottom()[1]:.2f}..{a.get_top()[1]:.2f} vs "
                                    f"{b.get_bottom()[1]:.2f}..{b.get_top()[1]:.2f}")

    class Probe(cls):  # type: ignore[misc, valid-type]
        @contextmanager
        def narrate(self, text: str, **kwargs: Any):  # type: ignore[override]
            where = f"beat {len(self.notes_log) + 1}"
            if len(text.split()) < 5:
                problems.append(f"{where}: no real narration ({text!r})")
            with super().narrate(text, **kwargs) as beat:
                yield beat
                inspect(self, where)  # the beat's finished picture, before its hold

    # full-size pixels: Pango wraps Text at the pixel width, so tiny sizes change the layout
    opts = {"pixel_height": 1080, "pixel_width": 1920, "save_last_frame": True,
            "write_to_movie": False, "disable_caching": True, "progress_bar": "none",
            "verbosity": "WARNING", "media_dir": str(tmp_path / "media")}
    with tempconfig(opts):
        probe = Probe()
        probe.render()
    if len(probe.beats_log) < 3:
        problems.append(f"only {len(probe.beats_log)} beats")
    return problems


def _name(mob) -> str:
    return getattr(mob, "text", None) or getattr(mob, "tex_string", None) or type(mob).__name__


@pytest.mark.render
@pytest.mark.parametrize(("module", "scene"), SCENES)
def test_every_beat_fits_and_text_never_overlaps(module: str, scene: str,
                                                 tmp_path: Path) -> None:
    assert beat_problems(module, scene, tmp_path) == []


def test_layout_probe_sees_overlaps_and_off_frame_text() -> None:
    from manim import RIGHT

    from scenes.common.widgets import fits_frame, label

    a, b = label("overlapping"), label("labels")
    assert _overlap(a, b)
    assert not _overlap(a, b.copy().next_to(a, RIGHT))
    assert not fits_frame(label("gone").shift(RIGHT * 8))


# ---------------------------------------------------------------- renders


@pytest.mark.render
@pytest.mark.parametrize(("module", "scene"), SCENES)
def test_scene_renders(module: str, scene: str, tmp_path: Path) -> None:
    frame = render_scene(module, scene, tmp_path)  # also checks the captions cover the video
    assert frame.ndim == 3 and frame.shape[2] == 3
    assert frame.std() > 3  # not blank


@pytest.mark.render
def test_tally_last_frame(tmp_path: Path, update_frames: bool) -> None:
    """The tally depends on the architecture only, so it holds while the checkpoint trains."""
    frame = render_scene("tally", "ParameterTallyScene", tmp_path)
    check_frame("gpt_io_tally", np.asarray(frame), update_frames)


def test_tokens_beyond_text_cut_the_shipped_assets() -> None:
    import wave

    from PIL import Image

    from scenes.beyond_text import ASSETS, TokensBeyondTextScene

    shown = TokensBeyondTextScene().gather()
    with Image.open(ASSETS / "picture.png") as img:
        w, h = img.size
    assert shown.picture_size == (w, h)
    assert len(shown.patches) == (w // shown.patch) * (h // shown.patch)
    assert all(r - left == b - t == shown.patch for left, t, r, b in shown.patches)
    with wave.open(str(ASSETS / "voice.wav")) as clip:
        n, rate = clip.getnframes(), clip.getframerate()
    assert shown.rate == rate and shown.seconds == pytest.approx(n / rate)
    assert shown.chunks[0][0] == 0 and shown.chunks[-1][1] == n
    assert all(a[1] == b[0] for a, b in zip(shown.chunks, shown.chunks[1:], strict=False))
    assert len(shown.chunks) == math.ceil(n / round(rate * shown.chunk_seconds))


@pytest.mark.render
def test_tokens_beyond_text_renders(tmp_path: Path) -> None:
    frame = render_scene("beyond_text", "TokensBeyondTextScene", tmp_path)
    assert frame.std() > 3
