"""``--format junit``: JUnit XML, one testsuite per exercise, read by any CI system."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from tutor.grading.results import RunResult


def render_junit(run: RunResult, **_: Any) -> str:
    suites = ET.Element("testsuites", name=f"torch-tutor {run.pack_id}",
                        time=f"{run.duration:.3f}")
    for ex in run.exercises:
        kinds = [c.status.junit for c in ex.checks]
        suite = ET.SubElement(suites, "testsuite", name=ex.id, tests=str(len(ex.checks)),
                              failures=str(kinds.count("failure")),
                              errors=str(kinds.count("error")),
                              skipped=str(kinds.count("skipped")), time=f"{ex.duration:.3f}")
        for check in ex.checks:
            case = ET.SubElement(suite, "testcase", classname=ex.id.replace("/", "."),
                                 name=check.shown_name, time=f"{check.duration:.3f}")
            kind = check.status.junit
            if kind == "skipped":
                ET.SubElement(case, "skipped", message=check.message)
            elif kind is not None:
                node = ET.SubElement(case, kind, type=check.status.value, message=check.message)
                node.text = check.details or check.message
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
