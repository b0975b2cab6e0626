#!/usr/bin/env bash
# Pretrain on a lent GPU machine (an H200: PyTorch 2.11 + CUDA 13, 16 cores, no network, 10 min a command,
# files back from $OUT: at most 8, 16 MiB each), from the encoded corpus carried beside the repository.
#
# Pack what a call must carry (here, after `npm run encode-corpus -- --corpus ../shared/nsmc/unlabeled.txt`):
#   mkdir -p .gpu && tar -C .cache/corpus -cf - unlabeled.bin train.bin meta.json | xz -9 > .gpu/corpus.tar.xz
#   git ls-files -z | xargs -0 du -cb | tail -1; du -b .gpu/corpus.tar.xz   # tree + corpus must stay under 64 MiB
# (measured 2026-12-04: corpus 26.6 MiB raw, 13.4 MB as .tar.xz (gzip -9: 20.7 MB); with the tracked tree (36.9 MB), 50.3 MB of the 64 MiB)
#
# The call (the device tool's `run`; .gpu is git-ignored, so it travels only by `carry`):
#   run(command="bash scripts/pretrain/gpu.sh --minutes 8", carry=[".gpu"], timeout_s=600)
#
# What it does: unpacks the corpus, trains masked-LM with models/next.json's recipe at a GPU batch for --minutes of
# wall time (a budget schedule: warm-up and decay span exactly that time), bf16 autocast, torch.compile when a probe
# says it pays, and writes to $OUT: the checkpoint in shards of 15.9 MiB (ckpt.pt.000, ...; `cat` rebuilds it) and
# run.tar.gz (args.json, config.json, log.jsonl). It prints tokens/s and the loss curve. Back here:
#   mkdir -p .cache/pretrain/gpu && cp <files_at>/* .cache/pretrain/gpu/ && tar -xzf .cache/pretrain/gpu/run.tar.gz -C .cache/pretrain/gpu
#   npm run models -- --recipe models/next.json ...   (or finetune_ref.py --init .cache/pretrain/gpu)
#
# Tested here on CPU: OUT=/tmp/gpu-out bash scripts/pretrain/gpu.sh --minutes 1 --preset tiny --batch 16 --device cpu
# (tests/pretrain/test_gpu_script.py). Budget on paper: public/models/README.md, "A GPU run".
set -euo pipefail
cd "$(dirname "$0")/../.."

minutes=8 preset=mini batch=256 lr=2e-3 device=auto corpus_tar=.gpu/corpus.tar.xz compile=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --preset) preset=$2; shift 2 ;;     # mini (shipped size) or mini8 (L=8, H=256: 19 MB in float16)
    --batch) batch=$2; shift 2 ;;       # global batch of 128-token sequences
    --lr) lr=$2; shift 2 ;;
    --device) device=$2; shift 2 ;;
    --compile) compile=$2; shift 2 ;;
    --corpus-tar) corpus_tar=$2; shift 2 ;;
    *) echo "gpu.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
: "${OUT:?gpu.sh writes its results to \$OUT (set by the device tool; set it yourself to test)}"
[ -f "$corpus_tar" ] || { echo "gpu.sh: no $corpus_tar: pack it first (see this script's header)" >&2; exit 2; }

python=${PYTHON:-python3}
work=/tmp/bertlab-gpu
rm -rf "$work" && mkdir -p "$work/corpus" "$OUT"
"$python" -c 'import sys, tarfile; t = tarfile.open(sys.argv[1]); t.extractall(sys.argv[2], **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))' "$corpus_tar" "$work/corpus"  # .xz or .gz
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
"$python" -c 'import torch; print(f"torch {torch.__version__}, cuda {torch.version.cuda}, available {torch.cuda.is_available()}")'

export PYTHONUNBUFFERED=1
t0=$(date +%s)
"$python" scripts/pretrain/pretrain.py --config models/next.json:pretrain --preset "$preset" --corpus "$work/corpus" \
  --out "$work/run" --batch "$batch" --lr "$lr" --budget-minutes "$minutes" --total-steps 1000000 --warmup 100000 \
  --device "$device" --bf16 auto --compile "$compile" --shard-mib 15.9 --ckpt-minutes 2 --log-every 10 --threads 8 \
  | tee "$work/final.json"

# Files back: at most 8, each under 16 MiB. Shards of 15.9 MiB: mini 76 MB -> 5, mini8 114 MB -> 7, + run.tar.gz.
cp "$work"/run/ckpt.pt.[0-9][0-9][0-9] "$OUT"/
tar -C "$work/run" -czf "$OUT/run.tar.gz" args.json config.json log.jsonl
n=$(ls "$OUT" | wc -l)
[ "$n" -le 8 ] || echo "gpu.sh: WARNING: $n files in \$OUT, only 8 come back" >&2

"$python" - "$work/run/log.jsonl" "$(( $(date +%s) - t0 ))" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if '"mlm_loss"' in l]
if not rows:
    sys.exit("no steps logged")
print(f"\nloss curve ({len(rows)} logged steps; step, tokens, loss, masked-token accuracy, lr):")
shown = rows[:: max(1, len(rows) // 24)]
for r in shown + ([rows[-1]] if shown[-1] is not rows[-1] else []):
    print(f"  {r['step']:>7} {r['tokens']:>13,} {r['mlm_loss']:7.3f} {r['mlm_acc']:6.3f} {r['lr']:.2e}")
last = rows[-1]
print(f"tokens/s: {last['tokens'] / max(1e-9, last['wall']):,.0f} over {last['wall']:.0f} s of training "
      f"({last['tokens']:,} tokens, {last['step']} steps, epoch {last['epoch']}); the whole call {sys.argv[2]} s")
EOF
ls -l "$OUT"
