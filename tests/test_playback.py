"""Lecture playback: the first chapter scene as slides, converted to one offline HTML file, opened
in headless Chromium with the network off: its video loads and plays, and advancing works."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import render_chapter

from scenes.order import CHAPTER

ROOT = Path(__file__).resolve().parent.parent



VIDEO = ("(document.querySelector('.slide-background.present video')"
         " || document.querySelector('video'))")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="Debian's chromium is missing (./render.sh test installs it)"),
]


@pytest.fixture(scope="module")
def presentation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Render the first scene as slides at a tiny size and convert it to one offline HTML."""
    work = tmp_path_factory.mktemp("slides")
    _, module, scene = CHAPTER[0]
    env = dict(os.environ, LECTURE_SLIDES="1", PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "manim", "render", "-r", "256,144", "--fps", "10",
                    "--media_dir", str(work / "media"), "--progress_bar", "none",
                    str(ROOT / "scenes" / module), scene], cwd=work, env=env, check=True,
                   capture_output=True, timeout=600)
    html = work / "talk.html"
    render_chapter.convert_html([scene], html, work)
    return html


def test_html_plays_offline_and_advances(presentation: Path, tmp_path: Path) -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    text = presentation.read_text(errors="replace")
    # self-contained: no remote assets, videos embedded as data URIs
    assert 'src="http' not in text and 'href="http' not in text
    assert 'data-background-video="data:video/mp4;base64' in text
    assert re.search(r"backgroundTransition:\s*[\"']?fade", text)  # the one transition
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--autoplay-policy=no-user-gesture-required"])
        context = browser.new_context(offline=True, viewport={"width": 640, "height": 360})
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(presentation.as_uri(), timeout=120_000)  # one large self-contained file
        page.wait_for_function("typeof Reveal !== 'undefined' && Reveal.isReady()", timeout=30000)
        page.wait_for_function(f"{VIDEO} && {VIDEO}.readyState >= 2", timeout=30000)
        page.evaluate(f"(() => {{ const v = {VIDEO}; v.muted = true; return v.play(); }})()")
        page.wait_for_function(f"{VIDEO}.currentTime > 0.2", timeout=30000)
        # captions: the slide's narration (its presenter notes) in the caption bar; C toggles
        caption = page.inner_text("#lecture-captions")
        notes = page.evaluate("Reveal.getCurrentSlide().querySelector('aside.notes')"
                              ".textContent.trim()")
        assert caption and caption == notes
        page.keyboard.press("c")
        assert not page.is_visible("#lecture-captions")
        page.keyboard.press("c")
        assert page.is_visible("#lecture-captions")
        first = page.evaluate("Reveal.getState().indexh")
        total = page.evaluate("Reveal.getTotalSlides()")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(500)
        second = page.evaluate("Reveal.getState().indexh")
        assert page.inner_text("#lecture-captions") != caption  # the next beat's words
        shot = tmp_path / "shot.png"
        page.screenshot(path=str(shot))
        browser.close()
    assert total >= 2 and second == first + 1
    assert all(not u.startswith("http") for u in requests), requests
    pixels = np.asarray(Image.open(shot).convert("L"), dtype=float)
    picture = pixels[: int(pixels.shape[0] * 0.7)]  # above the caption bar
    assert picture.std() > 2, "the slide's picture is blank"


def test_html_ends_with_the_live_explorer(presentation: Path) -> None:
    """The last slide opens the explorer over the whole screen; PageUp inside it goes back."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        # bypass_csp: the explorer's own policy forbids eval, which Playwright's waits use
        context = browser.new_context(offline=True, bypass_csp=True,
                                      viewport={"width": 960, "height": 540})
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(presentation.as_uri(), timeout=120_000)  # one large self-contained file
        page.wait_for_function("typeof Reveal !== 'undefined' && Reveal.isReady()", timeout=30000)
        assert page.is_hidden("#explorer-frame")
        page.evaluate("Reveal.slide(Reveal.getTotalSlides() - 1)")
        page.wait_for_function("document.getElementById('explorer-frame').src.startsWith('blob:')",
                               timeout=30000)
        frame = page.frame_locator("#explorer-frame")
        page.frames[-1].wait_for_function("document.body.dataset.ready === '1'", timeout=60000)
        assert page.is_visible("#explorer-frame")
        assert frame.locator("#next-bars .row").count() == 11  # top 10 and "other"
        last = page.evaluate("Reveal.getState().indexh")
        frame.locator("#prompt").press("PageUp")
        page.wait_for_function(f"Reveal.getState().indexh === {last - 1}", timeout=5000)
        assert page.is_hidden("#explorer-frame")
        browser.close()
    assert problems == []
