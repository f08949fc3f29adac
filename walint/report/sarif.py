"""`--format sarif`: SARIF 2.1.0, the format GitHub code scanning (and other dashboards) ingest.

It keeps to what code scanning reads: the driver with the rules that fired (descriptions, help as
text and Markdown, a help link, a default level, tags), results with a level, a message and a region
in a file named relative to `%SRCROOT%` (the working directory, which should be the repository root),
and `partialFingerprints` built from what a finding is (rule, file, template, the path of the field
in the template, the offending text) rather than from where it is, so moving unrelated lines does
not turn old alerts into new ones.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path, PurePath
from urllib.parse import quote

from walint import __version__
from walint.diagnostics import Diagnostic, RunResult
from walint.rule_docs import render_rule
from walint.rule_packs import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/walint/walint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "walintFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(result: RunResult, color: bool = False) -> str:
    return json.dumps(sarif_log(result), indent=2, ensure_ascii=False) + "\n"


def sarif_log(result: RunResult) -> dict:
    fired = sorted({d.code for d in result.diagnostics})
    index = {code: position for position, code in enumerate(fired)}
    seen: Counter[tuple[str, str]] = Counter()
    results = []
    for diagnostic in result.diagnostics:
        fingerprint = _fingerprint(diagnostic, result.source_line(diagnostic.filename, diagnostic.row))
        seen[(diagnostic.filename, fingerprint)] += 1
        results.append(_result(diagnostic, index[diagnostic.code], f"{fingerprint}:{seen[(diagnostic.filename, fingerprint)]}"))
    driver = {
        "name": "walint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(result.rules[code], result) for code in fired],
    }
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule(rule: Rule, result: RunResult) -> dict:
    spec = rule.spec
    docs = spec.docs
    text = "\n\n".join((spec.summary.strip(), docs.what.strip(), "Why: " + docs.why.strip(), "Fix: " + docs.fix.strip()))
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": spec.summary.strip()},
        "fullDescription": {"text": docs.what.strip()},
        "help": {"text": text, "markdown": render_rule(rule, result.sources)},
        "helpUri": rule.url,
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "properties": {"tags": ["walint", PurePath(rule.pack).stem]},
    }


def _result(d: Diagnostic, rule_index: int, fingerprint: str) -> dict:
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(d.filename),
                    "region": {"startLine": d.row, "startColumn": d.column, "endLine": d.end_row, "endColumn": d.end_column},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }


def _artifact(filename: str) -> dict:
    """Relative to %SRCROOT% when the file is below the working directory (how walint shows it)."""
    path = Path(filename)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix()), "uriBaseId": SRCROOT}


def _fingerprint(d: Diagnostic, line: str) -> str:
    end = d.end_column - 1 if d.end_row == d.row else len(line)
    offending = line[d.column - 1 : end]
    identity = "\0".join((d.code, d.filename, d.template or "", d.where, offending))
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]
