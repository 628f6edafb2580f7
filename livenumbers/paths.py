"""Where the project keeps its shipped data and its caches."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


def cache_dir() -> Path:
    """The on-disk cache folder ($LIVENUMBERS_CACHE, default .cache/ in the project)."""
    path = Path(os.environ.get("LIVENUMBERS_CACHE", PROJECT_ROOT / ".cache"))
    path.mkdir(parents=True, exist_ok=True)
    return path
