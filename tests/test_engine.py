"""The engine against the worked examples in data/cases/, on CPython."""

from __future__ import annotations

import json

import pytest

from tests.helpers import cases, check_case, request
from tisheng import api

HOURS = cases("hours")
EVIDENCE = cases("evidence")


@pytest.mark.parametrize("case", HOURS, ids=[c["id"] for c in HOURS])
def test_hours_case(case):
    check_case(case, api.evaluate(request("hours", case)))


@pytest.mark.parametrize("case", EVIDENCE, ids=[c["id"] for c in EVIDENCE])
def test_evidence_case(case):
    check_case(case, api.evaluate(request("evidence", case)))


@pytest.mark.parametrize(
    "request_",
    [None, [], "hours", 3, {"tool": "nope"}, {"tool": "hours", "profile": "national-2019", "input": []},
     {"tool": "hours", "profile": 7, "input": {"online": {"a": 1}, "practice": True}}],
)
def test_bad_requests_are_answered_in_chinese(request_):
    response = api.evaluate(request_)
    assert response["ok"] is False
    assert response["errors"] and all(e["message"] and not e["message"].isascii() for e in response["errors"])


def test_every_error_reported_at_once():
    response = api.evaluate({"tool": "nope", "profile": "nope", "input": {}})
    assert {e["field"] for e in response["errors"]} == {"tool", "profile"}


def test_evaluate_json_round_trip_and_garbage():
    good = json.loads(api.evaluate_json(json.dumps({"tool": "hours", "profile": "kaiyuan-2024",
                                                     "input": {"online": 25, "practice": 25}})))
    assert good["ok"] and good["status"] == "pass"
    bad = json.loads(api.evaluate_json("{not json"))
    assert bad["ok"] is False and "JSON" in bad["errors"][0]["message"]


def test_findings_carry_document_titles():
    response = api.evaluate({"tool": "hours", "profile": "kaiyuan-2024", "input": {"online": 1, "practice": 1}})
    for f in response["findings"]:
        assert f["source"]["title"] and f["source"]["section"] and f["source"]["quote"]
