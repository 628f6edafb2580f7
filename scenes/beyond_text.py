"""Tokens beyond text (the chapter's data-flow section, 3:03-3:40): a picture cut into patches and
a sound cut into short chunks, each piece becoming one token, as text is cut into words.

    manim -pql scenes/beyond_text.py TokensBeyondTextScene
The picture and the sound are the project's own illustrations (assets/, made by
tools/make_assets.py, CC0); the cuts are computed from the files when the scene is rendered.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    LaggedStart,
    Line,
    Rectangle,
    Square,
    VGroup,
    VMobject,
)
from manim.utils.color import rgb_to_color
from PIL import Image

from livenumbers import tokens as bpe
from livenumbers.errors import FactsError
from scenes.common import style
from scenes.common.motion import light, light_in_turn
from scenes.common.slide import LectureSlide
from scenes.common.widgets import fit_width, label, scene_title, stage_note
from scenes.tokens import token_row

__all__ = ["TokensBeyondTextScene", "BeyondTextFacts", "ASSETS", "patch_boxes", "chunk_bounds"]

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PATCH = 64  # pixels per side of an image patch
PIXELS = 8  # squares per side drawn for each patch (the picture downsampled to draw it)
CHUNK_S = 0.2  # seconds per sound chunk
SAFE_WIDTH = 12.0  # the widest row (patches, sound pieces): about a unit clear of each edge
GAP = 0.12  # the space opened between sound pieces once cut apart


def patch_boxes(width: int, height: int, patch: int) -> tuple[tuple[int, int, int, int], ...]:
    """The (left, top, right, bottom) pixel boxes of the patches, row by row."""
    return tuple((c * patch, r * patch, (c + 1) * patch, (r + 1) * patch)
                 for r in range(height // patch) for c in range(width // patch))


def chunk_bounds(n_samples: int, rate: int, seconds: float) -> tuple[tuple[int, int], ...]:
    """The (start, end) sample indices of consecutive chunks of ``seconds`` each."""
    step = int(round(rate * seconds))
    return tuple((a, min(a + step, n_samples)) for a in range(0, n_samples, step))


@dataclass(frozen=True)
class BeyondTextFacts:
    """What TokensBeyondTextScene draws: the picture's patch grid and the sound's chunks."""

    picture: str
    picture_size: tuple[int, int]
    patch: int
    patches: tuple[tuple[int, int, int, int], ...]
    sound: str
    rate: int
    seconds: float
    chunk_seconds: float
    chunks: tuple[tuple[int, int], ...]
    envelope: tuple[float, ...]  # the waveform drawn: peak amplitude per drawn column


def _read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path)) as clip:
        rate, n = clip.getframerate(), clip.getnframes()
        raw = np.frombuffer(clip.readframes(n), dtype="<i2")
    return raw.astype(np.float64) / 32768.0, rate


def vectors(xs: list[float], top: float, height: float = 0.75) -> VGroup:
    """One data vector (a gray column of entries) hanging below each x, from ``top`` down."""
    out = VGroup()
    for x in xs:
        cells = VGroup(*[Rectangle(width=0.14, height=height / 5, stroke_width=1,
                                   stroke_color=style.DATA, fill_color=style.DATA,
                                   fill_opacity=0.25 + 0.12 * ((k * 7 + int(x * 10)) % 5))
                         for k in range(5)]).arrange(DOWN, buff=0)
        out.add(cells.move_to([x, top - height / 2, 0]))
    return out


class TokensBeyondTextScene(LectureSlide):
    """A picture becomes patch tokens and a sound becomes chunk tokens."""

    COLUMNS = 240  # waveform columns drawn

    def gather(self) -> BeyondTextFacts:
        """Cut the shipped picture and sound (assets/) as a vision or audio model would."""
        pic, snd = ASSETS / "picture.png", ASSETS / "voice.wav"
        for path in (pic, snd):
            if not path.is_file():
                raise FactsError(f"{path} is missing; recreate it with "
                                 "python tools/make_assets.py or restore assets/ from git.")
        with Image.open(pic) as img:
            size = img.size
        samples, rate = _read_wav(snd)
        cols = np.array_split(np.abs(samples), self.COLUMNS)
        return BeyondTextFacts(
            picture=str(pic), picture_size=size, patch=PATCH,
            patches=patch_boxes(size[0], size[1], PATCH), sound=str(snd), rate=rate,
            seconds=samples.size / rate, chunk_seconds=CHUNK_S,
            chunks=chunk_bounds(samples.size, rate, CHUNK_S),
            envelope=tuple(float(c.max()) for c in cols))

    def construct(self) -> None:
        f = self.gather()
        title = scene_title("Tokens beyond text")
        note = stage_note("picture and sound: made for this film, CC0 (see the credits)")
        cols, rows = f.picture_size[0] // f.patch, f.picture_size[1] // f.patch
        tiles = self._tiles(f, cols, rows)
        picture = VGroup(*tiles)
        picture.next_to(title, DOWN, buff=0.5).set_x(0)
        first = "Text is not the only thing a transformer can read."
        text = self._text_tokens(first)
        with self.narrate(f"{first} What it needs is a sequence of pieces, and almost anything "
                          "can be cut into pieces. Take a picture.") as beat:
            self.play(FadeIn(title), FadeIn(note),
                      LaggedStart(*[FadeIn(b, shift=DOWN * 0.15) for b in text[0]],
                                  lag_ratio=0.1), FadeIn(text[1]), run_time=1.6)
            self.wait_for_words(beat, "a sequence of pieces")  # the pieces, one after another
            self.play(light_in_turn(text[0], scale=1.1, lag_ratio=0.3),
                      run_time=self.seconds_until(beat, "almost anything", least=1.5))
            self.wait_for_words(beat, "cut into pieces.")
            self.play(FadeOut(text, shift=UP * 0.2), FadeIn(picture, scale=0.95))

        grid = self._grid(picture, cols, rows)
        with self.narrate(f"A vision model slices it into a grid of small squares, here "
                          f"{cols} by {rows} patches of {f.patch} by {f.patch} pixels.") as beat:
            self.play(LaggedStart(*[Create(g) for g in grid], lag_ratio=0.1), run_time=1.5)
            self.wait_for_words(beat, f"{cols} by {rows} patches")  # the grid's lines, named
            self.play(light(grid), run_time=1.0)

        scale, row = self._tile_row(tiles, title)
        tile_h = tiles[0].height * scale
        patch_vectors = vectors([c[0] for c in row], row[0][1] - tile_h / 2 - 0.15)
        patch_count = label(f"{len(f.patches)} tokens, one vector each", style.SMALL,
                            color=style.DATA).next_to(patch_vectors, DOWN, buff=0.15)
        with self.narrate(f"Each patch then plays the part a word plays in text: it is one "
                          f"token, and it gets its own vector. This picture becomes "
                          f"{len(f.patches)} tokens in a row.") as beat:
            self.play(FadeOut(grid), run_time=0.3)
            self.play(*[t.animate.scale(scale).move_to(target)
                        for t, target in zip(tiles, row, strict=True)], run_time=2.0)
            self.wait_for_words(beat, "its own vector")
            self.play(LaggedStart(*[GrowFromEdge(v, UP) for v in patch_vectors],
                                  lag_ratio=0.04), run_time=1.2)
            self.wait_for_words(beat, "This picture becomes")  # counted along the row
            self.play(light_in_turn(patch_vectors, scale=1.1, lag_ratio=0.1),
                      run_time=self.seconds_until(beat, "tokens in a row", least=1.5))
            self.play(FadeIn(patch_count), run_time=0.6)

        wave_line, cuts, pieces, caption = self._sound(f, patch_count.get_bottom()[1])
        with self.narrate(f"Sound works the same way. A recording, {f.seconds:.1f} seconds of "
                          f"it here, is cut into short slices of {f.chunk_seconds * 1000:.0f} "
                          f"milliseconds: {len(f.chunks)} tokens."):
            self.play(Create(wave_line), FadeIn(caption), run_time=1.5)
            self.play(LaggedStart(*[Create(c) for c in cuts], lag_ratio=0.08), run_time=1.2)
        words = fit_width(token_row(bpe.tokenize(first).pieces, size=style.SMALL), SAFE_WIDTH)
        with self.narrate("From here on the model does not care where the pieces came from. "
                          "Words, patches or slices of sound, each becomes a vector, and the "
                          "rest of the machinery is the same.") as beat:
            self.remove(wave_line)
            self.add(*pieces)
            shifts = [RIGHT * GAP * (i - (len(pieces) - 1) / 2) for i in range(len(pieces))]
            self.play(*[p.animate.shift(d) for p, d in zip(pieces, shifts, strict=True)],
                      FadeOut(cuts), run_time=1.5)
            # room below for the words: the picture and the sound move up together
            stack = VGroup(*tiles, patch_vectors, patch_count, *pieces, caption)
            self.play(stack.animate.scale(0.78, about_edge=UP), run_time=0.8)
            sound_vectors = vectors([p.get_x() for p in pieces], caption.get_bottom()[1] - 0.12,
                                    height=0.6)
            words.next_to(sound_vectors, DOWN, buff=0.6).set_x(0)
            word_vectors = vectors([b.get_x() for b in words], words.get_bottom()[1] - 0.12,
                                   height=0.6)
            self.wait_for_words(beat, "Words,")
            self.play(LaggedStart(*[FadeIn(b, shift=UP * 0.1) for b in words], lag_ratio=0.05),
                      run_time=0.8)
            self.wait_for_words(beat, "each becomes a vector,")
            self.play(LaggedStart(*[GrowFromEdge(v, UP) for v in sound_vectors],
                                  lag_ratio=0.06),
                      LaggedStart(*[GrowFromEdge(v, UP) for v in word_vectors],
                                  lag_ratio=0.06), run_time=1.2)
            self.wait_for_words(beat, "the rest of the machinery")
            self.play(*[light(v, scale=1.05)
                        for v in (patch_vectors, sound_vectors, word_vectors)], run_time=1.2)

    # ------------------------------------------------------------ layout helpers

    @staticmethod
    def _text_tokens(sentence: str) -> VGroup:
        """The sentence as GPT-2 tokens in their boxes, with a line naming what they are."""
        pieces = bpe.tokenize(sentence).pieces
        row = fit_width(token_row(pieces, size=style.BODY), SAFE_WIDTH)
        what = label(f"text: a sequence of {len(pieces)} tokens", style.SMALL,
                     color=style.DATA).next_to(row, DOWN, buff=0.35)
        return VGroup(row, what).move_to(UP * 0.3)

    @staticmethod
    def _grid(picture: VGroup, cols: int, rows: int) -> VGroup:
        """The patch grid drawn over the picture."""
        left, right = picture.get_left()[0], picture.get_right()[0]
        top, bottom = picture.get_top()[1], picture.get_bottom()[1]
        lines = VGroup()
        for c in range(1, cols):
            x = left + (right - left) * c / cols
            lines.add(Line([x, top, 0], [x, bottom, 0], stroke_width=2, color=style.HIGHLIGHT))
        for r in range(1, rows):
            y = top - (top - bottom) * r / rows
            lines.add(Line([left, y, 0], [right, y, 0], stroke_width=2, color=style.HIGHLIGHT))
        return lines

    @staticmethod
    def _tiles(f: BeyondTextFacts, cols: int, rows: int) -> list[VGroup]:
        """The picture as a mosaic of PIXELS x PIXELS squares per patch, one VGroup per patch.

        (Drawn as squares, which also shows that a picture is an array of numbers.)
        """
        with Image.open(f.picture) as img:
            small = np.asarray(img.convert("RGB").resize((cols * PIXELS, rows * PIXELS),
                                                         Image.Resampling.BOX))
        side = 4.2 / (rows * PIXELS)
        tiles = []
        for r in range(rows):
            for c in range(cols):
                tile = VGroup()
                for i in range(PIXELS):
                    for j in range(PIXELS):
                        rgb = small[r * PIXELS + i, c * PIXELS + j]
                        tile.add(Square(side, stroke_width=0, fill_opacity=1,
                                        fill_color=rgb_to_color(rgb / 255)).move_to(
                            [(c * PIXELS + j) * side, -(r * PIXELS + i) * side, 0]))
                tiles.append(tile)
        return tiles

    @staticmethod
    def _tile_row(tiles: list[VGroup], title: VMobject) -> tuple[float, list[np.ndarray]]:
        """The patches side by side in one row under the title: their scale and centres."""
        slots = VGroup(*[Rectangle(width=t.width, height=t.height) for t in tiles])
        slots.arrange(RIGHT, buff=0.08)
        fit_width(slots, SAFE_WIDTH).next_to(title, DOWN, buff=0.5).set_x(0)
        return slots[0].width / tiles[0].width, [s.get_center() for s in slots]

    @staticmethod
    def _sound(f: BeyondTextFacts, top_edge: float
               ) -> tuple[VMobject, VGroup, list[VMobject], VMobject]:
        """Layout: the waveform as a mirrored envelope, its chunk cuts, one piece per chunk.

        Narrow enough that the pieces, once spread apart by GAP, fit SAFE_WIDTH.
        """
        width, height = SAFE_WIDTH - GAP * (len(f.chunks) - 1), 1.4
        x0 = -width / 2
        y0 = top_edge - 0.35 - height / 2
        env = np.array(f.envelope)
        xs = x0 + width * (np.arange(env.size) + 0.5) / env.size
        top = [np.array([x, y0 + height / 2 * e, 0]) for x, e in zip(xs, env, strict=True)]
        low = [np.array([x, y0 - height / 2 * e, 0]) for x, e in zip(xs, env, strict=True)]

        def outline(lo: int, hi: int) -> VMobject:
            shape = VMobject(stroke_color=style.DATA, stroke_width=1.5, fill_color=style.DATA,
                             fill_opacity=0.35)
            return shape.set_points_as_corners([*top[lo:hi], *low[lo:hi][::-1], top[lo]])

        total = f.chunks[-1][1]
        cuts = VGroup(*[DashedLine([x0 + width * a / total, y0 - height / 2 - 0.1, 0],
                                   [x0 + width * a / total, y0 + height / 2 + 0.1, 0],
                                   color=style.HIGHLIGHT, stroke_width=2)
                        for a, _ in f.chunks[1:]])
        caption = label(f"{f.seconds:.1f} s of sound, {len(f.chunks)} chunks of "
                        f"{f.chunk_seconds * 1000:.0f} ms", style.SMALL, color=style.DATA)
        caption.move_to([0, y0 - height / 2 - 0.45, 0])
        bounds = [int(round(env.size * a / total)) for a, _ in f.chunks] + [env.size]
        pieces = [outline(lo, max(hi, lo + 2)) for lo, hi in zip(bounds, bounds[1:],
                                                                   strict=False)]
        return outline(0, env.size), cuts, pieces, caption
