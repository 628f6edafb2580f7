"""Narration: how long a beat's words take to say, and the caption cues they become.

One source for three things: the narration a scene declares with ``self.narrate(text)`` is the
beat's length in the video, its captions (an ``.srt`` beside every scene's video, a subtitle
track in the joined chapter) and its presenter notes in the slides.

Pure functions, no Manim: a beat lasts as long as its words take at a lecturer's pace
(``WORDS_PER_MINUTE``), or as long as its synthetic voice clip when a voice is on; its caption is
cut into cues of at most two short lines, timed by their share of the words.

Example::

    >>> speech_seconds("Softmax turns any list of numbers into probabilities.")
    3.17...
    >>> [c.text for c in caption_cues("One. Two, three.", 0.0, 2.0)]
    ['One. Two, three.']
"""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "WORDS_PER_MINUTE",
    "MIN_HOLD",
    "LEAD_OUT",
    "Cue",
    "VoiceError",
    "spoken",
    "speech_seconds",
    "said_at",
    "caption_cues",
    "srt_time",
    "vtt_time",
    "parse_srt",
    "write_srt",
    "write_vtt",
    "synthesize",
]

WORDS_PER_MINUTE = 155  # a lecturer's pace: unhurried, room to look at the picture
MIN_HOLD = 1.0  # the finished picture stays at least this long after a beat's animations
LEAD_OUT = 0.6  # a breath after the last word before the next beat starts
CUE_CHARS = 84  # two caption lines of about 42 characters
SLIDE_HOLD = 0.3  # in keyboard-paced slides the presenter sets the pace


@dataclass(frozen=True)
class Cue:
    """One caption on screen from ``start`` to ``end`` seconds."""

    start: float
    end: float
    text: str


class VoiceError(ValueError):
    """The synthetic voice cannot be used as configured (one line: the problem and the fix)."""


def _words(text: str) -> int:
    """Spoken words: a hyphen parts them ("down-projection" takes two words' time to say)."""
    return len(re.findall(r"[\w'’.,%]+", text))


def spoken(text: str) -> str:
    """The words a voice says for ``text``: a matrix name such as W_U is read "W U".

    Captions and notes keep the written form (W_U); timing and the voice use this one.
    """
    return re.sub(r"\b([A-Za-z])_([A-Za-z0-9]+)\b", r"\1 \2", text)


def speech_seconds(text: str, wpm: float = WORDS_PER_MINUTE) -> float:
    """Seconds to say ``text`` at ``wpm`` words a minute, plus a breath after it."""
    return _words(spoken(text)) * 60.0 / wpm + LEAD_OUT


def said_at(text: str, phrase: str, duration: float) -> float:
    """Seconds into a beat of ``duration`` at which its narration ``text`` has said ``phrase``.

    The captions (and a voice) pace the words evenly over the beat, so a motion that ends here
    shows the value named while it is read. ``phrase`` must occur in ``text``.
    """
    text = " ".join(text.split())
    at = text.find(phrase)
    if at < 0:
        raise ValueError(f"the phrase {phrase!r} is not in this beat's narration "
                         f"({text[:60]!r}...): wait for words the beat says")
    head = text[: at + len(phrase)]
    talk = speech_seconds(text) - LEAD_OUT
    return duration * (speech_seconds(head) - LEAD_OUT) / talk


def _pieces(text: str, limit: int = CUE_CHARS) -> list[str]:
    """The text cut into caption-sized pieces: at sentence ends, then commas, then spaces.

    A long sentence is cut into nearly equal parts (never a lone word left over), and a
    sentence of one or two words joins the piece before it when the two fit on one line.
    """
    sentences = re.split(r"(?<=[.!?:;])\s+", text.strip())
    out: list[str] = []
    for sentence in sentences:
        while len(sentence) > limit:
            cut = _balanced_cut(sentence, limit)
            out.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if sentence:
            short = len(sentence.split()) <= 2
            if out and len(out[-1]) + 1 + len(sentence) <= limit + (12 if short else 0) and (
                    short or not out[-1].endswith((".", "!", "?"))):
                out[-1] += " " + sentence
            else:
                out.append(sentence)
    return out


