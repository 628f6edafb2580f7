"""Errors written for people: each names the offending value and the fix."""

from __future__ import annotations


class FactsError(ValueError):
    """Base class: a problem a lecturer can fix (bad input, missing model, bad configuration)."""


class UnknownWordError(FactsError, KeyError):
    """A word that the word-vector model does not know."""

    def __init__(self, word: str, model_id: str, suggestions: list[str],
                 origin: str | None = None, note: str = "") -> None:
        self.word = word
        self.model_id = model_id
        self.suggestions = suggestions
        self.origin = origin
        self.note = note
        if suggestions:
            hint = f" Close words it does know: {', '.join(suggestions)}."
        else:
            hint = f" {note}" if note else ""
        fix = f"Pick another word for {origin}." if origin else "Pick another word."
        super().__init__(f"{word!r} is not in the vocabulary of {model_id}.{hint} {fix}")

    def located(self, origin: str) -> UnknownWordError:
        """The same error, saying where the word came from (for callers that know)."""
        return UnknownWordError(self.word, self.model_id, self.suggestions, origin, self.note)

    def __str__(self) -> str:  # KeyError would otherwise quote the whole message
        return self.args[0]


class ModelFileError(FactsError):
    """A model file that is missing, unreadable or corrupt."""


class ConfigError(FactsError):
    """A lecturer configuration value that cannot be used."""
