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
def _quiet_env() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def render_scene(module: str, scene: str, tmp_path: Path, pixel_height: int = 180,
                 frame_rate: int = 5) -> np.ndarray:
    """Render scenes/<module>.py:<scene> at a tiny size; return its last frame (H, W, 3) uint8.

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
        frame = np.asarray(instance.renderer.get_frame())[..., :3].copy()
    return frame


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
