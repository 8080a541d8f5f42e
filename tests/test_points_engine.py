"""The points engine module by module: the catalog, counting in the document's items, reading the request, the
requirements, the exact search, the school-range builder and the headline (tisheng/tools/points/)."""

from __future__ import annotations

from typing import Any

from tisheng.core import snapshot
from tisheng.core.inputs import Errors
from tisheng.tools.points import catalog, counting, headline, requirements, school_range, search, teacher
from tisheng.tools.points.context import Ctx
from tisheng.tools.points.request import read_input


def _ctx(profile: str, **data: Any) -> Ctx:
    errors = Errors()
    ctx = read_input(snapshot.profile(profile), data, errors)
    assert ctx is not None and not errors, errors.items
    return ctx


def test_catalog_keeps_the_first_of_repeated_codes_and_names_what_it_is_unsure_of():
    cat = catalog.build_catalog({"title": "某省清单", "points": [
        {"code": " a1 ", "name": "学情分析", "dimension": "analysis", "env": "multimedia",
         "status": {"name": "source", "dimension": "uploaded"}},
        {"code": "A1", "name": "重复的一项"},
        {"code": "B2", "name": "教学设计", "status": {"name": "unconfirmed"}},
        {"code": "C3"},
    ]}, uploaded=True)
    assert list(cat.points) == ["A1", "B2", "C3"] and cat.points["A1"]["name"] == "学情分析"
    assert cat.known("A1", "name") and cat.known("A1", "dimension")
    assert not cat.known("B2", "name") and not cat.known("C3", "name")
    assert catalog.point_name(cat, "A1") == "A1 学情分析"
    assert catalog.point_name(cat, "B2") == "B2 教学设计（名称待核对）"
    assert catalog.point_name(cat, "C3") == "C3（名称未知）"
    assert catalog.dims_of(cat, ["C3", "A1", "B2"]) == ["analysis"]  # a point of unknown dimension never counts
    assert cat.sort(["C3", "A1", "C3"]) == ["A1", "C3"]


def test_counting_is_in_the_documents_items_where_it_lists_them():
    ctx = _ctx("ruzhou-zhanglou-2021", selected="A2,A5", age=35)
    assert counting.units_of(ctx, ["A2", "A3", "A5", "B9"]) == (["1-2", "1-4", "B9"], [])  # B9 is not listed: one
    assert counting.units_of(ctx, ["A2", "A5"]) == (["1-4"], ["1-2"])  # 1-2 is A2 and A3: half of it is nothing
    assert counting.count_units(ctx, ["A2", "A3", "A5"]) == 2 and counting.unit_word(ctx) == "项"
    assert "1-2 包括 A2、A3，只选了 A2（还缺 A3），不计为一项。" in counting.partial_text(ctx, ["A2", "A5"])
    national = _ctx("kaiyuan-2024", selected="A2,A3")
    assert counting.count_units(national, ["A2", "A3"]) == 2 and counting.unit_word(national, True) == "个能力点"


def test_the_request_reads_item_numbers_the_plans_range_and_its_classrooms():
    ctx = _ctx("ruzhou-zhanglou-2021", selected="1-2，A5 A5", age=35)
    assert ctx.selected == ["A2", "A3", "A5"] and ctx.duplicates == ["A5"]
    assert ctx.range == ["A2", "A3", "A5", "A7", "B2"] and ctx.range_source == "profile"
    assert ctx.rooms_source == "profile" and ctx.available == {"multimedia"}
    errors = Errors()
    assert read_input(snapshot.profile("kaiyuan-2024"), {"selected": "A1,Z9", "age": "abc"}, errors) is None
    by_field = {e["field"]: e["message"] for e in errors.items}
    assert "Z9 不在目录中" in by_field["input.selected"] and "input.age" in by_field


def test_requirements_take_the_count_from_her_age_where_the_plan_sets_it_so():
    young, older = _ctx("ruzhou-zhanglou-2021", selected="A2", age=35), _ctx("ruzhou-zhanglou-2021", selected="A2", age=45)
    assert (requirements.needs(young).count_min, requirements.needs(older).count_min) == (4, 2)
    assert requirements.needs(young).count_rule == "points.age_rules" and requirements.needs(young).extras
    fixed = requirements.needs(_ctx("kaiyuan-2024", selected="A1"))
    assert (fixed.count_min, fixed.covers("teacher", "dimension"), fixed.count_rule) == (3, 2, "points.teacher_count_min")


def test_the_exact_search_finds_the_smallest_changes_and_every_one_passes():
    ctx = _ctx("kaiyuan-2024", selected="A2,A3,A4")
    need = requirements.needs(ctx)
    ok = teacher._teacher_ok(ctx, need, strict=False)
    assert not ok(ctx.selected)
    pool = search.candidates(ctx, None, ctx.selected, strict=False)
    options = search.smallest_changes(ctx, need, ctx.selected, [], pool, ok)
    assert 1 <= len(options) <= search.MAX_ALTERNATIVES
    for o in options:
        assert ok(o.final) and len(o.removed) == len(o.added) == 1  # one swap, never more
    assert options[0].final == ["A2", "A3", "A1"]  # the best-ranked point of a dimension she lacks


def test_the_school_range_builder_covers_dimensions_and_environments_or_says_it_cannot():
    ctx = _ctx("kaiyuan-2024", mode="school", classrooms="multimedia:9,mixed:0,smart:0,none:3")
    target = school_range.target_of(requirements.needs(ctx))
    assert (target.cover["dimension"], target.cover["environment"], target.size_min) == (4, 2, 3)
    built, ok = school_range.school_fix(ctx, target, [], strict=False, build=True)
    assert ok and school_range.school_ok(ctx, target, strict=False)(built)
    assert catalog.dims_of(ctx.cat, built) == list(catalog.DIMENSION_IDS) and len(catalog.envs_of(ctx.cat, built)) >= 2
    _, ok = school_range.school_fix(ctx, target, [], strict=True, build=True)
    assert not ok  # two environments are required and the school has classrooms of one kind only


def test_the_headline_leads_with_the_change_that_passes():
    ctx = _ctx("kaiyuan-2024", selected="A2,A3,A4")
    fix = {"kind": "change", "advisory": False, "changes": [{"action": "swap", "remove": "A4", "add": "A1"}],
           "change_count": 1}
    text = headline.headline(ctx, [fix], False, False, "（摘要）")
    assert text.startswith("把 A4 ") and "换成 A1 技术支持的学情分析" in text and text.endswith("即可符合要求。")
    assert headline.headline(ctx, [], True, False, "（摘要）") == "所选能力点符合《" + ctx.title + "》的要求。"
    infeasible = {"kind": "infeasible", "advisory": False, "message": "选不出。", "changes": [], "change_count": 0}
    assert headline.headline(ctx, [infeasible], False, False, "（摘要）") == "（摘要）"
