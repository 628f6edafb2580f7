"""Errors written for people: each names the offending value and the fix."""

from __future__ import annotations


class FactsError(ValueError):
    """Base class: a problem a lecturer can fix (bad input, missing model, bad configuration)."""


class UnknownWordError(FactsError, KeyError):
    """A word that the word-vector model does not know."""

    def __init__(self, word: str, model_id: str, suggestions: list[str]) -> None:
        self.word = word
        self.model_id = model_id
        self.suggestions = suggestions
        hint = f" Close words it does know: {', '.join(suggestions)}." if suggestions else ""
        super().__init__(
            f"{word!r} is not in the vocabulary of {model_id}.{hint} "
            "Pick another word in data/lecture.toml (or its environment override)."
        )

    def __str__(self) -> str:  # KeyError would otherwise quote the whole message
        return self.args[0]


class ModelFileError(FactsError):
    """A model file that is missing, unreadable or corrupt."""


class ConfigError(FactsError):
    """A lecturer configuration value that cannot be used."""
