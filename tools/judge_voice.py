#!/usr/bin/env python3
"""Judge how intelligible the optional synthetic voice is: speak narration, recognise it, score WER.

An objective, offline proxy for "can a listener make out the words": every narration sentence is
spoken by espeak-ng (through ``scenes.common.narration.synthesize``, the same call a render makes),
converted to 16 kHz mono 16-bit PCM with numpy (band-limited FFT resampling; no sox, no audioop),
padded with a quarter second of silence either side and given a faint, seeded white-noise floor
(-60 dBFS by default, some 37 dB below the voice; see ``--noise-floor``),
transcribed by the PyPI package ``pocketsphinx`` (5.1.1, whose default US-English acoustic model,
language model and CMUdict ship inside the wheel: nothing is downloaded) and scored by word error
rate: word-level Levenshtein distance over lower-cased words with punctuation stripped, divided by
the number of reference words.

Sentences come from the captions of the 480p15 renders
(``media/videos/**/480p15/*.srt``: cues of one file joined, then cut at sentence ends) when any
exist, else from a built-in list about transformers, tokens and softmax; ``--text FILE`` (one
sentence a line) overrides both. ``--limit`` keeps that many, evenly spaced through the list.

The noise floor is there because pocketsphinx mis-hears digitally perfect silence (its noise
estimate and cepstral features break on runs of exact zeros): on ten built-in sentences (en-us)
the WER was 91% with none, 72-75% at -78 to -72 dBFS and a steady 60-66% from -66 to -54 dBFS.
A real recording always has such a floor, so it measures the voice rather than that artefact.

Read the number with care. pocketsphinx is an old, small HMM/GMM recogniser trained on human
speech; its own errors dominate. Words outside its dictionary ("softmax", "GloVe", "tokenizer")
can never be recognised, and digits in the text ("2017", "7.3") always count as errors because
the recogniser writes words ("twenty seventeen"). The script reports the out-of-dictionary share
of the reference words so that floor is visible. Compare voices against each other (a second
espeak-ng voice is scored as a reference), not against zero.

Run (one process, one core)::

    .venv/bin/python tools/judge_voice.py [--limit 40] [--json build/judge_voice.json]

Exit status 2, with one line naming the fix, when espeak-ng or pocketsphinx is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
import wave
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from scenes.common import narration

ROOT = Path(__file__).resolve().parent.parent


ENGINE = "espeak-ng"
SAMPLE_RATE = 16_000
PAD_SECONDS = 0.25  # silence either side of a clip: espeak-ng starts and stops on the first sample
SRT_GLOB = "media/videos/**/480p15/*.srt"

BUILTIN_SENTENCES = [
    "A transformer reads a passage and predicts the word that might come next.",
    "Text is first cut into small pieces called tokens.",
    "Each token is looked up in a table and becomes a long list of numbers.",
    "Those numbers are a vector, and similar words get similar vectors.",
    "Attention lets every token look back at the tokens before it.",
    "The model asks which earlier words matter most for the next one.",
    "Softmax turns any list of numbers into probabilities that add up to one.",
    "A bigger number becomes a bigger share of the total.",
    "The temperature setting makes the choice more careful or more adventurous.",
    "At a low temperature the model almost always picks its favourite token.",
    "At a high temperature even unlikely words get a fair chance.",
    "The last layer scores every token in the vocabulary.",
    "Training nudges millions of weights so the right answer becomes more likely.",
    "We sample one token, add it to the text, and run the model again.",
    "Repeating this step is how a chatbot writes a whole paragraph.",
    "The context window limits how much text the model can see at once.",
    "Words that appear together often end up close to each other.",
    "The difference between two vectors can capture a meaning, like gender or size.",
    "Nothing here is magic: it is multiplication and addition on a very large scale.",
    "In the next chapter we will look inside the attention block itself.",
]


@dataclass
class Score:
    """The edit operations turning a reference word list into a hypothesis."""

    substitutions: int = 0
    deletions: int = 0
    insertions: int = 0
    ref_words: int = 0

    @property
    def errors(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def wer(self) -> float:
        return self.errors / self.ref_words if self.ref_words else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.substitutions + other.substitutions, self.deletions + other.deletions,
                     self.insertions + other.insertions, self.ref_words + other.ref_words)


@dataclass
class Utterance:
    """One sentence as spoken by one voice and heard by the recogniser."""

    reference: str
    hypothesis: str
    seconds: float
    score: Score = field(default_factory=Score)


@dataclass
class VoiceResult:
    """Every sentence for one voice, and the corpus-level score."""

    voice: str
    utterances: list[Utterance]
    decode_seconds: float

    @property
    def total(self) -> Score:
        out = Score()
        for u in self.utterances:
            out = out + u.score
        return out


class SetupError(RuntimeError):
    """Something needed is missing (one line: the problem and the fix)."""


# ---------------------------------------------------------------- text

def normalise(text: str) -> list[str]:
    """Lower-cased words, punctuation stripped; hyphens split words, apostrophes and decimal
    points inside a word are kept ("GPT-2's" -> ["gpt", "2's"], "7.3" -> ["7.3"])."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:['.][a-z0-9]+)*", text)