def _balanced_cut(sentence: str, limit: int) -> int:
    """Where to cut a sentence longer than ``limit``: a comma near an even share, else the
    space nearest it, never past ``limit``."""
    parts = -(-len(sentence) // limit)
    target = len(sentence) // parts
    comma = sentence.rfind(", ", max(1, target // 2), min(limit, target + target // 3))
    if comma > 0:
        return comma + 1
    spaces = [i for i, ch in enumerate(sentence[:limit + 1]) if ch == " " and i > 0]
    return min(spaces, key=lambda i: abs(i - target)) if spaces else limit


def caption_cues(text: str, start: float, end: float) -> list[Cue]:
    """``text`` as consecutive cues from ``start`` to ``end``, each timed by its words."""
    pieces = _pieces(text)
    if not pieces or end <= start:
        return []
    weights = [max(1, _words(p)) for p in pieces]
    total = sum(weights)
    cues, t = [], start
    for piece, w in zip(pieces, weights, strict=True):
        dt = (end - start) * w / total
        cues.append(Cue(round(t, 3), round(t + dt, 3), piece))
        t += dt
    return cues


def _clock(seconds: float, sep: str) -> str:
    ms = int(round(max(seconds, 0.0) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def srt_time(seconds: float) -> str:
    """SubRip time, e.g. 00:01:02,500."""
    return _clock(seconds, ",")


def vtt_time(seconds: float) -> str:
    """WebVTT time, e.g. 00:01:02.500."""
    return _clock(seconds, ".")


def _seconds(stamp: str) -> float:
    h, m, s = stamp.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def parse_srt(text: str) -> list[Cue]:
    """The cues of an .srt file (as manim writes them beside a scene's video)."""
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.strip().splitlines()
        times = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if times is None:
            continue
        a, b = (part.strip() for part in lines[times].split("-->"))
        cues.append(Cue(_seconds(a), _seconds(b), "\n".join(lines[times + 1:]).strip()))
    return cues


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_srt(cues: list[Cue], path: Path) -> None:
    """Write cues as SubRip."""
    body = "\n".join(f"{i}\n{srt_time(c.start)} --> {srt_time(c.end)}\n{c.text}\n"
                     for i, c in enumerate(cues, start=1))
    _atomic_write(path, body)


def write_vtt(cues: list[Cue], path: Path) -> None:
    """Write cues as WebVTT (for browsers' <track>)."""
    body = "WEBVTT\n\n" + "\n".join(f"{vtt_time(c.start)} --> {vtt_time(c.end)}\n{c.text}\n"
                                    for c in cues)
    _atomic_write(path, body)


# ---------------------------------------------------------------- optional synthetic voice

VOICE_ENGINES = ("espeak-ng",)


def synthesize(text: str, out: Path, engine: str, voice: str, wpm: int) -> float:
    """Speak ``text`` into the WAV file ``out`` offline; return its duration in seconds.

    Only Debian's espeak-ng is supported: it ships its voices inside the package, so nothing is
    downloaded. It is clearly synthetic (see the README on why captions stay the default).
    """
    if engine not in VOICE_ENGINES:
        raise VoiceError(f"unknown voice engine {engine!r}; use one of {', '.join(VOICE_ENGINES)}"
                         " or turn the voice off ([narration] voice = \"off\")")
    exe = shutil.which(engine)
    if exe is None:
        raise VoiceError(f"the voice engine {engine} is not installed; install it with "
                         f"'apt-get install -y {engine}' or set [narration] voice = \"off\"")
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.stem + ".partial.wav")
        proc = subprocess.run([exe, "-v", voice, "-s", str(wpm), "-w", str(tmp), spoken(text)],
                              capture_output=True, text=True)
        err = (proc.stderr or "").strip()
        if proc.returncode != 0 or not tmp.exists() or tmp.stat().st_size < 100 or err:
            tmp.unlink(missing_ok=True)
            raise VoiceError(f"{engine} could not speak with voice {voice!r} ({err or 'no audio'}"
                             f"); list its voices with '{engine} --voices'")
        tmp.replace(out)
    with wave.open(str(out)) as clip:
        return clip.getnframes() / float(clip.getframerate())
