"""The facts cache: hits, corrupt and stale entries, atomic writes."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from livenumbers import cache, words


@dataclass(frozen=True)
class Fact:
    values: tuple[float, ...]
    model_id: str


@pytest.fixture()
def tmp_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LIVENUMBERS_CACHE", str(tmp_path))
    return tmp_path


def test_hit_returns_the_stored_result_without_computing(tmp_cache: Path) -> None:
    calls = []

    def compute() -> Fact:
        calls.append(1)
        return Fact((1.0, 2.0), "m")

    first = cache.cached("f", "m", {"x": 1}, Fact, compute)
    second = cache.cached("f", "m", {"x": 1}, Fact, compute)
    assert first == second == Fact((1.0, 2.0), "m") and len(calls) == 1


def test_corrupt_entry_is_rebuilt(tmp_cache: Path) -> None:
    cache.cached("f", "m", {"x": 1}, Fact, lambda: Fact((1.0,), "m"))
    path = cache.entry_path("f", "m", {"x": 1}, cache.code_version(lambda: None))
    path.write_text('{"schema": 2, "result": {"val')  # truncated JSON
    assert cache.cached("f", "m", {"x": 1}, Fact, lambda: Fact((3.0,), "m")).values == (3.0,)
    assert json.loads(path.read_text())["result"]["values"] == [3.0]


def test_stale_entry_is_rebuilt(tmp_cache: Path) -> None:
    path = cache.entry_path("f", "m", {"x": 2}, cache.code_version(lambda: None))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"schema": 1, "model_id": "m", "result": {"old": 1}}))
    assert cache.cached("f", "m", {"x": 2}, Fact, lambda: Fact((5.0,), "m")).values == (5.0,)


def test_a_failed_write_leaves_nothing_half_written(tmp_cache: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_cache / "facts" / "x.json"
    target.parent.mkdir(parents=True)
    target.write_text("old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        cache.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert list(target.parent.iterdir()) == [target]


def test_real_fact_survives_a_corrupt_cache_file(tmp_cache: Path) -> None:
    first = words.neighbours("tower", 3, spec=words.DEFAULT_WORD_MODEL)
    for path in (tmp_cache / "facts" / "neighbours").glob("*.json"):
        path.write_bytes(b"\x00\xff not json")
    again = words.neighbours("tower", 3, spec=words.DEFAULT_WORD_MODEL)
    assert again == first


def test_a_change_to_the_computing_code_is_a_miss(tmp_cache: Path, tmp_path: Path) -> None:
    """Facts are keyed by the source of the code that computed them, not only its arguments."""
    source = tmp_path / "facts_v1.py"
    source.write_text("def make(Fact):\n    return lambda: Fact((1.0,), 'm')\n")
    namespace: dict = {}
    exec(compile(source.read_text(), str(source), "exec"), namespace)
    assert cache.cached("f", "m", {"x": 3}, Fact, namespace["make"](Fact)).values == (1.0,)
    cache._source_hash.cache_clear()
    source.write_text("def make(Fact):\n    return lambda: Fact((2.0,), 'm')  # fixed\n")
    exec(compile(source.read_text(), str(source), "exec"), namespace)
    assert cache.cached("f", "m", {"x": 3}, Fact, namespace["make"](Fact)).values == (2.0,)


def test_the_suite_runs_on_its_own_facts_cache() -> None:
    from livenumbers.paths import PROJECT_ROOT, cache_dir

    assert not cache_dir().resolve().is_relative_to(PROJECT_ROOT)
