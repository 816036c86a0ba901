#!/usr/bin/env python3
"""PyTorch float64 goldens for the models module's fused kernels.

Writes models/src/test/resources/goldens/{lstm,crf,crf_marginals,charcnn,optim}.json. Each file holds the inputs, the weights (in
PyTorch's layouts), an upstream gradient, and PyTorch's outputs and gradients; the Java tests recompute them with
the fused ops and compare to 1e-9. Run from the repository root:

    /usr/bin/python3 tools/goldens/models_goldens.py

Conventions shared with the Java side:
  * Sentences are packed: sentence b's tokens are rows offsets[b] .. offsets[b]+lengths[b]-1 of an [N, D] matrix.
  * nn.LSTM gate order is i, f, g, o; it has two biases b_ih and b_hh, the Java op one bias b = b_ih + b_hh, whose
    gradient equals the gradient of either PyTorch bias.
  * The CRF reference below is written directly in torch (forward algorithm with logsumexp, autograd for the
    gradients, a plain Viterbi); disallowed transitions score -inf.
  * The CRF token log-marginals are the forward-backward algorithm in log space (alpha + beta - log Z), written
    in torch and differentiated by torch autograd; entries the constraints make impossible are -inf, written to
    JSON as the stand-in -1000 and given no upstream gradient. The same case holds the mixed objective
    mu * sum NLL / N + (1 - mu) * mean_t focal(gamma=2) of the log-marginals (focal written out in torch).
"""
import json
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "models", "src", "test", "resources", "goldens")


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def packed_rows(padded, lengths):
    return torch.cat([padded[b, :l] for b, l in enumerate(lengths)], dim=0)


def lstm_golden(gen):
    lengths = [3, 1, 5, 2]
    d, h = 3, 4
    b, t = len(lengths), max(lengths)
    lstm = torch.nn.LSTM(d, h, batch_first=True, bidirectional=True)
    with torch.no_grad():
        for p in lstm.parameters():
            p.copy_(torch.rand(p.shape, generator=gen) * 1.6 - 0.8)
    x = torch.randn(b, t, d, generator=gen)
    for i, l in enumerate(lengths):
        x[i, l:] = 0.0
    x.requires_grad_(True)
    packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
    out, _ = lstm(packed)
    y, _ = pad_packed_sequence(out, batch_first=True, total_length=t)
    y = packed_rows(y, lengths)
    gy = torch.randn(y.shape, generator=gen)
    (y * gy).sum().backward()
    res = {"lengths": lengths, "input_size": d, "hidden_size": h,
           "x": flat(packed_rows(x, lengths)), "grad_output": flat(gy), "y": flat(y),
           "grad_x": flat(packed_rows(x.grad, lengths))}
    for suffix, name in (("", "forward"), ("_reverse", "backward")):
        w_ih = getattr(lstm, "weight_ih_l0" + suffix)
        w_hh = getattr(lstm, "weight_hh_l0" + suffix)
        b_ih = getattr(lstm, "bias_ih_l0" + suffix)
        b_hh = getattr(lstm, "bias_hh_l0" + suffix)
        res[name] = {"weight_ih": flat(w_ih), "weight_hh": flat(w_hh), "bias": flat(b_ih + b_hh),
                     "grad_weight_ih": flat(w_ih.grad), "grad_weight_hh": flat(w_hh.grad),
                     "grad_bias": flat(b_ih.grad)}
        assert torch.allclose(b_ih.grad, b_hh.grad)
    return res


def crf_nll(emissions, lengths, tags, trans, start, end):
    """Per-sentence negative log-likelihood; emissions and tags packed."""
    out = []
    off = 0
    for l in lengths:
        e = emissions[off:off + l]
        y = tags[off:off + l]
        alpha = start + e[0]
        for i in range(1, l):
            alpha = torch.logsumexp(alpha.unsqueeze(1) + trans, dim=0) + e[i]
        log_z = torch.logsumexp(alpha + end, dim=0)
        gold = start[y[0]] + e[torch.arange(l), y].sum() + end[y[-1]]
        for i in range(1, l):
            gold = gold + trans[y[i - 1], y[i]]
        out.append(log_z - gold)
        off += l
    return torch.stack(out)


