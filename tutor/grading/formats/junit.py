"""``--format junit``: JUnit XML, one testsuite per exercise, read by any CI system."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from tutor.grading.results import RunResult

FAILURE_STATUSES = {"failed", "not_started"}


def render_junit(run: RunResult, **_: Any) -> str:
    suites = ET.Element("testsuites", name=f"torch-tutor {run.pack_id}",
                        time=f"{run.duration:.3f}")
    for ex in run.exercises:
        failures = sum(1 for c in ex.checks if c.status in FAILURE_STATUSES)
        errors = sum(1 for c in ex.checks if c.status in ("error", "timeout", "crashed",
                                                          "memory"))
        suite = ET.SubElement(suites, "testsuite", name=ex.id, tests=str(len(ex.checks)),
                              failures=str(failures), errors=str(errors),
                              skipped=str(ex.count("skipped")), time=f"{ex.duration:.3f}")
        for check in ex.checks:
            case = ET.SubElement(suite, "testcase", classname=ex.id.replace("/", "."),
                                 name=check.name, time=f"{check.duration:.3f}")
            if check.status == "skipped":
                ET.SubElement(case, "skipped", message=check.message)
            elif check.status in FAILURE_STATUSES:
                node = ET.SubElement(case, "failure", type=check.status, message=check.message)
                node.text = check.details or check.message
            elif check.status != "passed":
                node = ET.SubElement(case, "error", type=check.status, message=check.message)
                node.text = check.details or check.message
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
