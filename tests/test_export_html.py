"""The HTML report: self-contained, side by side, and drawn by a real browser.

The browser test renders the page in headless Chromium (Debian's `chromium`
package) and checks that a real, non-blank picture comes out; it is skipped
only where Chromium is not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.builders import sample_comparison
from tests.test_export import hostile
from tui.engine.compare import compare
from tui.export import render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PROPOSALS = Path(__file__).resolve().parent.parent / "proposals"

LOADING_TAGS = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "img",
    "video",
    "audio",
    "source",
    "track",
    "link",
    "base",
}
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "action", "formaction", "background", "manifest"}
REMOTE_IN_CSS = re.compile(r"@import|url\(", re.I)


class _Loads(HTMLParser):
    """Collects everything in a page that would make a browser fetch something by itself."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LOADING_TAGS:
            self.loads.append(f"<{tag}>")
        for name, value in attrs:
            if name in LOADING_ATTRIBUTES or (name == "style" and REMOTE_IN_CSS.search(value or "")):
                self.loads.append(f"{tag} {name}={value}")
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style and REMOTE_IN_CSS.search(data):
            self.loads.append("CSS import or url()")


def remote_loads(html: str) -> list[str]:
    parser = _Loads()
    parser.feed(html)
    return parser.loads + re.findall(r"(?:src|href)\s*=\s*[\"']?\s*//", html)  # protocol-relative, anywhere


def sample_plan_html() -> str | None:
    """The US 28-point draft against the 20-point framework, if the sample data is there."""
    from tui.reading.loading import load_paths

    folder = PROPOSALS / "us-peace-plan-ukraine"
    if not any(folder.glob("*.yaml")):
        return None
    series = load_paths([folder]).catalog.get("us-peace-plan-ukraine")
    old, new = series.revision("draft-28"), series.revision("framework-20")
    return render(compare(series, old, new), "html")


class TestSelfContained:
    @pytest.mark.parametrize("build", [sample_comparison, hostile], ids=["sample", "hostile"])
    def test_no_remote_resource_loads(self, build) -> None:  # type: ignore[no-untyped-def]
        assert remote_loads(render(build(), "html")) == []

    def test_the_check_finds_loads(self) -> None:
        page = '<img src="https://x/y.png"><style>@import "https://x/a.css";</style><p style="background:url(http://x)">'
        assert len(remote_loads(page)) == 4  # the <img> tag, its src, the @import, the url()

    def test_sources_that_are_addresses_are_plain_links(self) -> None:
        html = render(sample_comparison(), "html")
        assert (
            '<a href="https://example.org/draft-a" title="https://example.org/draft-a">example.org</a>'
            in html
        )

    def test_content_security_policy_forbids_loads(self) -> None:
        html = render(sample_comparison(), "html")
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in html

    def test_print_styles(self) -> None:
        assert "@media print" in render(sample_comparison(), "html")

    def test_sample_plan_has_no_remote_loads(self) -> None:
        html = sample_plan_html()
        if html is None:
            pytest.skip("sample data proposals/us-peace-plan-ukraine is not there")
        assert remote_loads(html) == []


class TestLayout:
    def test_side_by_side_with_word_highlights(self) -> None:
        html = render(sample_comparison(), "html")
        assert html.count('<div class="side old">') == 8  # every change but the unchanged one
        assert "Ukraine&#x27;s armed forces <del>are capped</del> at <del>600,000</del> personnel." in html
        assert (
            "Ukraine&#x27;s armed forces <ins>stay</ins> at <ins>800,000</ins> personnel"
            "<ins> in peacetime</ins>." in html
        )

    def test_merged_points_each_get_their_box(self) -> None:
        html = render(sample_comparison(), "html")
        merged = html[html.index('id="change-5"') : html.index('id="change-6"')]
        assert merged.count('<div class="point">') == 3
        assert "Ukraine holds elections <del>within 100 days.</del>" in merged

    def test_unreported_point_is_marked_fate_unknown_not_deleted(self) -> None:
        html = render(sample_comparison(), "html")
        unreported = html[html.index('id="change-7"') : html.index('id="change-8"')]
        assert "Fate unknown: the new revision is partial" in unreported
        assert "<del>" not in unreported

    def test_dropped_source_is_shown(self) -> None:
        html = render(sample_comparison(), "html")
        removed = html[html.index('id="change-4"') : html.index('id="change-5"')]
        assert "Source: Ukraine&#x27;s ambassador, Nov 2025" in removed

    def test_badges_and_statements_next_to_points(self) -> None:
        html = render(sample_comparison(), "html")
        army = html[html.index('id="change-3"') : html.index('id="change-4"')]
        assert '<span class="badge kind k-reworded">reworded</span>' in army
        assert (
            '<span class="badge confidence high" title="confidence of the match, not the certainty of the '
            'sources; decided by wording; score 0.52; runner-up new 6 (0.12)">match 91%</span>' in army
        )
        assert "No cap on the army below 800,000." in army
        assert '<span class="stance s-oppose">oppose</span> Wants tighter limits on the army.' in army

    def test_parties_section_shows_stance_changes(self) -> None:
        html = render(sample_comparison(), "html")
        assert "<td>conditional → no stance in new</td>" in html
        assert "rests on: Vladimir Putin, 2025-11-27, high certainty" in html


def png_size_and_colours(data: bytes) -> tuple[int, int, int]:
    """Width, height and a count of distinct pixel rows, from the PNG itself (no imaging library)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            chunks.append(data[position + 8 : position + 8 + length])
        position += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = len(raw) // height
    distinct_rows = len({raw[row * stride + 1 : (row + 1) * stride] for row in range(height)})
    return width, height, distinct_rows


def screenshot(browser: str, html: str, folder: Path) -> bytes:
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    picture = folder / "report.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--screenshot={picture}",
                "--window-size=1280,2000",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return picture.read_bytes()


@pytest.fixture
def browser() -> str:
    """Chromium's path; a skip where it is missing, a failure where CI requires it."""
    if CHROMIUM is None:
        if os.environ.get("PROPDIFF_REQUIRE_CHROMIUM"):
            pytest.fail("chromium is required here (PROPDIFF_REQUIRE_CHROMIUM) but not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return CHROMIUM


class TestInBrowser:
    def test_sample_comparison_renders(self, browser: str, tmp_path: Path) -> None:
        picture = screenshot(browser, render(sample_comparison(), "html"), tmp_path)
        width, height, rows = png_size_and_colours(picture)
        assert (width, height) == (1280, 2000)
        assert rows > 300  # text, badges and boxes, not a blank page

    def test_sample_plan_renders(self, browser: str, tmp_path: Path) -> None:
        html = sample_plan_html()
        if html is None:
            pytest.skip("sample data proposals/us-peace-plan-ukraine is not there")
        data = screenshot(browser, html, tmp_path)
        assert len(data) > 50_000
        assert png_size_and_colours(data)[2] > 300
