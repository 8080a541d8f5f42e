"""The rollout engine module by module: years and names, the years and their shares, the groups and the table,
and the table check mode suggests (tisheng/tools/rollout/)."""

from __future__ import annotations

from fractions import Fraction

from tisheng.core import snapshot
from tisheng.core.inputs import Errors
from tisheng.tools.rollout import check, request, shares, values
from tisheng.tools.rollout.context import Ctx

PLAIN = Ctx(snapshot.profile("national-2019"))  # a profile without rollout rules: nothing comes from it


def test_a_year_is_four_digits_in_range_however_it_is_written():
    assert [values.read_year(v) for v in (2015, "2015", " 2015年 ", 2015.0)] == ["2015"] * 4
    assert [values.read_year(v) for v in (1989, "2101", True, "15", 2015.5, None)] == [None] * 6


def test_years_and_shares_come_from_the_profile_when_none_are_given():
    defaults: list[str] = []
    errors = Errors()
    got = shares.read_years_shares({}, Ctx(snapshot.profile("guangan-2014")), errors, defaults)
    assert got == (["2015", "2016", "2017"], [Fraction(3, 10), Fraction(7, 20), Fraction(7, 20)])
    assert defaults == ["years", "shares"] and not errors


def test_shares_by_year_follow_the_years_order_and_must_name_the_same_years():
    errors = Errors()
    got = shares.read_years_shares({"years": [2015, 2016], "shares": {"2016": "70%", "2015": "30%"}}, PLAIN, errors, [])
    assert got == (["2015", "2016"], [Fraction(3, 10), Fraction(7, 10)]) and not errors
    got = shares.read_years_shares({"years": [2015, 2016], "shares": {"2016": 0.5, "2017": 0.5}}, PLAIN, errors, [])
    assert got == (["2015", "2016"], None)
    assert errors.items == [{"field": "input.shares", "message": "比例的年份与推进年份不一致：缺少 2015 年；多出 2017 年。"}]


def test_every_bad_group_is_named_and_none_is_used():
    errors = Errors()
    raw = [{"name": "甲", "teachers": 10}, {"name": "甲", "teachers": 5}, "x", {"name": "乙", "teachers": 3, "pilot": 5}]
    assert request.read_groups({"groups": raw}, PLAIN, errors, []) is None
    assert [e["field"] for e in errors.items] == ["input.groups[1].name", "input.groups[2]", "input.groups[3].pilot"]
    assert "与第 1 个单位重复" in errors.items[0]["message"] and "{name, teachers}" in errors.items[1]["message"]


def test_a_table_cell_left_blank_is_zero_and_a_stray_year_is_named():
    errors = Errors()
    rows = request.read_table([{"name": "甲", "teachers": 10, "by_year": {"2015": "", "2016": 10}}], PLAIN, errors,
                              ["2015", "2016"], None, "input.table")
    assert rows == [{"name": "甲", "teachers": 10, "cells": {"2015": 0, "2016": 10}}] and not errors
    stray = [{"name": "甲", "teachers": 10, "by_year": {"2014": 1, "2016": 9}}]
    assert request.read_table(stray, PLAIN, errors, ["2015", "2016"], None, "input.table") is None
    assert errors.items[0]["field"] == "input.table[0].by_year.2014" and "试点年份" in errors.items[0]["message"]


def test_the_suggested_table_keeps_each_pilot_and_splits_the_rest_by_the_shares():
    quotas = [{"name": "甲", "teachers": 10, "by_year": {"2014": 2}}, {"name": "乙", "teachers": 7, "by_year": {}}]
    rows, totals = check._suggested(quotas, ["2015", "2016"], [Fraction(1, 2)] * 2, "2014")
    assert rows == [{"name": "甲", "by_year": {"2014": 2, "2015": 4, "2016": 4}},
                    {"name": "乙", "by_year": {"2014": 0, "2015": 4, "2016": 3}}]
    assert totals == {"2014": 2, "2015": 8, "2016": 7}
    too_many = [{"name": "甲", "teachers": 1, "by_year": {"2014": 2}}]
    assert check._suggested(too_many, ["2015"], [Fraction(1)], "2014") == (None, None)
