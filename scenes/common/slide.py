"""The slide base classes every scene uses.

A scene is a manim-slides ``Slide`` (or ``ThreeDSlide``) told as narrated beats::

    with self.narrate("Softmax turns any list of numbers into probabilities.") as beat:
        self.play(Write(formula), run_time=min(2, beat.duration))

The beat's animations run while its words are said; then the picture holds until they are done
(the words set the pace: scenes/common/narration.py). The same words are the video's captions
(an .srt beside the scene's video), the slide's presenter notes and, with ``[narration] voice``,
a synthetic voice track. In keyboard-paced slides the presenter sets the pace instead, so holds
shrink to a moment. Every scene ends in the chapter's one transition, a short fade through the
background. Slide files (and their reversed clips) are only written when LECTURE_SLIDES=1
(``./render.sh slides``), so plain renders and stills pay nothing for them.

Scenes gather their numbers first (``gather``), before any animation: a bad word or prompt in
the configuration then stops the render with one readable line, not a traceback.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from manim import FadeOut, ManimColor, config
from manim_slides import Slide, ThreeDSlide

from livenumbers.config import Config, load_config
from livenumbers.errors import FactsError
from livenumbers.paths import cache_dir
from scenes.common import narration, style
from scenes.common.limits import check_screen_limits
from scenes.common.widgets import drop_svg_paths

TRANSITION = 0.5  # seconds: every scene fades through the background into the next

for name in ("gensim", "transformers", "livenumbers", "urllib3", "filelock"):
    logging.getLogger(name).setLevel(logging.WARNING)


def _fail(scene: str, err: Exception) -> None:
    print(f"error: {scene}: {err}", file=sys.stderr)
    raise SystemExit(2)


@dataclass(frozen=True)
class Beat:
    """What a beat's animations may use: how long its narration lasts (seconds)."""

    text: str
    duration: float
    start: float = 0.0  # the scene time at which the beat (and its words) began


def voice_note(engine: str, voice: str) -> Any:
    """The line at the bottom edge that says the narration's voice is synthetic."""
    from manim import DOWN

    from scenes.common.widgets import label

    note = label(f"narration: synthetic voice ({engine}, {voice})", style.TINY,
                 color=style.DATA_DIM)
    return note.to_edge(DOWN, buff=0.08)


def _slides_mode() -> bool:
    return os.environ.get("LECTURE_SLIDES") == "1"


