"""Tiny random Hugging Face BERT folders, as checkpoints occur in the wild, with PyTorch's outputs beside them
(tests/unit/hf-parity.test.ts loads each in TypeScript and compares):

    python3 scripts/pretrain/hf_fixtures.py --out tests/fixtures/hf

    cls-f32             BertForSequenceClassification, model.safetensors in F32
    cls-f16, cls-bf16   the same weights stored in F16 / BF16
    sharded             the same, cut into two files with model.safetensors.index.json
    pretraining-legacy  BertForPreTraining: LayerNorm gamma/beta names, NSP head, tied decoder copy
    bertmodel           BertModel: no "bert." prefix, no head; no tokenizer_config.json (HF's defaults apply)
    mlm                 BertForMaskedLM: no pooler (a classifier built on it gets a fresh pooler and head)

Expected outputs are computed from the file as written and read back (safetensors_io.read), so the F16/BF16
rounding is the checkpoint's, and the comparison tests the TypeScript loader and forward pass.

    python3 scripts/pretrain/hf_fixtures.py --make-shipped public/models/hf-tiny
writes the tiny stand-in for bert-base-uncased that chapter 8 runs without a real model: its layout (BertForPreTraining
names with gamma/beta, an NSP head, config and tokenizer files as on the Hub), an uncased vocabulary of English
pieces and single jamo as bert-base-uncased's, random weights (std 0.02), stored in F16: a few hundred KB.

    python3 scripts/pretrain/hf_fixtures.py --run <folder> --input ids.json
prints PyTorch's outputs for a folder (e.g. one the TypeScript side exported): the export round trip.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import safetensors_io  # noqa: E402
from bert import BertConfig, BertForSequenceClassification  # noqa: E402

CONFIG = dict(vocab_size=200, hidden_size=16, num_hidden_layers=2, num_attention_heads=2, intermediate_size=32,
              max_position_embeddings=32, type_vocab_size=2, layer_norm_eps=1e-12, hidden_act="gelu",
              hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1, initializer_range=0.02, pad_token_id=0,
              position_embedding_type="absolute", model_type="bert", transformers_version="4.46.0")
LABELS = {"0": "negative", "1": "positive"}


def vocab_tokens(uncased_vocab: str) -> list[str]:
    """Google's layout (specials at 100-103) cut to 200 tokens: [PAD], [unused*], specials, then real pieces."""
    lines = open(uncased_vocab, encoding="utf-8").read().split("\n")[:-1]
    head = lines[:104]
    return head + [t for t in lines[104:] if not t.startswith("[")][:CONFIG["vocab_size"] - 104]


def master_state() -> dict[str, torch.Tensor]:
    """One set of weights with every name a BERT checkpoint may hold; large, so attention is peaky."""
    torch.manual_seed(11)
    cfg = BertConfig.from_dict(CONFIG)
    m = BertForSequenceClassification(cfg)
    sd = {k: v.clone() for k, v in m.state_dict().items()}
    H, V = cfg.hidden_size, cfg.vocab_size
    sd["cls.predictions.transform.dense.weight"] = torch.empty(H, H)
    sd["cls.predictions.transform.dense.bias"] = torch.empty(H)
    sd["cls.predictions.transform.LayerNorm.weight"] = torch.empty(H)
    sd["cls.predictions.transform.LayerNorm.bias"] = torch.empty(H)
    sd["cls.predictions.bias"] = torch.empty(V)
    sd["cls.seq_relationship.weight"] = torch.empty(2, H)
    sd["cls.seq_relationship.bias"] = torch.empty(2)
    for k, v in sd.items():
        if "LayerNorm.weight" in k:
            sd[k] = 1 + 0.3 * torch.randn_like(v)
        else:
            sd[k] = 0.4 * torch.randn_like(v)
    return sd


def pick(sd, prefixes, pooler=True):
    out = {k: v for k, v in sd.items() if k.startswith(prefixes)}
    if not pooler:
        out = {k: v for k, v in out.items() if "pooler" not in k}
    return out


def variants(sd):
    cls = pick(sd, ("bert.", "classifier."))
    legacy = {k.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta"): v
              for k, v in pick(sd, ("bert.", "cls.")).items()}
    legacy["cls.predictions.decoder.weight"] = sd["bert.embeddings.word_embeddings.weight"]
    legacy["cls.predictions.decoder.bias"] = sd["cls.predictions.bias"]
    bertmodel = {k[len("bert."):]: v for k, v in pick(sd, ("bert.",)).items()}
    mlm = pick(sd, ("bert.", "cls.predictions."), pooler=False)
    return [
        ("cls-f32", "BertForSequenceClassification", cls, "F32", 1),
        ("cls-f16", "BertForSequenceClassification", cls, "F16", 1),
        ("cls-bf16", "BertForSequenceClassification", cls, "BF16", 1),
        ("sharded", "BertForSequenceClassification", cls, "F32", 2),
        ("pretraining-legacy", "BertForPreTraining", legacy, "F32", 1),
        ("bertmodel", "BertModel", bertmodel, "F32", 1),
        ("mlm", "BertForMaskedLM", mlm, "F32", 1),
    ]


