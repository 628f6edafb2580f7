#!/usr/bin/env python3
"""Render the chapter's scenes (in parallel) and join them into one MP4 with chapter markers.

Called by render.sh; usable alone:
  python tools/render_chapter.py -qh                     the whole chapter -> media/chapter/
  python tools/render_chapter.py -ql --scenes TokensScene TemperatureScene
  python tools/render_chapter.py -qh --slides            manim-slides slides of every scene
  python tools/render_chapter.py -qh --html              + one offline HTML presentation

A scene is skipped when its inputs (scene and live-number code, lecture config and LECTURE_*
overrides, model files, quality) are unchanged since its last successful render (a stamp file
beside the video); manim's own cache covers partial changes. A failed scene stops the run with
its name and error; the joined video is written to a temporary file and renamed only when whole.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from livenumbers.errors import FactsError
from scenes.common.narration import Cue, parse_srt, write_srt, write_vtt
from scenes.order import CHAPTER

ROOT = Path(__file__).resolve().parent.parent



QUALITY_DIRS = {"-ql": "480p15", "-qm": "720p30", "-qh": "1080p60", "-qp": "1440p60",
                "-qk": "2160p60"}
MEDIA = ROOT / "media"
REVEAL_VERSION = "6.0.1"  # manim-slides 5.7.0's default
REVEAL_FILES = ("dist/reveal.css", "dist/theme/black.css", "dist/plugin/highlight/zenburn.css",
                "dist/reveal.js", "dist/plugin/notes.js", "dist/plugin/markdown.js")


@dataclass(frozen=True)
class Job:
    title: str
    module: str
    scene: str

    @property
    def file(self) -> Path:
        return ROOT / "scenes" / self.module

    def video(self, quality: str) -> Path:
        folder = MEDIA / "videos" / Path(self.module).stem / QUALITY_DIRS[quality]
        return folder / f"{self.scene}.mp4"


def inputs_hash(job: Job, quality: str, slides: bool) -> str:
    """Everything a scene's pixels depend on, hashed."""
    h = hashlib.sha256()
    for folder in ("scenes", "livenumbers"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            h.update(path.read_bytes())
    config = Path(os.environ.get("LECTURE_CONFIG", ROOT / "data" / "lecture.toml"))
    h.update(config.read_bytes())
    for key in sorted(k for k in os.environ if k.startswith("LECTURE_")):
        h.update(f"{key}={os.environ[key]}".encode())
    for path in sorted((ROOT / "data" / "models").rglob("*")):
        if path.is_file():
            stat = path.stat()
            h.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    h.update(f"{job.module}:{job.scene}:{quality}:{slides}".encode())
    return h.hexdigest()[:24]


def duration(path: Path) -> float:
    """A video's duration in seconds (PyAV, bundled with manim)."""
    import av

    with av.open(str(path)) as container:
        return float(container.duration or 0) / 1e6


def render(job: Job, quality: str, slides: bool, log_dir: Path,
           fresh: bool = False) -> tuple[Job, float, bool]:
    """Render one scene with manim in a subprocess; returns (job, seconds, was_cached).

    ``fresh`` ignores both our stamp and manim's partial-movie cache (for benchmarks).
    """
    stamp = job.video(quality).with_suffix(".stamp" + (".slides" if slides else ""))
    key = inputs_hash(job, quality, slides)
    if not fresh and job.video(quality).exists() and stamp.exists() and stamp.read_text() == key \
            and (not slides or (ROOT / "slides" / f"{job.scene}.json").exists()):
        return job, 0.0, True
    env = dict(os.environ, PYTHONPATH=str(ROOT), LECTURE_SLIDES="1" if slides else "0")
    # (scenes render in parallel: LectureSlide.setup gives each its own TeX and text caches)
    cmd = [sys.executable, "-m", "manim", "render", quality, "--media_dir", str(MEDIA),
           "--progress_bar", "none", *(["--disable_caching"] if fresh else []),
           str(job.file), job.scene]
    t0 = time.time()
    log = log_dir / f"{job.scene}.log"
    with log.open("w") as handle:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-15:]
        raise RuntimeError(f"{job.scene} ({job.module}) failed:\n  " + "\n  ".join(tail))
    stamp.write_text(key)
    return job, time.time() - t0, False


