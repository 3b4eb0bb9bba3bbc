"""The core never imports Textual: the CLI, exporters and tests run without a UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tui

CORE_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(tui.__path__, prefix="tui.")
    if not info.name.startswith("tui.ui")
)


def test_core_modules_are_found() -> None:
    assert {"tui.model", "tui.reading.loading", "tui.cli"} <= set(CORE_MODULES)


def _fresh(code: str) -> str:
    """What `code` prints in a fresh interpreter, where nothing has been imported yet."""
    root = Path(tui.__file__).resolve().parents[1]
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    ).stdout


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    loaded = _fresh(code).strip()
    assert loaded == "", f"{module} imports {loaded}"


def test_validate_does_not_load_the_comparison_engine() -> None:
    """`propdiff validate` stays quick: no rapidfuzz, no exporters at start-up."""
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "main(['validate', '--sample'])\n"
        "print('loaded:' + ','.join(m for m in ('rapidfuzz', 'tui.engine.compare', 'tui.export') if m in sys.modules))\n"
    )
    assert _fresh(code).splitlines()[-1] == "loaded:"


def test_the_app_starts_before_the_reader_is_imported() -> None:
    """`propdiff` with no command opens the app at once: the reader and the commands' modules
    load in the app's loading thread, after the first frame, not before Textual starts."""
    code = (
        "import sys, tui.ui.launch\n"
        "def run_app(paths, sample=False):\n"
        "    heavy = ('tui.core', 'tui.model', 'tui.reading.loading', 'tui.cli.commands', 'tui.cli.parser')\n"
        "    print('loaded:' + ','.join(m for m in heavy if m in sys.modules))\n"
        "    return 0\n"
        "tui.ui.launch.run_app = run_app\n"
        "from tui.cli import main\n"
        "main(['--sample'])\n"
    )
    assert _fresh(code).splitlines()[-1] == "loaded:"


ENGINE_MODULES = [m for m in CORE_MODULES if m.startswith("tui.engine")]
READING_MODULES = [m for m in CORE_MODULES if m.startswith("tui.reading")]
IMPORTING_MODULES = [m for m in CORE_MODULES if m.startswith("tui.importing")]


@pytest.mark.parametrize("module", ENGINE_MODULES + READING_MODULES + IMPORTING_MODULES)
def test_lower_layers_do_not_import_upper_ones(module: str) -> None:
    """The engine and the reader never reach up into the exporters, the app or the CLI.

    The importer stands on the reader only: it needs no comparison engine.
    """
    upper = ("tui.export", "tui.ui", "tui.cli")
    if module.startswith(("tui.reading", "tui.importing")):
        upper += ("tui.engine",)
    code = (
        f"import sys, {module}\nprint(','.join(sorted(m for m in sys.modules if m.startswith({upper!r}))))\n"
    )
    loaded = _fresh(code).strip()
    assert loaded == "", f"{module} imports {loaded}"


def test_core_face_is_lazy_about_the_engine() -> None:
    """`tui.core` names `compare` and the exporters but loads them only when used."""
    code = (
        "import sys, tui.core\n"
        "print(','.join(m for m in ('numpy', 'tui.engine.compare', 'tui.export') if m in sys.modules))\n"
        "tui.core.compare\n"
        "print('tui.engine.compare' in sys.modules)\n"
    )
    assert _fresh(code).split() == ["True"]


def test_a_small_comparison_never_imports_scipy(tmp_path: Path) -> None:
    """Exporting a small pair scores it with numpy alone (scipy's sparse module costs 0.15 s to import)."""
    target = tmp_path / "out.json"
    code = (
        "import io, sys\n"
        "from tui.cli import main\n"
        "args = ['export', '--sample', '--series', 'us-peace-plan-ukraine', '--format', 'json', '-o']\n"
        f"code = main([*args, {str(target)!r}], io.StringIO(), io.StringIO())\n"
        "print(code, 'scipy' in sys.modules, 'tui.engine.align' in sys.modules)\n"
    )
    assert _fresh(code).split() == ["0", "False", "True"]
    assert '"changes"' in target.read_text(encoding="utf-8")