def write_folder(out, arch, tensors, dtype, shards, vocab, tokenizer_config=True):
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        os.remove(os.path.join(out, f))
    cfg = {"architectures": [arch], **CONFIG}
    if arch == "BertForSequenceClassification":
        cfg["id2label"] = LABELS
        cfg["label2id"] = {v: int(k) for k, v in LABELS.items()}
    json.dump(cfg, open(os.path.join(out, "config.json"), "w"), indent=2)
    open(os.path.join(out, "vocab.txt"), "w", encoding="utf-8").write("\n".join(vocab) + "\n")
    if tokenizer_config:
        json.dump({"do_lower_case": True, "model_max_length": 32, "tokenizer_class": "BertTokenizer"},
                  open(os.path.join(out, "tokenizer_config.json"), "w"))
        json.dump({"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
                   "mask_token": "[MASK]"}, open(os.path.join(out, "special_tokens_map.json"), "w"))
    names = list(tensors)
    if shards == 1:
        safetensors_io.write(os.path.join(out, "model.safetensors"), tensors, dtype, {"format": "pt"})
        return
    cut = len(names) // 2
    weight_map = {}
    for i, part in enumerate([names[:cut], names[cut:]]):
        fn = f"model-{i + 1:05d}-of-00002.safetensors"
        safetensors_io.write(os.path.join(out, fn), {k: tensors[k] for k in part}, dtype, {"format": "pt"})
        weight_map.update({k: fn for k in part})
    json.dump({"metadata": {"total_size": sum(t.numel() * 4 for t in tensors.values())}, "weight_map": weight_map},
              open(os.path.join(out, "model.safetensors.index.json"), "w"), indent=2)


def read_folder(folder) -> dict[str, torch.Tensor]:
    """Every tensor of a folder, as float32, with names canonical (bert. prefix, weight/bias)."""
    files = ["model.safetensors"]
    index = os.path.join(folder, "model.safetensors.index.json")
    if not os.path.exists(os.path.join(folder, files[0])):
        files = sorted(set(json.load(open(index))["weight_map"].values()))
    sd = {}
    for f in files:
        sd.update(safetensors_io.read(os.path.join(folder, f)))
    out = {}
    for k, v in sd.items():
        k = k.replace("LayerNorm.gamma", "LayerNorm.weight").replace("LayerNorm.beta", "LayerNorm.bias")
        if k.startswith(("embeddings.", "encoder.", "pooler.")):
            k = "bert." + k
        out[k] = v.float() if v.is_floating_point() else v
    return out


def inputs():
    """Three ragged rows (the short ones padded with [PAD] = 0), the first a pair with token type 1."""
    g = torch.Generator().manual_seed(5)
    rows, types = [], []
    for n, pair in ((9, True), (5, False), (2, False)):
        ids = [101] + torch.randint(104, 200, (n,), generator=g).tolist() + [102]
        tt = [0] * len(ids)
        if pair:
            ids += torch.randint(104, 200, (3,), generator=g).tolist() + [102]
            tt += [1] * 4
        rows.append(ids)
        types.append(tt)
    return rows, types


def run(folder, rows, types) -> dict:
    cfg = BertConfig.from_dict(json.load(open(os.path.join(folder, "config.json"))) | {"num_labels": 2})
    sd = read_folder(folder)
    T = max(len(r) for r in rows)
    ids = torch.tensor([r + [cfg.pad_token_id] * (T - len(r)) for r in rows])
    mask = torch.tensor([[1] * len(r) + [0] * (T - len(r)) for r in rows])
    tt = torch.tensor([t + [0] * (T - len(t)) for t in types])
    model = BertForSequenceClassification(cfg).eval()
    model.load_state_dict(sd, strict=False)
    out = {"input_ids": ids.tolist(), "attention_mask": mask.tolist(), "token_type_ids": tt.tolist()}
    with torch.no_grad():
        hidden, pooled, _ = model.bert(ids, mask, tt)
        out["hidden"] = hidden.tolist()                                            # [B, T, H]
        if "bert.pooler.dense.weight" in sd:
            out["pooled"] = pooled.tolist()                                        # [B, H]
        if "classifier.weight" in sd:
            out["logits"] = model.classifier(pooled).tolist()                      # [B, num_labels]
        if "cls.predictions.bias" in sd:
            d = sd["cls.predictions.transform.dense.weight"], sd["cls.predictions.transform.dense.bias"]
            ln = sd["cls.predictions.transform.LayerNorm.weight"], sd["cls.predictions.transform.LayerNorm.bias"]
            h = torch.nn.functional.gelu(hidden @ d[0].t() + d[1])
            h = torch.nn.functional.layer_norm(h, (cfg.hidden_size,), ln[0], ln[1], cfg.layer_norm_eps)
            # Row 0 only, flat indices 0..T-1: [T, V]. Every position of one row covers the decoder; all rows would be 3x the bytes.
            out["mlm_logits"] = (h[0] @ sd["bert.embeddings.word_embeddings.weight"].t() + sd["cls.predictions.bias"]).tolist()
    return {k: rounded(v) for k, v in out.items()}


