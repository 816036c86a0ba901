#!/usr/bin/env python3
"""The verdicts on the original article's claims (Su Jianlin, 2017, 《从loss的硬截断、软化到focal loss》) from the
JSON of `ner-demo sweep imbalance`, as the root README states them, one Markdown table per claim.

    python3 benchmarks/sweep-claims.py OUT_DIR/sweep-imbalance.json

Every comparison is paired by seed: d_s = figure(A, seed s) - figure(B, seed s), reported as mean ± sample std
over the seeds. The rule, fixed before the run (README, "The article's claims on real data"):
  * a difference is *outside the seed spread* when |mean d| is larger than the seed-to-seed standard deviation
    of both A's and B's figure; otherwise it is inside, and the claim is *inconclusive* at that level;
  * outside the spread, the claim is *confirmed* when the difference points the way the claim says and
    *refuted* when it points the other way;
  * a claim of equality (c) is confirmed only by exact equality on every seed (the runs are deterministic);
    an "as good as" claim (d) is refuted when the difference is outside the spread against it, and otherwise
    inconclusive (no difference measurable at this number of seeds, which is not a proof of equality).
Steps to the dev target: runs that never reach it count as not comparable; the comparison needs both series to
reach it on the same seed.
"""
import json
import statistics
import sys


def load(path):
    points = json.load(open(path, encoding="utf-8"))["points"]
    by = {}
    for p in points:
        by[(p["series"], p["x"])] = p
    levels = []
    for p in points:
        if p["x"] not in levels:
            levels.append(p["x"])
    return by, levels


def per_seed(point, key):
    return {r["seed"]: r[key] for r in point["runs"] if r.get(key) is not None and not r.get("failure")}


def sd(values):
    return statistics.stdev(values) if len(values) > 1 else 0.0


def compare(by, a, b, x, key):
    """(mean d, std d, n, std a, std b, all equal) of key, paired by seed; None when nothing pairs."""
    pa, pb = per_seed(by[(a, x)], key), per_seed(by[(b, x)], key)
    seeds = sorted(set(pa) & set(pb))
    if not seeds:
        return None
    d = [pa[s] - pb[s] for s in seeds]
    return (statistics.mean(d), sd(d), len(seeds), sd(list(pa.values())), sd(list(pb.values())),
            all(pa[s] == pb[s] for s in seeds))


def verdict(c, better, kind="better"):
    """better: +1 if the claim says A > B, -1 if A < B."""
    if c is None:
        return "inconclusive (not reached)"
    mean, _, _, sa, sb, equal = c
    if kind == "equal":
        return "confirmed (identical on every seed)" if equal else (
            "refuted" if abs(mean) > max(sa, sb) else "inconclusive")
    outside = abs(mean) > max(sa, sb)
    if kind == "as-good":
        return "refuted" if outside and mean * better < 0 else "inconclusive"
    if not outside:
        return "inconclusive"
    return "confirmed" if mean * better > 0 else "refuted"


def fmt(c, digits=2):
    if c is None:
        return "-"
    mean, s, n, sa, sb, _ = c
    spread = max(sa, sb)
    return f"{mean:+.{digits}f} ± {s:.{digits}f} (spread {spread:.{digits}f}, {n} seeds)"


def share(by, levels, x):
    p = next(v for (s, lx), v in by.items() if lx == x)
    return p["train_o_token_share"]["mean"]


def table(by, levels, title, rows):
    print(f"#### {title}\n")
    print("| O tokens in training data | " + " | ".join(r[0] for r in rows) + " | verdict |")
    print("|---" * (len(rows) + 2) + "|")
    for x in levels:
        cells, verdicts = [], []
        for label, a, b, key, better, kind in rows[:]:
            if (a, x) not in by or (b, x) not in by:
                cells.append("-")
                continue
            c = compare(by, a, b, x, key)
            cells.append(fmt(c, 0 if key == "steps_to_target" else 2))
            verdicts.append(verdict(c, better, kind))
        print(f"| {share(by, levels, x):.2f} % (s = {x:g}) | " + " | ".join(cells) + " | "
              + combine(verdicts) + " |")
    print()


