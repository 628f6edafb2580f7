"""Keep libraries' log noise out of the user's terminal while an opt-in model is fetched.

gensim's downloader logs a full traceback when it cannot reach its index, and the Hugging Face
hub logs every retry; both before the one clear line our error gives. During a fetch their log
records (and Python warnings) go to a file under the cache folder instead, which the error names.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from livenumbers.paths import cache_dir

LOG_FILE = "logs/libraries.log"
GENSIM_LOGGERS = ("gensim", "smart_open", "urllib3")
HUB_LOGGERS = ("transformers", "huggingface_hub", "httpx", "httpcore", "urllib3", "filelock")


def library_log_path() -> Path:
    """The file that library log records are written to during a fetch."""
    return cache_dir() / LOG_FILE


@contextmanager
def library_logs_to_file(names: tuple[str, ...]) -> Iterator[Path]:
    """Send the named loggers' records and any warnings to :func:`library_log_path` meanwhile.

    Their own handlers (transformers and huggingface_hub print to stderr themselves) are set
    aside and propagation to the root logger is stopped, then both are restored.
    """
    path = library_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    saved: list[tuple[logging.Logger, list[logging.Handler], bool]] = []
    for name in dict.fromkeys((*names, "py.warnings")):
        logger = logging.getLogger(name)
        saved.append((logger, logger.handlers[:], logger.propagate))
        logger.handlers = [handler]
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            try:
                yield path
            finally:
                for w in caught:
                    logging.getLogger("py.warnings").warning(
                        "%s:%s: %s: %s", w.filename, w.lineno, w.category.__name__, w.message)
    finally:
        for logger, handlers, propagate in saved:
            logger.handlers = handlers
            logger.propagate = propagate
        handler.close()


def one_line(err: BaseException) -> str:
    """An exception's text on one line (libraries' messages often span several)."""
    return " ".join(str(err).split())
