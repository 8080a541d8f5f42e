"""The rollout (名额分配) tool: worked cases from data/cases/rollout.yaml, the Guang'an check, and property tests of
the rounding (rows and years always add up exactly; shares that do not add up to 100% are a clear error)."""

from __future__ import annotations

import itertools
import json
import time
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import DATA, cases, check_case
from tisheng import api
from tisheng.tools.rollout import controlled_rounding, largest_remainder, within_rounding

ROLLOUT = cases("rollout")
PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ask(profile: str, data: Any) -> dict[str, Any]:
    return api.evaluate({"tool": "rollout", "profile": profile, "input": data})


def assert_consistent(response: dict[str, Any]) -> None:
    """Every successful answer: rows add up to their teachers, year totals are the column sums, messages in Chinese."""
    assert response["ok"] is True
    rows = response["suggested"] if response["mode"] == "check" else response["quotas"]
    if response["mode"] == "plan":
        for q in rows:
            assert sum(q["by_year"].values()) == q["teachers"], q
            assert all(isinstance(v, int) and v >= 0 for v in q["by_year"].values())
        cols = {y: sum(q["by_year"][y] for q in rows) for y in response["year_totals"]}
        assert cols == response["year_totals"]
    for f in response["findings"]:
        assert f["message"] and not f["message"].isascii(), f
    assert response["summary"] and not response["summary"].isascii()


# --- the worked cases -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ROLLOUT, ids=[c["id"] for c in ROLLOUT])
def test_rollout_case(case):
    response = ask(case["profile"], case["input"])
    check_case(case, response)
    exp = case["expect"]
    if exp.get("ok", True) is False:
        return
    assert_consistent(response)
    label = f"case {case['id']}"
    if "quotas" in exp:
        got = [{"name": q["name"], "by_year": q["by_year"]} for q in response["quotas"]]
        assert got == exp["quotas"], f"{label}: quotas {json.dumps(got, ensure_ascii=False)}"
        assert [list(q["by_year"]) for q in got] == [list(q["by_year"]) for q in exp["quotas"]], "column order"
    for key in ("year_totals", "targets", "defaults_from_profile"):
        if key in exp:
            assert response[key] == exp[key], f"{label}: {key} = {response[key]!r}"
    for year, want in (exp.get("deviations") or {}).items():
        for k, v in want.items():
            got = response["deviations"][year][k]
            assert got == v, f"{label}: deviations[{year}].{k} = {got!r}"
    for k, v in (exp.get("base") or {}).items():
        assert response["base"][k] == v, f"{label}: base.{k} = {response['base'][k]!r}"


def test_cases_cover_both_profiles_and_modes():
    profiles = {c["profile"] for c in ROLLOUT}
    assert {"guangan-2014", "jiangsu-2020"} <= profiles
    assert any(c["input"].get("mode") == "check" for c in ROLLOUT)
    assert any(c["input"].get("mode", "plan") == "plan" for c in ROLLOUT)


# --- Guang'an: the table, its check, the suggested table ---------------------------------------------------------


def test_guangan_check_exact_deviations_and_citations():
    r = ask("guangan-2014", {"mode": "check"})
    assert r["status"] == "fail"
    devs = r["deviations"]
    assert {y: devs[y]["difference"] for y in devs} == {"2015": -493.0, "2016": -8.5, "2017": 501.5}
    assert {y: devs[y]["percentage_points"] for y in devs} == {"2015": -1.63, "2016": -0.03, "2017": 1.65}
    assert {y: devs[y]["target_rounded"] for y in devs} == {"2015": 9093, "2016": 10609, "2017": 10608}
    # the table itself is consistent: rows add up, columns match the document's 合计 row
    by_rule = {f["rule"]: f for f in r["findings"]}
    assert by_rule["rollout.rows"]["met"] and by_rule["rollout.table_totals"]["met"]
    for rule in ("rollout.rows", "rollout.table_totals", "rollout.shares.2015", "rollout.share_base"):
        src = by_rule[rule]["source"]
        assert src["doc"] == "guangan-2014" and src["quote"] and src["section"] and src["title"]
    assert "30%、35%、35%" in by_rule["rollout.shares.2015"]["source"]["quote"]
    # rows as the document writes them (traditional), in the table's order, with the 2014 pilot column first
    names = [q["name"] for q in r["quotas"]]
    assert names[:2] == ["廣安區", "華鎣市"] and len(names) == 10
    assert list(r["quotas"][0]["by_year"]) == ["2014", "2015", "2016", "2017"]
    assert all(q["row_total"] == q["teachers"] for q in r["quotas"])
    # the conflict is pointed to
    assert any(n.get("conflict") == "guangan-table-shares" for n in r["notes"])
    # what the table would be if it followed its percentages
    sug = r["suggested"]
    assert r["suggested_year_totals"] == {"2014": 2000, "2015": 9093, "2016": 10609, "2017": 10608}
    for q, row in zip(sug, r["quotas"]):
        assert q["name"] == row["name"] and sum(q["by_year"].values()) == row["teachers"]
        assert q["by_year"]["2014"] == row["by_year"]["2014"]


