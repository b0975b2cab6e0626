"""BERT in plain PyTorch, with Hugging Face's module names so that state_dict keys are HF's keys.

This mirrors lib/model (TypeScript) op for op: the parity test (tests/unit/parity.test.ts) compares the two.
Only what pretraining and the reference fine-tune need is here; no `transformers` dependency.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, asdict, fields

import torch
import torch.nn as nn
import torch.nn.functional as F

# Added to attention scores at padded keys. Large and finite: the browser's WGSL may assume finite values,
# and the TypeScript model uses the same constant so the two agree.
MASK_NEG = -10000.0


@dataclass
class BertConfig:
    vocab_size: int = 12000
    hidden_size: int = 256
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 1024
    max_position_embeddings: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12
    hidden_act: str = "gelu"
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    num_labels: int = 2
    pad_token_id: int = 0

    @classmethod
    def from_dict(cls, d: dict) -> "BertConfig":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    def to_dict(self) -> dict:
        d = asdict(self)
        d["model_type"] = "bert"
        return d


PRESETS = {
    "tiny": dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64),
    "mini": dict(hidden_size=256, num_hidden_layers=4, num_attention_heads=4, intermediate_size=1024),
    "small": dict(hidden_size=512, num_hidden_layers=4, num_attention_heads=8, intermediate_size=2048),
    "medium": dict(hidden_size=256, num_hidden_layers=6, num_attention_heads=4, intermediate_size=1024),
    # the larger student that still serves at <= 25 MB in float16 (9.5M params, 19 MB): for a GPU run
    "mini8": dict(hidden_size=256, num_hidden_layers=8, num_attention_heads=4, intermediate_size=1024),
}


class Embeddings(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, input_ids, token_type_ids):  # [B, T] -> [B, T, H]
        T = input_ids.shape[1]
        pos = torch.arange(T, device=input_ids.device)[None, :]
        x = self.word_embeddings(input_ids) + self.position_embeddings(pos) + self.token_type_embeddings(token_type_ids)
        return self.dropout(self.LayerNorm(x))


class SelfAttention(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.A = c.num_attention_heads
        self.D = c.hidden_size // c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)
        self.dropout = nn.Dropout(c.attention_probs_dropout_prob)

    def forward(self, x, mask_add):  # x [B, T, H], mask_add [B, 1, 1, T]
        B, T, H = x.shape
        split = lambda t: t.view(B, T, self.A, self.D).transpose(1, 2)  # [B, A, T, D]
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.D) + mask_add  # [B, A, T, T]
        probs = scores.softmax(-1)
        ctx = self.dropout(probs) @ v  # [B, A, T, D]
        return ctx.transpose(1, 2).reshape(B, T, H), probs


class SelfOutput(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, h, residual):  # post-LayerNorm, as in the original BERT
        return self.LayerNorm(self.dropout(self.dense(h)) + residual)


class Attention(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        setattr(self, "self", SelfAttention(c))  # HF name: attention.self.query ...
        self.output = SelfOutput(c)

    def forward(self, x, mask_add):
        h, probs = getattr(self, "self")(x, mask_add)
        return self.output(h, x), probs


class Intermediate(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)

    def forward(self, x):
        return F.gelu(self.dense(x))  # exact erf GELU, as the TypeScript model


class Output(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(c.intermediate_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, h, residual):
        return self.LayerNorm(self.dropout(self.dense(h)) + residual)


class Layer(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.attention = Attention(c)
        self.intermediate = Intermediate(c)
        self.output = Output(c)

    def forward(self, x, mask_add):
        a, probs = self.attention(x, mask_add)
        return self.output(self.intermediate(a), a), probs


class Encoder(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.layer = nn.ModuleList([Layer(c) for _ in range(c.num_hidden_layers)])


class Pooler(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)

    def forward(self, x):  # [B, T, H] -> [B, H], from the [CLS] position
        return torch.tanh(self.dense(x[:, 0]))


class BertModel(nn.Module):
    def __init__(self, c: BertConfig, with_pooler: bool = True):
        super().__init__()
        self.config = c
        self.embeddings = Embeddings(c)
        self.encoder = Encoder(c)
        self.pooler = Pooler(c) if with_pooler else None
        self.apply(lambda m: init_weights(m, 0.02))

    def forward(self, input_ids, attention_mask=None, token_type_ids=None, want_attn=False):
        if attention_mask is None:
            attention_mask = (input_ids != self.config.pad_token_id).long()
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        mask_add = (1.0 - attention_mask[:, None, None, :].float()) * MASK_NEG  # [B, 1, 1, T]
        x = self.embeddings(input_ids, token_type_ids)
        attns = []
        for layer in self.encoder.layer:
            x, probs = layer(x, mask_add)
            if want_attn:
                attns.append(probs)
        pooled = self.pooler(x) if self.pooler is not None else None
        return x, pooled, attns


def init_weights(m: nn.Module, std: float):
    if isinstance(m, nn.Linear):
        nn.init.normal_(m.weight, std=std)
        nn.init.zeros_(m.bias)
    elif isinstance(m, nn.Embedding):
        nn.init.normal_(m.weight, std=std)
        if m.padding_idx is not None:
            with torch.no_grad():
                m.weight[m.padding_idx].zero_()
    elif isinstance(m, nn.LayerNorm):
        nn.init.ones_(m.weight)
        nn.init.zeros_(m.bias)


class MLMTransform(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, x):
        return self.LayerNorm(F.gelu(self.dense(x)))


class MLMPredictions(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.transform = MLMTransform(c)
        self.bias = nn.Parameter(torch.zeros(c.vocab_size))


class MLMHead(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.predictions = MLMPredictions(c)


class BertForMaskedLM(nn.Module):
    """Encoder + MLM head. The decoder is the word-embedding matrix (tied), so it has no weight of its own."""

    def __init__(self, c: BertConfig):
        super().__init__()
        self.bert = BertModel(c, with_pooler=False)
        self.cls = MLMHead(c)
        self.cls.apply(lambda m: init_weights(m, 0.02))

    def logits_at(self, hidden, positions):  # hidden [B, T, H], positions: flat indices into B*T -> [N, V]
        h = hidden.reshape(-1, hidden.shape[-1])[positions]
        h = self.cls.predictions.transform(h)
        return h @ self.bert.embeddings.word_embeddings.weight.t() + self.cls.predictions.bias


class DiscriminatorHead(nn.Module):
    """ELECTRA's replaced-token head: dense + GELU + a single logit per token. Not shipped."""

    def __init__(self, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.dense_prediction = nn.Linear(c.hidden_size, 1)
        self.apply(lambda m: init_weights(m, 0.02))

    def forward(self, x):  # [B, T, H] -> [B, T]
        return self.dense_prediction(F.gelu(self.dense(x))).squeeze(-1)


class BertForSequenceClassification(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.bert = BertModel(c, with_pooler=True)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)
        self.classifier = nn.Linear(c.hidden_size, c.num_labels)
        init_weights(self.classifier, 0.02)

    def forward(self, input_ids, attention_mask=None, token_type_ids=None, want_attn=False):
        _, pooled, attns = self.bert(input_ids, attention_mask, token_type_ids, want_attn)
        return self.classifier(self.dropout(pooled)), attns
