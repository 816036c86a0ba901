#!/usr/bin/env python3
"""PyTorch float64 goldens for the NLP imbalance losses: self-adjusting Dice (DSC), Tversky and MoM.

Writes loss-core/src/test/resources/goldens/nlp_loss_goldens.json. Run from the repository root:

    /usr/bin/python3 tools/goldens/nlp_loss_goldens.py

Deterministic (fixed seeds). The losses are written here from probabilities, as the papers state them --
Li et al. 2020 (ACL), "Dice Loss for Data-imbalanced NLP Tasks": DSC = 1 - (2 p~ y + g) / (p~ + y + g) with
p~ = (1 - p)^a p; the Tversky index (p y + g) / (p y + a p (1 - y) + b (1 - p) y + g); Nemoto et al. 2024
(MoM): L + lambda * L_O, L_O the loss summed over the tokens whose gold class is the majority class with
L's normalizer (the paper divides both terms by the padded sentence length) -- not from Focal4J's stable
rearrangements, so the Java tests compare two derivations. p = sigmoid(x) (binary) or softmax(x)_c
(multi-class, one-vs-rest per class, summed over classes); (1 - p)^a is exp(a log(1 - p)) with
log(1 - p) = logsigmoid(-x) or a log-sum-exp over the other classes, and the script asserts that the literal
formulas agree where inputs are moderate. MoM's base losses (ce, focal) come from loss_goldens.py.

Each case stores the loss spec, the inputs, the output and d(sum_i r_i out_i)/d(logits) with
r_i = 1 + (i mod 5)/4 (r = 1 for a scalar output), as loss_goldens.py does.
"""
import json
import math
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from loss_goldens import EXTREMES, binary_elementwise, log_one_minus_softmax, multi_rows, projection, reduce  # noqa: E402

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "loss-core", "src", "test", "resources", "goldens",
                   "nlp_loss_goldens.json")


def dsc(p_tilde, y, g):
    return 1 - (2 * p_tilde * y + g) / (p_tilde + y + g)


def tversky(p, q, y, a, b, g):
    return 1 - (p * y + g) / (p * y + a * p * (1 - y) + b * q * y + g)


def binary_per(name, prm, x, y):
    """Per-element binary loss (before mask and weights)."""
    alpha = prm.get("alpha")
    a_t = 1.0 if alpha is None else alpha * y + (1 - alpha) * (1 - y)
    if name == "dsc":
        p_tilde = torch.exp(F.logsigmoid(x) + prm["sa_alpha"] * F.logsigmoid(-x))
        return a_t * dsc(p_tilde, y, prm["smooth"])
    if name == "tversky":
        return a_t * tversky(torch.sigmoid(x), torch.sigmoid(-x), y, prm["fp"], prm["fn"], prm["smooth"])
    if name in ("ce", "focal"):
        return binary_elementwise(name, prm, x, y)
    raise ValueError(name)


def multi_per(name, prm, x, t):
    """Per-row multi-class loss; t holds valid classes only."""
    c = x.shape[1]
    if name in ("dsc", "tversky"):
        y = F.one_hot(t, c).to(x.dtype)
        logp = F.log_softmax(x, dim=1)
        log_1m = log_one_minus_softmax(x)
        if name == "dsc" and prm.get("form") == "gold":  # the gold class's y = 1 term only
            p_tilde = torch.exp(logp + prm["sa_alpha"] * log_1m).gather(1, t.unsqueeze(1)).squeeze(1)
            per = dsc(p_tilde, torch.ones_like(p_tilde), prm["smooth"])
            if prm.get("class_alpha") is not None:
                per = per * torch.tensor(prm["class_alpha"])[t]
            return per
        if name == "dsc":
            per = dsc(torch.exp(logp + prm["sa_alpha"] * log_1m), y, prm["smooth"])
        else:
            per = tversky(logp.exp(), log_1m.exp(), y, prm["fp"], prm["fn"], prm["smooth"])
        if prm.get("class_alpha") is not None:
            per = per * torch.tensor(prm["class_alpha"])
        return per.sum(1)
    if name in ("ce", "focal"):
        return multi_rows(name, prm, x, t)
    raise ValueError(name)


