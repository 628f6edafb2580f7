#!/usr/bin/env bash
# The commands that made the shipped model data/models/small-gpt (second generation): the modern-
# prose corpus, then training that starts from the first generation's weights (--init-from) with
# the loss over only the ids the corpus uses (--seen-loss), one cosine over the time budget,
# export (never-seen rows filled), whole-split evaluation and the model card.
# On 2 CPU cores: one thread while other work runs (THREADS=2 when the machine is idle).
# LAYERS above the init model's own count grows it (new blocks start as identities; train_gpt.py).
# Resume an interrupted run with the same command (--resume picks up $RUN/ckpt.pt, default runs/small-gpt2).
# On a CUDA GPU the same script trains far further per minute.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=100000000000
INIT=${INIT:-data/models/small-gpt}
"$PY" tools/build_corpus.py --install --out build/corpus
"$PY" tools/train_gpt.py --data build/corpus --out "${RUN:-runs/small-gpt2}" --init-from "$INIT" \
  --seen-loss --threads "${THREADS:-1}" --layers "${LAYERS:-8}" --width 128 --heads 4 --context 256 \
  --batch 8 --steps 100000 --lr "${LR:-1.5e-3}" --warmup 100 --dropout 0.1 --eval-every 500 \
  --ckpt-every 200 --max-minutes "${MAX_MINUTES:-145}" --seed 1 --resume "$@"
"$PY" tools/train_gpt.py --out "${RUN:-runs/small-gpt2}" --export data/models/small-gpt
"$PY" tools/eval_gpt.py --json data/models/small-gpt/eval.json
"$PY" tools/bench_gpt.py --json bench_gpt.json
"$PY" tools/write_model_card.py --bench bench_gpt.json
