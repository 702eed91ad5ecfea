#!/usr/bin/env bash
# The GPU check in one command, on a Linux x64 machine with an NVIDIA GPU and Python (torch, transformers, onnx;
# onnxruntime for the export check); no Node.js needed. From the repo root, with .gpu-check/ prepared:
#
#   bash .gpu-check/run.sh <results-dir> [--texts N]
#
# Unpacks node and onnxruntime, brings the Vulkan loader when the machine lacks it, builds a random-weight BERT
# with the default model's architecture, embeds the corpus with our engine on webgpu and on cpu, runs PyTorch on
# CUDA on the same batches, and writes results.json and log.txt into <results-dir>. Planned to end within
# GPU_CHECK_BUDGET_S (420 s): each phase gets at most what is left.
# Exit: 0 pass, 1 vectors disagree, 2 incomplete (a setup step failed), 3 webgpu unavailable (diagnostics above).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RESULTS=${1:?usage: bash run.sh <results-dir> [--texts N]}
shift
TEXTS=2000
while [ $# -gt 0 ]; do
  case $1 in
    --texts) TEXTS=${2:?--texts needs a number}; shift 2 ;;
    *) echo "run.sh: unknown option $1 (expected --texts N)"; exit 2 ;;
  esac
done
mkdir -p "$RESULTS" && RESULTS=$(cd "$RESULTS" && pwd)
exec > >(tee "$RESULTS/log.txt") 2>&1
TEE=$!
# log.txt must be complete when the command returns: close the pipe to tee and wait for it.
trap 'exec 1>&- 2>&-; wait "$TEE" 2>/dev/null' EXIT
W=${GPU_CHECK_WORK:-/tmp/semantic-radar-gpu-check}
PY=${PYTHON:-python3}
BUDGET=${GPU_CHECK_BUDGET_S:-420}
NODE=$W/bin/node
CHECK=$W/app/check.cjs
NVIDIA_ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json

say() { echo; echo "== [${SECONDS}s] $*"; }
# A phase's time limit: its cap, or what is left of the budget less 15 s for the report.
limit() { local left=$((BUDGET - SECONDS - 15)); [ "$left" -lt "$1" ] && echo $((left > 10 ? left : 10)) || echo "$1"; }
timed_out() { case $1 in 124 | 137) echo "   ($2 ran past its time limit and was stopped)" ;; esac; }
# Runs the report (whatever phases left figures) and exits with its verdict, or with $1 when a setup step failed.
report_and_exit() {
  local code=2
  say "report"
  if [ -x "$NODE" ] && [ -f "$CHECK" ]; then "$NODE" "$CHECK" report --work "$W" --results "$RESULTS"; code=$?; fi
  [ -n "${1:-}" ] && code=$1
  say "done in ${SECONDS}s (exit $code)"
  exit "$code"
}
unxz_to() {
  if command -v xz >/dev/null; then xz -dc "$1" >"$2"; else
    "$PY" -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi
}
deb_x() { if command -v dpkg >/dev/null; then dpkg -x "$1" "$2"; else "$PY" "$HERE/py/vulkan-probe.py" extract "$1" "$2"; fi; }

say "machine"
rm -rf "$W" && mkdir -p "$W/bin" "$W/ort" "$W/model"
uname -srm; echo "cpus: $(nproc)"; "$PY" --version
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee "$W/gpu.txt"
else echo "no nvidia-smi: no NVIDIA GPU here (WebGPU and PyTorch CUDA will say why they cannot run)"; fi
"$PY" -c 'import torch, transformers; print("torch", torch.__version__, "cuda", torch.cuda.is_available(), "transformers", transformers.__version__)' 2>&1 | tail -1

say "unpacking node and onnxruntime into $W"
if command -v sha256sum >/dev/null; then (cd "$HERE" && sha256sum -c --quiet SHA256SUMS) || { echo "files of .gpu-check were damaged in transfer"; exit 2; }; fi
unxz_to "$HERE/bin/node.xz" "$NODE" && chmod +x "$NODE"
unxz_to "$HERE/ort/libonnxruntime.so.1.xz" "$W/ort/libonnxruntime.so.1"
cp "$HERE/ort/onnxruntime_binding.node" "$W/ort/" && cp -r "$HERE/app" "$W/app" && cp -r "$HERE/model-files/." "$W/model/"
"$NODE" --version || { echo "the shipped node binary does not run here:"; ldd "$NODE"; exit 2; }

