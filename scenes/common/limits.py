"""How much of each configured list fits on screen: the scenes' limits, checked once at the edge
(before rendering: ./render.sh check, the chapter renderer, each scene's configuration)."""

from __future__ import annotations

from livenumbers.config import Config
from livenumbers.errors import ConfigError

# (section, key) -> the most the scene that draws it can lay out
SCREEN_LIMITS: dict[tuple[str, str], int] = {
    ("unembedding", "top"): 10,
    ("softmax", "top"): 10,
    ("generation", "top"): 6,
    ("generation", "steps"): 10,
    ("generation", "compare_tokens"): 24,
    ("context", "window"): 10,
    ("context", "story_tokens"): 40,
    ("chat", "tokens"): 40,
}


def check_screen_limits(cfg: Config) -> Config:
    """``cfg`` unchanged, or one clear ConfigError naming the value that would not fit."""
    for (section, key), cap in SCREEN_LIMITS.items():
        value = getattr(getattr(cfg, section), key)
        if value > cap:
            raise ConfigError(f"{cfg.where(section, key)} is {value}; at most {cap} fit on "
                              "screen.")
    return cfg
