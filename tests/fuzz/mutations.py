"""Hostile inputs: the sample files and generated series, mutated at byte and structure level.

Every class of issue 11 has its payloads here (lone and paired surrogate
escapes, escapes beyond Unicode, %-escaped tags, non-slug ids and keys,
terminal escapes in keys, tags, values and file names, `|` in sources,
huge tokens, long `previous` chains and cycles, special files), mixed with
blind byte mutations, so the fuzz test and `run.py` also reach what nobody
thought of. Everything is driven by one `random.Random`, so a seed
reproduces a case.
"""

from __future__ import annotations

import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = tuple(sorted((ROOT / "proposals").glob("*/*.yaml")))

VALUES = (
    '"\\ud800"',
    '"a\\udd4a b"',
    '"\\udcc2\\udc9b2J \\udce2\\udc80\\udcaeRLO"',
    '"peace \\ud83d\\udd4a plan"',
    '"\\U0001F54A"',
    '"\\U00110000"',
    '"\\UFFFFFFFF"',
    '"\\U0000D800"',
    '"\\x9b\\x85\\x1b[2J"',
    '"\\e]2;PWNED-TITLE\\a\\e]52;c;UFdORUQ=\\a\\e[2J"',
    '"\\u202eRLO\\u2066iso\\u2028ls"',
    '"line\\r\\nbreak\\ttab\\0nul"',
    "!x%ED%A0%80y v",
    "!%1B]2;PWNED%07%1B[2J v",
    "!<tag:%C2%9B2J> v",
    "!!python/object/apply:os.system [echo hi]",
    "UA",
    "{a: 1}",
    "[1, [2, {b: c}]]",
    "12.5e3",
    "null",
    "~",
    "''",
    "2025-02-30",
    "yes",
    '"https://evil.example/x|**FAKE**|"',
    "'| a | b |\n  ---'",
    "&anchor [*anchor]",
    "*undefined",
    "Ж" * 3000,
    '"' + "\U0001f54a" * 500 + '"',
    "x" * 20000,
)

KEYS = (
    '"\\e]2;PWNED\\a\\e[2J"',
    '"\\ud800"',
    "[1, 2]",
    "{a: b}",
    "UA",
    "stnce",
    "? complex",
    "1",
    "null",
    "'" + "k" * 300 + "'",
)

PREFIXES = (
    "%TAG !e! tag:%1B]2;PWNED%07:\n---\n",
    "%TAG !e! tag:%ED%A0%80:\n---\n",
    "%YAML 1.1\n---\n",
    "--- |\n",
    "\ufeff",
)

BYTES = (
    b"\x00",
    b"\x1b",
    b"\x07",
    b"\xc2\x85",
    b"\xc2\x9b",
    b"\xe2\x80\xae",
    b"\xed\xa0\x80",
    b"\xff",
    b"\r",
    b"\t",
    b"\n",
    b":",
    b"- ",
    b"{",
    b"[",
    b"'",
    b'"',
    b"\\",
    b"&a ",
    b"*a",
    b"!",
    b"%",
    b"|",
)

NAMES = (
    "x\x1b]2;PWNED\x07\x1b[2J.yaml",
    "y" * 200 + ".yaml",
    "pipe|**FAKE**|.yaml",
    "rlo\u202egnp.yaml",
    "tab\tnew\nline.yaml",
)
"""File names (undecodable bytes are added separately, as bytes)."""

SPECIALS = ("fifo", "loop", "zero", "folder", "dangling")


@dataclass
class Case:
    """Files to write into an empty folder: (name as bytes, content), and special entries."""

    files: list[tuple[bytes, bytes]] = field(default_factory=list)
    specials: list[str] = field(default_factory=list)

    def write(self, folder: Path) -> list[Path]:
        """Create the files; the paths of the regular ones come back (for two-file commands)."""
        written = []
        for name, content in self.files:
            path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
            path.write_bytes(content)
            written.append(path)
        for kind in self.specials:
            entry = folder / f"special-{kind}.yaml"
            if kind == "fifo":
                os.mkfifo(entry)
            elif kind == "loop":
                os.symlink(entry.name, entry)
            elif kind == "zero":
                os.symlink("/dev/zero", entry)
            elif kind == "folder":
                entry.mkdir()
            else:
                os.symlink("nowhere.yaml", entry)
        return written