class _LectureMixin:
    """Shared behaviour of LectureSlide and LectureThreeDSlide."""

    skip_reversing = True  # reversed clips are not used by our presentations: skip their cost
    notes_log: list[str]
    beats_log: list[tuple[float, float, str]]  # (start, end, narration) of each beat

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "construct" in cls.__dict__:
            original = cls.__dict__["construct"]

            @functools.wraps(original)
            def construct(self: Any) -> None:
                try:
                    original(self)
                except (FactsError, narration.VoiceError) as err:
                    _fail(type(self).__name__, err)
                self.transition_out()

            cls.construct = construct  # type: ignore[method-assign]

    def setup(self) -> None:
        super().setup()  # type: ignore[misc]
        # Pango lays text out within the frame's pixel width and manim caches the SVG under a
        # name that ignores that width: keep one text cache per width, so a tiny or -ql render
        # never hands its wrapped lines to a -qh render. Text and TeX are cached per scene:
        # scenes rendering in parallel in one shared folder race (one finds the other's .dvi and
        # skips LaTeX, the other's clean-up deletes it before it is converted: "does not
        # support converting .dvi files to SVG"); per scene, each keeps its own cache.
        media, scene = Path(config.get_dir("media_dir")), type(self).__name__
        config.text_dir = str(media / "texts" / f"{config.pixel_width}px" / scene)
        config.tex_dir = str(media / "Tex" / scene)
        self.camera.background_color = ManimColor(style.BACKGROUND)  # type: ignore[attr-defined]
        self.notes_log = []
        self.beats_log = []

    @property
    def lecture(self) -> Config:
        """The lecturer's configuration (data/lecture.toml + LECTURE_* overrides), with the
        scenes' screen limits checked."""
        return check_screen_limits(load_config())

    def gather(self) -> Any:
        """Compute every number the scene shows (override). Runs before any animation."""
        return None

    @contextmanager
    def narrate(self, text: str, min_hold: float = narration.MIN_HOLD) -> Iterator[Beat]:
        """One narrated beat: run its animations inside; the picture then holds for the words.

        Starts a slide with the words as its presenter notes, starts the voice clip (if a voice
        is on) and writes the beat's captions.
        """
        text = " ".join(text.split())
        n = self.lecture.narration
        # a slide starts here: manim-slides gives these notes to the slide about to begin
        self.next_slide(notes=text)  # type: ignore[attr-defined]
        self.notes_log.append(text)
        start = self.renderer.time  # type: ignore[attr-defined]
        speech = narration.speech_seconds(text, n.words_per_minute)
        if n.voice != "off" and not _slides_mode():
            digest = hashlib.sha256(f"{n.voice}|{n.voice_name}|{n.words_per_minute}|"
                                    f"{narration.spoken(text)}"
                                    .encode()).hexdigest()[:20]
            clip = cache_dir() / "voice" / f"{digest}.wav"
            speech = narration.synthesize(text, clip, n.voice, n.voice_name,
                                          n.words_per_minute) + narration.LEAD_OUT
            self.add_sound(str(clip))  # type: ignore[attr-defined]
            if not getattr(self, "_voice_note", None):
                self._voice_note = voice_note(n.voice, n.voice_name)
                if hasattr(self, "add_fixed_in_frame_mobjects"):  # 3-D scenes
                    self.add_fixed_in_frame_mobjects(self._voice_note)
                self.add(self._voice_note)
        yield Beat(text, speech, start)
        elapsed = self.renderer.time - start  # type: ignore[attr-defined]
        if _slides_mode():
            rest = narration.SLIDE_HOLD
        else:
            rest = max(speech - elapsed, min_hold)
        self.wait(rest)
        end = self.renderer.time  # type: ignore[attr-defined]
        # manim writes captions beside the video; a still (-s) has none
        cues = [] if config.save_last_frame else narration.caption_cues(text, start, end)
        for cue in cues:
            self.add_subcaption(cue.text, duration=cue.end - cue.start,  # type: ignore[attr-defined]
                                offset=cue.start - end)
        self.beats_log.append((start, end, text))

    def wait_for_words(self, beat: Beat, phrase: str) -> None:
        """Hold until the beat's narration has said ``phrase`` (the next motion starts with it).

        In keyboard-paced slides there is no clock to follow, so nothing waits.
        """
        rest = self.seconds_until(beat, phrase, least=0.0)
        if rest > 0.05:
            self.wait(rest)

    def seconds_until(self, beat: Beat, phrase: str, least: float = 0.6) -> float:
        """Seconds from now until the beat's narration has said ``phrase`` (at least ``least``:
        a motion timed to end with the words; in keyboard-paced slides, just ``least``)."""
        if _slides_mode():
            return least
        rest = beat.start + narration.said_at(beat.text, phrase, beat.duration) \
            - self.renderer.time  # type: ignore[attr-defined]
        return max(rest, least)

    def transition_out(self) -> None:
        """The chapter's one transition: everything fades out through the background.

        The scene's last full picture is kept as ``final_frame`` (for stills and tests).
        """
        self.final_frame = self.renderer.get_frame().copy()  # type: ignore[attr-defined]
        # a still (-s) keeps its picture; in slides the presentation fades between slides, so
        # the last slide keeps its picture until the presenter moves on
        if self.mobjects and not config.save_last_frame and not _slides_mode():
            self.clear(run_time=TRANSITION)

    def add(self, *mobjects: Any) -> Any:
        """Scene.add, dropping each glyph's parsed SVG path first (see drop_svg_paths)."""
        for mob in mobjects:
            drop_svg_paths(mob)
        return super().add(*mobjects)  # type: ignore[misc]

    def clear(self, run_time: float = 0.6) -> None:  # type: ignore[override]
        """Fade everything out."""
        if self.mobjects:  # type: ignore[attr-defined]
            self.play(*[FadeOut(m) for m in self.mobjects], run_time=run_time)  # type: ignore

    def _save_slides(self, *args: Any, **kwargs: Any) -> None:
        if os.environ.get("LECTURE_SLIDES") != "1" or config.save_last_frame:
            return
        super()._save_slides(*args, **kwargs)  # type: ignore[misc]


class LectureSlide(_LectureMixin, Slide):
    """Base class of the 2-D scenes."""


class LectureThreeDSlide(_LectureMixin, ThreeDSlide):
    """Base class of the 3-D scenes."""
