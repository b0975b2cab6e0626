"""scripts/pretrain/gpu.sh on CPU with a tiny model: what comes back from $OUT fits the device tool's limits (at most
8 files of 16 MiB), the shards rebuild the checkpoint, and the script reports tokens/s and a loss curve."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts", "pretrain"))
import shards  # noqa: E402

CORPUS = os.environ.get("PRETRAIN_TEST_CORPUS", os.path.join(ROOT, ".cache", "test-pretrain", "corpus"))


class GpuScript(unittest.TestCase):
    def test_cpu_run_of_the_gpu_script(self):
        if not os.path.exists(os.path.join(CORPUS, "unlabeled.bin")):
            raise unittest.SkipTest(f"no tiny corpus at {CORPUS}: run `npm run test:pretrain`")
        with tempfile.TemporaryDirectory() as tmp:
            tar = os.path.join(tmp, "corpus.tar.gz")
            with tarfile.open(tar, "w:gz") as t:
                for f in ("unlabeled.bin", "train.bin", "meta.json"):
                    t.add(os.path.join(CORPUS, f), arcname=f)
            out = os.path.join(tmp, "out")
            p = subprocess.run(["bash", "scripts/pretrain/gpu.sh", "--minutes", "0.25", "--preset", "tiny", "--batch", "16",
                                "--device", "cpu", "--compile", "off", "--corpus-tar", tar], cwd=ROOT, capture_output=True,
                               text=True, env={**os.environ, "OUT": out, "PYTHON": sys.executable},
                               timeout=600)  # a 15 s budget: a run still going after 10 min hangs
            self.assertEqual(p.returncode, 0, p.stderr[-3000:])
            files = sorted(os.listdir(out))
            self.assertLessEqual(len(files), 8, files)
            for f in files:
                self.assertLessEqual(os.path.getsize(os.path.join(out, f)), 16 * 2**20, f)
            self.assertIn("run.tar.gz", files)
            ck = shards.load(os.path.join(out, "ckpt.pt"))
            self.assertGreater(ck["state"]["step"], 0)
            self.assertIn("bert.embeddings.word_embeddings.weight", ck["model"])
            m = re.search(r"tokens/s: ([\d,]+)", p.stdout)
            self.assertIsNotNone(m, p.stdout[-2000:])
            self.assertIn("loss curve", p.stdout)
            print(f"\ngpu.sh on CPU (tiny, 15 s budget): {ck['state']['step']} steps, {m.group(1)} tokens/s, "
                  f"{len(files)} files back: {', '.join(files)}", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
