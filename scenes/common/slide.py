"""The slide base classes every scene uses.

A scene is a manim-slides ``Slide`` (or ``ThreeDSlide``): ``beat(notes)`` marks a pause for the
presenter (with speaker notes) and is a plain continuation when rendered as one video with
``manim``. Slide files (and their reversed clips) are only written when LECTURE_SLIDES=1
(``./render.sh slides``), so plain renders and stills pay nothing for them.

Scenes gather their numbers first (``gather``), before any animation: a bad word or prompt in
the configuration then stops the render with one readable line, not a traceback.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from pathlib import Path
from typing import Any

from manim import FadeOut, ManimColor, config
from manim_slides import Slide, ThreeDSlide

from livenumbers.config import Config, load_config
from livenumbers.errors import FactsError
from scenes.common import style
from scenes.common.widgets import drop_svg_paths

for name in ("gensim", "transformers", "livenumbers", "urllib3", "filelock"):
    logging.getLogger(name).setLevel(logging.WARNING)


def _fail(scene: str, err: Exception) -> None:
    print(f"error: {scene}: {err}", file=sys.stderr)
    raise SystemExit(2)


class _LectureMixin:
    """Shared behaviour of LectureSlide and LectureThreeDSlide."""

    skip_reversing = True  # reversed clips are not used by our presentations: skip their cost
    READ_HOLD = 0.0  # extra stillness before each pause (a scene dense with text raises it)
    notes_log: list[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "construct" in cls.__dict__:
            original = cls.__dict__["construct"]

            @functools.wraps(original)
            def construct(self: Any) -> None:
                try:
                    original(self)
                except FactsError as err:
                    _fail(type(self).__name__, err)

            cls.construct = construct  # type: ignore[method-assign]

    def setup(self) -> None:
        super().setup()  # type: ignore[misc]
        # Pango lays text out within the frame's pixel width and manim caches the SVG under a
        # name that ignores that width: keep one text cache per width, so a tiny or -ql render
        # never hands its wrapped lines to a -qh render.
        media = Path(config.get_dir("media_dir"))
        config.text_dir = str(media / "texts" / f"{config.pixel_width}px")
        self.camera.background_color = ManimColor(style.BACKGROUND)  # type: ignore[attr-defined]
        self.notes_log = []

    @property
    def lecture(self) -> Config:
        """The lecturer's configuration (data/lecture.toml + LECTURE_* overrides)."""
        return load_config()

    def gather(self) -> Any:
        """Compute every number the scene shows (override). Runs before any animation."""
        return None

    def beat(self, notes: str = "", hold: float | None = None) -> None:
        """A pause for the presenter, with speaker notes; a short hold in a plain video.

        ``hold`` (default READ_HOLD) adds stillness to read what just appeared.
        """
        self.notes_log.append(notes)
        # reading time in the plain video; static frames are cheap to render
        self.wait(1.0 + (self.READ_HOLD if hold is None else hold))
        self.next_slide(notes=notes)  # type: ignore[attr-defined]

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