# mov_text needs an ASS header to open its encoder; only the default style is used
ASS_HEADER = (
    b"[Script Info]\nScriptType: v4.00+\nPlayResX: 1920\nPlayResY: 1080\n\n[V4+ Styles]\n"
    b"Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
    b"Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
    b"Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
    b"Style: Default,DejaVu Sans,48,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,2,0,2,40,40,"
    b"40,0\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, "
    b"Effect, Text\n"
)


def scene_cues(video: Path) -> list[Cue]:
    """The captions manim wrote beside a scene's video (its narration)."""
    srt = video.with_suffix(".srt")
    return parse_srt(srt.read_text(encoding="utf-8")) if srt.exists() else []


def join(videos: list[tuple[Job, Path]], target: Path) -> list[tuple[str, float]]:
    """Concatenate same-format MP4s (stream copy) with one chapter marker per scene.

    Each scene's captions, shifted by its start, become a soft subtitle track (mov_text) in the
    MP4 and the .srt and .vtt files beside it.
    """
    import struct
    from fractions import Fraction

    import av

    tmp = target.with_name(target.stem + ".partial.mp4")
    chapters = []
    cues: list[Cue] = []
    try:
        with av.open(str(tmp), "w") as out:
            ostream = None
            subs = None
            offset = 0
            for job, path in videos:
                with av.open(str(path)) as inp:
                    vs = inp.streams.video[0]
                    if ostream is None:
                        ostream = out.add_stream_from_template(vs)
                        subs = out.add_stream("mov_text")  # after the video: stream 1
                        subs.time_base = Fraction(1, 1000)
                        subs.codec_context.subtitle_header = ASS_HEADER
                        subs.metadata["language"] = "eng"
                    start = offset
                    end = offset
                    scale = vs.time_base / ostream.time_base if ostream.time_base else 1
                    for pkt in inp.demux(vs):
                        if pkt.dts is None:
                            continue
                        pts = int(pkt.pts * scale) + offset
                        dts = int(pkt.dts * scale) + offset
                        end = max(end, pts + int((pkt.duration or 0) * scale))
                        pkt.pts, pkt.dts = pts, dts
                        pkt.stream = ostream
                        out.mux(pkt)
                    chapters.append({"id": len(chapters) + 1, "start": start, "end": end,
                                     "time_base": ostream.time_base,
                                     "metadata": {"title": job.title}})
                    t0, t1 = float(start * ostream.time_base), float(end * ostream.time_base)
                    cues += [Cue(t0 + c.start, min(t0 + c.end, t1), c.text)
                             for c in scene_cues(path) if t0 + c.start < t1]
                    offset = end
            for cue in cues:
                data = cue.text.encode("utf-8")
                pkt = av.Packet(struct.pack(">H", len(data)) + data)
                pkt.stream = subs
                pkt.time_base = subs.time_base
                pkt.pts = pkt.dts = int(round(cue.start * 1000))
                pkt.duration = max(1, int(round((cue.end - cue.start) * 1000)))
                out.mux(pkt)
            out.set_chapters(chapters)
        write_srt(cues, target.with_suffix(".srt"))
        write_vtt(cues, target.with_suffix(".vtt"))
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    tb = chapters[0]["time_base"] if chapters else 1
    return [(c["metadata"]["title"], float(c["start"] * tb)) for c in chapters]


