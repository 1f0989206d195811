#!/usr/bin/env bash
# One device-tool call on the GPU machine (see training/README.md, "On the GPU machine").
#   bash training/gpu/run.sh prepare-and-train MINUTES   # fresh machine: teacher audio, shards, train
#   bash training/gpu/run.sh train MINUTES               # same warm machine: resume and train on
# Reads the carried folder training/out/carry/ (corpus.jsonl, teacher-bundle.tar.xz and, when
# resuming from an earlier session, student.partNN). Writes to $OUT: the compact checkpoint
# (student.partNN, each < 16 MiB), train.log and, after preparing, prepare.log + meta.json.
# Environment overrides: SIZE (base), BATCH (48), CARRY_DTYPE (float16; float32 for the run to
# ship), TRAIN_ARGS (extra training.train flags), CARRY/WORK (folders; for a dry run on CPU).
set -euo pipefail
mode="${1:?prepare-and-train|train}"
minutes="${2:?minutes of training}"
carry="${CARRY:-training/out/carry}"
work="${WORK:-training/out/gpu-work}"   # ignored path: survives between calls while the machine is warm
out="${OUT:-training/out/gpu-out}"
mkdir -p "$work" "$out"
export PYTHONUNBUFFERED=1 PYTHONPATH="$PWD"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

if [ "$mode" = "prepare-and-train" ]; then
  t0=$(date +%s)
  rm -rf "$work/teacher-bundle"
  tar -xJf "$carry/teacher-bundle.tar.xz" -C "$work"
  python3 -m training.data.prepare --corpus "$carry/corpus.jsonl" --work "$work" --teacher festival \
    --teacher-bin "$work/teacher-bundle/bin/festival" --jobs "$(nproc)" 2>&1 | tee "$out/prepare.log"
  cp "$work/shards/meta.json" "$out/meta.json"
  echo "prepare took $(( $(date +%s) - t0 )) s"
fi

resume=()
if [ ! -f "$work/ckpt/latest.pt" ] && ls "$carry"/student.part* >/dev/null 2>&1; then
  resume=(--resume-from "$carry/student")
fi
python3 -m training.train --data "$work/shards" --ckpt "$work/ckpt" --size "${SIZE:-base}" \
  --batch "${BATCH:-48}" --max-minutes "$minutes" --ckpt-minutes 3 --carry-out "$out/student" \
  --carry-dtype "${CARRY_DTYPE:-float16}" "${resume[@]}" ${TRAIN_ARGS:-} 2>&1 | tee "$out/train.log"
ls -la "$out"