def binary_case(cid, name, prm, shape, gen, reduction="MEAN", use_mask=False, use_weights=False, extremes=True,
                all_masked=False):
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

    def term(base, bprm, sel, norm=None):
        """The base loss over the elements sel, divided (MEAN) by the count of norm (default sel)."""
        norm = sel if norm is None else norm
        per = binary_per(base, bprm, x, y)
        coef = sel * (1.0 if weights is None else weights)
        per = torch.where(sel > 0, per * coef, torch.zeros_like(per))
        return reduce(per, int(norm.sum()), 0, reduction, "VALID_ELEMENTS")

    if name == "mom":  # L + lambda * L_O, L_O the O-only sum with L's normalizer
        majority = (y == prm["majority"]).to(torch.float64)
        out = term(prm["base"], prm["base_params"], valid) + prm["lambda"] * term(prm["base"], prm["base_params"],
                                                                                    valid * majority, valid)
    else:
        out = term(name, prm, valid)
    r = torch.ones(()) if out.dim() == 0 else projection(n)
    (out * r).sum().backward()
    return dict(id=cid, kind="binary", loss=name, params=prm, reduction=reduction, shape=list(shape),
                logits=x.detach().tolist(), targets=y.tolist(), mask=None if mask is None else mask.tolist(),
                weights=None if weights is None else weights.tolist(), value=out.detach().reshape(-1).tolist(),
                grad=x.grad.tolist())


def multi_case(cid, name, prm, shape, classes, gen, reduction="MEAN", use_mask=False, use_weights=False,
               extremes=True, ignore=False, all_ignored=False):
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

    def term(base, bprm, sel, norm=None):
        """The base loss over the rows sel, divided (MEAN) by the count of norm (default sel)."""
        norm = sel if norm is None else norm
        per = multi_per(base, bprm, x, t_clean)
        coef = sel * (1.0 if weights is None else weights)
        per = torch.where(sel > 0, per * coef, torch.zeros_like(per))
        return reduce(per, int(norm.sum()), 0, reduction, "VALID_ELEMENTS")

    if name == "mom":  # L + lambda * L_O, L_O the O-only sum with L's normalizer
        majority = (t == prm["majority"]).to(torch.float64)
        out = term(prm["base"], prm["base_params"], valid) + prm["lambda"] * term(prm["base"], prm["base_params"],
                                                                                    valid * majority, valid)
    else:
        out = term(name, prm, valid)
    r = torch.ones(()) if out.dim() == 0 else projection(n)
    (out * r).sum().backward()
    return dict(id=cid, kind="multi", loss=name, params=prm, reduction=reduction, shape=list(shape) + [classes],
                logits=x.detach().reshape(-1).tolist(), targets=t.tolist(),
                mask=None if mask is None else mask.tolist(), weights=None if weights is None else weights.tolist(),
                value=out.detach().reshape(-1).tolist(), grad=x.grad.reshape(-1).tolist())


ALPHA4 = [0.5, 1.5, 0.25, 1.0]

BINARY_SPECS = [
    ("dsc", {"sa_alpha": 1.0, "smooth": 1.0}), ("dsc", {"sa_alpha": 0.0, "smooth": 1e-4}),
    ("dsc", {"sa_alpha": 0.5, "smooth": 0.5, "alpha": 0.25}), ("dsc", {"sa_alpha": 2.0, "smooth": 2.0}),
    ("tversky", {"fp": 0.5, "fn": 0.5, "smooth": 1.0}), ("tversky", {"fp": 0.3, "fn": 0.7, "smooth": 0.1, "alpha": 0.4}),
    ("mom", {"lambda": 1.0, "majority": 0, "base": "ce", "base_params": {}}),
    ("mom", {"lambda": 0.5, "majority": 1, "base": "focal", "base_params": {"gamma": 2.0, "alpha": 0.25}}),
    ("mom", {"lambda": 2.0, "majority": 0, "base": "dsc", "base_params": {"sa_alpha": 1.0, "smooth": 1.0}}),
]

