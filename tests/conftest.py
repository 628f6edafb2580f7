"""Shared test helpers: an isolated facts cache, tiny scene renders, last-frame checks."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
FRAMES = Path(__file__).resolve().parent / "frames"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-frames", action="store_true",
                     help="rewrite the reference last frames in tests/frames/")


@pytest.fixture(scope="session")
def update_frames(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-frames"))


@pytest.fixture(scope="session", autouse=True)
def _quiet_env(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # an isolated facts cache: no test passes on an entry a render or an older run left behind
    os.environ["LIVENUMBERS_CACHE"] = str(tmp_path_factory.mktemp("livenumbers-cache"))


def render_scene(module: str, scene: str, tmp_path: Path, pixel_height: int = 180,
                 frame_rate: int = 5) -> np.ndarray:
    """Render scenes/<module>.py:<scene> at a tiny size; return its last picture (H, W, 3) uint8.

    180 px high, not less: pango lays text out within the frame's pixel width, so narrower
    renders wrap lines that a real render keeps on one.
    """
    from manim import tempconfig

    mod = importlib.import_module(f"scenes.{module}")
    cls = getattr(mod, scene)
    opts = {
        "pixel_height": pixel_height,
        "pixel_width": pixel_height * 16 // 9,
        "frame_rate": frame_rate,
        "media_dir": str(tmp_path / "media"),
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "write_to_movie": True,
    }
    with tempconfig(opts):
        instance = cls()
        instance.render()
        # the last full picture, before the fade into the next scene
        frame = np.asarray(instance.final_frame)[..., :3].copy()
        check_captions(scene, tmp_path / "media", float(instance.renderer.time))
    return frame


MAX_SILENCE = 3.0  # seconds a scene may run without a caption (a title fade, the transition)


def check_captions(scene: str, media: Path, duration: float) -> None:
    """The scene's .srt: cues in order, inside the video, covering it without long silences."""
    from scenes.common.narration import parse_srt

    found = list(media.rglob(f"{scene}.srt"))
    assert found, f"{scene}: no captions were written beside its video"
    cues = parse_srt(found[0].read_text(encoding="utf-8"))
    assert cues, f"{scene}: its captions are empty"
    edges = [0.0]
    for cue in cues:
        assert cue.text.strip(), f"{scene}: an empty caption at {cue.start:.1f} s"
        assert cue.end > cue.start >= edges[-1] - 1e-3, f"{scene}: cues overlap at {cue.start}"
        gap = cue.start - edges[-1]
        assert gap <= MAX_SILENCE, f"{scene}: {gap:.1f} s without a caption before {cue.start}"
        edges.append(cue.end)
    assert edges[-1] <= duration + 1e-3, f"{scene}: a caption runs past the video's end"
    tail = duration - edges[-1]
    assert tail <= MAX_SILENCE, f"{scene}: its last {tail:.1f} s have no caption"


def check_frame(name: str, frame: np.ndarray, update: bool, tolerance: float = 6.0) -> None:
    """Compare a last frame with tests/frames/<name>.npz (mean abs difference, 0-255 scale)."""
    FRAMES.mkdir(exist_ok=True)
    ref_path = FRAMES / f"{name}.npz"
    if update or not ref_path.exists():
        if not update:
            pytest.fail(f"no reference frame {ref_path.name}; run pytest --update-frames")
        np.savez_compressed(ref_path, frame=frame)
        return
    ref = np.load(ref_path)["frame"]
    assert ref.shape == frame.shape, f"frame size changed: {ref.shape} -> {frame.shape}"
    diff = float(np.abs(ref.astype(np.int16) - frame.astype(np.int16)).mean())
    assert diff <= tolerance, f"{name}: last frame differs from reference by {diff:.2f}"
    assert frame.std() > 3, f"{name}: last frame is blank"
