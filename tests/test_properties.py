"""Properties that must hold for any input, not only the worked examples (hypothesis)."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tisheng import api, batch
from tisheng.core import snapshot

CJK = re.compile(r"[\u4e00-\u9fff]")
TOOLS = ["hours", "points", "grade", "rollout"]
PROFILES = snapshot.profile_ids()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)
# Inputs that look like the real thing (right keys, wrong or odd values) reach deeper than random keys.
KEYS = ["online", "practice", "centralized", "records", "as_of", "ratio_base", "selected", "school_range",
        "classrooms", "age", "mode", "components", "peer", "leader", "weights", "w_peer", "w_leader", "deductions",
        "late_submission", "late", "absent", "bonus", "groups", "years", "shares", "pilot", "table", "catalog"]
near_inputs = st.dictionaries(st.sampled_from(KEYS), json_values, max_size=8)


def check_shape(response: dict) -> None:
    assert isinstance(response, dict) and isinstance(response.get("ok"), bool)
    json.dumps(response, ensure_ascii=False, allow_nan=False)  # what the browser receives must be strict JSON
    if response["ok"]:
        assert response["status"] in ("pass", "fail")
    else:
        assert response["errors"], response
        for err in response["errors"]:
            assert CJK.search(err["message"]), err  # every error is explained in Chinese


@SETTINGS
@given(request=json_values)
def test_evaluate_never_raises_on_any_json(request):
    check_shape(api.evaluate(request))


@SETTINGS
@given(tool=st.sampled_from(TOOLS), profile=st.sampled_from(PROFILES + ["", "no-such"]), data=near_inputs)
def test_evaluate_never_raises_on_near_miss_inputs(tool, profile, data):
    check_shape(api.evaluate({"tool": tool, "profile": profile, "input": data}))


@SETTINGS
@given(text=st.text(max_size=200))
def test_evaluate_json_never_raises_on_any_text(text):
    check_shape(json.loads(api.evaluate_json(text)))


HOURS_PROFILES = [p for p in PROFILES
                  if any(isinstance(r, dict) and r.get("value") is not None
                         for k, r in (snapshot.profile(p).get("hours") or {}).items() if k.endswith("_min"))]
hours_amount = st.decimals(min_value=0, max_value=200, places=1).map(float)


@SETTINGS
@given(profile=st.sampled_from(HOURS_PROFILES), online=hours_amount, practice=hours_amount,
       centralized=hours_amount, more=hours_amount, kind=st.sampled_from(["online", "practice", "centralized"]))
def test_more_hours_never_turn_a_pass_into_a_fail(profile, online, practice, centralized, more, kind):
    base = {"online": online, "practice": practice, "centralized": centralized}
    before = api.evaluate({"tool": "hours", "profile": profile, "input": base})
    after = api.evaluate({"tool": "hours", "profile": profile, "input": {**base, kind: base[kind] + more}})
    assert before["ok"] and after["ok"]
    if before["status"] == "pass":
        assert after["status"] == "pass", (profile, base, kind, more, after["summary"])
    # and no single rule that was met becomes unmet
    met_before = {f["rule"] for f in before["findings"] if f["met"]}
    unmet_after = {f["rule"] for f in after["findings"] if not f["met"]}
    assert not met_before & unmet_after


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=4000), name=st.sampled_from(["名单.csv", "名单.xlsx", "名单.txt", "名单.xls", "x"]))
def test_any_uploaded_bytes_get_an_answer_not_a_traceback(data, name):
    for tool in batch.COLUMNS:
        result = batch.run(tool, "kaiyuan-2024", data, name)
        assert isinstance(result, dict) and isinstance(result.get("ok"), bool)
        if not result["ok"]:
            assert all(CJK.search(e["message"]) for e in result["errors"])


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.tuples(st.text(max_size=8), st.text(max_size=6), st.text(max_size=6)), max_size=30))
def test_any_csv_rows_keep_every_good_row(rows):
    """Whatever the bad rows hold, each row is either checked or listed as bad, never lost."""
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    lines = ["姓名,线上学时,实践学时"] + [",".join(cell(c) for c in r) for r in rows]
    result = batch.run("hours", "national-2019", "\n".join(lines).encode("utf-8"), "名单.csv")
    if result["ok"]:
        assert result["summary"]["checked"] + result["summary"]["bad"] == result["file"]["rows"]
