"""Hand-written YAML mistakes get a plain-language message at the place of the mistake.

The same text under libyaml and the pure-Python parser gives the same
message, and the installed `propdiff validate` prints it as one located line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tui.reading.yamlsource import parse_text

from .clirun import propdiff

HEAD = "format: proposal/1\nproposal: x\nrevision: {id: a}\n"

CASES = {
    "tab": (
        "format: proposal/1\nproposal: x\nrevision:\n\tid: a\npoints: []\n",
        "4:1: expected spaces at the start of the line, found a tab "
        "(YAML indents with spaces, not tabs: replace the tab with spaces)",
    ),
    "colon in a text": (
        HEAD + "points:\n  - text: Ukraine: no NATO membership\n",
        "5:18: expected one 'key: value' on a line, found a second ': ' inside the value; "
        'put the text in quotes ("...") when it holds a colon followed by a space',
    ),
    "unclosed double quote": (
        HEAD + 'points:\n  - text: "Ukraine keeps\n      its army\n  - text: other\nreactions: []\n',
        '5:11: expected a closing " for the text that starts here, found the end of the file; '
        'add the missing " where the text ends',
    ),
    "unclosed single quote": (
        HEAD + "points:\n  - text: 'it is open\n  - text: b\n",
        "5:11: expected a closing ' for the text that starts here, found the end of the file; "
        "add the missing ' where the text ends",
    ),
    "indented more than the key above": (
        "format: proposal/1\nproposal: x\nrevision:\n  id: a\n    label: b\npoints: []\n",
        "5:5: this line is indented more than the key above it ('id' on line 4); indent it by 2 "
        "spaces like that key, or by more only under a key that ends in ':'",
    ),
    "list item key indented more": (
        HEAD + 'points:\n  - number: "1"\n     text: x\n',
        "6:6: this line is indented more than the key above it ('number' on line 5); indent it by 4 "
        "spaces like that key, or by more only under a key that ends in ':'",
    ),
    "indented less than the key above": (
        HEAD + 'points:\n    - number: "1"\n      text: x\n  - number: "2"\n    text: y\n',
        "7:3: this line is indented less than the key above it ('text' on line 6) and lines up with "
        "no key above; indent it like the keys (or list items) it belongs with",
    ),
    "unclosed bracket": (
        HEAD + "points: [{text: a}\n",
        "4:9: expected a closing ] for the list that starts here, found the end of the file; "
        "add the missing ]",
    ),
    "text that lost its indentation": (
        HEAD + "points:\n  - text: first line of a long text\nsecond line\n",
        "6:1: expected 'key: value', found a line with no ':'; if it continues the text above, "
        "indent it more than that text's key",
    ),
    "tab after a list dash": (
        HEAD + "points:\n  -\ttext: A joint office\n",
        "5:4: expected a space, found a tab; YAML does not accept a tab here: replace it with spaces "
        "(or put a text that holds tabs in quotes)",
    ),
    "quote inside a quoted text": (
        HEAD + 'points:\n  - text: "He said "no" twice"\n',
        '5:20: expected the end of the line after this closing ", found more text; a " inside a quoted '
        'text ends it: write it as \\", or quote the text with the other kind of quote',
    ),
    "a line of a long text indented less": (
        HEAD + "points:\n  - text: >-\n      first line of the text\n     second line\n    topics: [x]\n",
        "7:6: this line is indented less than the line of text above it (line 6); give every line of one "
        "text the same indentation",
    ),
    "block text not indented under its key": (
        HEAD + "points:\n  - text: >-\n      the text\n    topics: [x]\n  - number: '2'\n    summary: >-\n"
        "   under-indented\n",
        "10:4: this line is indented no more than the key above it ('summary' on line 9), whose text "
        "starts with '>-'; indent the text's lines more than the key",
    ),
}

PARSERS = [False] + ([True] if hasattr(yaml, "CSafeLoader") else [])


@pytest.mark.parametrize("use_c", PARSERS, ids=lambda c: "libyaml" if c else "python")
@pytest.mark.parametrize("name", CASES)
def test_message_and_place(name: str, use_c: bool) -> None:
    text, expected = CASES[name]
    _, problems = parse_text(text, "plan.yaml", use_c=use_c)
    assert [str(p) for p in problems] == [f"plan.yaml:{expected}"]


@pytest.mark.parametrize(
    "name", ["tab", "colon in a text", "unclosed double quote", "indented less than the key above"]
)
def test_validate_prints_it(name: str, tmp_path: Path) -> None:
    text, expected = CASES[name]
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    run = propdiff("validate", "plan.yaml", cwd=tmp_path)
    assert run.code == 1
    assert run.err == f"plan.yaml:{expected}\n1 problem(s) in 1 file; those files were not loaded\n"


def test_other_syntax_errors_keep_the_parsers_words() -> None:
    _, problems = parse_text(HEAD + "points: [a, b]]\n", "plan.yaml", use_c=False)
    assert len(problems) == 1 and "invalid YAML: " in str(problems[0])
