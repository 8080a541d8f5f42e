"""Page macro for /tools/points/ (能力点选择): profile, mode, classrooms by kind, the school's range and a teacher's
choice as checkbox lists, the catalog upload, #result, and the print view of the plan form's 整校推进校本研修计划.

Labels and hints are page text. The checkbox lists are drawn by site_src/js/points.js from the catalog embedded
here (from the data snapshot: data/catalogs/*.yaml) or from a catalog the school uploaded for the session; every
verdict, suggestion and export comes from the engine (tisheng.tools.points) in the browser's worker.
"""

from __future__ import annotations

import json
from typing import Any

from tisheng.model import in_force
from tisheng.readings import choices as reading_choices

RULE_KEYS = (
    "teacher_count_min", "teacher_count_max", "teacher_dimensions_min", "school_range_size",
    "school_envs_min", "school_dimensions_min", "school_range", "age_rules",
)
DEFAULT = "kaiyuan-2024"
ROOMS = (
    ("multimedia", "多媒体教学环境", "简易多媒体或交互多媒体（电子白板、一体机）教室。"),
    ("mixed", "混合学习环境", "多媒体计算机网络教室、移动学习（平板）教室。"),
    ("smart", "智慧学习环境", "有智能教育设备、支持学生个性化学习的教室。"),
    ("none", "无信息化学习环境", "没有任何信息化设备的教室。"),
)


def page_data(data: dict[str, Any]) -> dict[str, Any]:
    """What points.js needs: the profiles with point rules (readings, age rule, own range) and their catalogs."""
    profiles: dict[str, Any] = {}
    catalogs: dict[str, Any] = {}
    for pid, prof in data["profiles"].items():
        section = prof.get("points") or {}
        if not any(in_force(section, k) for k in RULE_KEYS):
            continue
        readings = [{"id": v, "label": label} for v, label in reading_choices(prof, "points")[1:]]
        school = prof.get("school") or {}
        rooms = (in_force(school, "classrooms") or {}).get("value")
        cat_id = prof.get("catalog")
        profiles[pid] = {
            "title": prof.get("title"),
            "short": prof.get("short_title") or prof.get("title"),
            "catalog": cat_id,
            "readings": readings,
            "needs_age": in_force(section, "age_rules") is not None and in_force(section, "teacher_count_min") is None,
            "range": [str(c) for c in (in_force(section, "school_range") or {}).get("value") or []],
            "classrooms": rooms if isinstance(rooms, dict) else None,
        }
        cat = (data.get("catalogs") or {}).get(cat_id) if isinstance(cat_id, str) else None
        if cat and cat_id not in catalogs:
            catalogs[cat_id] = {
                "id": cat_id,
                "title": cat.get("title"),
                "points": [{k: p.get(k) for k in ("code", "name", "env", "dimension", "status", "candidates")}
                           for p in cat.get("points") or []],
            }
    return {"profiles": profiles, "catalogs": catalogs, "default": DEFAULT if DEFAULT in profiles else
            next(iter(profiles), "")}


