"""`junit`: JUnit XML for CI test reports. One test case per file (`name` is its path); each
error that counts is a `<failure>` (`type` the rule id); warnings, info and suppressed findings
are `<system-out>` lines, so they are visible without failing the case.

Text XML 1.0 cannot hold (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE,
U+FFFF) is written as `\\x1b`, `\\udc80` and so on, so the document always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from aetherlint.reports.formats.report import Report, counts, rule_label

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    def hexed(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _NOT_XML.sub(hexed, text)


def render(report: Report) -> str:
    numbers = counts(report)
    failures = sum(1 for r in report.results if any(d.is_error for d in r.diagnostics))
    suites = ET.Element("testsuites", tests=str(numbers["files"]), failures=str(failures), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="aetherlint", tests=str(numbers["files"]),
                          failures=str(failures), errors="0", skipped="0")
    for result in report.results:
        case = ET.SubElement(suite, "testcase", classname="aetherlint", name=xml_text(result.path))
        other = []
        for diag in result.diagnostics:
            where = f"{diag.line}:{diag.col}: {rule_label(diag)}: {diag.message}"
            if diag.is_error:
                failure = ET.SubElement(case, "failure", message=xml_text(where), type=diag.rule)
                failure.text = xml_text(f"{result.path}:{where}")
            else:
                note = f" (suppressed: {diag.suppressed})" if diag.suppressed else ""
                other.append(xml_text(f"{result.path}:{where}{note}"))
        if other:
            ET.SubElement(case, "system-out").text = "\n".join(other) + "\n"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