def viterbi(emissions, lengths, trans, start, end):
    best = []
    off = 0
    for l in lengths:
        e = emissions[off:off + l]
        score = start + e[0]
        back = []
        for i in range(1, l):
            s = score.unsqueeze(1) + trans
            m, arg = s.max(dim=0)
            back.append(arg)
            score = m + e[i]
        tag = int((score + end).argmax())
        path = [tag]
        for arg in reversed(back):
            tag = int(arg[tag])
            path.append(tag)
        best.extend(reversed(path))
        off += l
    return best


def bio_mask(tags):
    c = len(tags)
    allowed = torch.zeros(c, c)
    start = torch.zeros(c)
    for j, tj in enumerate(tags):
        if tj.startswith("I-"):
            start[j] = float("-inf")
        for i, ti in enumerate(tags):
            ok = not tj.startswith("I-") or (ti[:2] in ("B-", "I-") and ti[2:] == tj[2:])
            allowed[i, j] = 0.0 if ok else float("-inf")
    return allowed, start


def crf_case(gen, tag_names, lengths, constrained):
    c = len(tag_names)
    n = sum(lengths)
    emissions = torch.randn(n, c, generator=gen).requires_grad_(True)
    trans = (torch.rand(c, c, generator=gen) - 0.5).requires_grad_(True)
    start = (torch.rand(c, generator=gen) - 0.5).requires_grad_(True)
    end = (torch.rand(c, generator=gen) - 0.5).requires_grad_(True)
    # Gold tags: a valid BIO sequence per sentence (O, B-X, I-X, ...), so the constrained case is defined.
    tags = []
    for l in lengths:
        prev = "O"
        for _ in range(l):
            options = [k for k, name in enumerate(tag_names)
                       if not name.startswith("I-") or (prev[:2] in ("B-", "I-") and prev[2:] == name[2:])]
            k = options[int(torch.randint(len(options), (1,), generator=gen))]
            tags.append(k)
            prev = tag_names[k]
    tr_eff, st_eff = trans, start
    if constrained:
        allowed, start_mask = bio_mask(tag_names)
        tr_eff = trans + allowed
        st_eff = start + start_mask
    nll = crf_nll(emissions, lengths, torch.tensor(tags), tr_eff, st_eff, end)
    w = torch.randn(len(lengths), generator=gen)
    (nll * w).sum().backward()
    with torch.no_grad():
        best = viterbi(emissions, lengths, tr_eff, st_eff, end)
    return {"tag_names": tag_names, "lengths": lengths, "constrained_bio": constrained, "tags": tags,
            "emissions": flat(emissions), "transitions": flat(trans), "start": flat(start), "end": flat(end),
            "nll": flat(nll), "grad_output": flat(w), "grad_emissions": flat(emissions.grad),
            "grad_transitions": flat(trans.grad), "grad_start": flat(start.grad), "grad_end": flat(end.grad),
            "viterbi": best}


def scheme_masks(tags, scheme):
    """(transition, start, end) additive masks, 0 or -inf, for 'none', 'bio' or 'bioes' tag names."""
    c = len(tags)
    allowed = torch.zeros(c, c)
    start = torch.zeros(c)
    end = torch.zeros(c)
    if scheme == "none":
        return allowed, start, end
    prefix = [t[0] if t != "O" else "O" for t in tags]
    typ = [t[2:] for t in tags]
    for j in range(c):
        inside = prefix[j] in ("I", "E")
        if inside:
            start[j] = float("-inf")
        if scheme == "bioes" and prefix[j] in ("B", "I"):
            end[j] = float("-inf")
        for i in range(c):
            opened = prefix[i] in ("B", "I")
            if scheme == "bio":
                ok = prefix[j] != "I" or (opened and typ[i] == typ[j])
            else:
                ok = (opened and typ[i] == typ[j]) if inside else not opened
            if not ok:
                allowed[i, j] = float("-inf")
    return allowed, start, end


