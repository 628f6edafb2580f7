#!/usr/bin/env bash
# Render the chapter, one scene, the slides or the offline HTML presentation; run the tests.
# Sets itself up on first use (Debian packages, .venv, pinned requirements); later runs reuse it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

usage() {
  cat <<'USAGE'
Usage: ./render.sh [COMMAND] [-ql|-qm|-qh|-qk] [ARGS...]

  ./render.sh                      the whole chapter, scenes in chapter order, joined into one MP4
                                   with chapter markers (default -qh); prints the file's path
  ./render.sh SCENE...             named scenes, e.g. ./render.sh TemperatureScene TokensScene
  ./render.sh scenes/x.py Scene    one scene of a file (extra manim flags pass through)
  ./render.sh slides               every scene as manim-slides slides (keyboard-paced), in
                                   chapter order; then: .venv/bin/manim-slides present <scenes>
  ./render.sh html                 one self-contained offline HTML presentation (reveal.js from
                                   the npm package, nothing fetched when converting or viewing)
  ./render.sh explorer             the live explorer: one offline HTML page where the film's GPT
                                   and word vectors answer typed prompts and words in the browser
                                   (media/explorer/explorer.html; also the HTML's last slide)
  ./render.sh check                validate data/lecture.toml and LECTURE_* overrides (all words
                                   and prompts) without rendering
  ./render.sh test [PYTEST ARGS]   run the test suite (what CI runs): lint, types, the default
                                   tier, then the render tier; with arguments, only pytest ARGS
                                   (e.g. ./render.sh test -m "not render" for the fast tier)
  ./render.sh setup                only install what is missing
  ./render.sh --help               this text

Quality flags pass through to manim: -ql 480p15, -qm 720p30, -qh 1080p60 (default), -qk 2160p60.
Knobs without editing the file: LECTURE_<SECTION>_<KEY>=value, e.g.
  LECTURE_SOFTMAX_PROMPT="The cat sat on the" ./render.sh TemperatureScene
USAGE
}

APT_PACKAGES=(libpango1.0-dev pkg-config texlive-latex-base texlive-latex-extra dvisvgm
              fonts-dejavu-core)
TEST_APT_PACKAGES=(chromium espeak-ng)

missing_apt() {
  local pkg out=()
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      out+=("$pkg")
    fi
  done
  echo "${out[@]:-}"
}

install_apt() {
  command -v dpkg-query >/dev/null || { echo "setup: not a Debian/Ubuntu system; see README (macOS notes) for the packages to install" >&2; return 0; }
  local missing
  missing=$(missing_apt "$@")
  [ -z "$missing" ] && return 0
  echo "setup: installing Debian packages: $missing"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
  else
    echo "error: these Debian packages are missing and I cannot install them (not root, no sudo):" >&2
    echo "  sudo apt-get install -y $missing" >&2
    exit 1
  fi
}

setup_python() {
  local stamp="$VENV/.installed" want
  want=$(cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  if [ ! -x "$PY" ]; then
    echo "setup: creating $VENV"
    python3 -m venv "$VENV"
  fi
  echo "setup: installing pinned Python packages (once)"
  "$PY" -m pip install -q --upgrade pip
  "$PY" -m pip install -q -r requirements.txt
  # GPT-2's BPE table only: whisper's own dependencies are not needed.
  "$PY" -m pip install -q --no-deps openai-whisper==20250625
  "$PY" -m pip install -q --no-deps -e .
  echo "$want" > "$stamp"
}

setup() {
  install_apt "${APT_PACKAGES[@]}"
  setup_python
}

# Node.js/npm for the explorer's bundle and the HTML's reveal.js (any install will do; Debian's if none)
setup_node() {
  command -v npm >/dev/null || install_apt nodejs npm
  if [ ! -x explorer/node_modules/.bin/esbuild ]; then
    echo "setup: installing the explorer's pinned npm packages (once)"
    (cd explorer && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

QUALITY=-qh
ARGS=()
for arg in "$@"; do
  case "$arg" in
    -ql|-qm|-qh|-qk|-qp) QUALITY="$arg" ;;
    *) ARGS+=("$arg") ;;
  esac
done
set -- "${ARGS[@]:-}"
[ "${1:-}" = "" ] && shift || true

export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export HF_HUB_OFFLINE="${HF_HUB_OFFLINE:-1}"  # the default models are offline; opt in online yourself

case "${1:-chapter}" in
  -h|--help|help) usage ;;
  setup) setup ;;
  test)
    shift
    install_apt "${APT_PACKAGES[@]}" "${TEST_APT_PACKAGES[@]}"
    setup_python
    setup_node
    "$VENV/bin/ruff" check .  # lint the project (pyproject.toml [tool.ruff])
    "$VENV/bin/mypy"          # type-check livenumbers (pyproject.toml [tool.mypy])
    if [ $# -gt 0 ]; then exec "$PY" -m pytest "$@"; fi
    # two tiers, both always run: the default tier (about 2 minutes on 2 cores), then the
    # slower render tier (tests marked "render": real manim renders and the HTML playback)
    echo "test: default tier (pytest -m 'not render')"
    "$PY" -m pytest -m "not render"
    echo "test: render tier (pytest -m render)"
    exec "$PY" -m pytest -m render
    ;;
  check) setup; exec "$PY" tools/render_chapter.py --check ;;
  chapter) setup; exec "$PY" tools/render_chapter.py "$QUALITY" ;;
  slides) setup; exec "$PY" tools/render_chapter.py "$QUALITY" --slides ;;
  html) setup; setup_node; exec "$PY" tools/render_chapter.py "$QUALITY" --html ;;
  explorer) shift; setup; setup_node; exec "$PY" tools/build_explorer.py "$@" ;;
  *.py)
    setup
    # name a scene the file has, or manim would wait at its interactive "choose a scene" menu
    "$PY" tools/render_chapter.py --check-scenes "$@" || exit 2
    "$PY" tools/render_chapter.py --check
    exec "$VENV/bin/manim" render "$QUALITY" "$@"
    ;;
  *) setup; exec "$PY" tools/render_chapter.py "$QUALITY" --scenes "$@" ;;
esac
