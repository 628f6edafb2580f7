"""The chapter's frame (scenes/intro.py, scenes/outro.py): the numbers each scene shows are the
facts layer's, every scene renders with everything inside the frame at every beat, and one last
frame is checked against a reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import check_frame, render_scene

from livenumbers import gpt, tokens, words
from livenumbers.config import load_config
from scenes import intro, outro
from scenes.common.widgets import fits_frame

FRAME_SCENES = (("intro", "TitleScene"), ("intro", "DataFlowScene"),
                ("intro", "WeightsVsDataScene"), ("outro", "UpNextScene"))
RENDER_HEIGHT = 180


def _gather(cls: type) -> dict:
    scene = cls()
    scene.gather()
    return scene.shown


# ---------------------------------------------------------------- data: shown == facts


def test_title_names_the_live_models() -> None:
    cfg = load_config()
    shown = _gather(intro.TitleScene)
    assert shown["gpt_model_id"] == gpt.tally(cfg.models.gpt).model_id
    assert shown["words_model_id"] == words.model_id_for(cfg.models.words)
    # the id named on screen is the one the word-vector facts record
    assert shown["words_model_id"] == words.similarity("king", "queen").model_id


def test_data_flow_shows_the_prompts_facts() -> None:
    cfg = load_config()
    prompt, spec = cfg.generation.prompt, cfg.models.gpt
    shown = _gather(intro.DataFlowScene)
    tok = tokens.tokenize(prompt)
    emb = gpt.embedding_columns(prompt, head=intro.HEAD, spec=spec)
    nxt = gpt.next_token(prompt, 1.0, top=cfg.generation.top, spec=spec)
    tally = gpt.tally(spec)
    keep = min(len(tok.pieces), intro.MAX_TOKENS)
    assert shown["gpt2_tokens"] is True
    assert shown["pieces"] == tok.pieces[-keep:]
    assert shown["columns"] == emb.columns[-keep:]
    assert shown["hidden_tokens"] == len(tok.pieces) - keep
    assert (shown["top_pieces"], shown["top_probs"]) == (nxt.pieces, nxt.probs)
    assert shown["temperature"] == 1.0
    assert (shown["layers"], shown["vocab"], shown["dim"]) == (tally.layers, tally.vocab_size,
                                                               tally.dim)
    assert shown["gpt3_layers"] == gpt.GPT3_LAYERS == 96
    assert shown["model_id"] == nxt.model_id == tally.model_id


def test_data_flow_long_prompt_keeps_the_last_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "It was the best of times, it was the worst of times, it was the age of"
    monkeypatch.setenv("LECTURE_GENERATION_PROMPT", f'"{text}"')
    shown = _gather(intro.DataFlowScene)
    pieces = tokens.tokenize(text).pieces
    assert len(pieces) > intro.MAX_TOKENS
    assert shown["pieces"] == pieces[-intro.MAX_TOKENS:]
    assert shown["hidden_tokens"] == len(pieces) - intro.MAX_TOKENS


def test_weights_vs_data_shows_real_weights_and_references() -> None:
    cfg = load_config()
    spec = cfg.models.gpt
    shown = _gather(intro.WeightsVsDataScene)
    unemb = gpt.unembedding(cfg.unembedding.prompt, top=8, spec=spec)
    assert shown["real_product"] is True  # the small GPT ties W_U to W_E
    assert shown["hidden_head"] == unemb.hidden[:3]
    assert shown["w_u_shape"] == unemb.w_u_shape
    for piece, row, logit in zip(shown["row_pieces"], shown["w_u_rows"], shown["logits"],
                                 strict=True):
        k = unemb.top_pieces.index(piece)
        assert logit == unemb.top_logits[k]
        assert row == gpt.embedding_columns(piece, head=3, spec=spec).columns[0]
    assert shown["row_pieces"] == unemb.top_pieces[:3]
    assert shown["small_total"] == gpt.tally(spec).total
    assert (shown["gpt3_total"], shown["gpt3_matrices"]) == (gpt.GPT3_TOTAL_WEIGHTS,
                                                             gpt.GPT3_MATRICES)
    assert len(shown["categories"]) == 8


def test_up_next_model_starts_from_the_same_vector() -> None:
    cfg = load_config()
    shown = _gather(outro.UpNextScene)
    assert shown["pieces"] == tuple(tokens.tokenize(p).pieces for p in outro.PHRASES)
    for pieces, k in zip(shown["pieces"], shown["word_index"], strict=True):
        assert pieces[k] == " model"
    first, second = shown["start_vectors"]
    assert first == second  # plucked from the same column of W_E
    emb = gpt.embedding_columns(" model", head=outro.HEAD, spec=cfg.models.gpt)
    assert first == emb.columns[0]
    assert shown["gpt_model_id"] == gpt.tally(cfg.models.gpt).model_id


def test_word_index_falls_back_to_the_last_token() -> None:
    assert outro.word_index(("a", " fashion", " model"), "model") == 2
    assert outro.word_index(("a", " fashion", " models"), "model") == 2
    assert outro.word_index(("model", " of", " a"), "model") == 0


def test_entry_format_keeps_its_width() -> None:
    assert [len(intro.entry(v)) for v in (0.003, -0.05, 5.16, -9.99)] == [6, 6, 6, 6]
    assert intro.entry(123.4) == "+123.4"


# ---------------------------------------------------------------- renders


def _checked(cls: type) -> type:
    """A subclass that records, at every beat, any mobject that leaves the frame."""

    class Checked(cls):  # type: ignore[misc, valid-type]
        outside: list[str] = []

        def beat(self, notes: str = "") -> None:
            assert notes.strip(), "every beat needs presenter notes"
            for mob in self.mobjects:
                if mob.get_family() and mob.width > 0 and not fits_frame(mob):
                    box = [round(float(v), 2) for v in (mob.get_left()[0], mob.get_right()[0],
                                                        mob.get_bottom()[1], mob.get_top()[1])]
                    Checked.outside.append(f"beat {len(self.notes_log)}: "
                                           f"{type(mob).__name__} x/y extent {box}")
            super().beat(notes)

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
    frame = render_scene(module, checked.__name__, media, pixel_height=RENDER_HEIGHT)
    assert frame.shape == (RENDER_HEIGHT, RENDER_HEIGHT * 16 // 9, 3)
    assert frame.std() > 3, "the last frame is blank"
    assert checked.outside == [], checked.outside
    if scene == "UpNextScene":  # the credits: no model-dependent number but the model ids
        check_frame("outro_UpNextScene", frame, update_frames)
