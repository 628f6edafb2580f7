#!/usr/bin/env python3
"""Benchmark rendering: per scene and in total, wall time ÷ video duration, plus a cached re-render.

  .venv/bin/python tools/bench_render.py -ql                 every chapter scene at 480p15
  .venv/bin/python tools/bench_render.py -qh --scenes TemperatureScene EmbeddingSpaceScene

Scenes render one at a time (so each timing has the whole machine), with manim's cache disabled
(a first render). Then the whole selection is rendered again through render.sh's path, where
unchanged scenes are reused: that is the cached re-render. Facts come from the facts cache either
way (warm it with one render first; a cold facts cache adds the model loads).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import render_chapter

ROOT = Path(__file__).resolve().parent.parent



def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    render_chapter.add_quality_flags(p)
    p.add_argument("--scenes", nargs="+")
    args = p.parse_args()
    jobs = [render_chapter.Job(*e) for e in render_chapter.CHAPTER]
    if args.scenes:
        jobs = [j for j in jobs if j.scene in args.scenes]
    log_dir = render_chapter.MEDIA / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    total_wall = total_video = 0.0
    for job in jobs:
        _, secs, _ = render_chapter.render(job, args.quality, False, log_dir, fresh=True)
        video = render_chapter.duration(job.video(args.quality))
        # leave a stamp so the cached re-render below can reuse this exact output
        stamp = job.video(args.quality).with_suffix(".stamp")
        stamp.write_text(render_chapter.inputs_hash(job, args.quality, False))
        rows.append({"scene": job.scene, "video_s": round(video, 1), "wall_s": round(secs, 1),
                     "x_realtime": round(secs / video, 2)})
        total_wall += secs
        total_video += video
        print(json.dumps(rows[-1]), flush=True)
    cmd = [sys.executable, str(ROOT / "tools" / "render_chapter.py"), args.quality]
    if args.scenes:
        cmd += ["--scenes", *[j.scene for j in jobs]]
    t = time.time()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True,
                   env=dict(os.environ, PYTHONPATH=str(ROOT)))
    cached = time.time() - t
    summary = {"quality": args.quality, "scenes": len(rows), "video_s": round(total_video, 1),
               "wall_s": round(total_wall, 1), "x_realtime": round(total_wall / total_video, 2),
               "cached_rerender_s": round(cached, 1),
               "cached_vs_first": round(cached / total_wall, 3), "cpus": os.cpu_count()}
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