def edit_score(ref: list[str], hyp: list[str]) -> Score:
    """Word-level Levenshtein alignment of ``hyp`` against ``ref`` (unit costs)."""
    # each cell: (cost, substitutions, deletions, insertions)
    prev = [(j, 0, 0, j) for j in range(len(hyp) + 1)]
    for i, r in enumerate(ref, start=1):
        cur = [(i, 0, i, 0)]
        for j, h in enumerate(hyp, start=1):
            c, s, d, n = prev[j - 1]
            best = (c, s, d, n) if r == h else (c + 1, s + 1, d, n)
            c, s, d, n = prev[j]
            if c + 1 < best[0]:
                best = (c + 1, s, d + 1, n)
            c, s, d, n = cur[j - 1]
            if c + 1 < best[0]:
                best = (c + 1, s, d, n + 1)
            cur.append(best)
        prev = cur
    _, s, d, n = prev[-1]
    return Score(s, d, n, len(ref))


def split_sentences(text: str) -> list[str]:
    """``text`` cut after ., ! or ? followed by white space."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s.strip()]


def srt_sentences(root: Path) -> tuple[list[str], list[Path]]:
    """The sentences of every 480p15 caption file under ``root`` (in path order, no repeats)."""
    files = sorted(root.glob(SRT_GLOB))
    seen: dict[str, None] = {}
    for path in files:
        cues = narration.parse_srt(path.read_text(encoding="utf-8"))
        for sentence in split_sentences(" ".join(c.text for c in cues)):
            seen.setdefault(sentence, None)
    return list(seen), files


def spread(items: list[str], limit: int) -> list[str]:
    """At most ``limit`` of ``items``, evenly spaced through the list (all of them if fewer)."""
    if limit <= 0:
        return []
    if len(items) <= limit:
        return list(items)
    picks = np.linspace(0, len(items) - 1, limit).round().astype(int)
    return [items[i] for i in dict.fromkeys(picks.tolist())]


def dictionary_words(model_dir: Path) -> set[str]:
    """The words of the recogniser's pronunciation dictionary (alternates folded)."""
    path = model_dir / "en-us" / "cmudict-en-us.dict"
    words: set[str] = set()
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.strip():
                words.add(re.sub(r"\(\d+\)$", "", line.split(None, 1)[0]).lower())
    return words


# ---------------------------------------------------------------- audio

