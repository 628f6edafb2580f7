#!/usr/bin/env python3
"""Benchmark the live explorer in headless Chromium (offline): size, first answer, update times.

  python tools/bench_explorer.py [--json out.json] [--repeats 15]

Builds the page (tools/build_explorer.py) unless --page names one. An update is the page's own
measurement of one input event: tokenize, forward pass (keys and values of the positions a prompt
shares with the last one are kept), softmax, sort and the redrawn bars; painting is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import build_explorer

SET = ("(v) => { const e = document.getElementById(v[0]); e.value = v[1]; "
       "e.dispatchEvent(new Event('input')); return explorer.timings.updatesMs.at(-1); }")
LONG = "The cat sat on the mat and looked out of the window at the rain. " * 14


def measure(page_path: Path, repeats: int) -> dict:
    """Times for each kind of update, medians over ``repeats``, in milliseconds."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    out: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium,
                                     args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(offline=True, viewport={"width": 1920, "height": 1080}
                                   ).new_page()
        starts = []
        for _ in range(3):
            t0 = time.perf_counter()
            page.goto(page_path.as_uri())
            page.wait_for_function("document.body.dataset.ready === '1'", timeout=120_000)
            starts.append({"wall_s": time.perf_counter() - t0,
                           "first_answer_ms": page.evaluate("explorer.timings.firstAnswerMs"),
                           "load_ms": page.evaluate("explorer.timings.loadMs")})
        out["open"] = {k: statistics.median(s[k] for s in starts) for k in starts[0]}
        prompt = "Once upon a time there was a"
        cases = {
            "type one more character (7-token prompt)": [("prompt", prompt + " l"[: 1 + i % 2])
                                                         for i in range(repeats)],
            "move the temperature slider": [("temperature", f"{0.5 + i / repeats:.2f}")
                                            for i in range(repeats)],
            "a new 200-token prompt (whole forward pass)": [
                ("prompt", f"{i} " + LONG[: 800]) for i in range(repeats)],
        }
        for name, steps in cases.items():
            page.evaluate(SET, ["prompt", prompt])
            times = [page.evaluate(SET, list(s)) for s in steps]
            out[name] = {"median_ms": statistics.median(times), "max_ms": max(times)}
        page.evaluate(SET, ["prompt", prompt])
        steps = []
        for _ in range(repeats):
            page.click("#step")
            steps.append(page.evaluate("explorer.timings.updatesMs.at(-1)"))
        out["predict, sample, append (one step)"] = {"median_ms": statistics.median(steps),
                                                     "max_ms": max(steps)}
        out["browser"] = browser.version
        browser.close()
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--page", type=Path, default=None, help="an already built explorer.html")
    p.add_argument("--repeats", type=int, default=15)
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page = args.page.resolve() if args.page else None
        if page is None:
            page = Path(tmp) / "explorer.html"
            build_explorer.build(page)
        result = {"file_mb": round(page.stat().st_size / 1e6, 1), **measure(page, args.repeats),
                  "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}"}
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
