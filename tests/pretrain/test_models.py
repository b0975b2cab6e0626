"""`npm run models` end to end on the tiny recipe (models/tiny.json): every stage of the shipped recipe runs, the
card is written from the outputs, a second run skips everything, and a changed hyperparameter re-runs exactly
the stages after it.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def models(*args: str) -> subprocess.CompletedProcess:
    p = subprocess.run(["node", "--import", "tsx", "scripts/models.ts", *args], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, "PYTHON": sys.executable}, timeout=1200)  # against a hang; a run takes ~1 min
    if p.returncode != 0:
        raise AssertionError(f"npm run models {' '.join(args)} failed ({p.returncode}):\n{p.stderr[-4000:]}")
    return p


class Models(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="models-test-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_tiny_build_end_to_end(self):
        work = os.path.join(self.tmp, "work")
        dry = models("--recipe", "models/tiny.json", "--work", work, "--dry-run").stdout
        names = re.findall(r"^\d+\. (\w+) \[run\]", dry, re.M)
        self.assertEqual(names, ["vocab", "encode", "pretrain", "finetune", "teacher_lr", "round1", "round2", "export", "evaluate"])
        self.assertFalse(os.path.exists(work), "a dry run writes nothing")

        models("--recipe", "models/tiny.json", "--work", work, "--threads", "1")
        for f in ("export/encoder/weights.json", "export/classifier/weights.json", "export/classifier/vocab.txt", "RECIPE.md"):
            self.assertTrue(os.path.exists(os.path.join(work, f)), f)
        ev = json.load(open(os.path.join(work, "evaluate", "result.json")))
        self.assertEqual(ev["n"], 1000)  # the recipe's evaluate.limit
        card = open(os.path.join(work, "RECIPE.md")).read()
        self.assertIn(f"accuracy {ev['accuracy']:.4f}", card, "the card's figure is the run's")
        with open(os.path.join(work, "pretrain", "log.jsonl")) as f:
            surgery = [json.loads(l) for l in f if '"surgery"' in l]
        self.assertEqual([s["surgery"]["do"] for s in surgery], ["reinit_positions", "anneal"])

        again = models("--recipe", "models/tiny.json", "--work", work, "--dry-run").stdout
        self.assertEqual(len(re.findall(r"\[up to date: skip\]", again)), 9, again)

        changed = os.path.join(self.tmp, "tiny-changed.json")
        with open(os.path.join(ROOT, "models", "tiny.json")) as f:
            recipe = json.load(f)
        recipe["extends"] = os.path.join(ROOT, "models", "recipe.json")
        recipe["teacher_lr"]["C"] = 2.0
        with open(changed, "w") as f:
            json.dump(recipe, f)
        after = models("--recipe", changed, "--work", work, "--dry-run").stdout
        rerun = re.findall(r"^\d+\. (\w+) \[run\]", after, re.M)
        self.assertEqual(rerun, ["teacher_lr", "round1", "round2", "export", "evaluate"])
        print(f"\nnpm run models on models/tiny.json: 9 stages, TypeScript accuracy {ev['accuracy']:.4f} on {ev['n']} "
              f"reviews; a second run skips all 9; teacher_lr's C changed re-runs {len(rerun)}", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
