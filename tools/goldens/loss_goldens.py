#!/usr/bin/env python3
"""PyTorch float64 goldens for every Focal4J loss, option and edge case.

Writes loss-core/src/test/resources/goldens/loss_goldens.json. Run from the repository root:

    /usr/bin/python3 tools/goldens/loss_goldens.py

Deterministic (fixed seeds). Each loss is written here the way a PyTorch user writes it -- from
binary_cross_entropy_with_logits, log_softmax, cross_entropy, and the formulas of torchvision's
sigmoid_focal_loss, fvcore's sigmoid_focal_loss_star and segmentation_models_pytorch's
focal_loss_with_logits -- not from Focal4J's margin formulation, so the Java tests compare two
independent derivations. Modulating factors are taken in log space, (1 - p_t)^g = exp(g log(1 - p_t)),
with log(1 - p_t) = logsigmoid(-x_t) (binary) or a log-sum-exp over the other classes (multi-class);
where inputs are moderate the script asserts the literal library formulas agree to 1e-12.

Each case stores the loss spec, the inputs, the output and d(sum_i r_i out_i)/d(logits) with
r_i = 1 + (i mod 5)/4 (r = 1 for a scalar output).
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "loss-core", "src", "test", "resources", "goldens",
                   "loss_goldens.json")
EXTREMES = [1e4, -1e4, 40.0, -40.0, 0.0, 700.0, -700.0, 1e-9]


# ----------------------------------------------------------------------------------------------- binary

def torchvision_sigmoid_focal_loss(x, y, alpha, gamma):
    """torchvision.ops.sigmoid_focal_loss (reduction='none'), inlined: torchvision is not installed here."""
    p = torch.sigmoid(x)
    ce = F.binary_cross_entropy_with_logits(x, y, reduction="none")
    p_t = p * y + (1 - p) * (1 - y)
    loss = ce * ((1 - p_t) ** gamma)
    if alpha >= 0:
        loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
    return loss


def binary_elementwise(name, p, x, y):
    """Per-element binary loss for targets y in {0, 1}."""
    alpha = p.get("alpha")
    a_t = 1.0 if alpha is None else alpha * y + (1 - alpha) * (1 - y)
    s = p.get("smoothing", 0.0)
    ys = y * (1 - s) + s / 2  # Keras's smoothed target
    bce = F.binary_cross_entropy_with_logits(x, ys, reduction="none")
    log_1m_pt = torch.where(y == 1, F.logsigmoid(-x), F.logsigmoid(x))  # log(1 - p_t)
    p_t = torch.where(y == 1, torch.sigmoid(x), torch.sigmoid(-x))
    if name == "ce":
        if s == 0 or alpha is None:
            return a_t * bce
        # two-class form with alpha: y' alpha CE(x) + (1 - y')(1 - alpha) CE(-x)
        return ys * alpha * F.binary_cross_entropy_with_logits(x, torch.ones_like(x), reduction="none") + \
            (1 - ys) * (1 - alpha) * F.binary_cross_entropy_with_logits(x, torch.zeros_like(x), reduction="none")
    if name == "hard":
        lam = (p_t <= p["threshold"]).to(x.dtype)  # a constant: no gradient
        return a_t * lam * bce
    if name == "soft":
        w = torch.where(y == 1, torch.sigmoid(-p["k"] * x), torch.sigmoid(p["k"] * x))
        if p.get("detached"):
            w = w.detach()
        return a_t * w * bce
    if name == "focal":
        g = p["gamma"]
        if s > 0:
            # Sum over the two classes of the smoothed target, each with its own focal factor.
            pos = torch.exp(g * F.logsigmoid(-x)) * -F.logsigmoid(x)
            neg = torch.exp(g * F.logsigmoid(x)) * -F.logsigmoid(-x)
            if p.get("detached"):
                pos = torch.exp(g * F.logsigmoid(-x)).detach() * -F.logsigmoid(x)
                neg = torch.exp(g * F.logsigmoid(x)).detach() * -F.logsigmoid(-x)
            ap, an = (1.0, 1.0) if alpha is None else (alpha, 1 - alpha)
            return ys * ap * pos + (1 - ys) * an * neg
        th = p.get("reduced")
        if th is None:
            w = torch.exp(g * log_1m_pt)
        else:  # smp: ((1 - pt) / th)^g, set to 1 where pt < th
            w = torch.where(p_t < th, torch.ones_like(x), torch.exp(g * (log_1m_pt - math.log(th))))
        if p.get("detached"):
            w = w.detach()
        return a_t * w * bce
    if name == "flstar":  # fvcore's sigmoid_focal_loss_star, with the paper's beta
        g, b = p["gamma"], p.get("beta", 0.0)
        return a_t * -F.logsigmoid(g * x * (2 * y - 1) + b) / g
    if name == "poly":
        g, eps = p.get("gamma", 0.0), p["epsilon"]
        return a_t * torch.exp(g * log_1m_pt) * bce + eps * torch.exp((g + 1) * log_1m_pt)
    raise ValueError(name)


# ----------------------------------------------------------------------------------------------- multi

def log_one_minus_softmax(x):
    """log(1 - softmax(x)_j) for every j: log-sum-exp of the other classes minus log-sum-exp of all."""
    c = x.shape[1]
    eye = torch.eye(c, dtype=torch.bool)
    others = x.unsqueeze(1).masked_fill(eye, float("-inf"))  # [N, C, C], row j without class j
    return torch.logsumexp(others, dim=2) - torch.logsumexp(x, dim=1, keepdim=True)


def multi_rows(name, p, x, t):
    """Per-row multi-class loss; t holds valid classes only."""
    n, c = x.shape
    alpha = p.get("class_alpha")
    a = None if alpha is None else torch.tensor(alpha)
    a_t = 1.0 if a is None else a[t]
    s = p.get("smoothing", 0.0)
    logp = F.log_softmax(x, dim=1)
    logp_t = logp.gather(1, t.unsqueeze(1)).squeeze(1)
    log_1m = log_one_minus_softmax(x)
    log_1m_t = log_1m.gather(1, t.unsqueeze(1)).squeeze(1)
    ce_t = -logp_t
    if name == "ce":
        return F.cross_entropy(x, t, weight=a, reduction="none", label_smoothing=s)
    if name == "hard":
        lam = (logp_t.exp() <= p["threshold"]).to(x.dtype)
        return a_t * lam * ce_t
    if name == "soft":
        if p.get("weight", "softmax") == "softmax":
            w = F.softmax(-p["k"] * x, dim=1).gather(1, t.unsqueeze(1)).squeeze(1)
        else:  # sigma(-K z_t), z_t = log p_t - log(1 - p_t)
            w = torch.sigmoid(-p["k"] * (logp_t - log_1m_t))
        if p.get("detached"):
            w = w.detach()
        return a_t * w * ce_t
    if name == "focal":
        g = p["gamma"]
        if s > 0:  # Keras's CategoricalFocalCrossentropy: sum_j q_j alpha_j (1 - p_j)^g (-log p_j)
            q = F.one_hot(t, c).to(x.dtype) * (1 - s) + s / c
            w = torch.exp(g * log_1m)
            if p.get("detached"):
                w = w.detach()
            per = q * w * -logp
            if a is not None:
                per = per * a
            return per.sum(1)
        th = p.get("reduced")
        if th is None:
            w = torch.exp(g * log_1m_t)
        else:
            w = torch.where(logp_t.exp() < th, torch.ones_like(ce_t), torch.exp(g * (log_1m_t - math.log(th))))
        if p.get("detached"):
            w = w.detach()
        return a_t * w * ce_t
    if name == "flstar":
        g, b = p["gamma"], p.get("beta", 0.0)
        return a_t * -F.logsigmoid(g * (logp_t - log_1m_t) + b) / g
    if name == "poly":
        g, eps = p.get("gamma", 0.0), p["epsilon"]
        return a_t * torch.exp(g * log_1m_t) * ce_t + eps * torch.exp((g + 1) * log_1m_t)
    raise ValueError(name)


# ----------------------------------------------------------------------------------------------- cases

def reduce(per, valid, positives, reduction, normalization):
    if reduction == "NONE":
        return per
    total = per.sum()
    if reduction == "SUM":
        return total
    count = valid if normalization == "VALID_ELEMENTS" else max(positives, 1)
    return total / count if count > 0 else total * 0.0


def projection(n):
    return torch.tensor([1 + (i % 5) / 4 for i in range(n)])


def binary_case(cid, name, params, shape, gen, reduction="MEAN", normalization="VALID_ELEMENTS",
                use_mask=False, use_weights=False, extremes=True, all_masked=False):
    n = math.prod(shape)
    x = torch.randn(n, generator=gen) * 3
    if extremes:
        for i in range(0, n, 3):
            x[i] = EXTREMES[(i // 3) % len(EXTREMES)]
    y = torch.randint(0, 2, (n,), generator=gen).to(torch.float64)
    mask = (torch.rand(n, generator=gen) > 0.3).to(torch.float64) if use_mask else None
    if all_masked:
        mask = torch.zeros(n)
    weights = torch.rand(n, generator=gen) * 2 if use_weights else None
    x.requires_grad_(True)
    valid = torch.ones(n) if mask is None else mask
    per = binary_elementwise(name, params, x, y)
    coef = valid * (1.0 if weights is None else weights)
    per = torch.where(valid > 0, per * coef, torch.zeros_like(per))
    out = reduce(per, int(valid.sum()), int((valid * y).sum()), reduction, normalization)
    r = torch.ones(()) if out.dim() == 0 else projection(n)
    (out * r).sum().backward()
    return dict(id=cid, kind="binary", loss=name, params=params, reduction=reduction, normalization=normalization,
                shape=list(shape), logits=x.detach().tolist(), targets=y.tolist(),
                mask=None if mask is None else mask.tolist(), weights=None if weights is None else weights.tolist(),
                value=out.detach().reshape(-1).tolist(), grad=x.grad.tolist())


def multi_case(cid, name, params, shape, classes, gen, reduction="MEAN", normalization="VALID_ELEMENTS",
               use_mask=False, use_weights=False, extremes=True, ignore=False, all_ignored=False, background=None):
    n = math.prod(shape)
    x = torch.randn(n, classes, generator=gen) * 3
    if extremes:
        for i in range(0, n * classes, 4):
            x.view(-1)[i] = EXTREMES[(i // 4) % len(EXTREMES)]
    t = torch.randint(0, classes, (n,), generator=gen)
    if ignore:
        t[torch.rand(n, generator=gen) < 0.25] = -100
    if all_ignored:
        t[:] = -100
    mask = (torch.rand(n, generator=gen) > 0.3).to(torch.float64) if use_mask else None
    weights = torch.rand(n, generator=gen) * 2 if use_weights else None
    x.requires_grad_(True)
    valid = (t != -100).to(torch.float64) * (1.0 if mask is None else mask)
    t_clean = torch.where(valid > 0, t, torch.zeros_like(t))
    per = multi_rows(name, params, x, t_clean)
    coef = valid * (1.0 if weights is None else weights)
    per = torch.where(valid > 0, per * coef, torch.zeros_like(per))
    positives = int(((t_clean != (background if background is not None else -1)) * valid).sum())
    out = reduce(per, int(valid.sum()), positives, reduction, normalization)
    r = torch.ones(()) if out.dim() == 0 else projection(n)
    (out * r).sum().backward()
    return dict(id=cid, kind="multi", loss=name, params=params, reduction=reduction, normalization=normalization,
                background=background, shape=list(shape) + [classes], logits=x.detach().reshape(-1).tolist(),
                targets=t.tolist(), mask=None if mask is None else mask.tolist(),
                weights=None if weights is None else weights.tolist(), value=out.detach().reshape(-1).tolist(),
                grad=x.grad.reshape(-1).tolist())


BINARY_SPECS = [
    ("ce", {}), ("ce", {"alpha": 0.25}), ("ce", {"smoothing": 0.1}), ("ce", {"smoothing": 0.2, "alpha": 0.3}),
    ("hard", {"threshold": 0.5}), ("hard", {"threshold": 0.7, "alpha": 0.3}),
    ("soft", {"k": 1.0}), ("soft", {"k": 3.0, "alpha": 0.25}), ("soft", {"k": 2.0, "detached": True}),
    ("focal", {"gamma": 2.0}), ("focal", {"gamma": 0.0}), ("focal", {"gamma": 0.5}),
    ("focal", {"gamma": 2.0, "alpha": 0.25}), ("focal", {"gamma": 2.0, "detached": True}),
    ("focal", {"gamma": 0.5, "smoothing": 0.2, "alpha": 0.4}), ("focal", {"gamma": 2.0, "smoothing": 0.1, "detached": True}),
    ("focal", {"gamma": 2.0, "reduced": 0.5}), ("focal", {"gamma": 1.5, "reduced": 0.3, "detached": True, "alpha": 0.25}),
    ("flstar", {"gamma": 1.0}), ("flstar", {"gamma": 2.0, "beta": 1.0, "alpha": 0.25}),
    ("poly", {"epsilon": 1.0}), ("poly", {"epsilon": -1.0, "gamma": 2.0, "alpha": 0.25}), ("poly", {"epsilon": 2.0, "gamma": 0.5}),
]

MULTI_SPECS = [
    ("ce", {}), ("ce", {"class_alpha": [0.5, 1.5, 0.25, 1.0]}), ("ce", {"smoothing": 0.1}),
    ("ce", {"smoothing": 0.3, "class_alpha": [0.5, 1.5, 0.25, 1.0]}),
    ("hard", {"threshold": 0.5}), ("hard", {"threshold": 0.3, "class_alpha": [0.5, 1.5, 0.25, 1.0]}),
    ("soft", {"k": 1.0}), ("soft", {"k": 3.0, "class_alpha": [0.5, 1.5, 0.25, 1.0]}), ("soft", {"k": 2.0, "detached": True}),
    ("soft", {"k": 2.0, "weight": "margin"}), ("soft", {"k": 1.0, "weight": "margin", "detached": True}),
    ("focal", {"gamma": 2.0}), ("focal", {"gamma": 0.0}), ("focal", {"gamma": 0.5, "class_alpha": [0.5, 1.5, 0.25, 1.0]}),
    ("focal", {"gamma": 2.0, "detached": True}), ("focal", {"gamma": 2.0, "smoothing": 0.1}),
    ("focal", {"gamma": 0.5, "smoothing": 0.2, "class_alpha": [0.5, 1.5, 0.25, 1.0], "detached": True}),
    ("focal", {"gamma": 2.0, "reduced": 0.5}),
    ("flstar", {"gamma": 2.0, "beta": 1.0}),
    ("poly", {"epsilon": 1.0}), ("poly", {"epsilon": -1.0, "gamma": 2.0, "class_alpha": [0.5, 1.5, 0.25, 1.0]}),
]


def cross_checks(gen):
    """Where inputs are moderate, the literal library formulas equal the log-space ones used above."""
    x = torch.randn(200, generator=gen) * 3
    y = torch.randint(0, 2, (200,), generator=gen).to(torch.float64)
    for gamma, alpha in [(2.0, 0.25), (0.0, -1), (0.5, 0.75), (1.0, -1)]:
        p = {"gamma": gamma} if alpha < 0 else {"gamma": gamma, "alpha": alpha}
        ours = binary_elementwise("focal", p, x, y)
        tv = torchvision_sigmoid_focal_loss(x, y, alpha, gamma)
        assert torch.allclose(ours, tv, rtol=1e-12, atol=1e-14), (gamma, alpha)
    # K = gamma = 1: softened == focal (binary), the claim of Su Jianlin's article, in PyTorch too.
    assert torch.allclose(binary_elementwise("soft", {"k": 1.0}, x, y), binary_elementwise("focal", {"gamma": 1.0}, x, y),
                          rtol=1e-12, atol=1e-14)
    # smp's reduced focal loss, literally.
    logpt = F.binary_cross_entropy_with_logits(x, y, reduction="none")
    pt = torch.exp(-logpt)
    term = ((1.0 - pt) / 0.5).pow(2.0)
    term[pt < 0.5] = 1
    assert torch.allclose(binary_elementwise("focal", {"gamma": 2.0, "reduced": 0.5}, x, y), term * logpt, rtol=1e-12)
    # Multi-class: log-space focal equals the literal (1 - p_t)^gamma form; label-smoothed CE equals the sum form.
    xm = torch.randn(50, 4, generator=gen) * 2
    t = torch.randint(0, 4, (50,), generator=gen)
    logp = F.log_softmax(xm, 1)
    pt = logp.exp().gather(1, t.unsqueeze(1)).squeeze(1)
    literal = (1 - pt) ** 2 * -logp.gather(1, t.unsqueeze(1)).squeeze(1)
    assert torch.allclose(multi_rows("focal", {"gamma": 2.0}, xm, t), literal, rtol=1e-12)
    q = F.one_hot(t, 4) * 0.9 + 0.1 / 4
    assert torch.allclose(multi_rows("ce", {"smoothing": 0.1}, xm, t), (q * -logp).sum(1), rtol=1e-12)
    assert torch.allclose(multi_rows("focal", {"gamma": 0.0, "smoothing": 0.1}, xm, t), (q * -logp).sum(1), rtol=1e-12)


def main():
    gen = torch.Generator().manual_seed(20240601)
    cross_checks(gen)
    cases = []
    for name, params in BINARY_SPECS:
        for reduction in ["NONE", "SUM", "MEAN"]:
            cases.append(binary_case(len(cases), name, params, (3, 5), gen, reduction=reduction))
        cases.append(binary_case(len(cases), name, params, (4, 4), gen, use_mask=True, use_weights=True))
        cases.append(binary_case(len(cases), name, params, (16,), gen, reduction="NONE", use_mask=True, extremes=False))
    for name, params in [("focal", {"gamma": 2.0, "alpha": 0.25}), ("ce", {})]:
        cases.append(binary_case(len(cases), name, params, (4, 5), gen, normalization="POSITIVE_TARGETS", use_mask=True))
        cases.append(binary_case(len(cases), name, params, (2, 3), gen, all_masked=True))
        cases.append(binary_case(len(cases), name, params, (2, 3), gen, reduction="SUM", all_masked=True))
    for name, params in MULTI_SPECS:
        for reduction in ["NONE", "SUM", "MEAN"]:
            cases.append(multi_case(len(cases), name, params, (2, 3), 4, gen, reduction=reduction, ignore=True))
        cases.append(multi_case(len(cases), name, params, (5,), 4, gen, use_mask=True, use_weights=True, ignore=True))
        cases.append(multi_case(len(cases), name, params, (6,), 4, gen, reduction="NONE", extremes=False))
    for name, params in [("focal", {"gamma": 2.0}), ("ce", {"smoothing": 0.1})]:
        cases.append(multi_case(len(cases), name, params, (8,), 4, gen, normalization="POSITIVE_TARGETS",
                                ignore=True, background=0))
        cases.append(multi_case(len(cases), name, params, (2, 2), 4, gen, all_ignored=True))
        cases.append(multi_case(len(cases), name, params, (3,), 4, gen, reduction="NONE", all_ignored=True))
        cases.append(multi_case(len(cases), name, params, (2,), 2, gen, use_mask=True))  # C = 2
    for c in cases:
        for key in ("value", "grad"):
            assert all(math.isfinite(v) for v in c[key]), (c["id"], c["loss"], key)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/goldens/loss_goldens.py", "torch": torch.__version__,
                   "projection": "r_i = 1 + (i mod 5)/4 for NONE, 1 for scalars", "cases": cases}, f,
                  separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
