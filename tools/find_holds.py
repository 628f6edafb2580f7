#!/usr/bin/env python3
"""List the stills of a rendered video: stretches where the picture does not change, with the
captions spoken over them (the film should move while it talks; a long still reads as a slide).

  .venv/bin/python tools/find_holds.py media/chapter/chapter5-480p15.mp4          stills >= 8 s
  .venv/bin/python tools/find_holds.py VIDEO --seconds 6 --noise 0.0003

A still is a run of frames whose mean absolute difference from the run's first frame (grayscale,
0..1) stays under ``--noise`` (0.0003: a small glyph changing colour counts as motion). Captions
come from the .srt beside the video when there is one. Needs only PyAV and numpy (the set-up's).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Hold:
    """One still: where it starts and how long it lasts, in seconds."""

    start: float
    seconds: float


def holds(frames: Iterable[tuple[float, np.ndarray]], noise: float, least: float,
          end: float | None = None) -> list[Hold]:
    """The stills of at least ``least`` seconds among ``(time, grayscale 0..1)`` frames."""
    out: list[Hold] = []
    first: np.ndarray | None = None
    start = last = 0.0
    for t, frame in frames:
        if first is None or float(np.mean(np.abs(frame - first))) >= noise:
            if first is not None and t - start >= least:
                out.append(Hold(start, t - start))
            first, start = frame, t
        last = t
    stop = end if end is not None else last
    if first is not None and stop - start >= least:
        out.append(Hold(start, stop - start))
    return out


def _video_frames(path: Path) -> Iterator[tuple[float, np.ndarray]]:
    import av  # PyAV, installed with manim

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        for frame in container.decode(stream):
            gray = frame.to_ndarray(format="gray").astype(np.float32) / 255.0
            yield float(frame.time or 0.0), gray


def _captions(video: Path) -> list[tuple[float, float, str]]:
    """(start, end, text) of each cue in the .srt beside ``video`` (none if there is none)."""
    srt = video.with_suffix(".srt")
    if not srt.exists():
        return []
    cues = []
    stamp = r"(\d+):(\d+):(\d+),(\d+)"
    for block in srt.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.splitlines()
        m = re.match(stamp + " --> " + stamp, lines[1]) if len(lines) > 1 else None
        if m is None:
            continue
        g = [int(x) for x in m.groups()]
        cues.append((g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000,
                     g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000, " ".join(lines[2:])))
    return cues


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("video", type=Path)
    p.add_argument("--seconds", type=float, default=8.0, help="shortest still to list")
    p.add_argument("--noise", type=float, default=0.0003, help="largest change still counted")
    args = p.parse_args()
    if not args.video.is_file():
        sys.exit(f"error: no video at {args.video}; render one first (./render.sh -ql)")
    found = holds(_video_frames(args.video), args.noise, args.seconds)
    cues = _captions(args.video)
    for h in found:
        said = [text for a, b, text in cues if b > h.start and a < h.start + h.seconds]
        minutes, secs = divmod(h.start, 60)
        print(f"{int(minutes)}:{secs:04.1f}  {h.seconds:5.1f} s  {' | '.join(said)[:160]}")
    longest = max((h.seconds for h in found), default=0.0)
    print(f"{len(found)} stills of {args.seconds:g} s or more; longest {longest:.1f} s")


if __name__ == "__main__":
    main()