# Captions in the HTML presentation: the current slide's narration (its presenter notes) in a
# bar at the bottom of the screen; the C key shows or hides it.
CAPTION_SNIPPET = """
    <style>
      #lecture-captions { position: fixed; left: 8%; right: 8%; bottom: 3%; z-index: 30;
        padding: 0.4em 0.8em; background: rgba(0, 0, 0, 0.72); color: #f0f0f0;
        font: 1.6vw/1.35 "DejaVu Sans", sans-serif; text-align: center; border-radius: 0.3em; }
      #lecture-captions:empty, #lecture-captions.off { display: none; }
    </style>
    <div id="lecture-captions" aria-live="polite"></div>
    <script>
      (function () {
        var bar = document.getElementById("lecture-captions");
        function show() {
          var notes = Reveal.getCurrentSlide().querySelector("aside.notes");
          bar.textContent = notes ? notes.textContent.trim() : "";
        }
        Reveal.on("ready", show);
        Reveal.on("slidechanged", show);
        Reveal.addKeyBinding({ keyCode: 67, key: "C", description: "Show or hide captions" },
          function () { bar.classList.toggle("off"); });
      })();
    </script>
"""


# The explorer as the presentation's last slide: its page travels inside the HTML (base64) and is
# opened in an iframe from a blob URL when the slide is reached, so the file stays self-contained.
EXPLORER_MARK = "<!--lecture-explorer-slide-->"
EXPLORER_SLIDE = """
        <section id="explorer-slide" data-background-color="#0c0c0f"></section>
"""
EXPLORER_SCRIPT = """
    <iframe id="explorer-frame" title="Live explorer" hidden
            style="position:fixed; left:0; top:0; width:100vw; height:100vh; border:0;
                   z-index:20"></iframe>
    <script type="text/plain" id="explorer-page">{payload}</script>
    <script>
      (function () {
        // over the whole screen (not inside reveal's scaled slide), so it lays out at full size
        var frame = document.getElementById("explorer-frame");
        function open() {
          var here = Reveal.getCurrentSlide().id === "explorer-slide";
          frame.hidden = !here;
          if (!here) return;
          if (!frame.src) {
            var raw = atob(document.getElementById("explorer-page").textContent.trim());
            var bytes = new Uint8Array(raw.length);
            for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
            frame.src = URL.createObjectURL(new Blob([bytes], { type: "text/html" }));
          }
          frame.focus();
        }
        Reveal.on("ready", open);
        Reveal.on("slidechanged", open);
        window.addEventListener("message", function (e) {
          if (e.source !== frame.contentWindow || !e.data) return;
          if (e.data.explorer === "prev") { Reveal.prev(); window.focus(); }
          if (e.data.explorer === "next") Reveal.next();
        });
      })();
    </script>
"""


def caption_template(target: Path, explorer: bool = False) -> Path:
    """manim-slides' own reveal.js template with the caption bar added before </body>
    (and, with ``explorer``, a marked place for the explorer's slide after the last one)."""
    import re
    from importlib.resources import files

    base = files("manim_slides.templates").joinpath("revealjs.html").read_text(encoding="utf-8")
    if "</body>" not in base:
        raise RuntimeError("manim-slides' revealjs.html template has no </body>: cannot add "
                           "captions; pin manim-slides==5.7.0 (requirements.txt).")
    text = base.replace("</body>", CAPTION_SNIPPET + "  </body>", 1)
    if explorer:
        text, found = re.subn(r"(\{% endfor %\}\s*)(</div>\s*</div>\s*<script src=)",
                              lambda m: m.group(1) + EXPLORER_MARK + m.group(2), text, count=1)
        if not found:
            raise RuntimeError("manim-slides' revealjs.html template changed: cannot place the "
                               "explorer slide; pin manim-slides==5.7.0 (requirements.txt).")
    target.write_text(text, encoding="utf-8")
    return target


