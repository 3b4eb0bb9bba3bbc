"""Fuzzing every command in-process with hostile files (issue 11).

Hypothesis draws a seed for `tests/fuzz/mutations.py`, which mutates the
sample files and generated series at byte and structure level with the
payloads of every class found so far; `tests/fuzz/harness.py` runs every
command on the result and checks what must hold for any input.

Profiles: `ci` (the default) is derandomised and small, so CI is repeatable
and quick; `PROPDIFF_FUZZ_PROFILE=local` runs many more, new examples each
time. `tests/fuzz/run.py` is the long run, in subprocesses with limits.
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.harness import drive
from tests.fuzz.mutations import case

settings.register_profile(
    "ci", max_examples=20, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile("local", max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
PROFILE = settings.get_profile(os.environ.get("PROPDIFF_FUZZ_PROFILE", "ci"))


@settings(PROFILE)
@given(st.integers(min_value=0, max_value=2**63))
def test_no_hostile_file_breaks_a_promise(seed: int) -> None:
    rng = random.Random(seed)
    hostile = case(rng)
    with tempfile.TemporaryDirectory() as work:
        folder, scratch = Path(work) / "in", Path(work) / "out"
        folder.mkdir()
        scratch.mkdir()
        files = hostile.write(folder)
        runs = drive([folder], scratch, files)
        failures = [f"{' '.join(run.argv[:4])}: {problem}" for run in runs for problem in run.problems]
        assert not failures, f"seed {seed}: {failures}"