def test_guangan_table_csv_matches_the_documents_total_row():
    import csv

    with (DATA / "tables" / "guangan-2014.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    totals = {k: sum(int(r[k] or 0) for r in rows) for k in ("teachers", "2014", "2015", "2016", "2017")}
    assert totals == {"teachers": 32310, "2014": 2000, "2015": 8600, "2016": 10600, "2017": 11110}


def test_guangan_check_with_the_table_given_inline_matches_the_default():
    default = ask("guangan-2014", {"mode": "check"})
    table = [{"name": q["name"], "teachers": q["teachers"], "by_year": q["by_year"]} for q in default["quotas"]]
    inline = ask("guangan-2014", {"mode": "check", "table": table, "years": [2015, 2016, 2017],
                                  "shares": ["30%", "35%", "35%"], "pilot_year": "2014"})
    assert inline["deviations"] == default["deviations"]
    assert "table" not in inline["defaults_from_profile"]


def test_guangan_row_that_does_not_add_up_fails():
    default = ask("guangan-2014", {"mode": "check"})
    table = [{"name": q["name"], "teachers": q["teachers"], "by_year": dict(q["by_year"])} for q in default["quotas"]]
    table[2]["by_year"]["2017"] -= 28  # 岳池縣: 2628 → 2600
    r = ask("guangan-2014", {"mode": "check", "table": table})
    rows = next(f for f in r["findings"] if f["rule"] == "rollout.rows")
    assert not rows["met"] and "岳池縣" in rows["message"] and "少 28 人" in rows["message"]
    assert r["status"] == "fail"


def test_jiangsu_pilot_counts_are_a_note_not_a_deduction():
    r = ask("jiangsu-2020", {"groups": [{"name": "甲市", "teachers": 10}]})
    assert r["ok"] and r["pilot_year"] is None
    note = next(n for n in r["notes"] if n["rule"] == "rollout.pilot")
    assert "100" in note["message"] and "50" in note["message"] and note["source"]["doc"] == "jiangsu-2020"
    assert "2020" in r["year_totals"] and "所" in r["summary"]


def test_own_shares_are_not_cited_as_the_profiles():
    r = ask("jiangsu-2020", {"groups": [{"name": "甲市", "teachers": 10}], "shares": [30, 30, 40]})
    assert r["ok"] and r["defaults_from_profile"] == ["years"]
    f = next(f for f in r["findings"] if f["rule"] == "rollout.shares.2020")
    assert f["source"] == {}
    same = ask("jiangsu-2020", {"groups": [{"name": "甲市", "teachers": 10}], "shares": ["20%", "40%", "40%"]})
    f = next(f for f in same["findings"] if f["rule"] == "rollout.shares.2020")
    assert f["source"]["doc"] == "jiangsu-2020"


def test_shares_by_year_mapping():
    r = ask("national-2019", {"groups": [{"name": "A", "teachers": 10}], "shares": {"2021": "60%", "2022": "40%"}})
    assert r["ok"] and r["quotas"][0]["by_year"] == {"2021": 6, "2022": 4}


# --- bad input -----------------------------------------------------------------------------------------------------


def test_sizes_are_limited():
    groups = [{"name": f"校{i}", "teachers": 1} for i in range(2001)]
    r = ask("national-2019", {"groups": groups, "years": list(range(2000, 2021)), "shares": [1] * 21})
    assert {e["field"] for e in r["errors"]} == {"input.groups", "input.years", "input.shares"}


@pytest.mark.parametrize(
    "data",
    [[], "x", {"groups": [None, 3]}, {"groups": [{"name": {"a": 1}, "teachers": [1]}]},
     {"years": {"a": 1}, "shares": [True, None]}, {"mode": 3, "table": "x"}, {"mode": "check", "table": [1, None]},
     {"shares": {"x": 1}}, {"groups": [{"name": "A", "teachers": 1e300}], "years": [2020], "shares": [1]}],
)
def test_garbage_is_answered_in_chinese(data):
    r = ask("national-2019", data)
    assert r["ok"] is False
    for e in r["errors"]:
        assert e["message"] and not e["message"].isascii() and "内部错误" not in e["message"], e


def test_a_share_over_100_percent_is_named():
    r = ask("national-2019", {"groups": [{"name": "A", "teachers": 3}], "years": [2020, 2021], "shares": [150, -50]})
    assert {e["field"] for e in r["errors"]} == {"input.shares[0]", "input.shares[1]"}


def test_percent_rule_is_stated_in_the_message():
    r = ask("national-2019", {"groups": [{"name": "A", "teachers": 3}], "years": [2020, 2021], "shares": [0.5, 50]})
    # 0.5 and 50 read together as percents: 0.5% + 50% is not 100%, and the message says how it was read
    (err,) = r["errors"]
    assert err["field"] == "input.shares" and "0.5%" in err["message"] and "百分数" in err["message"]


# --- the rounding: exact sums, deterministic, provably correct ---------------------------------------------------

rows_st = st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=40)
weights_st = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=8).filter(lambda w: sum(w) > 0)