def add_explorer(html: Path, explorer_page: Path) -> None:
    """Put the explorer page in the converted presentation as its last slide."""
    import base64

    text = html.read_text(encoding="utf-8")
    if text.count(EXPLORER_MARK) != 1:
        raise RuntimeError("the converted presentation has no place for the explorer slide")
    payload = base64.b64encode(explorer_page.read_bytes()).decode("ascii")
    text = text.replace(EXPLORER_MARK, EXPLORER_SLIDE)
    end = text.rindex("</body>")  # the page's own; inlined scripts may hold the string too
    text = text[:end] + EXPLORER_SCRIPT.replace("{payload}", payload) + "  " + text[end:]
    html.write_text(text, encoding="utf-8")


def convert_html(scenes: list[str], out: Path, cwd: Path, explorer: bool = True) -> None:
    """The scenes' slides (under cwd/slides) as one offline HTML file with captions, and the
    live explorer as its last slide."""
    seed_reveal_cache()
    tmp = out.with_name(out.stem + ".partial.html")
    template = caption_template(out.with_name("revealjs-captions.html"), explorer)
    cmd = [sys.executable, "-m", "manim_slides", "convert", "--to", "html", "--one-file",
           "--offline", "--use-template", str(template),
           # the chapter's one transition, in the presentation: a short fade between slides
           "-cbackground_transition=fade", "-ctransition_speed=fast", *scenes, str(tmp)]
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    template.unlink(missing_ok=True)
    if proc.returncode != 0 or not tmp.exists():
        tmp.unlink(missing_ok=True)
        raise RuntimeError("manim-slides convert failed:\n" + proc.stdout[-2000:]
                           + proc.stderr[-2000:])
    if explorer:
        import build_explorer

        page = out.with_name(out.stem + ".explorer.partial.html")
        try:
            build_explorer.build(page)
            add_explorer(tmp, page)
        except (build_explorer.BuildError, FactsError) as err:
            tmp.unlink(missing_ok=True)
            raise RuntimeError(f"the explorer slide could not be built: {err}") from err
        finally:
            page.unlink(missing_ok=True)
    tmp.replace(out)


def seed_reveal_cache() -> None:
    """Put reveal.js (from the npm registry's package) where manim-slides looks offline."""
    from platformdirs import user_cache_path

    cache = user_cache_path("manim-slides") / f"revealjs{REVEAL_VERSION}"
    if all((cache / Path(f).name).exists() for f in REVEAL_FILES):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("The HTML export needs reveal.js from npm: install Node.js/npm "
                           "(Debian: apt-get install npm) and run again.")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([npm, "pack", f"reveal.js@{REVEAL_VERSION}", "--pack-destination", tmp],
                       check=True, capture_output=True)
        with tarfile.open(next(Path(tmp).glob("reveal.js-*.tgz"))) as tar:
            for name in REVEAL_FILES:
                data = tar.extractfile(f"package/{name}")
                assert data is not None
                (cache / Path(name).name).write_bytes(data.read())
    print(f"seeded reveal.js {REVEAL_VERSION} into {cache}")


def scenes_in(file: Path) -> list[str]:
    """The scene classes a scene file defines (classes whose bases end in Slide or Scene)."""
    import ast

    tree = ast.parse(file.read_text(encoding="utf-8"))
    out = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")
                     for b in node.bases]
            if any(b.endswith(("Slide", "Scene")) for b in bases):
                out.append(node.name)
    return out


def check_scene_args(argv: list[str]) -> str | None:
    """For ``render.sh FILE.py [SCENE...] [manim flags]``: the error line, or None when fine."""
    file = Path(argv[0])
    if not file.is_file():
        return f"error: {file} not found; scene files live in scenes/ (e.g. scenes/softmax.py)"
    known = scenes_in(file)
    asked = [a for a in argv[1:] if a[:1].isupper() and a.isidentifier()]
    unknown = [a for a in asked if a not in known]
    if unknown:
        return (f"error: {file} has no scene {', '.join(unknown)}; its scenes: "
                f"{', '.join(known) or 'none'}")
    if not asked and len(known) > 1:
        return f"error: {file} has several scenes; name one or more: {', '.join(known)}"
    return None


