"""Narration timing and captions (pure), and the voice option's errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from livenumbers.config import ConfigError, load_config
from scenes.common import narration


def test_a_beat_lasts_as_long_as_its_words_at_the_lecturers_pace() -> None:
    text = " ".join(["word"] * 155)
    assert narration.speech_seconds(text) == pytest.approx(60 + narration.LEAD_OUT)
    assert narration.speech_seconds(text, wpm=310) == pytest.approx(30 + narration.LEAD_OUT)


def test_captions_are_short_ordered_and_cover_the_beat() -> None:
    text = ("Softmax turns a list of numbers into probabilities. It raises e to each number, "
            "adds the results, and divides every term by that sum, so the list adds up to one.")
    cues = narration.caption_cues(text, 10.0, 22.0)
    assert len(cues) >= 2
    assert cues[0].start == 10.0 and cues[-1].end == pytest.approx(22.0, abs=1e-3)
    assert all(a.end == pytest.approx(b.start, abs=1e-3) for a, b in zip(cues, cues[1:],
                                                                            strict=False))
    assert all(len(c.text) <= narration.CUE_CHARS for c in cues)
    assert " ".join(c.text for c in cues) == text


def test_srt_round_trip(tmp_path: Path) -> None:
    cues = [narration.Cue(0.0, 1.5, "one"), narration.Cue(61.25, 3725.5, "two, é")]
    path = tmp_path / "x.srt"
    narration.write_srt(cues, path)
    assert "00:01:01,250 --> 01:02:05,500" in path.read_text()
    assert narration.parse_srt(path.read_text()) == cues


def test_voice_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(narration.VoiceError, match="unknown voice engine"):
        narration.synthesize("hi", tmp_path / "a.wav", "festival", "en", 150)
    monkeypatch.setattr(narration.shutil, "which", lambda _: None)
    with pytest.raises(narration.VoiceError, match="apt-get install -y espeak-ng"):
        narration.synthesize("hi", tmp_path / "a.wav", "espeak-ng", "en", 150)


def test_unknown_voice_name_is_one_line(tmp_path: Path) -> None:
    if narration.shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (the voice is optional)")
    with pytest.raises(narration.VoiceError, match="--voices"):
        narration.synthesize("hi", tmp_path / "a.wav", "espeak-ng", "xx-nonexistent", 150)
    assert not list(tmp_path.glob("*.wav"))


def test_narration_config_is_validated_once() -> None:
    assert load_config().narration.voice == "off"
    with pytest.raises(ConfigError, match=r"\[narration\] voice must be"):
        load_config(environ={"LECTURE_NARRATION_VOICE": "loud"})
    with pytest.raises(ConfigError, match="words_per_minute"):
        load_config(environ={"LECTURE_NARRATION_WORDS_PER_MINUTE": "20"})


@pytest.mark.render
def test_voiced_render_has_speech_and_says_it_is_synthetic(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if narration.shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (the voice is optional)")
    import av
    from conftest import render_scene

    monkeypatch.setenv("LECTURE_NARRATION_VOICE", "espeak-ng")
    monkeypatch.setenv("LIVENUMBERS_CACHE", str(tmp_path / "cache"))
    render_scene("softmax", "SoftmaxScene", tmp_path)
    video = next((tmp_path / "media").rglob("SoftmaxScene.mp4"))
    with av.open(str(video)) as container:
        assert [s.type for s in container.streams].count("audio") == 1
        assert container.streams.audio[0].duration
    clips = list((tmp_path / "cache" / "voice").glob("*.wav"))
    assert len(clips) >= 5  # one clip per beat


def test_voice_note_names_the_engine() -> None:
    from scenes.common.slide import voice_note

    note = voice_note("espeak-ng", "en-us")
    assert note.original_text.startswith("narration: synthetic voice (espeak-ng")


def test_captions_never_leave_a_lone_word_behind() -> None:
    text = ("It is as if we can measure how plural the model finds a word, and the values keep "
            "climbing from the word zero up to the word one.")
    pieces = narration._pieces(text)
    assert all(len(p.split()) >= 3 for p in pieces), pieces
    assert " ".join(pieces) == text
    assert narration._pieces("The first idea matters a lot. Yes.") == [
        "The first idea matters a lot. Yes."]


def test_matrix_names_are_written_in_captions_and_spoken_as_letters() -> None:
    text = "It is multiplied by W_U, the unembedding matrix; W_E comes first."
    said = "It is multiplied by W U, the unembedding matrix; W E comes first."
    assert narration.spoken(text) == said
    assert narration.speech_seconds(text) == narration.speech_seconds(narration.spoken(text))
    assert "W_U" in " ".join(c.text for c in narration.caption_cues(text, 0.0, 5.0))