def crf_log_marginals(emissions, lengths, trans, start, end):
    """Packed [N, C] log p(y_t = c | x) by the forward-backward algorithm in log space."""
    rows = []
    off = 0
    for l in lengths:
        e = emissions[off:off + l]
        alphas = [start + e[0]]
        for i in range(1, l):
            alphas.append(torch.logsumexp(alphas[-1].unsqueeze(1) + trans, dim=0) + e[i])
        betas = [end]
        for i in range(l - 2, -1, -1):
            betas.insert(0, torch.logsumexp(trans + (e[i + 1] + betas[0]).unsqueeze(0), dim=1))
        log_z = torch.logsumexp(alphas[-1] + end, dim=0)
        rows.extend(alphas[i] + betas[i] - log_z for i in range(l))
        off += l
    return torch.stack(rows)


def valid_tags(gen, tag_names, lengths, allowed, start_mask, end_mask):
    """Random gold sequences the constraints allow (rejection per sentence)."""
    tags = []
    for l in lengths:
        while True:
            y = [int(torch.randint(len(tag_names), (1,), generator=gen)) for _ in range(l)]
            ok = start_mask[y[0]] == 0 and end_mask[y[-1]] == 0
            ok = ok and all(allowed[y[i - 1], y[i]] == 0 for i in range(1, l))
            if ok:
                tags.extend(y)
                break
    return tags


def crf_marginals_case(gen, tag_names, lengths, scheme, mu=0.5, gamma=2.0, impossible=-1000.0):
    c = len(tag_names)
    n = sum(lengths)
    emissions = (torch.randn(n, c, generator=gen) * 1.5).requires_grad_(True)
    trans = (torch.rand(c, c, generator=gen) * 2 - 1).requires_grad_(True)
    start = (torch.rand(c, generator=gen) * 2 - 1).requires_grad_(True)
    end = (torch.rand(c, generator=gen) * 2 - 1).requires_grad_(True)
    allowed, start_mask, end_mask = scheme_masks(tag_names, scheme)
    tr_eff, st_eff, en_eff = trans + allowed, start + start_mask, end + end_mask
    m = crf_log_marginals(emissions, lengths, tr_eff, st_eff, en_eff)
    finite = torch.isfinite(m)
    w = torch.randn(n, c, generator=gen) * finite
    params = [emissions, trans, start, end]
    grads = torch.autograd.grad((torch.where(finite, m, torch.zeros_like(m)) * w).sum(), params, retain_graph=True)
    # The mixed objective: mu * sum NLL / N + (1 - mu) * mean_t focal, the log-marginals as logits.
    tags = valid_tags(gen, tag_names, lengths, allowed, start_mask, end_mask)
    y = torch.tensor(tags)
    logits = torch.where(finite, m, torch.full_like(m, impossible))
    logp = torch.log_softmax(logits, dim=1).gather(1, y.unsqueeze(1)).squeeze(1)
    focal = (-(1 - logp.exp()) ** gamma * logp).mean()
    nll = crf_nll(emissions, lengths, y, tr_eff, st_eff, en_eff).sum() / n
    objective = mu * nll + (1 - mu) * focal
    ograds = torch.autograd.grad(objective, params)
    return {"tag_names": tag_names, "lengths": lengths, "constraints": scheme, "impossible": impossible,
            "emissions": flat(emissions), "transitions": flat(trans), "start": flat(start), "end": flat(end),
            "log_marginals_finite": flat(torch.where(finite, m, torch.full_like(m, impossible))),
            "grad_output": flat(w), "grad_emissions": flat(grads[0]), "grad_transitions": flat(grads[1]),
            "grad_start": flat(grads[2]), "grad_end": flat(grads[3]),
            "tags": tags, "mu": mu, "gamma": gamma, "objective": float(objective),
            "objective_grad_emissions": flat(ograds[0]), "objective_grad_transitions": flat(ograds[1]),
            "objective_grad_start": flat(ograds[2]), "objective_grad_end": flat(ograds[3])}


def crf_marginals_golden():
    gen = torch.Generator().manual_seed(20261206)
    return [crf_marginals_case(gen, ["A", "B", "C"], [3, 1, 5], "none"),
            crf_marginals_case(gen, ["O", "B-X", "I-X", "B-Y", "I-Y"], [4, 2, 6, 1], "bio"),
            crf_marginals_case(gen, ["O", "B-X", "I-X", "E-X", "S-X", "B-Y", "I-Y", "E-Y", "S-Y"], [5, 1, 3, 2],
                               "bioes")]