def rounded(x):
    """Nested lists of floats to 7 significant digits: far inside the 1e-4 tolerance, a third of the bytes."""
    if isinstance(x, list):
        return [rounded(v) for v in x]
    return float(f"{x:.7g}") if isinstance(x, float) else x


def shipped_vocab() -> list[str]:
    """bert-base-uncased's kind of vocabulary, small: ASCII, English words, single jamo (no Hangul syllables)."""
    head = ["[PAD]"] + [f"[unused{i}]" for i in range(99)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    ascii_ = [chr(c) for c in range(33, 127) if not chr(c).isupper()]
    jamo = [chr(c) for c in list(range(0x1100, 0x1113)) + list(range(0x1161, 0x1176)) + list(range(0x11A8, 0x11C3))]
    compat = [chr(c) for c in range(0x3131, 0x3164)]          # ㄱ … ㅣ as typed (ㅋㅋ, ㅠㅠ)
    words = ("the of and to a in is it was this that movie film good bad great story acting best worst love "
             "just not but very really time all like so too ever").split()
    cont = ["##" + t for t in [chr(c) for c in range(97, 123)] + [str(d) for d in range(10)] + jamo + compat]
    seen, out = set(), []
    for t in head + ascii_ + jamo + compat + words + cont:
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


def make_shipped(out: str):
    vocab = shipped_vocab()
    cfg = dict(CONFIG, vocab_size=len(vocab), hidden_size=64, num_hidden_layers=2, num_attention_heads=2,
               intermediate_size=128, max_position_embeddings=512)
    torch.manual_seed(2026)
    c = BertConfig.from_dict(cfg)
    m = BertForSequenceClassification(c)              # HF's init: N(0, 0.02), LayerNorm 1/0
    sd = {k: v for k, v in m.state_dict().items() if not k.startswith("classifier.")}
    H, V = c.hidden_size, c.vocab_size
    head = {"cls.predictions.transform.dense.weight": torch.randn(H, H) * 0.02,
            "cls.predictions.transform.dense.bias": torch.zeros(H),
            "cls.predictions.transform.LayerNorm.weight": torch.ones(H),
            "cls.predictions.transform.LayerNorm.bias": torch.zeros(H),
            "cls.predictions.bias": torch.zeros(V),
            "cls.seq_relationship.weight": torch.randn(2, H) * 0.02, "cls.seq_relationship.bias": torch.zeros(2)}
    legacy = {k.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta"): v
              for k, v in {**sd, **head}.items()}
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        os.remove(os.path.join(out, f))
    safetensors_io.write(os.path.join(out, "model.safetensors"), legacy, "F16", {"format": "pt"})
    json.dump({"architectures": ["BertForMaskedLM"], **cfg}, open(os.path.join(out, "config.json"), "w"), indent=2)
    open(os.path.join(out, "vocab.txt"), "w", encoding="utf-8").write("\n".join(vocab) + "\n")
    json.dump({"do_lower_case": True, "model_max_length": 512}, open(os.path.join(out, "tokenizer_config.json"), "w"))
    json.dump({"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]", "mask_token": "[MASK]"},
              open(os.path.join(out, "special_tokens_map.json"), "w"))
    print(out, len(vocab), "tokens", sum(v.numel() for v in legacy.values()), "values")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", help="write the fixture folders here")
    p.add_argument("--vocab", default="tests/fixtures/hf/vocab-uncased.txt")
    p.add_argument("--run", help="print PyTorch's outputs for this folder")
    p.add_argument("--make-shipped", help="write the tiny HF-format BERT chapter 8 ships")
    p.add_argument("--input", help="with --run: JSON {input_ids: [[...]], token_type_ids?: [[...]]}, unpadded rows")
    a = p.parse_args(argv)
    if a.make_shipped:
        make_shipped(a.make_shipped)
        return
    if a.run:
        inp = json.load(open(a.input))
        rows = inp["input_ids"]
        print(json.dumps(run(a.run, rows, inp.get("token_type_ids") or [[0] * len(r) for r in rows])))
        return
    vocab = vocab_tokens(a.vocab)
    rows, types = inputs()
    for name, arch, tensors, dtype, shards in variants(master_state()):
        folder = os.path.join(a.out, name)
        write_folder(folder, arch, tensors, dtype, shards, vocab, tokenizer_config=name != "bertmodel")
        json.dump(run(folder, rows, types), open(os.path.join(folder, "expected.json"), "w"))
        print(name, sorted(os.listdir(folder)))


if __name__ == "__main__":
    main()
