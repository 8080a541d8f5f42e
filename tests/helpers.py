"""Paths and loaders shared by the tests."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# A helper session may build into its own directory (mkdocs build -d DIR) and test it with TISHENG_SITE=DIR.
SITE = Path(os.environ.get("TISHENG_SITE", ROOT / "site"))
SEEDS = Path(os.environ.get("TISHENG_SEEDS", ROOT.parent / "shared" / "seeds"))
sys.path.insert(0, str(ROOT / "scripts"))


def build_copy(work: Path, change: Any, *config: str) -> subprocess.CompletedProcess[str]:
    """Build a copy of the repository's site into ``work / "site"``, after ``change(repo)`` edits the copy (a new
    document, a host's own settings); ``config``: mkdocs's extra arguments (``-f mkdocs.local.yml``)."""
    repo = work / "repo"
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "snapshot.json")
    for name in ("data", "docs", "scripts", "site_src"):
        shutil.copytree(ROOT / name, repo / name, ignore=skip)
    shutil.copy2(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / "node_modules").symlink_to(ROOT / "node_modules")
    change(repo)
    env = {**os.environ, "TISHENG_BUILD": str(work / "build"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TISHENG_DATA", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", *config, "-d", str(work / "site")],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def workbook_rows(body: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Each sheet of a downloaded workbook, by name, as its rows of values."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(body))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book}


def csv_sections(text: str) -> list[list[list[str]]]:
    """A downloaded CSV report cut at its empty rows: the teachers' table, then each section (问题行, 学校汇总…)."""
    sections: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        if row:
            sections[-1].append(row)
        else:
            sections.append([])
    return sections


def cases(tool: str) -> list[dict[str, Any]]:
    """A tool's worked cases. A file's `today` is the day its cases are judged on, unless a case gives its own day
    (`today`, or `as_of` for dated records): the answers never depend on the day the tests run."""
    with (DATA / "cases" / f"{tool}.yaml").open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    day = doc.get("today")
    out = list(doc["cases"])
    for case in out:
        given = case.get("input")
        if day and isinstance(given, dict) and "today" not in given and "as_of" not in given:
            case["input"] = {**given, "today": day}
    return out


def request(tool: str, case: dict[str, Any]) -> dict[str, Any]:
    """The request a case stands for: its input, the reading it chooses when it chooses one, and the user's own file
    it is checked by when it is one (``profile: local`` with ``local_profile``)."""
    req: dict[str, Any] = {"tool": tool, "profile": case["profile"], "input": case["input"]}
    for key in ("reading", "local_profile"):
        if key in case:
            req[key] = case[key]
    return req


def check_case(case: dict[str, Any], response: dict[str, Any]) -> None:
    """Compare a response with a case's `expect`, naming the case and the rule on failure."""
    exp = case["expect"]
    label = f"case {case['id']} ({case['profile']} {case['rule']})"
    if exp.get("ok", True) is False:
        assert response["ok"] is False, f"{label}: expected bad input, got {response}"
        fields = sorted(e["field"] for e in response["errors"])
        assert fields == sorted(exp["errors"]), f"{label}: error fields {fields}"
        for e in response["errors"]:
            assert e["message"] and not e["message"].isascii(), f"{label}: message not in Chinese: {e}"
        return
    assert response["ok"] is True, f"{label}: {response.get('errors')}"
    if "status" in exp:
        assert response["status"] == exp["status"], f"{label}: status {response['status']}"
    by_rule = {f["rule"]: f for f in response.get("findings", [])}
    for rule, want in (exp.get("findings") or {}).items():
        assert rule in by_rule, f"{label}: no finding for {rule}; got {sorted(by_rule)}"
        for key, value in want.items():
            got = by_rule[rule].get(key)
            assert got == value, f"{label}: {rule}.{key} = {got!r}, expected {value!r}"
        assert by_rule[rule]["source"].get("quote"), f"{label}: {rule} has no citation"
    if "excluded" in exp:
        assert len(response.get("excluded", [])) == exp["excluded"], f"{label}: excluded {response.get('excluded')}"
    for key in ("score", "band", "band_label", "score_band", "clamped", "reading", "decided"):  # grade
        if key in exp:
            assert response.get(key) == exp[key], f"{label}: {key} = {response.get(key)!r}, expected {exp[key]!r}"
    for state in ("asks", "info"):  # evidence: checklist lines still waiting for an answer, or shown without a check
        got = {x["rule"] for x in response.get("checklist", []) if x["state"] == state.rstrip("s")}
        for rule in exp.get(state) or []:
            assert rule in got, f"{label}: {rule} is not among the {state}: {sorted(got)}"
    if "steps" in exp:  # grade: ids of the steps that must be shown, each cited
        by_step = {s["step"]: s for s in response.get("steps", [])}
        for step in exp["steps"]:
            assert step in by_step, f"{label}: no step {step}; got {sorted(by_step)}"
            assert by_step[step]["source"].get("quote"), f"{label}: step {step} has no citation"
    if "notes_contain" in exp:
        notes = " ".join(n["message"] for n in response.get("notes", []))
        assert exp["notes_contain"] in notes, f"{label}: notes {notes!r}"
    if "headline_contains" in exp:
        assert exp["headline_contains"] in response["headline"], f"{label}: headline {response['headline']!r}"
    if "late_contains" in exp:  # a passed date, said before the answer
        assert exp["late_contains"] in (response.get("late") or ""), f"{label}: late {response.get('late')!r}"
    if "summary_contains" in exp:
        assert exp["summary_contains"] in response["summary"], f"{label}: summary {response['summary']!r}"
    checklist = " ".join(f"{x.get('label', '')} {x.get('message', '')}" for x in response.get("checklist", []))
    if "checklist_contains" in exp:  # evidence: words the checklist says (a deadline's days, a reading's words)
        assert exp["checklist_contains"] in checklist, f"{label}: checklist {checklist!r}"
    if "checklist_lacks" in exp:
        assert exp["checklist_lacks"] not in checklist, f"{label}: checklist {checklist!r}"