def series(rng: random.Random, count: int | None = None, *, cycle: bool = False) -> str:
    """A generated series: `count` revisions linked by `previous`, with parties, reactions and drops."""
    count = count if count is not None else rng.randint(1, 6)
    parties = ["aa", "bb", "cc"][: rng.randint(1, 3)]
    documents = []
    for index in range(count):
        previous = f"  previous: r{(index - 1) % count}\n" if index or cycle else ""
        points = "".join(
            f"  - number: '{n}'\n    text: Point {n} of revision {index} {'keeps' if n % 2 else 'says'} "
            f"{' '.join(rng.choice(['peace', 'troops', 'border', 'prisoners', 'Україна', '和平']) for _ in range(6))}\n"
            for n in range(1, rng.randint(1, 6) + 1)
        )
        reactions = "".join(
            f"  - party: {party}\n    stance: {rng.choice(['support', 'oppose', 'conditional'])}\n"
            f"    summary: {party} reacts\n    source: https://news.example/{party}\n"
            for party in parties
            if rng.random() < 0.5
        )
        dropped = "dropped:\n  - point: '1'\n    source: a leak\n" if index and rng.random() < 0.3 else ""
        documents.append(
            f"format: proposal/1\nproposal: gen\ntitle: Generated\nrevision:\n  id: r{index}\n{previous}"
            f"  partial: {rng.choice(['true', 'false'])}\n  source: leak {index}\n"
            "parties:\n"
            + "".join(f"  - id: {p}\n    name: Party {p.upper()}\n" for p in parties)
            + f"points:\n{points}"
            + (f"reactions:\n{reactions}" if reactions else "")
            + dropped
        )
    return "---\n".join(documents)


def seed_text(rng: random.Random) -> str:
    """A valid starting point: a bundled sample file or a generated series."""
    if SAMPLES and rng.random() < 0.5:
        return rng.choice(SAMPLES).read_text(encoding="utf-8")
    return series(rng)


_VALUE_LINE = re.compile(r"^(\s*(?:- )?[\w-]+:) ?(.*)$")


def mutate_structure(text: str, rng: random.Random) -> str:
    """One YAML-aware change: a hostile value, key, duplicate, prefix or link."""
    lines = text.split("\n")
    choice = rng.randrange(6)
    candidates = [i for i, line in enumerate(lines) if _VALUE_LINE.match(line)]
    if choice == 0 and candidates:
        index = rng.choice(candidates)
        head = _VALUE_LINE.match(lines[index]).group(1)  # type: ignore[union-attr]
        lines[index] = f"{head} {rng.choice(VALUES)}"
    elif choice == 1 and candidates:
        index = rng.choice(candidates)
        indent = re.match(r"\s*(?:- )?", lines[index]).group().replace("-", " ")  # type: ignore[union-attr]
        lines.insert(index + 1, f"{indent}{rng.choice(KEYS)}: {rng.choice(VALUES)}")
    elif choice == 2 and candidates:
        index = rng.choice(candidates)
        lines.insert(index + 1, lines[index])  # a duplicate key (or list item)
    elif choice == 3:
        return rng.choice(PREFIXES) + text
    elif choice == 4:
        return re.sub(
            r"(party|id|previous|proposal): \S+",
            lambda m: f"{m.group(1)}: {rng.choice(VALUES)}",
            text,
            count=rng.randint(1, 3),
        )
    else:
        return re.sub(r"(?m)^(\s*text: ).*$", lambda m: m.group(1) + rng.choice(VALUES), text, count=1)
    return "\n".join(lines)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One blind change to the bytes: insert, delete, duplicate, truncate or re-encode."""
    choice = rng.randrange(7)
    position = rng.randint(0, len(data))
    if choice == 0:
        return data[:position] + rng.choice(BYTES) * rng.randint(1, 3) + data[position:]
    if choice == 1:
        return data[:position] + data[position + rng.randint(1, 50) :]
    if choice == 2:
        end = min(len(data), position + rng.randint(1, 200))
        return data[:end] + data[position:end] + data[end:]
    if choice == 3:
        return data[:position]
    if choice == 4:
        return data[:position] + bytes([rng.randrange(256)]) + data[position + 1 :]
    if choice == 5:
        text = data.decode("utf-8", errors="surrogateescape")
        try:
            return rng.choice([b"\xef\xbb\xbf" + data, text.encode("utf-16"), text.encode("utf-32")])
        except UnicodeEncodeError:
            return data
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n"]))


def case(rng: random.Random) -> Case:
    """One hostile case: one to three files, sometimes a special entry or a hostile name."""
    result = Case()
    for number in range(rng.choice([1, 1, 1, 2, 3])):
        text = seed_text(rng)
        for _ in range(rng.randint(0, 3)):
            text = mutate_structure(text, rng)
        data = text.encode("utf-8")
        for _ in range(rng.choice([0, 0, 1, 2])):
            data = mutate_bytes(data, rng)
        name = f"f{number}.yaml".encode()
        if rng.random() < 0.15:
            name = rng.choice([*(os.fsencode(n) for n in NAMES), b"bad\x9b2J\xff.yaml"])
            name = name if not any(existing == name for existing, _ in result.files) else b"x" + name
        result.files.append((name, data))
    if rng.random() < 0.1:
        result.specials.append(rng.choice(SPECIALS))
    if rng.random() < 0.03:
        result.files.append(
            (b"chain.yaml", series(rng, rng.choice([200, 600]), cycle=rng.random() < 0.5).encode())
        )
    return result