say "Vulkan loader (WebGPU runs on Dawn, Dawn on Vulkan)"
# grep without -q: with pipefail, grep -q leaving early could fail ldconfig with SIGPIPE and read as "missing".
if ldconfig -p | grep 'libvulkan\.so\.1' >/dev/null; then echo "libvulkan.so.1 is already installed"
elif [ "$(id -u)" = 0 ] && command -v nvidia-smi >/dev/null && [ -z "${GPU_CHECK_PRIVATE_VULKAN:-}" ]; then
  echo "unpacking the loader packages into / and running ldconfig (the device README's recipe)"
  for f in "$HERE"/debs/*.deb; do case $f in *vulkan-tools*) ;; *) deb_x "$f" / ;; esac; done; ldconfig
else
  echo "unpacking the loader packages privately into $W/vulkan (not root, or no NVIDIA GPU: / is left alone)"
  for f in "$HERE"/debs/*.deb; do case $f in *vulkan-tools*) ;; *) deb_x "$f" "$W/vulkan" ;; esac; done
  export LD_LIBRARY_PATH="$W/vulkan/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
if ! VK_LOADER_DEBUG=error,warn "$PY" "$HERE/py/vulkan-probe.py" --json "$W/vulkan.json"; then
  if [ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$NVIDIA_ICD" ]; then
    echo "no GPU among the Vulkan devices of the loader's default driver search; retrying with VK_DRIVER_FILES=$NVIDIA_ICD"
    export VK_DRIVER_FILES=$NVIDIA_ICD VK_ICD_FILENAMES=$NVIDIA_ICD
    VK_LOADER_DEBUG=error,warn "$PY" "$HERE/py/vulkan-probe.py" --json "$W/vulkan.json" || echo "still no Vulkan GPU: WebGPU will fail or be refused (see above)"
  fi
fi
for f in "$HERE"/debs/vulkan-tools*.deb; do deb_x "$f" "$W/vulkan-tools"; done
LD_LIBRARY_PATH="$W/vulkan-tools/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" timeout 20 "$W/vulkan-tools/usr/bin/vulkaninfo" --summary 2>&1 | head -30 || true
echo "-- libraries: $(ldconfig -p | grep -oE '(libvulkan|libGLX_nvidia|libGLdispatch|libnvidia-gpucomp|libcuda)\.so[.0-9]*' | sort -u | tr '\n' ' ')"
echo "-- environment:"; env | grep -E '^(VK_|LD_LIBRARY_PATH|NVIDIA_|CUDA_VISIBLE|__EGL|__GLX)' | sort
[ -f "$NVIDIA_ICD" ] && { echo "-- $NVIDIA_ICD:"; cat "$NVIDIA_ICD"; }

say "model: seeded random BERT with the default model's architecture, fp32 ONNX"
timeout -k 5 "$(limit 200)" "$PY" "$HERE/py/make-model.py" --config "$W/model/config.json" --out "$W/model" --report "$W/model.json"
code=$?; timed_out $code "building the model"
[ $code = 0 ] || { echo "could not build the model: nothing to embed"; report_and_exit 2; }

say "graphs: an fp16 encoder with pooling appended, for the variants (issue 13; the engine's own pooled graph is written by the plan phase)"
mkdir -p "$W/graphs"
timeout -k 5 "$(limit 60)" "$PY" "$HERE/py/pool-graph.py" --model "$W/model/onnx/model.onnx" --out "$W/graphs/model-pooled-fp16.onnx" \
  --report "$W/graphs-pooled-fp16.json" --fp16 2>&1 | grep -v CleanUnusedInitializers

say "plan: the engine's pooled graph, then tokenize and batch as the engine does"
"$NODE" "$CHECK" plan --work "$W" --source "$HERE/data/texts.json" --texts "$TEXTS" || report_and_exit 2

say "devices: probe cuda and webgpu, then let auto choose"
timeout -k 5 "$(limit 150)" "$NODE" "$CHECK" devices --work "$W"; timed_out $? "the device probes"

say "our engine on webgpu"
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader,nounits -lms 200 >"$W/gpu-samples-webgpu.csv" 2>/dev/null &
  SAMPLER=$!
fi
timeout -k 5 "$(limit 180)" "$NODE" "$CHECK" embed --work "$W" --device webgpu; timed_out $? "the webgpu phase"
[ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null

say "our engine on cpu"
timeout -k 5 "$(limit 150)" "$NODE" "$CHECK" embed --work "$W" --device cpu; timed_out $? "the cpu phase"

say "our engine without its pooled graph (pooling in JavaScript, as before issue 13), webgpu then cpu"
timeout -k 5 "$(limit 120)" "$NODE" "$CHECK" embed --work "$W" --device webgpu --plain; timed_out $? "the webgpu plain phase"
timeout -k 5 "$(limit 120)" "$NODE" "$CHECK" embed --work "$W" --device cpu --plain; timed_out $? "the cpu plain phase"

say "PyTorch on CUDA, same batches"
timeout -k 5 "$(limit 120)" "$PY" "$HERE/py/torch-bench.py" --work "$W" --model "$W/model"; timed_out $? "the PyTorch phase"

webgpu_ok() { grep -q '"status": "ok"' "$W/embed-webgpu.json" 2>/dev/null; }
say "placement: where onnxruntime puts each node on webgpu, and why the CPU ones (verbose log)"
if webgpu_ok; then
  for g in pooled; do
    timeout -k 5 "$(limit 40)" "$NODE" "$CHECK" placement --work "$W" --device webgpu --graph $g >"$W/placement-webgpu-$g.log" 2>&1
    echo "$g: exit $?, $(grep -cE 'placed on' "$W/placement-webgpu-$g.log") placement lines, $(grep -c 'Force fallback to CPU' "$W/placement-webgpu-$g.log") forced-to-CPU notes"
  done
else echo "skipped: webgpu did not run"; fi

say "variants on webgpu: phase timings, one change at a time (issue 13)"
if webgpu_ok; then
  timeout -k 5 "$(limit 150)" "$NODE" "$CHECK" variants --work "$W" --device webgpu; timed_out $? "the webgpu variants"
else echo "skipped: webgpu did not run"; fi

say "variants on cpu"
timeout -k 5 "$(limit 100)" "$NODE" "$CHECK" variants --work "$W" --device cpu; timed_out $? "the cpu variants"

# The raw onnxruntime profiles and placement logs, for reading beside the summaries in results.json.
(cd "$W" && tar czf "$RESULTS/ortprofiles.tgz" ortprofile-*.json placement-*.log graphs-*.json 2>/dev/null) || true
cp "$W"/embed-*.json "$RESULTS/" 2>/dev/null || true

report_and_exit
