"""The documentation site: it builds in strict mode (every link, page and
anchor resolves), its pages work from files with nothing fetched from the
network, and its search answers in a browser that opened it from disk."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.needs("mkdocs-material")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                           cwd=ROOT, capture_output=True, text=True, timeout=600,
                           env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr[-3000:]
    return out


def test_every_page_is_built_with_file_links_and_nothing_from_the_network(site):
    for page in [*ROOT.joinpath("docs").rglob("*.md")]:
        relative = page.relative_to(ROOT / "docs").with_suffix(".html")
        assert (site / relative).is_file(), relative
    html = (site / "reference" / "rules" / "punctuation.stray-stop.html").read_text(encoding="utf-8")
    assert 'href="../kinds/punctuation.html"' in html  # use_directory_urls: false, for file://
    assert 'src="../../assets/javascripts/iframe-worker-shim.js"' in html
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for remote in ("unpkg.com", "fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net"):
            assert remote not in text, (page, remote)
    assert (site / "search" / "search_index.js").is_file()  # the index as a script, for file://


@pytest.mark.needs("selenium", "chromium", "chromium-driver")
def test_search_answers_in_a_browser_that_opened_the_site_from_disk(site, tmp_path):
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1400,1000",
                 "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get((site / "index.html").as_uri())
        driver.execute_script("document.getElementById('__search').click()")
        box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
        deadline = time.monotonic() + 60
        titles: list[str] = []
        while time.monotonic() < deadline and "punctuation.stray-stop" not in titles:
            driver.execute_script(
                "arguments[0].value = 'stray full stop';"
                "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                "arguments[0].dispatchEvent(new Event('keyup', {bubbles: true}));", box)
            time.sleep(0.5)
            titles = [item.text.split("\n")[0] for item in
                      driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item")]
        assert "punctuation.stray-stop" in titles
        link = driver.find_element(By.CSS_SELECTOR, ".md-search-result__item a").get_attribute("href")
        assert link.startswith("file://") and ".html" in link
    finally:
        driver.quit()