def read_pcm16k(path: Path, noise_dbfs: float | None = None, seed: int = 0) -> np.ndarray:
    """A WAV file as 16 kHz mono int16 samples (FFT resampling: band-limited, no aliasing),
    padded with silence and, unless ``noise_dbfs`` is None, a white-noise floor at that RMS level
    relative to full scale (seeded, so a sentence always gets the same noise)."""
    with wave.open(str(path)) as clip:
        channels, width, rate = clip.getnchannels(), clip.getsampwidth(), clip.getframerate()
        raw = clip.readframes(clip.getnframes())
    if width == 1:
        x = (np.frombuffer(raw, dtype=np.uint8).astype(np.float64) - 128.0) * 256.0
    elif width == 2:
        x = np.frombuffer(raw, dtype="<i2").astype(np.float64)
    elif width == 4:
        x = np.frombuffer(raw, dtype="<i4").astype(np.float64) / 65536.0
    else:
        raise SetupError(f"{path.name}: {8 * width}-bit WAV is not supported")
    x = x.reshape(-1, channels).mean(axis=1)
    if rate != SAMPLE_RATE and len(x):
        n = int(round(len(x) * SAMPLE_RATE / rate))
        spectrum = np.fft.rfft(x)
        kept = np.zeros(n // 2 + 1, dtype=complex)
        k = min(len(spectrum), len(kept))
        kept[:k] = spectrum[:k]
        x = np.fft.irfft(kept, n) * (n / len(x))
    pad = np.zeros(int(PAD_SECONDS * SAMPLE_RATE))
    x = np.concatenate([pad, x, pad])
    if noise_dbfs is not None:
        rms = 32768.0 * 10.0 ** (noise_dbfs / 20.0)
        x = x + np.random.default_rng(seed).normal(0.0, rms, len(x))
    return np.clip(np.round(x), -32768, 32767).astype("<i2")


# ---------------------------------------------------------------- recogniser

def load_recogniser() -> tuple[Any, Path]:
    """A pocketsphinx decoder with its packaged default en-us model, and the model folder."""
    try:
        from pocketsphinx import Decoder, get_model_path
    except (ImportError, OSError) as exc:
        raise SetupError(f"pocketsphinx is not installed ({exc}); install it with "
                         f"'{sys.executable} -m pip install pocketsphinx==5.1.1'") from None
    model_dir = Path(get_model_path())
    if not (model_dir / "en-us" / "en-us.lm.bin").exists():
        raise SetupError(f"pocketsphinx's packaged en-us model is missing under {model_dir}; "
                         f"reinstall with '{sys.executable} -m pip install --force-reinstall "
                         "pocketsphinx==5.1.1'")
    return Decoder(samprate=SAMPLE_RATE, loglevel="FATAL"), model_dir


def transcribe(decoder: Any, pcm: np.ndarray) -> str:
    """The recogniser's best word string for one whole utterance."""
    decoder.start_utt()
    decoder.process_raw(pcm.tobytes(), full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp is not None else ""


def judge_voice(sentences: list[str], voice: str, wpm: int, decoder: Any, workdir: Path,
                noise_dbfs: float | None = -60.0, quiet: bool = False) -> VoiceResult:
    """Speak, recognise and score every sentence with one espeak-ng voice."""
    utterances: list[Utterance] = []
    folder = workdir / re.sub(r"[^\w.+-]", "_", voice)
    t0 = time.perf_counter()
    for i, sentence in enumerate(sentences, start=1):
        clip = folder / f"{i:03d}.wav"
        seconds = narration.synthesize(sentence, clip, ENGINE, voice, wpm)
        pcm = read_pcm16k(clip, noise_dbfs, zlib.crc32(sentence.encode("utf-8")))
        hyp = transcribe(decoder, pcm)
        score = edit_score(normalise(sentence), normalise(hyp))
        utterances.append(Utterance(sentence, hyp, round(seconds, 3), score))
        if not quiet:
            print(f"  [{voice} {i}/{len(sentences)}] WER {score.wer:5.0%}  {hyp!r}",
                  file=sys.stderr, flush=True)
    return VoiceResult(voice, utterances, round(time.perf_counter() - t0, 1))


# ---------------------------------------------------------------- report

def summary(result: VoiceResult) -> dict[str, Any]:
    """JSON-ready figures for one voice."""
    t = result.total
    per = [u.score.wer for u in result.utterances]
    return {
        "voice": result.voice,
        "sentences": len(result.utterances),
        "reference_words": t.ref_words,
        "wer": round(t.wer, 4),
        "mean_sentence_wer": round(float(np.mean(per)), 4) if per else 0.0,
        "substitutions": t.substitutions,
        "deletions": t.deletions,
        "insertions": t.insertions,
        "sentences_exact": sum(1 for u in result.utterances if u.score.errors == 0),
        "audio_seconds": round(sum(u.seconds for u in result.utterances), 1),
        "wall_seconds": result.decode_seconds,
        "utterances": [dict(asdict(u), wer=round(u.score.wer, 4)) for u in result.utterances],
    }


def worst(result: VoiceResult, n: int = 5) -> list[Utterance]:
    """The ``n`` sentences with the highest WER (most errors first on ties)."""
    return sorted(result.utterances, key=lambda u: (-u.score.wer, -u.score.errors))[:n]


def print_report(results: list[VoiceResult], source: str, oov: dict[str, Any]) -> None:
    """The human-readable report on stdout."""
    print(f"sentences: {source}")
    print(f"out-of-dictionary reference words: {oov['tokens']} of {oov['reference_words']} "
          f"({oov['rate']:.1%}; {oov['digit_tokens']} of them digits): errors no voice can avoid")
    for r in results:
        s = summary(r)
        print(f"\nvoice {r.voice}: WER {s['wer']:.1%} over {s['reference_words']} words in "
              f"{s['sentences']} sentences (S {s['substitutions']}, D {s['deletions']}, "
              f"I {s['insertions']}; mean per sentence {s['mean_sentence_wer']:.1%}; "
              f"{s['sentences_exact']} exact; {s['audio_seconds']} s audio, "
              f"{s['wall_seconds']} s wall)")
    main = results[0]
    print(f"\n5 worst sentences for {main.voice}:")
    for u in worst(main):
        print(f"  WER {u.score.wer:5.0%}  ref: {u.reference}")
        print(f"              hyp: {u.hypothesis or '(nothing)'}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--voice", default="en-us", help="espeak-ng voice to judge (default en-us)")
    p.add_argument("--reference-voice", default="en-us+m3",
                   help="other espeak-ng voices scored for comparison, comma-separated; '' to "
                        "skip (default en-us+m3)")
    p.add_argument("--wpm", type=int, default=narration.WORDS_PER_MINUTE,
                   help="speaking rate in words a minute (default %(default)s, the project's)")
    p.add_argument("--limit", type=int, default=40,
                   help="at most this many sentences, evenly spaced through the list (40)")
    p.add_argument("--text", type=Path,
                   help="one sentence a line, instead of the captions or the built-in list")
    p.add_argument("--noise-floor", type=float, default=-60.0, metavar="DBFS",
                   help="RMS of the white-noise floor added to every clip, in dBFS; -120 "
                        "rounds to digital silence, i.e. none (default -60)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write a JSON summary here")
    p.add_argument("--keep-audio", type=Path, metavar="DIR",
                   help="keep the spoken clips here instead of a temporary folder")
    p.add_argument("--quiet", action="store_true", help="no per-sentence progress on stderr")
    args = p.parse_args(argv)

    try:
        if shutil.which(ENGINE) is None:
            raise SetupError(f"{ENGINE} is not installed; install it with "
                             f"'apt-get install -y {ENGINE}'")
        decoder, model_dir = load_recogniser()
        if args.text:
            sentences = [s.strip() for s in args.text.read_text(encoding="utf-8").splitlines()
                         if s.strip()]
            source = str(args.text)
        else:
            sentences, files = srt_sentences(ROOT)
            source = (f"{len(sentences)} caption sentences from {len(files)} .srt files"
                      if sentences else "")
            if not sentences:
                sentences, source = list(BUILTIN_SENTENCES), "built-in list"
        total = len(sentences)
        sentences = spread(sentences, args.limit)
        source += f" (using {len(sentences)} of {total}, evenly spaced)"
        if not sentences:
            raise SetupError("no sentences to judge; pass --text FILE or raise --limit")

        known = dictionary_words(model_dir)
        ref_tokens = [w for s in sentences for w in normalise(s)]
        missing = [w for w in ref_tokens if w not in known]
        oov = {"reference_words": len(ref_tokens), "tokens": len(missing),
               "rate": round(len(missing) / max(len(ref_tokens), 1), 4),
               "digit_tokens": sum(1 for w in missing if any(ch.isdigit() for ch in w)),
               "words": sorted(set(missing))}

        voices = [args.voice]
        for v in (args.reference_voice or "").split(","):
            if v.strip() and v.strip() not in voices:
                voices.append(v.strip())
        with tempfile.TemporaryDirectory(prefix="judge_voice-") as tmp:
            workdir = args.keep_audio or Path(tmp)
            results = [judge_voice(sentences, v, args.wpm, decoder, workdir, args.noise_floor,
                                   args.quiet) for v in voices]
    except (SetupError, narration.VoiceError) as exc:
        print(f"judge_voice: {exc}", file=sys.stderr)
        return 2

    print_report(results, source, oov)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "engine": ENGINE, "wpm": args.wpm, "recogniser": "pocketsphinx 5.1.1, default en-us",
            "noise_floor_dbfs": args.noise_floor,
            "source": source, "out_of_dictionary": oov,
            "voices": [summary(r) for r in results],
            "worst": [asdict(u) | {"wer": round(u.score.wer, 4)} for u in worst(results[0])],
        }, indent=2) + "\n", encoding="utf-8")
        print(f"\nJSON summary: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
