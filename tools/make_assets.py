#!/usr/bin/env python3
"""Make the project's own illustration assets (no third-party media, so no licence questions):

  assets/picture.png   a small seeded landscape picture (sky, sun, hills), cut into patches
                       by the "tokens beyond text" scene
  assets/voice.wav     a seeded, speech-like sound (a buzzing source through moving vowel
                       resonances, in syllables), cut into chunks by the same scene

Both are CC0 (see assets/README.md). Re-running writes the same bytes.
  python tools/make_assets.py [--out assets]
"""

from __future__ import annotations

import argparse
import wave
from pathlib import Path

import numpy as np
from PIL import Image

RATE = 16_000


def picture(width: int = 384, height: int = 256, seed: int = 0) -> Image.Image:
    """A simple landscape: a sky gradient, a sun, two rolling hills and a few trees."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(float)
    sky = np.stack([70 + 90 * y / height, 130 + 70 * y / height,
                    220 - 40 * y / height], axis=-1)
    img = sky.copy()
    sun = (x - 0.72 * width) ** 2 + (y - 0.28 * height) ** 2 < (0.09 * width) ** 2
    img[sun] = (255, 214, 90)
    for k, (base, amp, freq, color) in enumerate(((0.62, 0.06, 2.1, (86, 150, 70)),
                                                   (0.74, 0.05, 3.3, (60, 118, 52)))):
        phase = rng.uniform(0, 2 * np.pi)
        ridge = height * (base + amp * np.sin(freq * np.pi * x / width + phase))
        img[y > ridge] = np.array(color) * (0.9 + 0.1 * k)
    for tx in rng.uniform(0.05, 0.95, 6) * width:
        trunk = (np.abs(x - tx) < 3) & (y > 0.70 * height) & (y < 0.80 * height)
        crown = (x - tx) ** 2 + (y - 0.67 * height) ** 2 < 11 ** 2
        img[crown] = (40, 95, 45)
        img[trunk] = (95, 70, 45)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))


def voice(seconds: float = 2.4, seed: int = 0) -> np.ndarray:
    """A speech-like signal: a pitch-varying buzz shaped by two moving formants, in syllables."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    pitch = 130 + 25 * np.sin(2 * np.pi * 0.7 * t) + 10 * rng.standard_normal() * t
    phase = 2 * np.pi * np.cumsum(pitch) / RATE
    source = sum(np.sin(k * phase) / k for k in range(1, 30))
    f1 = 500 + 250 * np.sin(2 * np.pi * 1.9 * t)
    f2 = 1500 + 600 * np.sin(2 * np.pi * 1.3 * t + 1.0)
    shaped = source * (1 + 0.8 * np.sin(2 * np.pi * f1 * t / 8)) * (
        1 + 0.5 * np.sin(2 * np.pi * f2 * t / 16))
    syllables = np.clip(np.sin(2 * np.pi * 3.2 * t), 0, None) ** 0.7
    signal = shaped * syllables * np.hanning(t.size) ** 0.2
    return (signal / np.abs(signal).max() * 0.8).astype(np.float32)


def write_wav(path: Path, samples: np.ndarray) -> None:
    """16-bit mono WAV."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((samples * 32767).astype("<i2").tobytes())


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "assets")
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    picture().save(args.out / "picture.png", optimize=True)
    write_wav(args.out / "voice.wav", voice())
    print(f"wrote {args.out / 'picture.png'} and {args.out / 'voice.wav'}")


if __name__ == "__main__":
    main()
