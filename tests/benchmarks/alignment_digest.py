"""Every decision of the aligner on a fixed set of pairs, to check that a speed change changed none.

    python tests/benchmarks/alignment_digest.py dump OUT.pickle [--big]
    python tests/benchmarks/alignment_digest.py compare BEFORE.pickle AFTER.pickle

Run `dump` on the commit before a change and on the one after (a `git
worktree` of the old commit, run from its folder, imports its own `tui`),
then `compare`: it lists each pair whose matches differ (kind, indices,
confidence, score and runner-up to 9 decimals, flags, what decided) and
exits 1 if any does. The pairs: the shared corpus's real pairs and the US
sample pairs, and generated pairs of five mixes at 5 to 600 points (506 in
all); `--big` instead takes 2,500 and 6,000 points, where candidates are
looked up instead of scored all against all.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.alignment_generator import MIXES, generate  # noqa: E402
from tests.labelled_pairs import real_pairs, us_pairs  # noqa: E402


def cases(big: bool) -> Iterator[tuple[str, tuple, tuple, bool, tuple[int, ...]]]:
    if not big:
        for pair in real_pairs() + us_pairs():
            yield pair.name, pair.old, pair.new, pair.partial, pair.dropped
    sizes = (
        [(2500, range(1)), (6000, range(1))]
        if big
        else [
            (5, range(40)),
            (12, range(40)),
            (40, range(15)),
            (150, range(4)),
            (600, range(1)),
        ]
    )
    for name, mix in MIXES.items():
        for size, seeds in sizes:
            for seed in seeds:
                pair = generate(size, seed, mix)
                yield f"{name}-{size}-{seed}", tuple(pair.old), tuple(pair.new), False, ()


def digest(alignment: object) -> list[tuple]:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 9)

    return [
        (
            m.kind.value,
            m.old,
            m.new,
            rounded(m.confidence),
            m.moved,
            m.renumbered,
            m.by_id,
            rounded(m.score),
            None
            if m.runner_up is None
            else (
                m.runner_up.side,
                m.runner_up.index,
                rounded(m.runner_up.score),
                rounded(m.runner_up.probability),
            ),
            m.decided_by,
        )
        for m in alignment.matches  # type: ignore[attr-defined]
    ]


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "dump":
        from tui.engine.align import align

        found = {
            name: digest(align(old, new, partial=partial, dropped=dropped))
            for name, old, new, partial, dropped in cases("--big" in argv)
        }
        Path(argv[1]).write_bytes(pickle.dumps(found))
        print(f"{len(found)} pairs written to {argv[1]}")
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        before, after = (pickle.loads(Path(p).read_bytes()) for p in argv[1:])
        both = [name for name in before if name in after]  # an older commit may lack a newer corpus pair
        differing = [name for name in both if before[name] != after[name]]
        for name in differing:
            changed = [
                (k, b, a) for k, (b, a) in enumerate(zip(before[name], after[name], strict=False)) if b != a
            ]
            print(f"{name}: {changed[:3] or 'different number of matches'}")
        print(f"{len(both)} pairs in both, {len(differing)} differ")
        return 1 if differing else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
