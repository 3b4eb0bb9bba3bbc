"""Two-file proposal series of any size, written as real YAML, for timing the whole pipeline.

`tests/alignment_generator.py` builds point objects to score the matcher;
this writes what a user would hand to `propdiff export`: an old and a new
revision file, each point with a number, a title, a 55-word text folded over
several lines and topics, and parties with reactions and preconditions on a
few points, so every phase (loading, alignment, word diff, party context,
JSON) has its share of work. The new revision rewords half the points (15%
of their words), deletes and inserts 5% and moves 2%. Seeded, so a size and
a seed always give the same files.
"""

from __future__ import annotations

import itertools
import random
import textwrap
from pathlib import Path

WORDS_PER_POINT = 55
_VOCABULARY_SIZE = 5000
_SYLLABLES = [c + v for c in "b c d f g k l m n p r s t v z st tr".split() for v in "a e i o u ia".split()]
_FUNCTION = "the of and to in a for on by with as is be that all its any or shall will not from".split()
_PARTIES = (("north", "Northern bloc"), ("south", "Southern alliance"), ("mediator", "Mediators"))
_STANCES = ("support", "conditional", "oppose", "mixed")


class _Words:
    def __init__(self, rng: random.Random) -> None:
        words: set[str] = set()
        while len(words) < _VOCABULARY_SIZE:
            words.add("".join(rng.choices(_SYLLABLES, k=rng.choice((2, 2, 3, 3, 4)))))
        self.words = sorted(words) + _FUNCTION
        weights = [1 / (rank + 3) for rank in range(_VOCABULARY_SIZE)] + [
            1.5 / (rank + 1) for rank in range(len(_FUNCTION))
        ]
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


def _point(rng: random.Random, words: _Words) -> dict[str, object]:
    text = words.draw(rng, WORDS_PER_POINT)
    return {
        "title": " ".join(words.draw(rng, rng.randint(2, 4))).capitalize(),
        "text": " ".join(text).capitalize() + ".",
        "topics": [f"topic-{rng.randrange(12)}"],
    }


def _reworded(rng: random.Random, words: _Words, point: dict[str, object]) -> dict[str, object]:
    text = str(point["text"]).rstrip(".").split(" ")
    for _ in range(round(0.15 * len(text))):
        position = rng.randrange(len(text))
        roll = rng.random()
        if roll < 0.6:
            text[position] = words.draw(rng, 1)[0]
        elif roll < 0.8:
            text.insert(position, words.draw(rng, 1)[0])
        elif len(text) > 10:
            del text[position]
    return {**point, "text": " ".join(text) + "."}


def revisions(size: int, seed: int = 0) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The old revision's points and the new one's, derived from them."""
    rng = random.Random(seed)
    words = _Words(random.Random(seed + 1))
    old = [_point(rng, words) for _ in range(size)]
    new: list[dict[str, object]] = []
    for point in old:
        roll = rng.random()
        if roll < 0.05:
            continue
        new.append(_reworded(rng, words, point) if roll < 0.55 else dict(point))
        if rng.random() < 0.05:
            new.append(_point(rng, words))
    for _ in range(round(0.02 * len(new))):
        new.insert(rng.randrange(len(new)), new.pop(rng.randrange(len(new))))
    return old, new


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(points: list[dict[str, object]], revision: str, previous: str | None, rng: random.Random) -> str:
    """One revision file, laid out the way people write them."""
    lines = [
        "format: proposal/1",
        "proposal: generated",
        "title: Generated benchmark proposal",
        "revision:",
        f"  id: {revision}",
        f"  label: {revision.capitalize()} draft",
        f"  date: 2030-0{1 if previous is None else 2}-01",
    ]
    if previous:
        lines.append(f"  previous: {previous}")
    lines.append("parties:")
    for party, name in _PARTIES:
        lines += [f"  - id: {party}", f"    name: {name}"]
    lines.append("points:")
    for number, point in enumerate(points, 1):
        lines += [f'  - number: "{number}"', f"    title: {_quoted(str(point['title']))}", "    text: >-"]
        lines += textwrap.wrap(str(point["text"]), 78, initial_indent="      ", subsequent_indent="      ")
        lines.append(f"    topics: [{', '.join(point['topics'])}]")  # type: ignore[arg-type]
    lines.append("reactions:")
    for party, _ in _PARTIES:
        lines += [
            f"  - party: {party}",
            f"    stance: {rng.choice(_STANCES)}",
            "    summary: On the whole draft",
        ]
        for number in sorted(rng.sample(range(1, len(points) + 1), min(len(points), 1 + len(points) // 200))):
            lines += [
                f"  - party: {party}",
                f"    stance: {rng.choice(_STANCES)}",
                f'    points: ["{number}"]',
                f"    summary: On point {number}",
            ]
    lines.append("preconditions:")
    for party, _ in _PARTIES:
        for number in sorted(rng.sample(range(1, len(points) + 1), min(len(points), 1 + len(points) // 500))):
            lines += [
                f"  - party: {party}",
                f"    text: Point {number} is settled first",
                f'    points: ["{number}"]',
            ]
    return "\n".join(lines) + "\n"


def write_series(folder: Path, size: int, seed: int = 0) -> list[Path]:
    """Write old.yaml and new.yaml (the new one revises the old) into `folder`; return their paths."""
    old, new = revisions(size, seed)
    rng = random.Random(seed + 2)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "old.yaml", folder / "new.yaml"]
    paths[0].write_text(render(old, "old", None, rng), encoding="utf-8")
    paths[1].write_text(render(new, "new", "old", rng), encoding="utf-8")
    return paths
