"""The lecturer's models reach every fact: the facts layer never reads the configuration itself
(issue 13), so each scene must name the model it wants, or a configured model would be ignored."""

from __future__ import annotations

import ast
import inspect
import shutil
import subprocess
import sys
from pathlib import Path

from livenumbers import gpt, words

ROOT = Path(__file__).resolve().parent.parent


def _facts_calls_without_a_model(path: Path) -> list[str]:
    """Calls of livenumbers.gpt / .words functions that take ``spec`` but are not given one."""
    modules = {"gpt": gpt, "words": words}
    missing = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id in modules):
            continue
        fn = getattr(modules[node.func.value.id], node.func.attr, None)
        if not inspect.isfunction(fn) or "spec" not in inspect.signature(fn).parameters:
            continue
        position = list(inspect.signature(fn).parameters).index("spec")
        if len(node.args) <= position and all(k.arg != "spec" for k in node.keywords):
            missing.append(f"{path.name}:{node.lineno} {node.func.value.id}.{node.func.attr}")
    return missing


def test_every_scene_names_the_model_of_each_fact() -> None:
    files = sorted((ROOT / "scenes").glob("*.py")) + [ROOT / "livenumbers" / "cli.py",
                                                      ROOT / "tools" / "build_explorer.py"]
    missing = [m for f in files for m in _facts_calls_without_a_model(f)]
    assert not missing, missing


def test_the_facts_layer_does_not_read_the_configuration() -> None:
    for module in (gpt, words):
        assert "load_config" not in Path(module.__file__).read_text(encoding="utf-8")


def test_the_cli_answers_with_the_configured_model(tmp_path: Path) -> None:
    copy = tmp_path / "my-gpt"
    shutil.copytree(gpt.SHIPPED_DIR, copy)
    env = {"LECTURE_MODELS_GPT": f'"{copy}"', "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1",
           "LIVENUMBERS_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "livenumbers.cli", "next", "The cat sat on the"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert f"local:{copy.resolve()}@" in out.stdout.splitlines()[-1]
