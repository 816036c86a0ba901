#!/usr/bin/env python3
"""Times Focal4J's benchmarked losses as PyTorch users write them: composed torch ops, forward + backward,
MEAN reduction, float32 and float64, torch.set_num_threads(2). The Java side is
benchmarks/src/main/java/io/github/focal4j/benchmarks/loss/{Binary,MultiClass}LossBenchmark.java with the
same sizes, data distribution and hyperparameters.

    /usr/bin/python3 benchmarks/pytorch/loss_bench.py                     # everything
    /usr/bin/python3 benchmarks/pytorch/loss_bench.py --kind binary --loss focal --repeats 5

Prints one line per (kind, loss, dtype): the median and min of --repeats timed runs after --warmup runs.
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F


# ------------------------------------------------------------------ binary (logits x, float targets y)

def b_ce(x, y):
    return F.binary_cross_entropy_with_logits(x, y)


def b_focal(x, y, gamma=2.0, alpha=0.25):  # torchvision.ops.sigmoid_focal_loss, reduction="mean"
    p = torch.sigmoid(x)
    ce = F.binary_cross_entropy_with_logits(x, y, reduction="none")
    p_t = p * y + (1 - p) * (1 - y)
    loss = ce * ((1 - p_t) ** gamma)
    alpha_t = alpha * y + (1 - alpha) * (1 - y)
    return (alpha_t * loss).mean()


def b_soft(x, y, k=2.0):  # sigma(-Kx) * CE for y = 1, sigma(Kx) * CE for y = 0
    s = 2 * y - 1
    return (torch.sigmoid(-k * s * x) * F.binary_cross_entropy_with_logits(x, y, reduction="none")).mean()


def b_hard(x, y, m=0.5):
    p = torch.sigmoid(x)
    p_t = p * y + (1 - p) * (1 - y)
    lam = (p_t <= m).to(x.dtype)
    return (lam * F.binary_cross_entropy_with_logits(x, y, reduction="none")).mean()


def b_flstar(x, y, gamma=2.0, beta=1.0):  # fvcore's sigmoid_focal_loss_star plus the paper's beta
    return (-F.logsigmoid(gamma * x * (2 * y - 1) + beta) / gamma).mean()


def b_poly(x, y, gamma=2.0, epsilon=1.0):  # PolyLoss paper's poly-1 focal, no alpha
    p = torch.sigmoid(x)
    ce = F.binary_cross_entropy_with_logits(x, y, reduction="none")
    p_t = p * y + (1 - p) * (1 - y)
    return (ce * (1 - p_t) ** gamma + epsilon * (1 - p_t) ** (gamma + 1)).mean()


# ------------------------------------------------------------------ multi-class (logits [N, C], long targets)

def m_ce(x, t):
    return F.cross_entropy(x, t)


def _pt(x, t):
    logp = F.log_softmax(x, dim=1).gather(1, t.unsqueeze(1)).squeeze(1)
    return logp, logp.exp()


def m_focal(x, t, gamma=2.0):
    logp, p = _pt(x, t)
    return (-((1 - p) ** gamma) * logp).mean()


def m_soft(x, t, k=2.0):
    logp, _ = _pt(x, t)
    w = F.softmax(-k * x, dim=1).gather(1, t.unsqueeze(1)).squeeze(1)
    return (-w * logp).mean()


def m_hard(x, t, m=0.5):
    logp, p = _pt(x, t)
    return (-(p <= m).to(x.dtype) * logp).mean()


def m_flstar(x, t, gamma=2.0, beta=1.0):
    logp, p = _pt(x, t)
    z = logp - torch.log1p(-p)  # logit of p_t
    return (-F.logsigmoid(gamma * z + beta) / gamma).mean()


def m_poly(x, t, gamma=2.0, epsilon=1.0):
    logp, p = _pt(x, t)
    return (-((1 - p) ** gamma) * logp + epsilon * (1 - p) ** (gamma + 1)).mean()


BINARY = dict(ce=b_ce, focal=b_focal, soft=b_soft, hard=b_hard, flstar=b_flstar, poly=b_poly)
MULTI = dict(ce=m_ce, focal=m_focal, soft=m_soft, hard=m_hard, flstar=m_flstar, poly=m_poly)


def data(kind, n, rows, classes, dtype):
    g = torch.Generator().manual_seed(42)
    if kind == "binary":
        x = torch.randn(n, generator=g, dtype=torch.float64) * 3
        y = (torch.rand(n, generator=g, dtype=torch.float64) < 0.1).to(torch.float64)
        return x.to(dtype), y.to(dtype)
    x = torch.randn(rows, classes, generator=g, dtype=torch.float64) * 3
    t = torch.where(torch.rand(rows, generator=g) < 0.8, torch.zeros(rows, dtype=torch.long),
                    torch.randint(1, classes, (rows,), generator=g))
    return x.to(dtype), t


def time_one(fn, x, target, warmup, repeats):
    times = []
    for i in range(warmup + repeats):
        leaf = x.detach().requires_grad_(True)
        t0 = time.perf_counter()
        loss = fn(leaf, target)
        loss.backward()
        t1 = time.perf_counter()
        if i >= warmup:
            times.append((t1 - t0) * 1e3)
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", choices=["binary", "multi", "all"], default="all")
    ap.add_argument("--loss", default="all", help="ce, focal, soft, hard, flstar, poly or all")
    ap.add_argument("--dtype", choices=["float32", "float64", "all"], default="all")
    ap.add_argument("--n", type=int, default=10_000_000, help="binary logits")
    ap.add_argument("--rows", type=int, default=1_000_000, help="multi-class rows")
    ap.add_argument("--classes", type=int, default=9)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=7)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; median / min of {a.repeats} runs, ms")
    kinds = ["binary", "multi"] if a.kind == "all" else [a.kind]
    dtypes = [torch.float32, torch.float64] if a.dtype == "all" else [getattr(torch, a.dtype)]
    for kind in kinds:
        table = BINARY if kind == "binary" else MULTI
        names = list(table) if a.loss == "all" else a.loss.split(",")
        for dtype in dtypes:
            x, target = data(kind, a.n, a.rows, a.classes, dtype)
            for name in names:
                med, best = time_one(table[name], x, target, a.warmup, a.repeats)
                size = f"{a.n}" if kind == "binary" else f"{a.rows}x{a.classes}"
                print(f"{kind:6s} {name:6s} {str(dtype).replace('torch.', ''):7s} {size:>10s}  median {med:9.1f}  min {best:9.1f}")


if __name__ == "__main__":
    main()
