"""A facts cache on disk: JSON files keyed by model id, function, arguments and code version.

The code version is a hash of the source file that defines the computation, so editing the
facts code invalidates what that file computed (never a stale answer after a change).

Re-rendering a scene reads its numbers from here and loads no model. Writes are atomic (a temp
file renamed into place); an unreadable or stale entry is rebuilt, never a crash.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from livenumbers.paths import cache_dir

SCHEMA = 2  # bump when a result's fields change: every older entry is then stale
T = TypeVar("T")
log = logging.getLogger("livenumbers.cache")


@functools.lru_cache(maxsize=32)
def _source_hash(filename: str) -> str:
    try:
        return hashlib.sha256(Path(filename).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unknown"


def code_version(compute: Callable[..., Any]) -> str:
    """A hash of the source file that defines ``compute`` (its module)."""
    code = getattr(compute, "__code__", None)
    return _source_hash(code.co_filename) if code is not None else "unknown"


def _key(function: str, model_id: str, args: dict[str, Any], code: str = "") -> str:
    blob = json.dumps([SCHEMA, function, model_id, args, code], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def entry_path(function: str, model_id: str, args: dict[str, Any], code: str = "") -> Path:
    """The file that holds (or will hold) this result."""
    return cache_dir() / "facts" / function / f"{_key(function, model_id, args, code)}.json"


def _tuplify(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuplify(v) for v in value)
    return value


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached(function: str, model_id: str, args: dict[str, Any], cls: type[T],
           compute: Callable[[], T]) -> T:
    """Return the cached result of ``compute`` for these arguments, computing it if needed.

    ``cls`` is a dataclass whose fields are JSON-friendly (numbers, strings, nested tuples).
    Set LIVENUMBERS_NO_CACHE=1 to always recompute.
    """
    code = code_version(compute)
    path = entry_path(function, model_id, args, code)
    if os.environ.get("LIVENUMBERS_NO_CACHE") != "1" and path.exists():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("schema") == SCHEMA and stored.get("model_id") == model_id:
                names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
                fields = stored["result"]
                if set(fields) == names:
                    return cls(**{k: _tuplify(v) for k, v in fields.items()})
            log.warning("stale cache entry %s: rebuilding it", path.name)
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as err:
            log.warning("unreadable cache entry %s (%s): rebuilding it", path.name, err)
    result = compute()
    payload = {"schema": SCHEMA, "function": function, "model_id": model_id, "args": args,
               "code": code, "result": dataclasses.asdict(result)}  # type: ignore[call-overload]
    write_atomic(path, json.dumps(payload, default=float))
    return result
