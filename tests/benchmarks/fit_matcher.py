"""Fit the matcher's four logistic models, and measure what they do on pairs they were not fitted on.

    python tests/benchmarks/fit_matcher.py                 # fit, print coefficients and F1
    python tests/benchmarks/fit_matcher.py --write         # ... and write them into tui/engine/matchmodel.py
    python tests/benchmarks/fit_matcher.py --lone --write  # keep the shipped TEXT/PAIR/JOIN, refit LONE only
    python tests/benchmarks/fit_matcher.py --loo           # leave-one-pair-out F1 of every labelled pair
    python tests/benchmarks/fit_matcher.py --reliability   # predicted vs observed, in bins
    python tests/benchmarks/fit_matcher.py --sensitivity   # F1 with each constant moved by -25% / +25%
    python tests/benchmarks/fit_matcher.py --sensitivity --big   # ... and the lookup constants at 10,000 points

Training data: every candidate pair of the labelled real pairs (shared corpus
and US sample, tests/labelled_pairs.py) and of generated pairs (four mixes,
tests/alignment_generator.py), labelled by the human or generated truth. The
real pairs together weigh as much as the generated ones together, and each
pair weighs the same within its half, so neither a long generated pair nor
one real document dominates.

The models are fitted in the order `align` uses them: TEXT (words only),
PAIR (with position, number and title judged against TEXT's anchors), JOIN
(leftovers against the units PAIR decided), LONE (the confidence of the points
left without counterpart by the three).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.alignment_generator import MIXES, generate  # noqa: E402
from tests.labelled_pairs import LabelledPair, f1, real_pairs, us_pairs  # noqa: E402
from tui.engine import align as align_module  # noqa: E402
from tui.engine import evidence, matchmodel, similarity  # noqa: E402
from tui.engine.align import (  # noqa: E402
    _id_groups,
    _identical,
    _pair,
    _pools,
    align,
    join_features,
    join_offers,
    score_candidates,
)
from tui.engine.similarity import Similarity  # noqa: E402

L2 = 1e-2
"""Ridge penalty of the fits: keeps coefficients finite when a small pair separates perfectly
(F1 of the fitted model unchanged from 1e-3 to 1e-1)."""


def generated_pairs() -> list[LabelledPair]:
    """Generated pairs of several sizes and mixes, as labelled pairs."""
    result = []
    for name, mix in MIXES.items():
        for size, seeds in (
            (8, range(100, 106)),
            (15, range(100, 106)),
            (60, range(100, 103)),
            (300, range(100, 101)),
        ):
            for seed in seeds:
                case = generate(size, seed=seed, mix=mix)
                result.append(LabelledPair(f"gen-{name}-{size}-{seed}", case.old, case.new, case.pairs))
    return result


@dataclass
class Prepared:
    pair: LabelledPair
    similarity: Similarity
    groups: list
    old_pool: list[int]
    new_pool: list[int]


def prepare(pair: LabelledPair) -> Prepared:
    old, new = pair.old, pair.new
    dropped = frozenset(pair.dropped)
    groups = _id_groups(old, new)
    old_pool, new_pool = _pools(len(old), len(new), groups, dropped)
    groups += _identical(old, new, old_pool, new_pool)
    old_pool, new_pool = _pools(len(old), len(new), groups, dropped)
    sim = Similarity(
        [p.text for p in old], [p.text for p in new], [p.title for p in old], [p.title for p in new]
    )
    return Prepared(pair, sim, groups, old_pool, new_pool)


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, tuple[float, ...]]:
    """Weighted ridge logistic regression by Newton steps (the intercept is not penalised)."""
    design = np.column_stack([np.ones(len(x)), x])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], L2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(design @ beta, -40, 40)))
        gradient = design.T @ (w * (p - y)) + penalty * beta
        hessian = (design * (w * p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        delta = np.linalg.solve(hessian, gradient)
        beta -= delta
        if np.max(np.abs(delta)) < 1e-8:
            break
    return float(beta[0]), tuple(float(b) for b in beta[1:])


def _weights(groups: list[tuple[LabelledPair, int]]) -> np.ndarray:
    """Rows of each pair weigh 1/rows; real and generated halves weigh the same; mean weight 1 (so `L2` means
    the same whatever the number of rows)."""
    real = [g for g in groups if not g[0].name.startswith("gen-")]
    gen = [g for g in groups if g[0].name.startswith("gen-")]
    parts = []
    for pair, rows in groups:
        half = real if not pair.name.startswith("gen-") else gen
        parts.append(np.full(rows, 1.0 / max(rows, 1) / max(len(half), 1)))
    if not parts:
        return np.zeros(0)
    weights = np.concatenate(parts)
    return weights * (len(weights) / weights.sum())


def _labels(pair: LabelledPair, olds: np.ndarray, news: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """1/0 per candidate, and a mask of the ones to train on (soft links left out)."""
    y = np.array(
        [(o, n) in pair.pairs for o, n in zip(olds.tolist(), news.tolist(), strict=True)], dtype=float
    )
    keep = np.array([(o, n) not in pair.soft for o, n in zip(olds.tolist(), news.tolist(), strict=True)])
    return y, keep


REFIT_DECISIONS = True
"""False (`--lone`): keep the shipped TEXT, PAIR and JOIN coefficients and fit only LONE on top of them."""


def fit(pairs: list[LabelledPair]) -> None:
    """Fit TEXT, PAIR, JOIN and LONE on these pairs and install the coefficients in `matchmodel`."""
    if not REFIT_DECISIONS:
        _install_landed()
        fit_lone(pairs)
        return
    prepared = [prepare(p) for p in pairs]
    # TEXT
    xs, ys, sizes = [], [], []
    for item in prepared:
        cands = item.similarity.candidates(item.old_pool, item.new_pool)
        x = evidence.text_evidence(cands).matrix(matchmodel.TEXT_FEATURES)
        y, keep = _labels(item.pair, cands.old, cands.new)
        xs.append(x[keep])
        ys.append(y[keep])
        sizes.append((item.pair, int(keep.sum())))
    matchmodel.TEXT_INTERCEPT, matchmodel.TEXT_WEIGHTS = fit_logistic(
        np.vstack(xs), np.concatenate(ys), _weights(sizes)
    )
    # PAIR
    xs, ys, sizes = [], [], []
    for item in prepared:
        scored = score_candidates(
            item.pair.old, item.pair.new, item.similarity, item.old_pool, item.new_pool, item.groups
        )
        y, keep = _labels(item.pair, scored.candidates.old, scored.candidates.new)
        xs.append(scored.features[keep])
        ys.append(y[keep])
        sizes.append((item.pair, int(keep.sum())))
    matchmodel.PAIR_INTERCEPT, matchmodel.PAIR_WEIGHTS = fit_logistic(
        np.vstack(xs), np.concatenate(ys), _weights(sizes)
    )
    # JOIN
    xs, ys, sizes = [], [], []
    for item in prepared:
        scored = score_candidates(
            item.pair.old, item.pair.new, item.similarity, item.old_pool, item.new_pool, item.groups
        )
        groups = item.groups + _pair(scored, lambda phase, fraction: None)
        rows = []
        for merge in (True, False):
            offers = join_offers(item.similarity, scored, groups, merge)
            group_of = {
                (g.new if merge else g.old)[0]: g for g in groups if len(g.new if merge else g.old) == 1
            }
            for x, h, elsewhere in offers:
                members = group_of[h].old if merge else group_of[h].new
                feats = join_features(item.similarity, x, h, members, merge, elsewhere)
                link = (x, h) if merge else (h, x)
                if link in item.pair.soft:
                    continue
                rows.append((feats, float(link in item.pair.pairs)))
        if rows:
            xs.append(np.array([r[0] for r in rows]))
            ys.append(np.array([r[1] for r in rows]))
            sizes.append((item.pair, len(rows)))
    matchmodel.JOIN_INTERCEPT, matchmodel.JOIN_WEIGHTS = fit_logistic(
        np.vstack(xs), np.concatenate(ys), _weights(sizes)
    )
    fit_lone(pairs)


def fit_lone(pairs: list[LabelledPair]) -> None:
    """Fit LONE on the lone points of the alignments the installed TEXT, PAIR and JOIN make."""
    xs, ys, sizes = [], [], []
    for pair in pairs:
        rows = lone_rows(pair)
        if rows:
            xs.append(np.array([r[0] for r in rows]))
            ys.append(np.array([r[1] for r in rows]))
            sizes.append((pair, len(rows)))
    matchmodel.LONE_INTERCEPT, matchmodel.LONE_WEIGHTS = fit_logistic(
        np.vstack(xs), np.concatenate(ys), _weights(sizes)
    )


def lone_rows(pair: LabelledPair) -> list[tuple[tuple[float, float], float]]:
    """((log-odds of 1 - best open link, share of the other side left over), truly alone) per lone point.

    The LONE model is set to the identity first (confidence = 1 - best open
    link), so the log-odds are read back from the confidence `align` gives.
    Points that share no weighted word with any point, and reported drops, are
    certain and not part of the fit.
    """
    saved = matchmodel.LONE_INTERCEPT, matchmodel.LONE_WEIGHTS
    matchmodel.LONE_INTERCEPT, matchmodel.LONE_WEIGHTS = 0.0, (1.0, 0.0)
    try:
        alignment = align(pair.old, pair.new, partial=pair.partial, dropped=pair.dropped)
    finally:
        matchmodel.LONE_INTERCEPT, matchmodel.LONE_WEIGHTS = saved
    lone = [m for m in alignment.matches if not (m.old and m.new) and m.decided_by != "reported dropped"]
    open_old = sum(1 for m in lone if m.old) / max(len(pair.old), 1)
    open_new = sum(1 for m in lone if m.new) / max(len(pair.new), 1)
    linked_old = {o for o, _ in pair.pairs | pair.soft}
    linked_new = {n for _, n in pair.pairs | pair.soft}
    rows = []
    for match in lone:
        if match.decided_by == "nothing similar":
            continue
        confidence = min(max(match.confidence, matchmodel.LONE_CLIP), 1 - matchmodel.LONE_CLIP)
        log_odds = float(np.log(confidence / (1 - confidence)))
        if match.old:
            rows.append(((log_odds, open_new), float(match.old[0] not in linked_old)))
        else:
            rows.append(((log_odds, open_old), float(match.new[0] not in linked_new)))
    return rows


def found_links(pair: LabelledPair) -> set[tuple[int, int]]:
    alignment = align(pair.old, pair.new, partial=pair.partial, dropped=pair.dropped)
    return {(o, n) for m in alignment.matches for o in m.old for n in m.new}


def report_f1(pairs: list[LabelledPair]) -> list[float]:
    scores = []
    for pair in pairs:
        precision, recall, score = f1(found_links(pair), pair)
        scores.append(score)
        print(f"  {pair.name:28s} P={precision:.3f} R={recall:.3f} F1={score:.3f}")
    return scores


def generated_f1(size: int = 10_000, seed: int = 0) -> float:
    case = generate(size, seed=seed)
    pair = LabelledPair(f"gen-default-{size}", case.old, case.new, case.pairs)
    return f1(found_links(pair), pair)[2]


def coefficients_block() -> str:
    def fmt(values: tuple[float, ...]) -> str:
        return "(" + ", ".join(f"{v:.4g}" for v in values) + ("," if len(values) == 1 else "") + ")"

    return (
        f"TEXT_INTERCEPT = {matchmodel.TEXT_INTERCEPT:.4g}\n"
        f"TEXT_WEIGHTS = {fmt(matchmodel.TEXT_WEIGHTS)}\n"
        f"PAIR_INTERCEPT = {matchmodel.PAIR_INTERCEPT:.4g}\n"
        f"PAIR_WEIGHTS = {fmt(matchmodel.PAIR_WEIGHTS)}\n"
        f"JOIN_INTERCEPT = {matchmodel.JOIN_INTERCEPT:.4g}\n"
        f"JOIN_WEIGHTS = {fmt(matchmodel.JOIN_WEIGHTS)}\n"
        f"LONE_INTERCEPT = {matchmodel.LONE_INTERCEPT:.4g}\n"
        f"LONE_WEIGHTS = {fmt(matchmodel.LONE_WEIGHTS)}\n"
    )


def write_coefficients() -> None:
    path = ROOT / "tui" / "engine" / "matchmodel.py"
    text = path.read_text(encoding="utf-8")
    block = (
        "# BEGIN FITTED (tests/benchmarks/fit_matcher.py --write)\n" + coefficients_block() + "# END FITTED"
    )
    path.write_text(
        re.sub(r"# BEGIN FITTED.*?# END FITTED", lambda _: block, text, flags=re.S), encoding="utf-8"
    )


def leave_one_out(labelled: list[LabelledPair], generated: list[LabelledPair]) -> None:
    print("leave-one-pair-out (fitted without the pair it is scored on):")
    for held in labelled:
        fit([p for p in labelled if p is not held] + generated)
        precision, recall, score = f1(found_links(held), held)
        print(f"  {held.name:28s} P={precision:.3f} R={recall:.3f} F1={score:.3f}")


RELIABILITY_EDGES = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001)


def judged_decisions(pair: LabelledPair) -> list[tuple[str, float, bool]]:
    """("link" or "lone", confidence, right) for each content decision of `align` on a labelled pair.

    A shown link is right when every (old, new) link it draws is a gold link;
    a lone point is right when the gold gives it no partner. Id matches,
    identical texts and points the user reported dropped are facts, not
    predictions, and links that touch only soft gold links are not judged.
    """
    alignment = align(pair.old, pair.new, partial=pair.partial, dropped=pair.dropped)
    linked_old = {o for o, _ in pair.pairs | pair.soft}
    linked_new = {n for _, n in pair.pairs | pair.soft}
    result = []
    for match in alignment.matches:
        if match.by_id or match.decided_by in ("identical text", "reported dropped"):
            continue
        if match.old and match.new:
            links = {(o, n) for o in match.old for n in match.new} - pair.soft
            if links:
                result.append(("link", match.confidence, links <= pair.pairs))
        else:
            alone = not (set(match.old) & linked_old or set(match.new) & linked_new)
            result.append(("lone", match.confidence, alone))
    return result


def held_out_generated() -> dict[str, list[LabelledPair]]:
    """Generated pairs with seeds the fit never sees (900+), normal and paraphrase mode."""
    result: dict[str, list[LabelledPair]] = {}
    for name in ("default", "paraphrase"):
        mix = MIXES[name]
        result[f"generator {name}"] = [
            LabelledPair(f"gen-{name}-200-{seed}", *_case(generate(200, seed=seed, mix=mix)))
            for seed in (900, 901, 902)
        ]
    return result


def _case(case) -> tuple:
    return case.old, case.new, case.pairs


def reliability(labelled: list[LabelledPair], generated: list[LabelledPair]) -> None:
    """Predicted confidence against observed truth, in bins, every pair judged by a model fitted without it.

    Each labelled pair is decided by a fit that left it out; the generated
    pairs use seeds the fit never sees. Shown links and lone points
    ("no counterpart") are tabled apart, per source and pooled.
    """
    decisions: dict[str, list[tuple[str, float, bool]]] = {"real + US (leave-one-pair-out)": []}
    for held in labelled:
        fit([p for p in labelled if p is not held] + generated)
        decisions["real + US (leave-one-pair-out)"] += judged_decisions(held)
    fit(labelled + generated)
    for source, pairs in held_out_generated().items():
        decisions[source] = [d for pair in pairs for d in judged_decisions(pair)]
    decisions["all"] = [d for rows in list(decisions.values()) for d in rows]
    for what, title in (
        ("link", "shown links: observed = right"),
        ("lone", "lone points: observed = truly alone"),
    ):
        print(f"reliability of {title}")
        print(f"  {'source':32s} {'bin':13s} {'n':>5s} {'predicted':>9s} {'observed':>8s}")
        for source, rows in decisions.items():
            judged = [(c, r) for kind, c, r in rows if kind == what]
            if judged:
                brier = sum((c - r) ** 2 for c, r in judged) / len(judged)
                print(f"  {source:32s} all {len(judged):5d}, Brier score {brier:.4f}")
            for low, high in zip(RELIABILITY_EDGES, RELIABILITY_EDGES[1:], strict=False):
                inside = [(c, r) for kind, c, r in rows if kind == what and low <= c < high]
                if inside:
                    predicted = sum(c for c, _ in inside) / len(inside)
                    observed = sum(r for _, r in inside) / len(inside)
                    print(
                        f"  {source:32s} [{low:.2f}, {min(high, 1):.2f}) {len(inside):5d} "
                        f"{predicted:9.3f} {observed:8.3f}"
                    )


def _set(module: object, name: str) -> Callable[[float], None]:
    original = getattr(module, name)

    def apply(factor: float) -> None:
        value = original * factor
        setattr(module, name, type(original)(round(value)) if isinstance(original, int) else value)

    return apply


_FITTED = (
    "TEXT_INTERCEPT",
    "TEXT_WEIGHTS",
    "PAIR_INTERCEPT",
    "PAIR_WEIGHTS",
    "JOIN_INTERCEPT",
    "JOIN_WEIGHTS",
)
LANDED = {name: getattr(matchmodel, name) for name in _FITTED}
"""The coefficients in matchmodel.py as shipped, before any fit of this run replaces them."""


def _install_landed() -> None:
    for name, value in LANDED.items():
        setattr(matchmodel, name, value)


def sensitivity(labelled: list[LabelledPair], big: bool) -> None:
    """F1 with each constant at x0.75, x1 and x1.25, the shipped weights kept (what editing one constant does).

    Decision constants are judged on the labelled pairs (worst pair and mean)
    and a 1,000-point paraphrase pair. Lookup constants act only on documents
    whose unmatched pools exceed `similarity.DENSE_LIMIT` pairs: DENSE_LIMIT on
    2,000-point pairs (pools of about 3.8M pairs, so x0.75 switches them to the
    lookup), RARE_DF, PHRASE_DF and PER_POINT on a 10,000-point pair (`--big`).
    A row marked WARNING falls under the 0.95 bar within ±25%.
    """
    _install_landed()
    knobs: dict[str, Callable[[float], None] | None] = {
        "evidence.POSITION_CAP": _set(evidence, "POSITION_CAP"),
        "evidence._PRIOR": _set(evidence, "_PRIOR"),
        "similarity._EXCLUSION_SCOPE": _set(similarity, "_EXCLUSION_SCOPE"),
        "similarity.PER_POINT": _set(similarity, "PER_POINT"),
        "matchmodel.LOG_FLOOR": _set(matchmodel, "LOG_FLOOR"),
        "matchmodel.ACCEPT_PROBABILITY": _set(align_module, "ACCEPT_PROBABILITY"),
        "fit_matcher.L2 (refitted)": None,
    }
    for index, name in enumerate(matchmodel.PAIR_FEATURES):
        knobs[f"PAIR weight {name}"] = _coefficient("PAIR_WEIGHTS", index)
    for index, name in enumerate(matchmodel.JOIN_FEATURES):
        knobs[f"JOIN weight {name}"] = _coefficient("JOIN_WEIGHTS", index)
    paraphrase = _generated("paraphrase", 1000, 11, MIXES["paraphrase"])
    print(
        "sensitivity of decisions: labelled worst / labelled mean / paraphrase 1,000, at x0.75 | x1 | x1.25"
    )
    for name, apply in knobs.items():
        row, worst = [], 1.0
        for factor in (0.75, 1.0, 1.25):
            _apply(apply, factor, labelled)
            scores = [f1(found_links(p), p)[2] for p in labelled]
            worst = min(worst, min(scores))
            row.append(
                f"{min(scores):.3f}/{sum(scores) / len(scores):.3f}/{f1(found_links(paraphrase), paraphrase)[2]:.3f}"
            )
            if apply is None:
                _install_landed()
            else:
                apply(1.0)
        print(f"  {name:34s} " + " | ".join(row) + ("  WARNING" if worst < 0.95 else ""))
    lookups = {
        "similarity.DENSE_LIMIT": (
            _set(similarity, "DENSE_LIMIT"),
            [
                _generated("reworded", 2000, 12, MIXES["reworded"]),
                _generated("paraphrase", 2000, 12, MIXES["paraphrase"]),
            ],
        )
    }
    if big:
        large = [_generated("default", 10_000, 0, MIXES["default"])]
        for name in ("RARE_DF", "PHRASE_DF", "PER_POINT"):
            lookups[f"similarity.{name}"] = (_set(similarity, name), large)
    print("sensitivity of the candidate lookup (long documents): F1 per pair, at x0.75 | x1 | x1.25")
    for name, (apply, pairs) in lookups.items():
        row = []
        for factor in (0.75, 1.0, 1.25):
            apply(factor)
            row.append("/".join(f"{f1(found_links(p), p)[2]:.4f}" for p in pairs))
            apply(1.0)
        print(f"  {name:34s} ({', '.join(p.name for p in pairs)}) " + " | ".join(row))
    # LONE_CLIP decides nothing: it moves the confidence of lone points only, judged by their Brier score.
    judged = labelled + [p for pairs in held_out_generated().values() for p in pairs]
    row, clip = [], _set(matchmodel, "LONE_CLIP")
    for factor in (0.75, 1.0, 1.25):
        clip(factor)
        lone = [(c, r) for p in judged for kind, c, r in judged_decisions(p) if kind == "lone"]
        row.append(f"{sum((c - r) ** 2 for c, r in lone) / len(lone):.4f}")
        clip(1.0)
    print("  matchmodel.LONE_CLIP (Brier of lone points, labelled + generator) " + " | ".join(row))


def _generated(name: str, size: int, seed: int, mix) -> LabelledPair:
    case = generate(size, seed=seed, mix=mix)
    return LabelledPair(f"gen-{name}-{size}-{seed}", case.old, case.new, case.pairs)


def _apply(apply: Callable[[float], None] | None, factor: float, labelled: list[LabelledPair]) -> None:
    """Set a knob; `None` is the ridge penalty, which takes a refit (its x1 is a fresh fit, not the shipped one)."""
    global L2
    if apply is not None:
        apply(factor)
        return
    saved = L2
    L2 = saved * factor
    fit(labelled + generated_pairs())
    L2 = saved


def _coefficient(name: str, index: int) -> Callable[[float], None]:
    original = getattr(matchmodel, name)

    def apply(factor: float) -> None:
        values = list(original)
        values[index] = original[index] * factor
        setattr(matchmodel, name, tuple(values))

    return apply


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--loo", action="store_true")
    parser.add_argument("--reliability", action="store_true")
    parser.add_argument("--sensitivity", action="store_true")
    parser.add_argument("--big", action="store_true", help="also F1 on a generated 10,000-point pair")
    parser.add_argument(
        "--lone",
        action="store_true",
        help="keep the shipped TEXT, PAIR and JOIN; fit (and --write) LONE only",
    )
    args = parser.parse_args()
    global REFIT_DECISIONS
    REFIT_DECISIONS = not args.lone
    labelled = real_pairs() + us_pairs()
    generated = generated_pairs()
    fit(labelled + generated)
    print(coefficients_block())
    print("F1, fitted on all pairs:")
    report_f1(labelled)
    if args.write:
        write_coefficients()
    if args.big:
        print(f"  generated 10,000 points: F1={generated_f1():.4f}")
    if args.reliability:
        reliability(labelled, generated)
    if args.sensitivity:
        sensitivity(labelled, args.big)
    if args.loo:
        leave_one_out(labelled, generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
