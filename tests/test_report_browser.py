"""The HTML report in a real browser: Debian's `chromium` and `chromium-driver`, driven by selenium
(.ci/run installs them when it runs as root). The page is opened from file:// as a user opens it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from report_pages import XSS_NAME, classified_tree, large_classification

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="no chromium and chromedriver on PATH: `apt-get install chromium chromium-driver` (.ci/run does it as root)",
)
RUNS = 3


def _driver(javascript: bool = True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # both paths given: selenium never looks for (or downloads) a browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1600", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report-page")
    classified_tree(folder, runs=RUNS)
    proc = subprocess.run([sys.executable, "-m", "aetherlint", "report", "--history-dir", "hist"], cwd=folder,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return folder / "aetherlint-report.html"


@pytest.fixture(scope="module")
def browser() -> Iterator:
    driver = _driver()
    yield driver
    driver.quit()


@pytest.fixture
def opened(browser, page):
    browser.get(page.as_uri())
    return browser


def _rows(driver) -> list:
    return driver.find_elements("css selector", "#files-rows tr")


def _visible(driver) -> list[list[str]]:
    return [[cell.text for cell in row.find_elements("tag name", "td")] for row in _rows(driver) if row.is_displayed()]


def test_no_console_errors_and_no_alert(opened) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    assert opened.title == "aetherlint report: 5 of 6 workflows failing"
    errors = [entry for entry in opened.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []  # also: the policy refused nothing, so our style and script are the only ones and they ran
    with pytest.raises(NoAlertPresentException):
        opened.switch_to.alert  # noqa: B018  (the file name's onerror=alert(1) never ran)
    assert opened.execute_script("return document.querySelectorAll('img, script:not(:last-of-type)').length") == 0


def test_the_markup_names_are_shown_as_text(opened) -> None:
    paths = [row[0] for row in _visible(opened)]
    assert XSS_NAME in paths
    messages = {row[0]: row[4] for row in _visible(opened)}
    assert messages["unknown.aether"] == "unknown function </script><script>alert(2)</script>"


def test_the_trend_chart_has_one_point_per_snapshot(opened, page) -> None:
    snapshots = sorted((page.parent / "hist").glob("*_classification.json"))
    assert len(snapshots) == RUNS
    for series in ("total", "failed", "suppressed"):
        points = opened.find_elements("css selector", f'#trend-chart g[data-series="{series}"] circle')
        assert len(points) == RUNS, series
    rows = opened.find_elements("css selector", "#trend-table tbody tr")
    assert len(rows) == RUNS


def test_filtering_by_category_rule_and_path(opened) -> None:
    from selenium.webdriver.support.ui import Select

    everything = _visible(opened)
    assert {row[1] for row in everything} == {"ParseError", "ValidationError"}
    Select(opened.find_element("id", "filter-category")).select_by_visible_text("ValidationError")
    shown = _visible(opened)
    assert [row[0] for row in shown] == ["unknown.aether"]
    assert opened.find_element("id", "files-shown").text == f"1 of {len(everything)} files shown"
    Select(opened.find_element("id", "filter-category")).select_by_visible_text("all")
    Select(opened.find_element("id", "filter-rule")).select_by_visible_text("AE2004")
    assert {row[2] for row in _visible(opened)} == {"AE2004"} and len(_visible(opened)) == len(everything) - 1
    opened.find_element("id", "filter-path").send_keys("SUB/")
    assert [row[0] for row in _visible(opened)] == ["sub/deep.aether"]


def test_clicking_a_category_bar_lists_its_files(opened) -> None:
    opened.find_element("css selector", '#category-chart a[data-category="ValidationError"] rect').click()
    assert [row[1] for row in _visible(opened)] == ["ValidationError"]


def test_sorting_by_line(opened) -> None:
    header = opened.find_element("css selector", '#files-table th[data-key="line"] button')
    header.click()
    lines = [int(row[3]) for row in _visible(opened)]
    assert lines == sorted(lines) and len(set(lines)) > 1
    header.click()
    assert [int(row[3]) for row in _visible(opened)] == sorted(lines, reverse=True)
    assert opened.find_element("css selector", '#files-table th[data-key="line"]').get_attribute("aria-sort") == "descending"


def test_a_screenshot(opened, tmp_path) -> None:
    shot = tmp_path / "aetherlint-report.png"
    assert opened.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_ten_thousand_files_open_and_sort_and_filter_across_the_row_tables(browser, tmp_path) -> None:
    (tmp_path / "big.json").write_text(json.dumps(large_classification(10_000)), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "aetherlint", "report", "--classification", "big.json", "-o", "big.html"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    browser.get((tmp_path / "big.html").as_uri())
    loaded = browser.execute_script(
        "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;") / 1000
    assert loaded < 10, loaded  # about 0.3 s here (tests/benchmarks/bench_report.py measures it); shared machines vary
    lines = "return Array.from(document.querySelectorAll('#files-rows tr'), r => Number(r.cells[3].textContent));"
    browser.find_element("css selector", '#files-table th[data-key="line"] button').click()
    ordered = browser.execute_script(lines)
    assert len(ordered) == 10_000 and ordered == sorted(ordered)
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "filter-category")).select_by_visible_text("ParseError")
    assert len(browser.execute_script(lines)) == 5_000
    assert browser.execute_script("return document.querySelectorAll('#files-rows .chunk:not([hidden])').length") == 20
    assert browser.find_element("id", "files-shown").text == "5000 of 10000 files shown"


def test_without_javascript_the_tables_are_all_there(page) -> None:
    driver = _driver(javascript=False)
    try:
        driver.get(page.as_uri())
        assert len([row for row in _rows(driver) if row.is_displayed()]) == 5
        assert not driver.find_element("id", "files-filters").is_displayed()  # the filters need the script
        assert not driver.find_element("css selector", "#files-table th button").is_enabled()  # it did not run
        assert driver.find_element("id", "trend-chart").is_displayed()
        assert len(driver.find_elements("css selector", "#trend-table tbody tr")) == RUNS
    finally:
        driver.quit()