MULTI_SPECS = [
    ("dsc", {"sa_alpha": 1.0, "smooth": 1.0}), ("dsc", {"sa_alpha": 0.0, "smooth": 1e-4}),
    ("dsc", {"sa_alpha": 0.5, "smooth": 1.0, "class_alpha": ALPHA4}),
    ("dsc", {"sa_alpha": 1.0, "smooth": 1.0, "form": "gold"}),
    ("dsc", {"sa_alpha": 0.5, "smooth": 0.1, "form": "gold", "class_alpha": ALPHA4}),
    ("tversky", {"fp": 0.5, "fn": 0.5, "smooth": 1.0}), ("tversky", {"fp": 0.3, "fn": 0.7, "smooth": 0.1, "class_alpha": ALPHA4}),
    ("mom", {"lambda": 1.0, "majority": 0, "base": "ce", "base_params": {}}),
    ("mom", {"lambda": 0.5, "majority": 2, "base": "focal", "base_params": {"gamma": 2.0, "class_alpha": ALPHA4}}),
    ("mom", {"lambda": 3.0, "majority": 1, "base": "dsc", "base_params": {"sa_alpha": 1.0, "smooth": 1.0}}),
]


def cross_checks(gen):
    """Where inputs are moderate, the literal formulas (powers and differences of probabilities) agree."""
    x = torch.randn(200, generator=gen) * 3
    y = torch.randint(0, 2, (200,), generator=gen).to(torch.float64)
    p = torch.sigmoid(x)
    for a, g in [(0.0, 1.0), (1.0, 1.0), (0.5, 1e-4), (2.0, 0.3)]:
        literal = 1 - (2 * (1 - p) ** a * p * y + g) / ((1 - p) ** a * p + y + g)
        assert torch.allclose(binary_per("dsc", {"sa_alpha": a, "smooth": g}, x, y), literal, rtol=1e-12, atol=1e-14)
    literal = 1 - (p * y + 0.2) / (p * y + 0.3 * p * (1 - y) + 0.7 * (1 - p) * y + 0.2)
    assert torch.allclose(binary_per("tversky", {"fp": 0.3, "fn": 0.7, "smooth": 0.2}, x, y), literal, rtol=1e-12)
    # Dice with a = 0 and smoothing g is Tversky(1/2, 1/2, g/2).
    assert torch.allclose(binary_per("dsc", {"sa_alpha": 0.0, "smooth": 0.6}, x, y),
                          binary_per("tversky", {"fp": 0.5, "fn": 0.5, "smooth": 0.3}, x, y), rtol=1e-12, atol=1e-14)
    xm = torch.randn(50, 4, generator=gen) * 2
    t = torch.randint(0, 4, (50,), generator=gen)
    pm = F.softmax(xm, 1)
    ym = F.one_hot(t, 4).to(torch.float64)
    literal = (1 - (2 * (1 - pm) ** 0.5 * pm * ym + 1.0) / ((1 - pm) ** 0.5 * pm + ym + 1.0)).sum(1)
    assert torch.allclose(multi_per("dsc", {"sa_alpha": 0.5, "smooth": 1.0}, xm, t), literal, rtol=1e-12)


def main():
    gen = torch.Generator().manual_seed(20261206)
    cross_checks(gen)
    cases = []
    for name, prm in BINARY_SPECS:
        for reduction in ["NONE", "SUM", "MEAN"]:
            cases.append(binary_case(len(cases), name, prm, (3, 5), gen, reduction=reduction))
        cases.append(binary_case(len(cases), name, prm, (4, 4), gen, use_mask=True, use_weights=True))
        cases.append(binary_case(len(cases), name, prm, (16,), gen, reduction="NONE", use_mask=True, extremes=False))
        cases.append(binary_case(len(cases), name, prm, (2, 3), gen, all_masked=True))
    for name, prm in MULTI_SPECS:
        for reduction in ["NONE", "SUM", "MEAN"]:
            cases.append(multi_case(len(cases), name, prm, (2, 3), 4, gen, reduction=reduction, ignore=True))
        cases.append(multi_case(len(cases), name, prm, (5,), 4, gen, use_mask=True, use_weights=True, ignore=True))
        cases.append(multi_case(len(cases), name, prm, (6,), 4, gen, reduction="NONE", extremes=False))
        cases.append(multi_case(len(cases), name, prm, (2, 2), 4, gen, all_ignored=True))
    for c in cases:
        for key in ("value", "grad"):
            assert all(math.isfinite(v) for v in c[key]), (c["id"], c["loss"], key)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/goldens/nlp_loss_goldens.py", "torch": torch.__version__,
                   "projection": "r_i = 1 + (i mod 5)/4 for NONE, 1 for scalars", "cases": cases}, f,
                  separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
