#!/usr/bin/env python3
"""The reference BiLSTM-CNN tagger in PyTorch: the same model, data and settings as Focal4J's
TokenClassifierConfig.reference() + TrainerConfig.reference(), for a side-by-side throughput measurement.

  lower-cased word embedding 100 (vocabulary from train, padding row 0)
  + char embedding 30 (padding 0) -> Conv1d(30, 30, 3, padding=1) -> max over the word's own characters
  -> concat (130) -> dropout 0.5 -> BiLSTM 100 per direction (packed, so padding is skipped) -> dropout 0.5
  -> Linear(200, C) -> cross-entropy averaged over real tokens; Adam lr 1e-3 (PyTorch defaults);
  batches of 32 sentences shuffled each epoch; torch.set_num_threads(2).

Initialisation as Focal4J: Xavier-uniform input weights, orthogonal recurrent blocks, forget-gate bias 1
(split over PyTorch's two biases), embeddings uniform in +-sqrt(3/dim).

Measures training tokens/s (real tokens; warm-up batches excluded) and inference tokens/s (eval mode, no grad,
batches of 64, argmax), printed as key=value lines. Usage:

  /usr/bin/python3 benchmarks/pytorch/reference_tagger.py [--train FILE] [--warmup-batches 30] [--batches 150]
      [--inference-sentences 3000] [--dtype float32|float64] [--threads 2]
"""
import argparse
import math
import time

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def read_conll(path):
    sentences, tokens, tags = [], [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            s = line.strip()
            if not s or s.startswith("-DOCSTART-"):
                if tokens:
                    sentences.append((tokens, tags))
                    tokens, tags = [], []
                continue
            cols = s.split()
            tokens.append(cols[0])
            tags.append(cols[-1])
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def build_vocab(items):
    vocab = {"<pad>": 0, "<unk>": 1}
    for it in sorted(set(items)):
        vocab.setdefault(it, len(vocab))
    return vocab


class Tagger(nn.Module):
    def __init__(self, n_words, n_chars, n_tags):
        super().__init__()
        self.words = nn.Embedding(n_words, 100, padding_idx=0)
        self.chars = nn.Embedding(n_chars, 30, padding_idx=0)
        self.conv = nn.Conv1d(30, 30, 3, padding=1)
        self.drop = nn.Dropout(0.5)
        self.lstm = nn.LSTM(130, 100, batch_first=True, bidirectional=True)
        self.out = nn.Linear(200, n_tags)
        with torch.no_grad():
            for emb in (self.words, self.chars):
                b = math.sqrt(3.0 / emb.embedding_dim)
                emb.weight.uniform_(-b, b)
                emb.weight[0].zero_()
            nn.init.xavier_uniform_(self.conv.weight)
            self.conv.bias.zero_()
            nn.init.xavier_uniform_(self.out.weight)
            self.out.bias.zero_()
            for name, p in self.lstm.named_parameters():
                if name.startswith("weight_ih"):
                    nn.init.xavier_uniform_(p)
                elif name.startswith("weight_hh"):
                    for k in range(4):
                        nn.init.orthogonal_(p[k * 100:(k + 1) * 100])
                else:
                    p.zero_()
                    p[100:200] = 0.5  # b_ih + b_hh = 1 for the forget gate

    def forward(self, words, chars, lengths, char_lengths):
        b, t = words.shape
        w = chars.shape[2]
        c = self.chars(chars.view(b * t, w)).transpose(1, 2)          # [B*T, 30, W]
        c = self.conv(c)                                               # [B*T, 30, W]
        pad = torch.arange(w).unsqueeze(0) >= char_lengths.view(b * t, 1)
        c = c.masked_fill(pad.unsqueeze(1), float("-inf")).max(dim=2).values.view(b, t, 30)
        x = self.drop(torch.cat([self.words(words), c], dim=2))
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = pad_packed_sequence(h, batch_first=True, total_length=t)
        return self.out(self.drop(h))


def tensorize(encoded):
    """Per-sentence tensors built once, so that a batch is a few slice copies (no per-token Python work)."""
    out = []
    for ws, cs, ts in encoded:
        width = max(len(c) for c in cs)
        chars = torch.zeros(len(ws), width, dtype=torch.long)
        for j, c in enumerate(cs):
            chars[j, :len(c)] = torch.tensor(c)
        out.append((torch.tensor(ws), chars, torch.tensor([len(c) for c in cs]), torch.tensor(ts)))
    return out


def make_batch(tensors, idx):
    sel = [tensors[i] for i in idx]
    t = max(s[0].shape[0] for s in sel)
    w = max(s[1].shape[1] for s in sel)
    words = torch.zeros(len(sel), t, dtype=torch.long)
    chars = torch.zeros(len(sel), t, w, dtype=torch.long)
    char_len = torch.ones(len(sel), t, dtype=torch.long)
    tags = torch.full((len(sel), t), -100, dtype=torch.long)
    for i, (ws, cs, cl, ts) in enumerate(sel):
        n = ws.shape[0]
        words[i, :n] = ws
        chars[i, :n, :cs.shape[1]] = cs
        char_len[i, :n] = cl
        tags[i, :n] = ts
    lengths = torch.tensor([s[0].shape[0] for s in sel])
    return words, chars, lengths, char_len, tags


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default="../shared/data/conll2003/train.txt")
    ap.add_argument("--warmup-batches", type=int, default=30)
    ap.add_argument("--batches", type=int, default=150)
    ap.add_argument("--inference-sentences", type=int, default=3000)
    ap.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if a.dtype == "float64":
        torch.set_default_dtype(torch.float64)

    data = read_conll(a.train)
    words = build_vocab(tok.lower() for s in data for tok in s[0])
    chars = build_vocab(ch for s in data for tok in s[0] for ch in tok)
    tags = {t: i for i, t in enumerate(sorted({t for s in data for t in s[1]}))}
    encoded = [([words.get(tok.lower(), 1) for tok in toks], [[chars.get(ch, 1) for ch in tok] for tok in toks],
                [tags[t] for t in ts]) for toks, ts in data]
    encoded = tensorize(encoded)
    model = Tagger(len(words), len(chars), len(tags))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    print(f"sentences={len(data)} words={len(words)} chars={len(chars)} tags={len(tags)} "
          f"parameters={sum(p.numel() for p in model.parameters())} threads={torch.get_num_threads()} dtype={a.dtype}")

    order = torch.randperm(len(encoded)).tolist()
    model.train()
    tokens, start = 0, None
    total = a.warmup_batches + a.batches
    for k in range(total):
        if k == a.warmup_batches:
            start = time.perf_counter()
            tokens = 0
        idx = order[(k * 32) % len(order):(k * 32) % len(order) + 32]
        w, c, lengths, cl, y = make_batch(encoded, idx)
        logits = model(w, c, lengths, cl)
        loss = loss_fn(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        tokens += int(lengths.sum())
    elapsed = time.perf_counter() - start
    print(f"train_tokens={tokens} train_seconds={elapsed:.3f} train_tokens_per_second={tokens / elapsed:.1f}")

    model.eval()
    n = min(a.inference_sentences, len(encoded))
    with torch.no_grad():
        w, c, lengths, cl, _ = make_batch(encoded, list(range(min(300, n))))
        model(w, c, lengths, cl).argmax(-1)  # warm-up
        start = time.perf_counter()
        count = 0
        for i in range(0, n, 64):
            w, c, lengths, cl, _ = make_batch(encoded, list(range(i, min(n, i + 64))))
            model(w, c, lengths, cl).argmax(-1)
            count += int(lengths.sum())
        elapsed = time.perf_counter() - start
    print(f"inference_tokens={count} inference_seconds={elapsed:.3f} inference_tokens_per_second={count / elapsed:.1f}")


if __name__ == "__main__":
    main()