@PROPS
@given(total=st.integers(min_value=0, max_value=10**6), weights=weights_st)
def test_largest_remainder_is_exact_and_within_one(total, weights):
    parts = largest_remainder(total, weights)
    q = sum(weights)
    assert sum(parts) == total
    for p, w in zip(parts, weights):
        assert total * w // q <= p <= -(-total * w // q)


@PROPS
@given(rows=rows_st, weights=weights_st)
def test_controlled_rounding_rows_and_columns_always_exact(rows, weights):
    x = controlled_rounding(rows, weights)
    assert [sum(r) for r in x] == rows
    assert [sum(c) for c in zip(*x)] == largest_remainder(sum(rows), weights)
    assert all(v >= 0 for r in x for v in r)
    for j, w in enumerate(weights):
        if w == 0:
            assert all(r[j] == 0 for r in x)
    assert controlled_rounding(list(rows), list(weights)) == x  # deterministic


def _strict_table_exists(rows: list[int], weights: list[int]) -> bool:
    """Brute force: is there a table with these sums whose every cell is the floor or ceiling of its exact value?"""
    q = sum(weights)
    want = largest_remainder(sum(rows), weights)
    options = []
    for r in rows:
        f = [r * w // q for w in weights]
        frac = [j for j, w in enumerate(weights) if r * w % q]
        options.append([[f[j] + (j in pick) for j in range(len(weights))]
                        for pick in itertools.combinations(frac, r - sum(f))])
    return any([sum(c) for c in zip(*combo)] == want for combo in itertools.product(*options))


@PROPS
@given(rows=st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=4),
       weights=st.lists(st.integers(min_value=0, max_value=10), min_size=2, max_size=5).filter(lambda w: sum(w) > 0))
def test_cells_leave_floor_or_ceiling_only_when_no_table_can_avoid_it(rows, weights):
    x = controlled_rounding(rows, weights)
    if not within_rounding(x, rows, weights):
        assert not _strict_table_exists(rows, weights)


def test_a_table_where_no_rounding_keeps_every_cell_within_one():
    # 8 and 6 teachers over years weighted 7:10:7:7:10 (41ths). The years must be 2, 4, 2, 2, 4 (largest remainder),
    # yet both 10-weight years need the 6-teacher row's one spare person. Sums still come out exact.
    rows, weights = [8, 6], [7, 10, 7, 7, 10]
    assert not _strict_table_exists(rows, weights)
    x = controlled_rounding(rows, weights)
    assert [sum(r) for r in x] == rows and [sum(c) for c in zip(*x)] == [2, 4, 2, 2, 4]
    assert not within_rounding(x, rows, weights)
    shares = [f"{Fraction(w, 41) * 100}%" for w in weights]  # exact fractions as text, e.g. "700/41%"
    r = ask("national-2019", {"groups": [{"name": "A", "teachers": 8}, {"name": "B", "teachers": 6}],
                              "years": [2020, 2021, 2022, 2023, 2024], "shares": shares})
    assert r["ok"] and r["status"] == "pass" and r["within_rounding"] is False
    assert any(n["rule"] == "rollout.rounding" for n in r["notes"])


def test_ties_go_to_the_earlier_year_and_group():
    r = ask("national-2019", {"groups": [{"name": "A", "teachers": 1}, {"name": "B", "teachers": 1}],
                              "years": [2020, 2021, 2022], "shares": [1 / 3, 1 / 3, 1 / 3]})
    assert r["year_totals"] == {"2020": 1, "2021": 1, "2022": 0}
    assert [q["by_year"] for q in r["quotas"]] == [{"2020": 1, "2021": 0, "2022": 0}, {"2020": 0, "2021": 1, "2022": 0}]