def charcnn_golden(gen):
    alphabet, e, f, w = 7, 3, 4, 3
    words = [[1, 2, 3], [4], [5, 6, 1, 2, 2], [3, 3]]
    lmax = max(len(x) for x in words)
    ids = torch.zeros(len(words), lmax, dtype=torch.long)
    for i, cs in enumerate(words):
        ids[i, :len(cs)] = torch.tensor(cs)
    emb = torch.nn.Embedding(alphabet, e, padding_idx=0)
    conv = torch.nn.Conv1d(e, f, w, padding=(w - 1) // 2)
    with torch.no_grad():
        emb.weight.copy_(torch.randn(alphabet, e, generator=gen))
        emb.weight[0].zero_()
        conv.weight.copy_(torch.randn(f, e, w, generator=gen))
        conv.bias.copy_(torch.randn(f, generator=gen))
    x = emb(ids).transpose(1, 2)                      # [W, E, L]
    c = conv(x)                                       # [W, F, L]
    lengths = torch.tensor([len(cs) for cs in words])
    pad = torch.arange(lmax).unsqueeze(0) >= lengths.unsqueeze(1)
    c = c.masked_fill(pad.unsqueeze(1), float("-inf"))
    y = c.max(dim=2).values                           # [W, F]
    gy = torch.randn(y.shape, generator=gen)
    (y * gy).sum().backward()
    return {"alphabet": alphabet, "dim": e, "filters": f, "width": w, "words": words,
            "embedding": flat(emb.weight), "weight": flat(conv.weight), "bias": flat(conv.bias),
            "y": flat(y), "grad_output": flat(gy), "grad_embedding": flat(emb.weight.grad),
            "grad_weight": flat(conv.weight.grad), "grad_bias": flat(conv.bias.grad)}


def optim_golden(gen):
    """Three steps of torch.optim.Adam and SGD (momentum, Nesterov, weight decay) on fixed gradients."""
    cases = []
    settings = [
        ("adam", dict(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)),
        ("adam", dict(lr=0.003, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
        ("sgd", dict(lr=0.1, momentum=0.9, dampening=0.0, nesterov=False, weight_decay=0.0)),
        ("sgd", dict(lr=0.05, momentum=0.5, dampening=0.0, nesterov=True, weight_decay=0.01)),
        ("sgd", dict(lr=0.05, momentum=0.7, dampening=0.3, nesterov=False, weight_decay=0.0)),
    ]
    for kind, kw in settings:
        p = torch.randn(6, generator=gen).requires_grad_(True)
        start = flat(p)
        opt = torch.optim.Adam([p], **kw) if kind == "adam" else torch.optim.SGD([p], **kw)
        grads = []
        for _ in range(3):
            g = torch.randn(6, generator=gen)
            grads.append(flat(g))
            p.grad = g.clone()
            opt.step()
        case = {"kind": kind, "start": start, "grads": grads, "end": flat(p)}
        case.update({k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()})
        cases.append(case)
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    gen = torch.Generator().manual_seed(20240611)
    files = {
        "lstm.json": {"torch": torch.__version__, "case": lstm_golden(gen)},
        "crf.json": {"torch": torch.__version__, "cases": [
            crf_case(gen, ["A", "B", "C"], [3, 1, 4], False),
            crf_case(gen, ["O", "B-X", "I-X", "B-Y", "I-Y"], [4, 2, 6, 1], True)]},
        "charcnn.json": {"torch": torch.__version__, "case": charcnn_golden(gen)},
        "crf_marginals.json": {"torch": torch.__version__, "cases": crf_marginals_golden()},
        "optim.json": {"torch": torch.__version__, "cases": optim_golden(gen)},
    }
    for name, content in files.items():
        with open(os.path.join(OUT, name), "w") as fh:
            json.dump(content, fh, indent=1)
            fh.write("\n")
        print("wrote", os.path.join(OUT, name))


if __name__ == "__main__":
    main()
