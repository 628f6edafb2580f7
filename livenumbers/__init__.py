"""Live numbers for the chapter: facts computed from a real GPT and real word vectors.

Flow: models (loaded once per process) -> facts (pure functions returning small dataclasses that
record which model produced them, cached on disk) -> scenes (which only draw).
"""

from __future__ import annotations

from livenumbers.errors import FactsError

__all__ = ["FactsError"]
