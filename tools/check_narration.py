#!/usr/bin/env python3
"""Check the narration is our own words: no run of N words (default 7) shared with the chapter's
transcript and write-ups in ../shared/seeds/, and report the chapter's spoken length.

Reads the captions a render wrote (every scene's .srt under media/videos/*/QUALITY/).
  python tools/check_narration.py            # after ./render.sh -ql (480p15) or -qh
  python tools/check_narration.py --words 6 --quality 1080p60
Exit 1 when a shared run is found (it is printed with its scene).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from scenes.common.narration import parse_srt
from scenes.order import CHAPTER

ROOT = Path(__file__).resolve().parent.parent


def words(text: str) -> list[str]:
    """Lower-case words, punctuation dropped (so a copied sentence is found however cut)."""
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def runs(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive words."""
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--words", type=int, default=7, help="run length that counts as copied")
    p.add_argument("--quality", default="480p15", help="the render folder, e.g. 1080p60")
    p.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = p.parse_args()
    sources = sorted(args.seeds.glob("*.txt"))
    if not sources:
        print(f"error: no seed documents in {args.seeds}; pass --seeds FOLDER", file=sys.stderr)
        return 2
    reference: set[tuple[str, ...]] = set()
    for path in sources:
        reference |= runs(words(path.read_text(encoding="utf-8", errors="replace")), args.words)
    shared = 0
    total_words = 0
    missing = []
    for _, module, scene in CHAPTER:
        srt = ROOT / "media" / "videos" / Path(module).stem / args.quality / f"{scene}.srt"
        if not srt.exists():
            missing.append(scene)
            continue
        cues = parse_srt(srt.read_text(encoding="utf-8"))
        # quoted text is the lecturer's prompt or a model's output, not narration
        spoken = re.sub(r"\"[^\"]*\"", " ", " ".join(c.text for c in cues))
        said = words(spoken)
        total_words += len(said)
        hits = sorted(runs(said, args.words) & reference)
        shared += len(hits)
        for hit in hits:
            print(f"{scene}: shares \"{' '.join(hit)}\"")
    if missing:
        print(f"error: no captions for {', '.join(missing)} at {args.quality}; render first "
              f"(./render.sh -ql)", file=sys.stderr)
        return 2
    print(f"{total_words:,} narrated words in {len(CHAPTER)} scenes; {shared} run(s) of "
          f"{args.words} words shared with {len(sources)} seed documents")
    return 1 if shared else 0


if __name__ == "__main__":
    sys.exit(main())
