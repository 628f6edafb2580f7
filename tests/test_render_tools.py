"""render.sh and the chapter joiner: help text, markers, no half-written output."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
import render_chapter

from scenes.order import CHAPTER

ROOT = Path(__file__).resolve().parent.parent




def _clip(path: Path, seconds: float, shade: int) -> Path:
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        for _ in range(int(seconds * 10)):
            frame = av.VideoFrame.from_ndarray(np.full((36, 64, 3), shade, np.uint8), "rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def test_join_writes_one_marker_per_scene(tmp_path: Path) -> None:
    jobs = [render_chapter.Job("First", "a.py", "A"), render_chapter.Job("Second", "b.py", "B")]
    clips = [_clip(tmp_path / "a.mp4", 1.0, 40), _clip(tmp_path / "b.mp4", 2.0, 200)]
    target = tmp_path / "chapter.mp4"
    marks = render_chapter.join(list(zip(jobs, clips, strict=True)), target)
    assert [m[0] for m in marks] == ["First", "Second"]
    assert marks[1][1] == pytest.approx(1.0, abs=0.15)
    with av.open(str(target)) as container:
        assert container.duration / 1e6 == pytest.approx(3.0, abs=0.2)
        assert [c["metadata"]["title"] for c in container.chapters()] == ["First", "Second"]
    assert not list(tmp_path.glob("*.partial.mp4"))


def test_join_carries_captions_inside_their_chapters(tmp_path: Path) -> None:
    from scenes.common.narration import Cue, parse_srt, write_srt

    jobs = [render_chapter.Job("First", "a.py", "A"), render_chapter.Job("Second", "b.py", "B")]
    clips = [_clip(tmp_path / "a.mp4", 1.0, 40), _clip(tmp_path / "b.mp4", 2.0, 200)]
    write_srt([Cue(0.0, 0.9, "first scene says this")], clips[0].with_suffix(".srt"))
    write_srt([Cue(0.2, 1.0, "second, part one"), Cue(1.0, 1.9, "second, part two")],
              clips[1].with_suffix(".srt"))
    target = tmp_path / "chapter.mp4"
    marks = render_chapter.join(list(zip(jobs, clips, strict=True)), target)
    with av.open(str(target)) as container:
        assert [s.codec_context.name for s in container.streams.subtitles] == ["mov_text"]
        stream = container.streams.subtitles[0]
        texts = []
        for pkt in container.demux(stream):
            body = bytes(pkt)
            if len(body) > 2:
                texts.append((float(pkt.pts * stream.time_base), body[2:].decode()))
    assert [t for _, t in texts] == ["first scene says this", "second, part one",
                                     "second, part two"]
    second_start = marks[1][1]
    assert texts[0][0] < second_start <= texts[1][0]  # each cue inside its own chapter
    assert texts[1][0] == pytest.approx(second_start + 0.2, abs=0.12)
    srt = parse_srt(target.with_suffix(".srt").read_text())
    assert [c.text for c in srt] == [t for _, t in texts]
    assert all(a.end <= b.start + 1e-6 for a, b in zip(srt, srt[1:], strict=False))
    vtt = target.with_suffix(".vtt").read_text()
    assert vtt.startswith("WEBVTT") and "second, part two" in vtt


def test_join_failure_leaves_no_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video")
    target = tmp_path / "chapter.mp4"
    with pytest.raises(av.error.FFmpegError):
        render_chapter.join([(render_chapter.Job("X", "x.py", "X"), broken)], target)
    assert not target.exists() and not list(tmp_path.glob("*.partial.mp4"))


def test_chapter_order_names_existing_scenes() -> None:
    import importlib

    from scenes.common.slide import LectureSlide, LectureThreeDSlide

    assert len({scene for _, _, scene in CHAPTER}) == len(CHAPTER)
    for _, module, scene in CHAPTER:
        cls = getattr(importlib.import_module(f"scenes.{module.removesuffix('.py')}"), scene)
        assert issubclass(cls, LectureSlide | LectureThreeDSlide), scene


def test_quality_flags_parse_like_manims() -> None:
    assert render_chapter.parse_args([]).quality == "-qh"
    args = render_chapter.parse_args(["-ql", "--scenes", "TokensScene", "TitleScene"])
    assert args.quality == "-ql" and args.scenes == ["TokensScene", "TitleScene"]
    with pytest.raises(SystemExit):
        render_chapter.parse_args(["-ql", "-qh"])


def test_a_scene_the_file_lacks_is_one_line_not_a_menu() -> None:
    ok = render_chapter.check_scene_args(["scenes/softmax.py", "TemperatureScene", "-ql"])
    assert ok is None
    bad = render_chapter.check_scene_args(["scenes/softmax.py", "NoSuchScene"])
    assert bad == ("error: scenes/softmax.py has no scene NoSuchScene; its scenes: "
                   "SoftmaxScene, TemperatureScene")
    several = render_chapter.check_scene_args(["scenes/softmax.py", "-ql"])
    assert several is not None and "name one or more" in several
    assert "not found" in (render_chapter.check_scene_args(["scenes/nope.py"]) or "")
    out = subprocess.run(["bash", str(ROOT / "render.sh"), "scenes/softmax.py", "NoSuchScene"],
                         capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                         cwd=ROOT)
    assert out.returncode == 2 and "its scenes: SoftmaxScene, TemperatureScene" in out.stderr


def test_render_sh_help() -> None:
    out = subprocess.run(["bash", str(ROOT / "render.sh"), "--help"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0
    for word in ("slides", "html", "test", "-qh", "LECTURE_"):
        assert word in out.stdout


def _pins() -> dict[str, str]:
    """requirements.txt as {normalised name: pinned version}."""
    from packaging.utils import canonicalize_name

    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        spec = line.split("#")[0].strip()
        if spec:
            name, _, version = spec.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_declared_dependencies_agree_with_the_pinned_lock() -> None:
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _pins()
    declared = [Requirement(r) for r in project["dependencies"]]
    dev = [Requirement(r) for r in project["optional-dependencies"]["dev"]]
    for req in declared + dev:
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is declared but not pinned in requirements.txt"
        assert req.specifier.contains(pins[name]), f"{req} excludes the pinned {pins[name]}"
    assert {canonicalize_name(r.name) for r in dev} >= {"pytest", "playwright", "ruff", "mypy"}


def test_every_third_party_import_of_the_package_is_declared() -> None:
    import ast
    import tomllib
    from importlib.metadata import packages_distributions

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {canonicalize_name(Requirement(r).name) for r in project["dependencies"]}
    owners = packages_distributions()
    imported: set[str] = set()
    for folder in ("livenumbers", "scenes"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    imported |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    imported.add(node.module.split(".")[0])
    missing = {canonicalize_name(dist) for module in imported for dist in owners.get(module, [])
               if canonicalize_name(dist) not in {"transformers-chapter5"}} - declared
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"


def test_the_test_command_lints_and_type_checks() -> None:
    script = (ROOT / "render.sh").read_text()
    branch = script[script.index("\n  test)"):].split(";;")[0]
    assert '"$VENV/bin/ruff" check .' in branch and '"$VENV/bin/mypy"' in branch
    assert branch.index("mypy") < branch.index("pytest")
    # both tiers run, the fast one first
    assert branch.index('pytest -m "not render"') < branch.index("pytest -m render")
    assert {"ruff", "mypy"} <= set(_pins())


def test_tools_import_the_installed_package_not_sys_path_edits() -> None:
    """The renderer and tools import livenumbers and scenes as installed (pip -e .)."""
    edits = [p.name for p in sorted((ROOT / "tools").glob("*.py"))
             if "sys.path" in p.read_text(encoding="utf-8")]
    assert edits == []


def test_parallel_scenes_get_their_own_tex_folders() -> None:
    """Two scenes rendering at once never share a LaTeX or text folder (they raced on one .dvi)."""
    from manim import config, tempconfig

    from scenes.intro import TitleScene
    from scenes.softmax import SoftmaxScene

    dirs = []
    with tempconfig({}):
        for cls in (TitleScene, SoftmaxScene):
            cls().setup()
            dirs.append((config.tex_dir, config.text_dir))
            assert all(cls.__name__ in d for d in dirs[-1])
    assert not set(dirs[0]) & set(dirs[1])