percent_splits = st.integers(min_value=1, max_value=6).flatmap(
    lambda n: st.lists(st.integers(min_value=0, max_value=100), min_size=n - 1, max_size=n - 1).map(
        lambda cuts: [b - a for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), 100])]
    )
)
groups_st = st.lists(
    st.tuples(st.integers(min_value=0, max_value=3000), st.integers(min_value=0, max_value=3000)),
    min_size=1, max_size=30,
)


@PROPS
@given(split=percent_splits, sizes=groups_st, as_text=st.booleans(), with_pilot=st.booleans())
def test_plan_always_adds_up_and_checks_clean(split, sizes, as_text, with_pilot):
    years = list(range(2020, 2020 + len(split)))
    shares: list[Any] = [f"{p}%" for p in split] if as_text else [p / 100 for p in split]
    groups: list[dict[str, Any]] = []
    for i, (t, p) in enumerate(sizes):
        g: dict[str, Any] = {"name": f"单位{i}", "teachers": t}
        if with_pilot:
            g["pilot"] = min(p, t)
        groups.append(g)
    data: dict[str, Any] = {"groups": groups, "years": years, "shares": shares}
    if with_pilot:
        data["pilot_year"] = 2019
    r = ask("national-2019", data)
    assert r["ok"], r.get("errors")
    assert r["status"] == "pass"
    assert_consistent(r)
    assert [q["name"] for q in r["quotas"]] == [g["name"] for g in groups]  # one row per group, input order
    left = sum(t for t, _ in sizes) - (sum(min(p, t) for t, p in sizes) if with_pilot else 0)
    want = largest_remainder(left, split)
    assert [r["year_totals"][str(y)] for y in years] == want
    for y in years:
        assert abs(r["deviations"][str(y)]["difference"]) < 1
    # the plan, fed back as a published table, passes the check
    table = [{"name": q["name"], "teachers": q["teachers"], "by_year": q["by_year"]} for q in r["quotas"]]
    back = {"mode": "check", "table": table, "years": years, "shares": shares}
    if with_pilot:
        back["pilot_year"] = 2019
    checked = ask("national-2019", back)
    assert checked["ok"] and checked["status"] == "pass", checked["summary"]


@PROPS
@given(split=st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=6).filter(lambda s: sum(s) != 100),
       kind=st.sampled_from(["percent", "text", "fraction"]))
def test_shares_not_adding_up_to_100_are_a_clear_error(split, kind):
    if kind == "fraction":
        shares: list[Any] = [p / 1000 for p in split]  # each ≤ 0.1, so read as fractions; ≠ 1 unless they sum to 1000
        if sum(split) == 1000:
            return
    elif kind == "text":
        shares = [f"{p}%" for p in split]
    else:
        shares = list(split)
        if max(split) <= 1:  # 0s and 1s read as fractions; only an exact 1 sums to 100%
            if sum(split) == 1:
                return
    r = ask("national-2019", {"groups": [{"name": "A", "teachers": 10}],
                              "years": list(range(2020, 2020 + len(split))), "shares": shares})
    assert r["ok"] is False
    (err,) = r["errors"]
    assert err["field"] == "input.shares" and "100%" in err["message"] and not err["message"].isascii()


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                      st.text(max_size=8))
json_like = st.recursive(json_leaf, lambda c: st.one_of(st.lists(c, max_size=4),
                                                        st.dictionaries(st.text(max_size=8), c, max_size=4)),
                         max_leaves=20)
input_keys = st.sampled_from(["mode", "groups", "years", "shares", "pilot_year", "share_base", "tolerance", "table"])


@PROPS
@given(data=st.dictionaries(input_keys, json_like, max_size=8),
       profile=st.sampled_from(["guangan-2014", "jiangsu-2020"]))
def test_never_an_internal_error(data, profile):
    r = ask(profile, data)
    if r["ok"]:
        assert r["status"] in ("pass", "fail")
    else:
        assert r["errors"]
        for e in r["errors"]:
            assert "内部错误" not in e["message"], (data, e)
            assert e["field"].startswith("input") and not e["message"].isascii()


def test_2000_groups_by_20_years_is_fast():
    groups = [{"name": f"学校{i}", "teachers": (i * 7919) % 400} for i in range(2000)]
    start = time.perf_counter()
    r = ask("national-2019", {"groups": groups, "years": list(range(2001, 2021)), "shares": ["5%"] * 20})
    assert time.perf_counter() - start < 5
    assert r["ok"] and r["status"] == "pass"
    assert_consistent(r)


# --- the page's download: XLSX through the engine ----------------------------------------------------------------