def add_quality_flags(p: argparse.ArgumentParser) -> None:
    """manim's quality flags (-ql, -qm, -qh, -qp, -qk) as options; default -qh."""
    group = p.add_mutually_exclusive_group()
    for flag, folder in QUALITY_DIRS.items():
        group.add_argument(flag, dest="quality", action="store_const", const=flag,
                           help=f"render at {folder}")
    p.set_defaults(quality="-qh")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_quality_flags(p)
    p.add_argument("--scenes", nargs="+", help="only these scenes (no joined video)")
    p.add_argument("--slides", action="store_true", help="render as manim-slides slides")
    p.add_argument("--html", action="store_true", help="slides + one offline HTML file")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--out", type=Path, default=None, help="joined video / HTML path")
    return p.parse_args(argv)


def check_all() -> str:
    """Every configured word and prompt (livenumbers' check) and the scenes' screen limits."""
    from livenumbers.cli import check
    from livenumbers.config import load_config
    from scenes.common.limits import check_screen_limits

    summary = check()
    check_screen_limits(load_config())
    return summary


def main() -> int:
    if sys.argv[1:2] == ["--check"]:
        try:
            print(check_all())
        except FactsError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        return 0
    if sys.argv[1:2] == ["--check-scenes"]:
        problem = check_scene_args(sys.argv[2:])
        if problem:
            print(problem, file=sys.stderr)
            return 2
        return 0
    args = parse_args()
    slides = args.slides or args.html

    try:
        print(check_all())
    except FactsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    jobs = [Job(*entry) for entry in CHAPTER]
    if args.scenes:
        known = {j.scene: j for j in jobs}
        unknown = [s for s in args.scenes if s not in known]
        if unknown:
            print(f"error: unknown scene(s) {', '.join(unknown)}; known: {', '.join(known)}",
                  file=sys.stderr)
            return 2
        jobs = [known[s] for s in args.scenes]

    log_dir = MEDIA / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    done: dict[str, float] = {}
    print(f"rendering {len(jobs)} scene(s) at {args.quality} with {args.jobs} parallel job(s)")
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        pending: set[Future] = {pool.submit(render, j, args.quality, slides, log_dir) for j in jobs}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                try:
                    job, secs, cached = fut.result()
                except RuntimeError as err:
                    for other in pending:
                        other.cancel()
                    print(f"error: {err}", file=sys.stderr)
                    print("stopped; no joined video was written.", file=sys.stderr)
                    return 1
                done[job.scene] = secs
                video = duration(job.video(args.quality))
                what = "cached, not re-rendered" if cached else (
                    f"{secs:.0f} s = {secs / max(video, 1e-9):.1f}x its {video:.0f} s")
                print(f"[{len(done)}/{len(jobs)}] {job.scene}: {what} "
                      f"(elapsed {time.time() - t0:.0f} s)", flush=True)

    if args.html:
        out = args.out or MEDIA / "chapter" / f"chapter5-{QUALITY_DIRS[args.quality]}.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            convert_html([j.scene for j in jobs], out, ROOT)
        except RuntimeError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        print(f"offline HTML presentation: {out}")
    elif args.slides:
        names = " ".join(j.scene for j in jobs)
        print(f"slides written to {ROOT / 'slides'}; present with:\n"
              f"  .venv/bin/manim-slides present {names}")
    elif not args.scenes:
        out = args.out or MEDIA / "chapter" / f"chapter5-{QUALITY_DIRS[args.quality]}.mp4"
        out.parent.mkdir(parents=True, exist_ok=True)
        marks = join([(j, j.video(args.quality)) for j in jobs], out)
        print(json.dumps({"chapters": [{"title": t, "start_s": round(s, 2)} for t, s in marks]},
                         indent=1))
        print(f"chapter video ({duration(out):.0f} s, total {time.time() - t0:.0f} s): {out}")
    else:
        for j in jobs:
            print(f"{j.scene}: {j.video(args.quality)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