def combine(verdicts):
    """One verdict for a claim with several parts: refuted if any part is, confirmed if all are."""
    if any(v.startswith("refuted") for v in verdicts):
        return "**refuted**"
    if verdicts and all(v.startswith("confirmed") for v in verdicts):
        return "**confirmed**"
    return "**inconclusive**"


def ms(point, key, digits=2):
    m = point[key]
    if not m or m.get("n", 0) == 0:
        return "-"
    return f"{m['mean']:.{digits}f} ± {m['std']:.{digits}f}"


def summary(by, levels):
    """Per loss and level: test F1 (paired ΔF1 vs the row's reference), entity-/O-token recall, steps."""
    series = []
    for s, _ in by:
        if s not in series:
            series.append(s)
    head = " | ".join(f"{share(by, levels, x):.2f} % O (s = {x:g})" for x in levels)

    def per_level(title, cell):
        print(title + "\n")
        print("| loss | " + head + " |")
        print("|---" * (len(levels) + 1) + "|")
        for s in series:
            print(f"| `{s}` | " + " | ".join(cell(s, by[(s, x)]) for x in levels) + " |")

    def f1_cell(s, p):
        d = p.get("f1_delta") or {}
        delta = "" if p["f1_delta_reference"] == s else f" ({d['mean']:+.2f} ± {d['std']:.2f})"
        return ms(p, "f1") + delta

    def recall_cell(s, p):
        st = p["steps_to_target"]
        steps = f"{st['mean']:.0f} ({st['n']}/3)" if st and st.get("n") else "not reached"
        return f"{ms(p, 'entity_token_recall', 1)} / {ms(p, 'o_token_recall', 2)}; {steps}"

    per_level("Test F1 (ΔF1 paired by seed against `ce`; CRF rows against `crf`):", f1_cell)
    print()
    per_level("Entity-token recall / O-token recall on test, and steps to the dev target (reached by n of 3):",
              recall_cell)
    print()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: sweep-claims.py sweep-imbalance.json")
    by, levels = load(sys.argv[1])
    summary(by, levels)
    ce, hard, soft = "ce", "hard(threshold=0.5)", "soft(k=1)"
    f1, f2 = "focal(gamma=1)", "focal(gamma=2)"
    f275, f25 = "focal(gamma=2,alpha=0.75)", "focal(gamma=2,alpha=0.5)"
    table(by, levels, "(a) hard truncation needs more steps and ends worse than cross-entropy", [
        ("steps to dev target, hard − ce", hard, ce, "steps_to_target", +1, "better"),
        ("test F1, hard − ce", hard, ce, "f1", -1, "better")])
    table(by, levels, "(b) softening repairs hard truncation", [
        ("steps to dev target, soft − hard", soft, hard, "steps_to_target", -1, "better"),
        ("test F1, soft − hard", soft, hard, "f1", +1, "better")])
    table(by, levels, "(c) K = γ = 1: the softened loss is focal loss", [
        ("test F1, soft(k=1) − focal(gamma=1)", soft, f1, "f1", 0, "equal")])
    table(by, levels, "(d) α = 0.5 is as good as a tuned α (0.75, Lin et al.)", [
        ("test F1, α 0.5 − α 0.75", f25, f275, "f1", +1, "as-good")])
    for loss in (soft, f2, f275):
        table(by, levels, f"(e) {loss} helps the entity class under imbalance (vs ce)", [
            ("test F1", loss, ce, "f1", +1, "better"),
            ("entity-token recall", loss, ce, "entity_token_recall", +1, "better")])
    crf, mix = "crf", "crf(mu=0.5):focal(gamma=2)"
    if any(s == mix for s, _ in by):
        table(by, levels, "(e, CRF head) focal loss on the CRF marginals helps the entity class (vs NLL)", [
            ("test F1", mix, crf, "f1", +1, "better"),
            ("entity-token recall", mix, crf, "entity_token_recall", +1, "better")])


if __name__ == "__main__":
    main()
