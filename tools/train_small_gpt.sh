#!/usr/bin/env bash
# The commands that made the shipped model data/models/small-gpt. On 2 CPU cores it was trained
# in resumed parts (--resume; MAX_MINUTES raised for each), listed in its README.md.
# On a CUDA GPU the same script trains far further per minute.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=100000000000
"$PY" tools/build_corpus.py --out build/corpus
"$PY" tools/train_gpt.py --data build/corpus --out runs/small-gpt --layers 4 --width 128 \
  --heads 4 --context 256 --batch 8 --steps 100000 --lr 2e-3 --warmup 100 --dropout 0.05 \
  --eval-every 200 --ckpt-every 50 --max-minutes "${MAX_MINUTES:-120}" --seed 0 --resume "$@"
"$PY" tools/train_gpt.py --out runs/small-gpt --export data/models/small-gpt