def _book(arg: dict[str, Any]) -> Any:
    import io

    import openpyxl

    got, body = api.export({"export": "rollout", "request": arg})
    assert got["ok"] is True, got
    assert got["filename"].endswith(".xlsx")
    return openpyxl.load_workbook(io.BytesIO(body)), got["filename"]


def test_xlsx_of_the_guangan_check_has_the_table_totals_and_deviations():
    book, name = _book({"tool": "rollout", "profile": "guangan-2014", "input": {"mode": "check"}})
    assert name == "名额核对-2014-2017.xlsx"
    assert book.sheetnames == ["核对的任务表", "核对结果", "按比例重排的名额"]
    rows = {r[0]: r for r in book["核对的任务表"].iter_rows(values_only=True)}
    assert rows["名称"] == ("名称", "教师数", "2014年（试点）", "2015年", "2016年", "2017年", "各年合计")
    assert rows["廣安區"] == ("廣安區", 5336, 0, 1500, 1900, 1936, 5336)
    assert rows["合计"] == ("合计", 32310, 2000, 8600, 10600, 11110, 32310)
    assert rows["比例目标"][3:6] == (9093, 10608.5, 10608.5)
    assert rows["差额（合计−目标）"][3:6] == (-493, -8.5, 501.5)
    assert rows["偏差（百分点）"][3:6] == (-1.63, -0.03, 1.65)
    verdicts = [r[0] for r in book["核对结果"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert verdicts.count("未达到") == 3 and "结论" in verdicts
    # rows add up, columns match the 合计 row, 2015–2017 add up to the base; each year is off by more than 1 person
    assert verdicts == ["符合"] * 3 + ["未达到"] * 3 + ["说明"] * 3 + ["结论", "政策文件"]
    said = {r[0]: r[1] for r in book["核对结果"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert said["结论"].startswith("未通过：") and "少 493 人" in said["结论"] and "多 501.5 人" in said["结论"]
    # The suggested table adds up and its years are within half a person of the targets.
    alt = {r[0]: r for r in book["按比例重排的名额"].iter_rows(values_only=True)}
    assert alt["合计"][2:6] == (2000, 9093, 10609, 10608)
    assert alt["差额（合计−目标）"][3:6] == (0, 0.5, -0.5)
    assert all(r[-1] == r[1] for k, r in alt.items() if k not in ("名称", "比例目标", "差额（合计−目标）", "偏差（百分点）"))


def test_xlsx_of_a_plan_and_names_that_look_like_formulas():
    request = {"tool": "rollout", "profile": "national-2019", "input": {
        "years": [2015, 2016, 2017], "shares": ["30%", "35%", "35%"],
        "groups": [{"name": "=HYPERLINK(\"x\")", "teachers": 10}, {"name": "乙区", "teachers": 7}]}}
    book, name = _book(request)
    assert name == "名额分配-2015-2017.xlsx"
    assert book.sheetnames == ["名额表", "核对结果"]
    response = api.evaluate(request)
    sheet = list(book["名额表"].iter_rows(values_only=True))
    assert sheet[1][0] == "'=HYPERLINK(\"x\")"  # text, never a formula
    for row, q in zip(sheet[1:3], response["quotas"]):
        assert list(row[2:5]) == [q["by_year"][y] for y in ("2015", "2016", "2017")]
    # Worked by hand: 17 × 30/35/35% = 5.1, 5.95, 5.95 → year totals 5, 6, 6; 10 → 3, 3.5, 3.5 → 3, 4, 3 (the tie to
    # the earlier year); 7 takes what is left in each year: 2, 2, 3 (each within one of 2.1, 2.45, 2.45).
    assert [r[1:] for r in sheet[1:4]] == [(10, 3, 4, 3, 10), (7, 2, 2, 3, 7), (17, 5, 6, 6, 17)]
    assert sheet[4][2:5] == (5.1, 5.95, 5.95)
    verdicts = [r[:1] + (r[1].split("：")[0],) for r in book["核对结果"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert [v[0] for v in verdicts] == ["符合"] * 4 + ["结论", "政策文件"] and verdicts[4][1] == "通过"


def test_xlsx_of_bad_input_is_the_engines_errors():
    got, _ = api.export({"export": "rollout", "request": {"tool": "rollout", "profile": "national-2019", "input": {
        "years": [2015, 2016], "shares": [50, 49], "groups": [{"name": "A", "teachers": 1}]}}})
    assert got["ok"] is False and [e["field"] for e in got["errors"]] == ["input.shares"]
    other, _ = api.export({"export": "rollout", "request": {"tool": "hours", "profile": "national-2019", "input": {}}})
    assert other["ok"] is False and other["errors"][0]["message"]