def register(env: Any, ctx: Any) -> None:
    esc = ctx.esc
    pdata = page_data(ctx.data)

    def field(name: str, label: str, hint: str, control: str) -> list[str]:
        return [
            f'<div class="ts-field" id="{name}-field"><label for="{name}">{esc(label)}</label>',
            f'<p class="ts-hint" id="{name}-hint">{esc(hint)}</p>',
            f'<p class="ts-error" id="{name}-error" hidden></p>',
            control, "</div>",
        ]

    @env.macro
    def points_form() -> str:
        root = ctx.site_root()
        tisheng = ctx.runtime["tisheng"]
        options = []
        for pid, prof in pdata["profiles"].items():
            selected = " selected" if pid == pdata["default"] else ""
            options.append(f'<option value="{esc(pid)}"{selected}>{esc(prof["short"])} — {esc(prof["title"])}</option>')
        blob = json.dumps(pdata, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        rooms = []
        for kind, label, hint in ROOMS:
            rooms.append(
                f'<div class="ts-room"><label for="room-{kind}">{esc(label)}</label>'
                f'<input id="room-{kind}" type="text" inputmode="numeric" autocomplete="off" size="5" '
                f'data-room="{kind}" aria-describedby="room-{kind}-hint classrooms-hint classrooms-error">'
                f'<span class="ts-hint" id="room-{kind}-hint">{esc(hint)}</span></div>')
        parts = [
            f'<div class="ts-tool ts-points" data-tool="points" data-site-root="{root}">',
            f'<script type="application/json" id="points-data">{blob}</script>',
            '<div class="ts-catalog-banner" id="catalog-banner" hidden><p><strong>正在使用上传的能力点目录</strong>'
            '<span data-catalog-title></span>（只在本次打开的浏览器窗口中有效）。'
            '<button type="button" class="ts-link-button" data-catalog-reset>恢复为国家目录</button></p></div>',
            *ctx.error_summary,
            '<form class="ts-form ts-points-form" novalidate>',
            '<div class="ts-field"><label for="profile">适用的政策文件</label>',
            '<p class="ts-hint" id="profile-hint">只列出规定了能力点选择要求的文件（应选几个、覆盖几个维度、学校范围等）。</p>',
            '<p class="ts-error" id="profile-error" hidden></p>',
            '<select id="profile" name="profile" aria-describedby="profile-hint profile-error">',
            *options, "</select></div>",
            *field("mode", "谁在使用", "教师检查自己选的能力点；学校管理团队确定学校的能力点范围。",
                   '<select id="mode" name="mode" data-input aria-describedby="mode-hint mode-error">'
                   '<option value="teacher">教师：检查我选的能力点</option>'
                   '<option value="school">学校管理团队：确定学校的能力点范围</option></select>'),
            '<div class="ts-teacher-only" id="teacher-fields">',
            *field("age", "年龄（周岁）", "有的文件按年龄规定应选几个能力点，例如 40 岁以上与以下不同。",
                   '<input id="age" name="age" type="text" inputmode="numeric" autocomplete="off" size="5" data-input '
                   'aria-describedby="age-hint age-error">'),
            '<fieldset class="ts-fieldset" id="selected-field" aria-describedby="selected-hint selected-error">',
            '<legend>我选的能力点</legend>',
            '<p class="ts-hint" id="selected-hint">勾选你要参加考核的能力点。标“学校范围”的是学校选定的。</p>',
            '<p class="ts-error" id="selected-error" hidden></p>',
            '<div class="ts-pointlist" data-list="selected"></div>',
            '<input type="hidden" id="selected" name="selected" data-input>',
            "</fieldset></div>",
            '<div class="ts-school-only" id="school-fields">',
            *field("school", "学校名称（选填）", "只用于导出和打印的标题，不参与计算。",
                   '<input id="school" name="school" type="text" autocomplete="organization" maxlength="60" '
                   'aria-describedby="school-hint school-error">'),
            '<fieldset class="ts-fieldset" id="classrooms-field" aria-describedby="classrooms-hint classrooms-error">',
            '<legend>学校教室的信息化环境（各类教室的间数）</legend>',
            '<p class="ts-hint" id="classrooms-hint">填整数，没有就填 0。全部留空时，按所选文件原文中的教室情况（若有）检查；'
            '学校没有教室的环境会被标出，因为难以在真实课堂中实施和考核。</p>',
            '<p class="ts-error" id="classrooms-error" hidden></p>',
            '<div class="ts-rooms">', *rooms, "</div>",
            '<input type="hidden" id="classrooms" name="classrooms" data-input>',
            "</fieldset></div>",
            '<details class="ts-fieldset-wrap" id="range-wrap" open><summary id="range-summary">学校范围</summary>',
            '<fieldset class="ts-fieldset" id="school_range-field" aria-describedby="school_range-hint school_range-error">',
            '<legend id="range-legend">学校范围：学校选定的能力点</legend>',
            '<p class="ts-hint" id="school_range-hint">按环境和维度分组，勾选学校选定的能力点。学校管理团队不勾选时，'
            '本工具按要求为学校拟一个范围；教师模式下，教师所选会与这里的范围对照（不勾选则用文件原文中的范围，若有）。</p>',
            '<p class="ts-error" id="school_range-error" hidden></p>',
            '<div class="ts-pointlist" data-list="school_range"></div>',
            '<input type="hidden" id="school_range" name="school_range" data-input>',
            "</fieldset></details>",
            '<div class="ts-school-only" id="priorities-wrap">',
            *field("priorities", "优先考虑（选填）", "学校想优先的能力点编号或维度，用逗号分隔，例如 A3,学业评价。"
                   "拟定范围和给出建议时会优先考虑。",
                   '<input id="priorities" name="priorities" type="text" autocomplete="off" data-input '
                   'aria-describedby="priorities-hint priorities-error">'),
            "</div>",
            *field("reading", "文件前后说法不一时，按哪一处检查", "有的文件同一件事写了两个不同的数字；默认按本站采用的读法，"
                   "结果中也会给出另一读法的结论。",
                   '<select id="reading" name="reading" data-input aria-describedby="reading-hint reading-error">'
                   '<option value="">本站默认的读法</option></select>'),
            '<button type="submit">检查</button></form>',
            '<details class="ts-upload" id="catalog-upload"><summary>使用本省的能力点目录（上传 CSV 或 Excel）</summary>',
            '<div class="ts-error-summary ts-upload-summary" id="upload-summary" tabindex="-1" role="alert" '
            'aria-labelledby="upload-summary-title" hidden>',
            '<h2 id="upload-summary-title">上传的目录有问题，未使用</h2><ul></ul></div>',
            '<form class="ts-form" id="catalog-form" novalidate>',
            '<div class="ts-field"><label for="catalog-file">能力点目录文件（.csv 或 .xlsx）</label>',
            '<p class="ts-hint" id="catalog-file-hint">第 1 行为表头：<b>编号、名称、环境、维度</b>（也可写 code、name、'
            'environment、dimension），从第 2 行起每行一个能力点。环境写 多媒体教学环境、混合学习环境、智慧学习环境'
            '（或 多媒体、混合、智慧、A、B、C）；维度写 学情分析、教学设计、学法指导、学业评价，不知道可留空。'
            '文件只在本机浏览器中读取，不会上传到服务器。'
            '<button type="button" class="ts-link-button" data-catalog-template>下载国家目录作为模板（CSV）</button></p>',
            '<p class="ts-error" id="catalog-file-error" hidden></p>',
            '<input id="catalog-file" type="file" accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet" aria-describedby="catalog-file-hint catalog-file-error"></div>',
            '<button type="submit">使用这个目录</button>',
            '<p class="ts-upload-status" id="catalog-status" role="status" aria-live="polite"></p>',
            "</form></details>",
            '<div id="result" class="ts-result" role="status" aria-live="polite">',
            '<p class="ts-idle">填写上面的内容后，这里会立即显示结果和依据。</p></div>',
            "</div>",
            f'<script src="{root}{tisheng}tools.js"></script>',
            f'<script src="{root}{tisheng}points.js"></script>',
        ]
        return "\n".join(parts)
