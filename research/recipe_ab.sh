#!/usr/bin/env bash
# The pretraining recipe A/B of public/models/README.md ("Old recipe or new, at equal wall time"): both recipes
# pretrain side by side (1 thread each, same machine, same minutes, budget schedule), then each encoder is
# fine-tuned the same way on a subset and scored, and its order gain probed. Results: research/results/recipe-ab.json.
#   bash research/recipe_ab.sh [minutes=40]      (needs .cache/corpus: npm run encode-corpus -- --corpus <unlabeled.txt>)
#   SKIP_PRETRAIN=1 bash research/recipe_ab.sh   (only the fine-tunes, probes and summary of runs already in .cache/ab)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-40}
py() { node scripts/py.mjs "$@"; }
mkdir -p .cache/ab research/results
if [ -z "${SKIP_PRETRAIN:-}" ]; then
# Same schedule shape for both (a budget of $minutes, LR to 0 at the end); each keeps its own warm-up share.
py scripts/pretrain/pretrain.py --config models/recipe.json:pretrain --corpus .cache/corpus --out .cache/ab/old \
  --threads 1 --budget-minutes "$minutes" --total-steps 100000 --warmup 5000 > .cache/ab/old.out 2>&1 &
py scripts/pretrain/pretrain.py --config models/next.json:pretrain --corpus .cache/corpus --out .cache/ab/new \
  --threads 1 --budget-minutes "$minutes" --total-steps 100000 --warmup 10000 > .cache/ab/new.out 2>&1 &
wait
fi
# The MLM-vs-ELECTRA protocol: first 10,000 train reviews, 1 epoch, batch 32, lr 1e-4; first 5,000 test reviews.
for r in old new; do
  py scripts/pretrain/finetune_ref.py --init .cache/ab/$r --out .cache/ab/$r-ft --limit-train 10000 --limit-test 5000 \
    --epochs 1 --batch 32 --lr 1e-4 --threads 1 > .cache/ab/$r-ft.out 2>&1 &
done
wait
for r in old new; do py research/order_probe.py --run .cache/ab/$r > .cache/ab/$r-order.json; done
py - <<'PY'
import json
out = {}
for r in ("old", "new"):
    log = [json.loads(l) for l in open(f".cache/ab/{r}/log.jsonl") if '"mlm_loss"' in l]
    tail = log[-100:]
    ft = json.load(open(f".cache/ab/{r}-ft/result.json"))
    order = json.loads(open(f".cache/ab/{r}-order.json").read().strip().splitlines()[-1])
    first_below_7 = next((m["step"] for m in log if m["mlm_loss"] < 7.0), None)
    out[r] = {"args": json.load(open(f".cache/ab/{r}/args.json")), "steps": log[-1]["step"], "tokens": log[-1]["tokens"],
              "wall_s": log[-1]["wall"], "mlm_loss_last100": sum(m["mlm_loss"] for m in tail) / len(tail),
              "mlm_acc_last100": sum(m["mlm_acc"] for m in tail) / len(tail), "first_step_loss_below_7": first_below_7,
              "finetune_accuracy": ft["accuracy"], "order_gain": order}
json.dump(out, open("research/results/recipe-ab.json", "w"), indent=1)
print(json.dumps({r: {k: v for k, v in d.items() if k != "args"} for r, d in out.items()}, indent=1))
PY
