"""Macros that render the policy guide's pages from data/ (profiles, comparison, conflicts, catalog, glossary).

Every number, date, quote and name a guide page shows comes from the validated snapshot; the Markdown pages only
call the macros below. The labels here (what a rule key is called in Chinese, how a value is phrased) are page
text, not policy: a rule key the labels do not know is still shown, under its key.

Output is Markdown with inline HTML, inserted before Markdown conversion, so links between pages are written as
Markdown links to .md files (MkDocs checks and rewrites them). Every data string is escaped for both HTML and
Markdown before it is put on a page.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------------------------------------------
# Page text: labels for keys and codes (presentation only; the values always come from the data)
# --------------------------------------------------------------------------------------------------------------

SECTION_ORDER = ("hours", "points", "grading", "rollout", "school")
SECTION_TITLES = {
    "hours": "学时",
    "points": "微能力点",
    "grading": "考核与成绩",
    "rollout": "推进安排",
    "school": "学校情况（文件自述）",
    "timeline": "时间安排",
    "roles": "职责分工",
}
LEVELS = {"national": "国家", "province": "省级", "city": "市级", "county": "县级", "school": "学校"}
LEVEL_ORDER = ("national", "province", "city", "county", "school")

# Rule labels, in the order rows are shown. Keys not listed here are shown after these, under their own key.
RULE_LABELS: dict[str, dict[str, str]] = {
    "hours": {
        "total_min": "总学时",
        "online_min": "线上研修学时",
        "practice_min": "实践应用学时",
        "practice_ratio_min": "实践应用学时占总学时的比例",
        "centralized_min": "集中培训学时",
        "period_years": "周期",
        "period_start": "开始时间",
        "deadline": "完成期限",
        "windows": "某类学时的完成时间",
    },
    "points": {
        "items": "文件自己的能力点编号（与全国编号对照）",
        "item_counting": "一项只选了其中一部分时算不算这一项",
        "catalog_size": "能力点目录的条数",
        "teacher_count_min": "每位教师应选的能力点数",
        "teacher_count_max": "每位教师最多可选的能力点数",
        "teacher_dimensions_min": "教师所选能力点须覆盖的维度数",
        "age_rules": "按年龄应选的能力点数",
        "school_range_size": "学校学习范围的能力点数",
        "school_range": "学校选定的能力点",
        "school_envs_min": "学校学习范围须覆盖的环境数",
        "school_dimensions_min": "学校学习范围须覆盖的维度数",
        "extra_points_allowed": "可否在学校范围之外另选能力点",
    },
    "grading": {
        "prerequisite_hours": "参加考核前须完成的学时",
        "assessment_standard": "测评依据",
        "assessment_body": "考核的责任主体",
        "process": "考核步骤",
        "components": "考核环节与权重",
        "final_composition": "最终成绩的构成",
        "standard_areas": "考核标准",
        "bands": "等次分数线",
        "grade_levels": "等次",
        "deductions": "扣分",
        "bonus": "加分",
        "evidence_rules": "证据与成果的要求",
        "evidence_packages": "微能力证据包",
        "clip_minutes": "课堂实录片段时长",
        "self_statement_chars_min": "阶段自述字数",
        "peer_reviews_min": "互评次数",
        "point_grade_rule": "能力点等次规则",
        "school_pass_rate_min": "学校培训合格率",
        "school_excellent_rate_max": "学校微能力点认证优秀率",
        "whiteboard_pass_rate_min": "交互式电子白板考核通过率",
        "assessment_deadline": "考核完成期限",
        "level_aggregation": "五个方面的等次、无效证据与分数如何合成",
        "hand_in": "要上交的材料",
        "evidence_deadline": "材料提交期限",
        "self_statement_stages": "自述说明的份数（阶段数）",
        "self_statement_counting": "自述说明的字怎么数",
        "evidence_forms": "证据的形式",
    },
    "rollout": {
        "basis": "推进的基数",
        "pilot": "试点",
        "shares": "逐年推进比例",
        "share_base": "推进比例的基数",
        "table": "分区县任务表",
        "table_totals": "任务表合计",
        "city_share": "市级培训约占",
        "county_share": "县级培训约占",
        "deadline": "推进完成期限",
    },
    "school": {
        "environments": "学校的教学环境",
        "classrooms": "教室",
        "teachers": "教师",
        "classes": "班级",
        "env_point_count": "本校环境中的能力点数（本省列表）",
    },
    "timeline": {"phases": "实施阶段"},
    "roles": {"roles": "岗位与职责"},
}

# Who a rule asks something of (for the "对你意味着什么" summary).
AUDIENCES = (
    ("teacher", "教师"),
    ("school", "学校（校长、管理团队、教研组）"),
    ("office", "教育行政部门与项目办"),
)
TEACHER_KEYS = {"hours.*", "points.teacher_count_min", "points.teacher_count_max", "points.teacher_dimensions_min",
                "points.age_rules", "points.extra_points_allowed", "grading.prerequisite_hours", "grading.process",
                "grading.components",
                "grading.final_composition", "grading.standard_areas", "grading.bands", "grading.grade_levels",
                "grading.deductions", "grading.bonus", "grading.evidence_rules", "grading.evidence_packages",
                "grading.clip_minutes", "grading.self_statement_chars_min", "grading.peer_reviews_min",
                "grading.point_grade_rule", "grading.hand_in", "grading.evidence_deadline",
                "grading.self_statement_stages", "grading.self_statement_counting", "grading.evidence_forms"}
SCHOOL_KEYS = {"points.school_range_size", "points.school_range", "points.school_envs_min",
               "points.school_dimensions_min", "grading.school_pass_rate_min", "grading.school_excellent_rate_max",
               "grading.whiteboard_pass_rate_min", "grading.assessment_deadline"}
OFFICE_KEYS = {"rollout.*", "grading.assessment_body", "grading.assessment_standard"}

FRACTION_KEYS = {"practice_ratio_min", "school_pass_rate_min", "school_excellent_rate_max",
                 "whiteboard_pass_rate_min", "city_share", "county_share"}
DATE_KEYS = {"deadline": "前", "assessment_deadline": "前", "period_start": "起"}
DEFAULT_UNITS = {
    "points.teacher_count_min": "个", "points.teacher_count_max": "个", "points.teacher_dimensions_min": "个维度",
    "points.school_envs_min": "个环境", "points.school_dimensions_min": "个维度", "points.school_range_size": "个",
    "points.catalog_size": "项", "school.classes": "个", "school.env_point_count": "个",
}
BASIS = {"teachers": "按教师人数", "schools": "按学校数量"}
BAND_LABELS = {"excellent": "优秀", "pass": "合格", "fail": "不合格"}
VALUE_KEYS = {  # keys inside mapping values
    "online_min": "线上", "practice_min": "实践", "total_min": "合计", "count_min": "至少", "count_max": "至多",
    "band": "等次", "score": "分数", "multimedia": "多媒体教学环境", "mixed": "混合学习环境",
    "smart": "智慧学习环境", "none": "无信息化环境", "peer": "教师互评", "leader": "考核领导评价",
    "excellent": "优秀", "pass": "合格", "fail": "不合格", "teachers": "教师", "total": "共",
    "substitute": "其中代课教师", "age_40_plus": "40岁以上", "age_under_40": "40岁以下", "min": "最少", "max": "最多",
    "year": "年份", "demonstration_schools": "示范校", "weak_schools": "薄弱学校",
    "code": "编号", "env": "环境", "classrooms_mixed": "混合学习环境教室", "counted": "计入学时", "met": "符合时间要求",
    "deadline": "期限", "practice_cases_by": "实践案例提交截止", "practice_end": "实践应用截止", "basis": "计数方式",
    "age_max": "年龄上限", "items": "须完成的项", "period_years": "周期（年）", "practice_ratio_min": "实践应用占比下限",
}
VALUE_WORDS = {  # words used as values inside readings
    "required": "按要求的总学时计", "actual": "按实际完成的总学时计", "side-by-side": "分别列出", "strict": "从严合成",
    "certifications": "按认证次数", "teachers": "按教师人数", "multimedia": "多媒体教学环境", "mixed": "混合学习环境",
    "smart": "智慧学习环境",
}
CONFLICT_KINDS = {
    "disagree": ("warning", "文件之间不一致"),
    "self-contradiction": ("warning", "同一文件前后不一致"),
    "table-mismatch": ("warning", "表格与正文不一致"),
    "open": ("info", "文件未规定"),
    "knock-on": ("warning", "两处问题叠加的结果"),
}
STATUS = {  # catalog entry status → (label, confirmed?)
    "seed": ("见于本站收录的原文", True),
    "source": ("见于公开资料", True),
    "unconfirmed": ("待核对", False),
    "unknown": ("未知", False),
}

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
ID_RE = re.compile(r"conflicts\.yaml|catalogs/([a-z0-9-]+)\.yaml|"
                   r"(?<![A-Za-z0-9_./-])([a-z][a-z0-9]*(?:[-_][a-z0-9]+)+)(?![A-Za-z0-9_-])")


def tidy(text: str) -> str:
    """Maintainers' asides a note may carry, in users' words: "（ratio_base=required）" goes, "null" is 空,
    "按 county 级" is 按县级, the catalog's status words are their Chinese labels."""
    text = re.sub(r"（[a-z_]+=[a-z_]+）", "", text)
    text = re.sub(r"（null）", "", text)
    text = re.sub(r"\bnull\b", "空", text)
    text = re.sub(r"按 ?(national|province|city|county|school) ?级",
                  lambda m: "按" + {"national": "国家", "province": "省", "city": "市", "county": "县",
                                    "school": "校"}[m.group(1)] + "级", text)
    text = re.sub(r"status 为 ", "可信程度分为", text)
    for word, label in (("seed", "“原文”"), ("source", "“公开资料”"), ("unconfirmed", "“待核对”"),
                        ("unknown", "“未知”"), ("candidates", "候选名称")):
        text = re.sub(r"(?<![A-Za-z_/.-])" + word + r"(?![A-Za-z_-])", label, text)
    for word, label in (("name_simplified", "简体名"), ("name", "名称"), ("teachers", "教师人数"),
                        ("age_min、age_max", "年龄上下限")):
        text = re.sub(r"(?<![A-Za-z_/.-])" + word + r"(?=（| 均)", label, text)
    return text.replace("本站本站", "本站").replace("reference/ability-points.md", "本站整理的微能力点资料")


class GuideError(Exception):
    """A page asks for something the data does not have."""


# --------------------------------------------------------------------------------------------------------------
# Escaping and small formatters
# --------------------------------------------------------------------------------------------------------------

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",  # HTML
            "|": "&#124;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;",  # Markdown
            "\\": "&#92;", "#": "&#35;", "{": "&#123;", "}": "&#125;", "~": "&#126;", "^": "&#94;"}


def esc(value: Any) -> str:
    """A data string made safe for HTML and for Markdown (tables, emphasis, links, attr_list, headings)."""
    text = re.sub(r"\s*\n\s*", " ", "" if value is None else str(value)).replace("（null）", "")
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def code(value: Any) -> str:
    """An inline code span (entities are not decoded inside code, so only backticks are removed)."""
    return "`" + str(value).replace("`", "") + "`"


def anchor_id(text: str) -> str:
    return re.sub(r"[\s#{}<>&\"']+", "", text)


def attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


def num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def pct(value: Any) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return esc(value)
    return num(round(value * 100, 2)) + "%"


def date_zh(value: Any) -> str:
    m = DATE_RE.match(str(value or ""))
    if not m:
        return esc(value)
    y, mo, d = m.groups()
    out = f"{int(y)}年"
    if mo:
        out += f"{int(mo)}月"
    if d:
        out += f"{int(d)}日"
    return out


def span(cls: str, text: str) -> str:
    return f'<span class="{cls}">{text}</span>'


def indent(text: str, n: int = 4) -> str:
    pad = " " * n
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def ul(items: list[str], ordered: bool = False) -> str:
    """A list that may stand inside a table cell: spans with list roles (block tags such as <ul> would end the
    cell's Markdown table inside md_in_html blocks)."""
    if not items:
        return ""
    cls = "tg-list tg-list--ol" if ordered else "tg-list"
    return (f'<span class="{cls}" role="list">'
            + "".join(f'<span class="tg-li" role="listitem">{i}</span>' for i in items) + "</span>")


def cell(label: str) -> str:
    """A column label inside a cell, shown only where a narrow screen stacks the table's cells."""
    return f'<span class="tg-cell-label">{label}：</span>'


def stack(table: str) -> str:
    """Wrap a Markdown table so that a phone shows each row as a card (see guide.css)."""
    return '<div class="tg-stack" markdown>\n\n' + table + "\n\n</div>"


def ordered(mapping: dict[str, Any]) -> list[tuple[str, Any]]:
    """A mapping's items in reading order (the snapshot sorts keys alphabetically): known keys as VALUE_KEYS
    lists them, then years and other keys in order."""
    order = list(VALUE_KEYS)
    return sorted(((k, v) for k, v in mapping.items() if k != "source"),
                  key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), str(kv[0])))


def is_num(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --------------------------------------------------------------------------------------------------------------
# The guide
# --------------------------------------------------------------------------------------------------------------


class Guide:
    """Renders guide pages from a snapshot. `page_src` is the page's path under docs/ (for relative links) and
    `site_root` the relative path from the page's URL to the site root (for raw HTML links and scripts)."""

    def __init__(self, data: dict[str, Any], page_src: str = "index.md", site_root: str = "./",
                 runtime: dict[str, str] | None = None):
        self.data = data
        self.sources: dict[str, Any] = data.get("sources") or {}
        self.profiles: dict[str, Any] = data.get("profiles") or {}
        self.catalogs: dict[str, Any] = data.get("catalogs") or {}
        self.conflicts: list[dict[str, Any]] = list(data.get("conflicts") or [])
        self.glossary: list[dict[str, Any]] = list(data.get("glossary") or [])
        self.tables: dict[str, Any] = data.get("tables") or {}
        self.page_src = page_src
        self.site_root = site_root
        self.runtime = runtime or {}
        self.conflict_ids = {c.get("id"): c for c in self.conflicts}
        self.doc_profile: dict[Any, str] = {}
        for pid, p in self.profiles.items():
            self.doc_profile.setdefault(p.get("doc"), pid)

    # ---------- links and names ----------

    def link(self, text_html: str, target: str, anchor: str = "") -> str:
        """A Markdown link from this page to docs/<target> (a .md path)."""
        here = posixpath.dirname(self.page_src)
        rel = posixpath.relpath(target, here or ".")
        return f"[{text_html}]({rel}{'#' + anchor if anchor else ''})"

    def url(self, target_dir: str, anchor: str = "") -> str:
        """A URL from this page to a directory-style page, for raw HTML (where Markdown links are not processed)."""
        return f"{self.site_root}{target_dir}{'#' + anchor if anchor else ''}"

    def ordered_profiles(self) -> list[str]:
        def key(pid: str) -> tuple[int, str]:
            p = self.profiles[pid]
            level = LEVEL_ORDER.index(p["level"]) if p.get("level") in LEVEL_ORDER else len(LEVEL_ORDER)
            return (level, pid)

        return sorted(self.profiles, key=key)

    def short(self, pid: str) -> str:
        p = self.profiles.get(pid) or {}
        return esc(p.get("short_title") or p.get("title") or pid)

    def profile_link(self, pid: str, anchor: str = "", text: str | None = None) -> str:
        return self.link(text if text is not None else self.short(pid), f"profiles/{pid}.md", anchor)

    def doc_name(self, doc_id: str | None) -> str:
        """A document's short name: its profile's short title, or its title from sources.yaml."""
        if doc_id in self.doc_profile:
            return self.short(self.doc_profile[doc_id])
        src = self.sources.get(doc_id or "") or {}
        return "《" + esc(src.get("title") or doc_id) + "》"

    def rich(self, text: Any) -> str:
        """Escaped note text in which ids of profiles, documents, conflicts and catalogs become names and links,
        and rule keys (share_base) become their Chinese labels."""
        raw = tidy("" if text is None else str(text))
        out, pos = [], 0
        for m in ID_RE.finditer(raw):
            out += [esc(raw[pos:m.start()]), self.token(m)]
            pos = m.end()
        out.append(esc(raw[pos:]))
        return "".join(out)

    def key_label(self, key: str) -> str | None:
        for labels in RULE_LABELS.values():
            if key in labels:
                return labels[key]
        return None

    def token(self, m: re.Match[str]) -> str:
        """One id or key found in a note, as a name or link."""
        if m.group(0) == "conflicts.yaml":
            return self.link("“不一致与未规定”页", "guide/conflicts.md")
        if m.group(1):  # catalogs/<id>.yaml
            cid = m.group(1)
            title = esc((self.catalogs.get(cid) or {}).get("title") or "能力点目录")
            return self.link(title, "guide/catalog.md", f"catalog-{cid}")
        ident = m.group(2)
        if ident in self.conflict_ids:
            title = esc(self.conflict_ids[ident].get("title") or ident)
            return self.link(title, "guide/conflicts.md", ident)
        if ident in self.profiles:
            return self.profile_link(ident)
        if ident in self.sources:
            return self.doc_name(ident)
        if ident in self.catalogs:
            return self.link(esc(self.catalogs[ident].get("title") or ident), "guide/catalog.md", f"catalog-{ident}")
        label = self.key_label(ident)
        if label:
            return f"“{esc(label)}”"
        return esc(m.group(0))

    def cite(self, src: dict[str, Any] | None, this_doc: str | None = None) -> str:
        """依据: document, section and the exact quote."""
        if not isinstance(src, dict):
            return span("tg-open", "未注明出处")
        doc = src.get("doc")
        name = "本文件" if this_doc and doc == this_doc else self.doc_name(doc)
        carried = bool(src.get("via")) and src.get("via") != doc  # known only through a document that quotes it
        parts = [span("tg-cite-doc", name)]
        if src.get("section") and not carried:
            parts.append(span("tg-cite-sec", self.rich(src["section"])))
        out = " ".join(parts)
        if src.get("quote"):
            out += f'：<span class="tg-quote">“{esc(src["quote"])}”</span>'
        if carried:
            where = f"{self.doc_name(src['via'])}" + (f"{self.rich(src['section'])}" if src.get("section") else "")
            out += span("tg-via", f"（原文不在本站，经{where}转述）")
        return out

    def origin(self, rule: dict[str, Any], anchor: str = "") -> str:
        """来源: this document, or the ancestor it is inherited from (linked to that rule)."""
        parent = rule.get("inherited_from")
        if not parent:
            return span("tg-origin tg-origin--own", "本文件")
        return (f'<span class="tg-origin tg-origin--inherited" data-from="{attr(parent)}">沿用上级文件</span> '
                + self.profile_link(parent, anchor))

    # ---------- values ----------

    def label(self, section: str, key: str) -> str:
        return esc(RULE_LABELS.get(section, {}).get(key) or f"{section}.{key}")

    def rule_keys(self, section: str, rules: dict[str, Any]) -> list[str]:
        known = [k for k in RULE_LABELS.get(section, {}) if k in rules]
        return known + sorted(k for k in rules if k not in known)

    def catalog_for(self, pid: str | None) -> dict[str, Any]:
        p = self.profiles.get(pid or "") or {}
        cat = self.catalogs.get(p.get("catalog") or "")
        if cat is None and self.catalogs:
            cat = next(iter(self.catalogs.values()))
        return cat or {}

    def env_label(self, env_id: Any, cat: dict[str, Any]) -> str:
        for e in cat.get("environments") or []:
            if e.get("id") == env_id:
                return esc(e.get("label") or env_id)
        return esc(env_id)

    def dim_label(self, dim_id: Any, cat: dict[str, Any]) -> str:
        for d in cat.get("dimensions") or []:
            if d.get("id") == dim_id:
                return esc(d.get("label") or dim_id)
        return esc(dim_id)

    def item_cite(self, item: Any, this_doc: str | None) -> str:
        if isinstance(item, dict) and isinstance(item.get("source"), dict):
            return " " + span("tg-item-cite", "（" + self.cite(item["source"], this_doc) + "）")
        return ""

    def generic(self, value: Any) -> str:
        if value is None:
            return span("tg-open", "未规定")
        if isinstance(value, bool):
            return "可以" if value else "不可以"
        if is_num(value):
            return num(value)
        if isinstance(value, str):
            return date_zh(value) if DATE_RE.match(value) and "-" in value else esc(VALUE_KEYS.get(value, value))
        if isinstance(value, dict):
            parts = []
            for k, v in ordered(value):
                name = f"{int(k)}年" if str(k).isdigit() else esc(VALUE_KEYS.get(k, k))
                parts.append(f"{name}：{self.generic(v)}")
            return "；".join(parts)
        if isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value):
                return "、".join(self.generic(v) for v in value)
            return ul([self.generic(v) for v in value])
        return esc(value)

    def age_rules(self, rules: Any) -> str:
        parts = []
        for r in rules or []:
            lo, hi = r.get("age_min"), r.get("age_max")
            who = (f"{num(lo)}岁及以上" if hi is None else f"{num(hi)}岁及以下" if lo is None
                   else f"{num(lo)}～{num(hi)}岁")
            need = f"不少于{num(r.get('count_min'))}个" if r.get("count_min") is not None else "未规定"
            parts.append(f"{who}：{need}")
        return "；".join(parts)

    def bands(self, bands: Any) -> str:
        parts = []
        for b in bands or []:
            lo, hi = b.get("min"), b.get("max")
            rng = []
            if lo is not None:
                rng.append(f"{num(lo)} {'≤' if b.get('min_inclusive') else '<'} 得分")
            if hi is not None:
                rng.append(f"{'得分 ' if lo is None else ''}{'≤' if b.get('max_inclusive') else '<'} {num(hi)}")
            text = " ".join(rng) if rng else "未规定"
            parts.append(f"{esc(b.get('label') or BAND_LABELS.get(b.get('band'), b.get('band')))}：{text}")
        return "；".join(parts)

    def value(self, section: str, key: str, rule: dict[str, Any], pid: str | None = None,
              this_doc: str | None = None, brief: bool = False) -> str:
        """What a rule requires, in words. `brief` gives a one-line form for the comparison."""
        text = self._value(section, key, rule, pid, this_doc, brief)
        if rule.get("caveat") and not brief:
            text += " " + span("tg-caveat", f"（{esc(rule['caveat'])}）")
        return text

    def _value(self, section: str, key: str, rule: dict[str, Any], pid: str | None = None,
               this_doc: str | None = None, brief: bool = False) -> str:
        v = rule.get("value")
        chosen = next((r for r in rule.get("readings") or [] if r.get("id") == rule.get("reading")), None)
        if chosen is not None and isinstance(v, str) and not DATE_RE.match(v):
            return esc(chosen.get("label") or "")  # a reading named by a word, not a number or a date
        unit = esc(rule.get("unit") or DEFAULT_UNITS.get(f"{section}.{key}", ""))
        cat = self.catalog_for(pid)
        if v is None:
            return span("tg-open", "文件未规定")
        if is_num(v):
            text = pct(v) if key in FRACTION_KEYS else f"{num(v)}{unit}"
            if key in FRACTION_KEYS and key.endswith("_min") and v >= 1:
                return text  # "100%" is all, not "at least 100%"
            if key.endswith("_min") and key not in ("period_years",):
                return f"不少于{text}"
            if key.endswith("_max"):
                return f"不超过{text}"
            return text
        if isinstance(v, str):
            if key in DATE_KEYS or DATE_RE.match(v):
                return date_zh(v) + DATE_KEYS.get(key, "")
            if section == "rollout" and key == "basis":
                return esc(BASIS.get(v, v))
            if section == "rollout" and key == "table":
                return "见下方任务表" if not brief else "有（见文件页）"
            return esc(v)
        if section == "rollout" and key == "shares" and isinstance(v, dict):
            return "；".join(f"{esc(y)}年 {pct(s)}" for y, s in v.items())
        if section == "rollout" and key == "table_totals" and isinstance(v, dict):
            parts = [f"教师 {num(v['teachers'])}人"] if "teachers" in v else []
            parts += [f"{esc(y)}年 {num(n)}人" for y, n in v.items() if y != "teachers"]
            return "；".join(parts)
        if section == "rollout" and key == "pilot" and isinstance(v, dict):
            head = f"{num(v.get('year'))}年：" if v.get("year") is not None else ""
            if isinstance(v.get("groups"), list):
                groups = [f"{esc(g.get('name_simplified') or g.get('name'))} {num(g.get('teachers'))}人"
                          for g in v["groups"]]
                return head + "、".join(groups)
            return head + "、".join(f"{esc(VALUE_KEYS.get(k, k))} {num(x)}所" for k, x in ordered(v) if k != "year")
        if section == "points" and key == "age_rules":
            return self.age_rules(v) + ("（按文件自己的编号计项）" if (self.profiles.get(pid or "") or {}).get(
                "points", {}).get("items") else "")
        if section == "points" and key == "items" and isinstance(v, list):
            title = esc(rule.get("list_title") or "文件的编号")
            pairs = [f"{esc(i.get('item'))} → {'、'.join(esc(c) for c in i.get('codes') or [])}" for i in v]
            return f"{len(v)}项（{title}）：" + "；".join(pairs) + "。个数规则都按这些项计"
        if section == "hours" and key == "windows" and isinstance(v, list):
            out = []
            for w in v:
                when = (f"{date_zh(w['start'])}至{date_zh(w['end'])}" if w.get("start") and w.get("end")
                        else f"{date_zh(w['end'])}前" if w.get("end") else f"{date_zh(w['start'])}起")
                how = "须在此期间完成" if w.get("binding") else "此后的记录只作提醒"
                out.append(f"{esc(w.get('label') or '')}：{when}（{how}）")
            return "；".join(out)
        if section == "points" and key == "school_range" and isinstance(v, list):
            names = {p.get("code"): p.get("name") for p in cat.get("points") or []}
            if brief:
                return "、".join(esc(c) for c in v)
            items = [f"{esc(c)} {esc(names[c]) if names.get(c) else span('tg-open', '名称待核对')}" for c in v]
            return "、".join(items) + "（" + self.link("见能力点目录", "guide/catalog.md") + "）"
        if section == "school" and key == "environments" and isinstance(v, list):
            return "、".join(self.env_label(e, cat) for e in v)
        if section == "school" and key == "classrooms" and isinstance(v, dict):
            return "；".join(f"{esc(VALUE_KEYS.get(k, k))} {num(n) + '间' if n is not None else span('tg-open', '未填')}"
                            for k, n in ordered(v))
        if section == "school" and key == "teachers" and isinstance(v, dict):
            return "；".join(f"{esc(VALUE_KEYS.get(k, k))} {num(n) + '人' if n is not None else '未填'}"
                            for k, n in ordered(v))
        if isinstance(v, dict) and set(v) <= {"min", "max"}:
            return f"{num(v.get('min'))}～{num(v.get('max'))}{unit}"
        if section == "grading" and key == "bands":
            return self.bands(v)
        if isinstance(v, list) and brief:
            labels = [esc(i.get("label") or i.get("name") or i.get("role") or i.get("rule") or "")
                      for i in v if isinstance(i, dict)] or [esc(i) for i in v if isinstance(i, str)]
            labels = [x for x in labels if x]
            if section == "grading" and key == "components":
                labels = [f"{esc(i.get('label'))} {pct(i.get('weight'))}" for i in v]
            if section == "grading" and key == "final_composition":
                labels = [f"{esc(i.get('label'))}（权重{pct(i['weight']) if i.get('weight') is not None else '未规定'}）"
                          for i in v]
            if labels and len(labels) <= 5 and key not in ("evidence_rules",):
                return "、".join(labels)
            return f"{len(v)}项（见文件页）"
        if section == "grading" and key == "components" and isinstance(v, list):
            return ul([f"<strong>{esc(c.get('label'))}</strong> {pct(c.get('weight'))}："
                       f"{'；'.join(esc(r) for r in c.get('requires') or [])}{self.item_cite(c, this_doc)}" for c in v])
        if section == "grading" and key == "final_composition" and isinstance(v, list):
            return ul([f"{esc(c.get('label'))}：权重"
                       f"{pct(c['weight']) if c.get('weight') is not None else span('tg-open', '未规定')}" for c in v])
        if section == "grading" and key == "deductions" and isinstance(v, list):
            return ul([f"{esc(d.get('label'))}：{esc(d.get('per') or '')}"
                       f"{'扣' if (d.get('points') or 0) < 0 else '加'}{num(abs(d.get('points') or 0))}分"
                       f"{self.item_cite(d, this_doc)}" for d in v])
        if section == "grading" and key == "standard_areas" and isinstance(v, list):
            items = [f"<strong>{esc(a.get('label'))}</strong>：{'；'.join(esc(i) for i in a.get('items') or [])}"
                     f"{self.item_cite(a, this_doc)}" for a in v]
            out = ul(items)
            lr = rule.get("level_rule")
            if isinstance(lr, dict):
                lv = lr.get("value") or {}
                levels = "；".join(f"{BAND_LABELS.get(b, esc(b))}："
                                  f"{esc(t) if t is not None else span('tg-open', '未规定')}" for b, t in lv.items())
                out += f'<span class="tg-sub tg-block">各方面的等次：{levels}（{self.cite(lr.get("source"), this_doc)}）'
                if lr.get("note"):
                    out += f"<br>{span('tg-note', '说明：' + self.rich(lr['note']))}"
                out += "</span>"
            return out
        if section == "grading" and key == "evidence_rules" and isinstance(v, list):
            return ul([f"{esc(r.get('rule'))}{self.item_cite(r, this_doc)}" for r in v])
        if section == "grading" and key == "process" and isinstance(v, list):
            return ul([f"<strong>{esc(s.get('label'))}</strong>：{esc(s.get('note') or '')}{self.item_cite(s, this_doc)}"
                       for s in v], ordered=True)
        if section == "grading" and key == "hand_in" and isinstance(v, list):
            return "、".join(f"{esc(i.get('label'))}{num(i.get('count') or 1)}{esc(i.get('unit') or '')}" for i in v)
        if section == "grading" and key == "evidence_forms" and isinstance(v, list):
            return "、".join(esc(f) for f in v) + "等"
        if section == "grading" and key == "point_grade_rule" and isinstance(v, dict):
            return "全部证据优秀，能力点才为优秀；任一证据不合格，能力点不合格；其余为合格"
        if section == "grading" and key == "grade_levels" and isinstance(v, list):
            text = "、".join(esc(g.get("label") or BAND_LABELS.get(g.get("band"), g.get("band"))) for g in v)
            if rule.get("assessor"):
                text += f"（评定：{esc(rule['assessor'])}）"
            return text + "；没有分数线"
        return self.generic(v)

    def readings(self, rule: dict[str, Any], pid: str, section: str, key: str, this_doc: str | None) -> str:
        """A rule with two readings: list them all, mark the default, and link the conflict."""
        rd = rule.get("readings")
        if not rd:
            return ""
        items = []
        for r in rd:
            tag = " " + span("tg-badge tg-badge--default", "本站默认") if r.get("id") == rule.get("reading") else ""
            items.append(f"{esc(r.get('label'))}{tag}{self.item_cite(r, this_doc)}")
        conflict = self.conflict_for(pid, rd)
        more = ""
        if conflict:
            more = "，详见" + self.link(esc(conflict.get("title")), "guide/conflicts.md", conflict["id"])
        return (f'<span class="tg-readings tg-block"><strong>⚠ 文件有{len(rd)}种读法</strong>{more}：'
                + ul(items) + "</span>")

    def conflict_for(self, pid: str, readings: list[dict[str, Any]]) -> dict[str, Any] | None:
        ids = {r.get("id") for r in readings}
        for c in self.conflicts:
            if pid in (c.get("profiles") or []) and ids & {r.get("id") for r in c.get("readings") or []}:
                return c
        return None

    # ---------- profile page ----------

    def profile(self, pid: str) -> dict[str, Any]:
        if pid not in self.profiles:
            raise GuideError(f"{self.page_src}: 政策 id “{pid}”不在 data/profiles/ 中；可用：{', '.join(self.profiles)}")
        return self.profiles[pid]

    def rule_table(self, pid: str, section: str) -> str:
        prof = self.profile(pid)
        rules = prof.get(section) or {}
        this_doc = prof.get("doc")
        rows = ["| 规则 | 要求 | 依据（文件、条款、原文） | 来源 |", "| --- | --- | --- | --- |"]
        for key in self.rule_keys(section, rules):
            rule = rules[key]
            anchor = f"{section}-{key}"
            req = self.value(section, key, rule, pid, this_doc)
            req += self.readings(rule, pid, section, key, this_doc)
            if rule.get("note"):
                req += span("tg-note tg-block", "说明：" + self.rich(rule["note"]))
            rows.append(f'| <span class="tg-anchor" id="{attr(anchor)}"></span>**{self.label(section, key)}** '
                        f"| {cell('要求')}{req} | {cell('依据')}{self.cite(rule.get('source'), this_doc)} "
                        f"| {cell('来源')}{self.origin(rule, anchor)} |")
        return stack("\n".join(rows))

    def document_table(self, pid: str) -> str:
        """A table from tables/ that a rollout rule points to, with the totals row the document states."""
        prof = self.profile(pid)
        rollout = prof.get("rollout") or {}
        ref = (rollout.get("table") or {}).get("value")
        if not ref:
            return ""
        name = Path(str(ref)).stem
        table = self.tables.get(name)
        if not table:
            return f'!!! warning "找不到任务表"\n    data/tables/ 中没有 {esc(ref)}。'
        cols = [c for c in table["columns"] if c != "name"]
        heads = {"name_simplified": "区县", "teachers": "专任教师（人）"}
        out = [f"### {self.label('rollout', 'table')} {{#rollout-table-data}}", ""]
        src = (rollout.get("table") or {}).get("source")
        out.append(f"依据：{self.cite(src, prof.get('doc'))}。空格表示该年没有任务；区县名按简体写，原文为繁体。")
        out.append("")
        out.append("| " + " | ".join(heads.get(c, f"{esc(c)}年" if c.isdigit() else esc(c)) for c in cols) + " |")
        out.append("|" + " --- |" * len(cols))
        for row in table["rows"]:
            out.append("| " + " | ".join(esc(row.get(c) or "") for c in cols) + " |")
        totals = (rollout.get("table_totals") or {}).get("value")
        if isinstance(totals, dict):
            cells = []
            for c in cols:
                if c == "name_simplified":
                    cells.append("**合计（原表）**")
                else:
                    cells.append(f"**{num(totals[c])}**" if c in totals else "")
            out.append("| " + " | ".join(cells) + " |")
        return "\n".join(out)

    def timeline(self, pid: str) -> str:
        prof = self.profile(pid)
        this_doc = prof.get("doc")
        out: list[str] = []
        dates = []
        for section, key in (("hours", "period_start"), ("hours", "deadline"), ("grading", "assessment_deadline"),
                             ("rollout", "deadline")):
            rule = (prof.get(section) or {}).get(key)
            if rule:
                dates.append(f"- **{self.label(section, key)}**：{self.value(section, key, rule, pid, this_doc)}"
                             f"（{self.cite(rule.get('source'), this_doc)}；"
                             f"{self.origin(rule, f'{section}-{key}')}）")
        if dates:
            out += ["**关键日期**", "", *dates, ""]
        phases_rule = (prof.get("timeline") or {}).get("phases")
        if not phases_rule or not phases_rule.get("value"):
            out.append("本文件没有列出实施阶段。" if not phases_rule else
                       f"本文件没有列出实施阶段：{self.rich(phases_rule.get('note') or '')}")
            return "\n".join(out)
        anchor = "timeline-phases"
        out.append(f'<span class="tg-anchor" id="{anchor}"></span>来源：{self.origin(phases_rule, anchor)}；'
                   f"依据：{self.cite(phases_rule.get('source'), this_doc)}")
        out.append("")
        out += ['<div class="tg-stack" markdown>', "", "| 阶段 | 起止 | 主要任务 | 依据 |", "| --- | --- | --- | --- |"]
        for ph in phases_rule["value"]:
            start, end = ph.get("start"), ph.get("end")
            when = date_zh(start) if start == end else f"{date_zh(start)} 至 {date_zh(end)}"
            tasks = ul([esc(t) for t in ph.get("tasks") or []])
            cite = self.cite(ph.get("source"), this_doc) if ph.get("source") else "同上"
            out.append(f"| **{esc(ph.get('name'))}** | {cell('起止')}{when} | {cell('主要任务')}{tasks} "
                       f"| {cell('依据')}{cite} |")
        out += ["", "</div>"]
        if phases_rule.get("note"):
            out += ["", f"说明：{self.rich(phases_rule['note'])}"]
        return "\n".join(out)

    def roles(self, pid: str) -> str:
        prof = self.profile(pid)
        this_doc = prof.get("doc")
        rule = (prof.get("roles") or {}).get("roles")
        if not rule or not rule.get("value"):
            return "本文件没有写明各岗位的职责。"
        anchor = "roles-roles"
        out = [f'<span class="tg-anchor" id="{anchor}"></span>来源：{self.origin(rule, anchor)}；'
               f"依据：{self.cite(rule.get('source'), this_doc)}", "",
               '<div class="tg-stack" markdown>', "", "| 岗位 | 职责 | 依据 |", "| --- | --- | --- |"]
        for r in rule["value"]:
            cite = self.cite(r.get("source"), this_doc) if r.get("source") else "同上（本节总依据）"
            out.append(f"| **{esc(r.get('role'))}** | {cell('职责')}{esc(r.get('duties'))} | {cell('依据')}{cite} |")
        out += ["", "</div>"]
        if rule.get("note"):
            out += ["", f"说明：{self.rich(rule['note'])}"]
        return "\n".join(out)

    def audience_of(self, section: str, key: str) -> str | None:
        full = f"{section}.{key}"
        for aud, keys in (("teacher", TEACHER_KEYS), ("school", SCHOOL_KEYS), ("office", OFFICE_KEYS)):
            if full in keys or f"{section}.*" in keys:
                return aud
        return None

    def hours_sentence(self, pid: str) -> str:
        """One sentence: how many hours, split how, by when."""
        prof = self.profile(pid)
        h = prof.get("hours") or {}

        def val(k: str) -> Any:
            return (h.get(k) or {}).get("value")

        total, online, practice = val("total_min"), val("online_min"), val("practice_min")
        ratio, years, deadline = val("practice_ratio_min"), val("period_years"), val("deadline")
        if total is None:
            return ""
        unit = esc((h.get("total_min") or {}).get("unit") or "学时")
        when = (f"在{date_zh(deadline)}前" if deadline else (f"在{num(years)}年内" if years else ""))
        s = f"每位教师{when}完成不少于{num(total)}{unit}的培训"
        parts = []
        if online is not None:
            parts.append(f"线上研修不少于{num(online)}{unit}")
        if practice is not None:
            parts.append(f"实践应用不少于{num(practice)}{unit}")
        if ratio is not None:
            parts.append(f"实践应用占比不少于{pct(ratio)}")
        if parts:
            s += "，其中" + "、".join(parts)
        s += "。"
        if deadline is None:
            s += "文件没有写明完成期限。"
        return s

    def essentials(self, pid: str) -> str:
        """Content tabs: what it means for you (by whom) and the document's own words."""
        prof = self.profile(pid)
        this_doc = prof.get("doc")
        groups: dict[str, list[str]] = {a: [] for a, _ in AUDIENCES}
        quotes: list[str] = []
        for section in SECTION_ORDER:
            rules = prof.get(section) or {}
            for key in self.rule_keys(section, rules):
                aud = self.audience_of(section, key)
                if aud is None:
                    continue
                rule = rules[key]
                anchor = f"{section}-{key}"
                mark = "" if not rule.get("inherited_from") else " " + span("tg-origin tg-origin--inherited",
                                                                              "沿用上级文件")
                text = self.value(section, key, rule, pid, this_doc, brief=True)
                groups[aud].append(f"- {self.link(self.label(section, key), self.page_src_rel(), anchor)}："
                                   f"{text}{mark}")
                src = rule.get("source") or {}
                if rule.get("value") is not None and src.get("quote"):
                    quotes.append(f"- **{self.label(section, key)}**：{self.cite(src, this_doc)}")
        hours = self.hours_sentence(pid)
        means: list[str] = []
        if hours:
            means += [f"**一句话**：{hours}", ""]
        for aud, name in AUDIENCES:
            if groups[aud]:
                means += [f"**对{name}**", "", *groups[aud], ""]
        roles = ((prof.get("roles") or {}).get("roles") or {}).get("value") or []
        if roles:
            means.append(f"各岗位职责见{self.link('职责分工', self.page_src_rel(), 'roles')}"
                         f"（{len(roles)}个岗位）。")
        if not quotes:
            quotes = ["本文件没有可引用的具体条文。"]
        return "\n".join([
            '=== "对你意味着什么"', "",
            indent('<p class="tg-tab-lead">按对象列出本文件的要求（含沿用上级文件的规定）；点击规则名查看条款和原文。</p>'), "",
            indent("\n".join(means).strip()), "",
            '=== "文件原文"', "",
            indent('<p class="tg-tab-lead">上面各项要求在文件中的原话：</p>'), "",
            indent("\n".join(quotes)), "",
        ])

    def page_src_rel(self) -> str:
        return self.page_src

    def open_rules(self, pid: str) -> list[str]:
        prof = self.profile(pid)
        items = []
        for section in (*SECTION_ORDER, "timeline", "roles"):
            rules = prof.get(section) or {}
            for key in self.rule_keys(section, rules):
                rule = rules[key]
                if rule.get("value") is None:
                    where = "" if not rule.get("inherited_from") else \
                        f"（上级文件{self.profile_link(rule['inherited_from'])}也未规定）"
                    items.append(f"- {self.link(self.label(section, key), self.page_src, f'{section}-{key}')}{where}："
                                 f"{self.rich(rule.get('note') or '文件未写明。')}")
        return items

    def conflict_admonition(self, c: dict[str, Any], pid: str | None = None) -> str:
        kind, title = CONFLICT_KINDS.get(c.get("kind"), ("warning", "说法不一致"))
        others = [p for p in c.get("profiles") or [] if p != pid]
        body = [self.rich(c.get("summary") or "")]
        if others:
            body += ["", "涉及：" + "、".join(self.profile_link(p) for p in others)]
        body += ["", "读法：", ""]
        for r in c.get("readings") or []:
            body.append(f"- {esc(r.get('label'))}：{self.cite(r.get('source'), None)}")
        body += ["", self.link(f"本站怎样处理：{esc(self.default_text(c))}", "guide/conflicts.md", c.get("id", ""))]
        head = f'!!! {kind} "{title}：{attr(c.get("title"))}"'
        return head + "\n\n" + indent("\n".join(body))

    def default_text(self, c: dict[str, Any]) -> str:
        default = c.get("default")
        for r in c.get("readings") or []:
            if r.get("id") == default:
                return f"默认采用“{r.get('label')}”"
        return str(default or "未定")

    def profile_page(self, pid: str) -> str:
        prof = self.profile(pid)
        src = self.sources.get(prof.get("doc") or "") or {}
        lineage = prof.get("lineage") or [pid]
        out = [f"# {esc(prof.get('title'))}", ""]
        if prof.get("title_original"):
            out += [f"原文标题：{esc(prof['title_original'])}", ""]
        meta = [
            ("发文机关", esc(prof.get("issuer") or src.get("issuer")) or span("tg-open", "未载明")),
            ("文号", esc(prof.get("doc_no")) if prof.get("doc_no") else span("tg-open", "文件未载明")),
            ("日期", date_zh(prof.get("date")) if prof.get("date") else span("tg-open", "文件未载明")),
            ("层级与地区", f"{LEVELS.get(prof.get('level'), esc(prof.get('level')))} · "
                        f"{esc(prof.get('region')) if prof.get('region') else span('tg-open', '文件未载明')}"),
        ]
        if len(lineage) > 1:
            chain = " → ".join(self.profile_link(p) for p in lineage[1:])
            meta.append(("沿用关系", f"本文件没有规定的，沿用 {chain}（下表中标为“沿用上级文件”）"))
        else:
            meta.append(("沿用关系", "不沿用其他文件：本页只列本文件自己的规定"))
        if src.get("notes"):
            meta.append(("关于这份文件", self.rich(src["notes"])))
        out += ["| 项目 | 内容 |", "| --- | --- |", *[f"| {k} | {v} |" for k, v in meta], ""]
        if prof.get("summary"):
            out += ['!!! abstract "概要"', "", indent(self.rich(prof["summary"])), ""]
        out += ["## 要点：要求什么、何时完成、由谁负责 {#essentials}", "", self.essentials(pid), ""]

        for section in SECTION_ORDER:
            if not prof.get(section):
                continue
            out += [f"## {SECTION_TITLES[section]} {{#{section}}}", ""]
            if section == "points":
                cat = self.catalog_for(pid)
                if cat:
                    out += [f"本文件使用的能力点目录："
                            + self.link(esc(cat.get("title") or cat.get("id")), "guide/catalog.md",
                                        f"catalog-{cat.get('id')}") + "。", ""]
            out += [self.rule_table(pid, section), ""]
            if section == "rollout":
                extra = self.document_table(pid)
                if extra:
                    out += [extra, ""]
        out += ["## 时间安排 {#timeline}", "", self.timeline(pid), ""]
        out += ["## 职责分工 {#roles}", "", self.roles(pid), ""]

        out += ["## 不一致与未规定之处 {#gaps}", ""]
        mine = [c for c in self.conflicts if pid in (c.get("profiles") or [])]
        open_items = self.open_rules(pid)
        if not mine and not open_items:
            out += ["本站没有发现本文件与其他文件不一致或未规定之处。", ""]
        for c in mine:
            out += [self.conflict_admonition(c, pid), ""]
        if open_items:
            out += ['!!! info "文件未规定"', "",
                    indent("下列规则文件没有给出具体要求。用自查工具时，工具会请你自己填写或选择。"), "",
                    indent("\n".join(open_items)), ""]
        out += ["## 关于本页 {#about-page}", "",
                "本页由本站收录的这份文件整理而成，其中每条规则都带有出处和原文；"
                "“沿用上级文件”的规则来自上级政策文件的数据，本文件没有另作规定。"
                "数据怎样组织、学校怎样添加自己的文件，见" + self.link("关于数据", "about/data.md") + "。", ""]
        return "\n".join(out)

    # ---------- comparison ----------

    def compare_page(self) -> str:
        pids = self.ordered_profiles()
        head = "| 规则 | " + " | ".join(self.profile_link(p) for p in pids) + " |"
        facts_head = "| 项目 | " + " | ".join(self.profile_link(p) for p in pids) + " |"
        sep = "| --- |" + " --- |" * len(pids)
        out = ['<p class="tg-legend">图例：' + span("tg-origin tg-origin--own", "本文件") + " 该文件自己的规定；"
               + span("tg-origin tg-origin--inherited", "沿用") + " 沿用上级文件；" + span("tg-open", "文件未规定")
               + " 文件提到但没有给出具体要求；— 文件没有涉及。点击单元格中的数值可以看到原文依据。</p>", ""]
        # document facts
        out += ["## 文件信息 {#docs}", "", '<div class="tg-compare" markdown>', "", facts_head, sep]
        facts = [
            ("发文机关", lambda p: esc(p.get("issuer")) if p.get("issuer") else span("tg-open", "未载明")),
            ("文号", lambda p: esc(p.get("doc_no")) if p.get("doc_no") else span("tg-open", "未载明")),
            ("日期", lambda p: date_zh(p.get("date")) if p.get("date") else span("tg-open", "未载明")),
            ("层级", lambda p: LEVELS.get(p.get("level"), esc(p.get("level")))),
            ("地区", lambda p: esc(p.get("region")) if p.get("region") else span("tg-open", "未载明")),
            ("沿用", lambda p: self.profile_link(p["extends"]) if p.get("extends") else "—"),
        ]
        for name, fn in facts:
            out.append(f"| **{name}** | " + " | ".join(fn(self.profiles[p]) for p in pids) + " |")
        out += ["", "</div>", ""]
        for section in (*SECTION_ORDER, "timeline", "roles"):
            keys: list[str] = []
            for p in pids:
                for k in self.rule_keys(section, self.profiles[p].get(section) or {}):
                    if k not in keys:
                        keys.append(k)
            if not keys:
                continue
            order = list(RULE_LABELS.get(section, {}))
            keys.sort(key=lambda k: (order.index(k) if k in order else len(order), k))
            out += [f"## {SECTION_TITLES[section]} {{#{section}}}", "",
                    '<div class="tg-compare" markdown>', "", head, sep]
            for k in keys:
                cells = []
                for p in pids:
                    rule = (self.profiles[p].get(section) or {}).get(k)
                    cells.append(self.compare_cell(p, section, k, rule))
                out.append(f'| <span class="tg-anchor" id="{attr(section + "-" + k)}"></span>'
                           f"**{self.label(section, k)}** | " + " | ".join(cells) + " |")
            out += ["", "</div>", ""]
        return "\n".join(out)

    def compare_cell(self, pid: str, section: str, key: str, rule: dict[str, Any] | None) -> str:
        if rule is None:
            return '<span class="tg-none" title="文件没有涉及">—</span>'
        anchor = f"{section}-{key}"
        if section == "timeline" and key == "phases" and isinstance(rule.get("value"), list):
            ph = rule["value"]
            text = (f"{len(ph)}个阶段，{date_zh(ph[0].get('start'))}至{date_zh(ph[-1].get('end'))}"
                    if ph else "未列出")
        elif section == "roles" and isinstance(rule.get("value"), list):
            text = f"{len(rule['value'])}个岗位"
        else:
            text = self.value(section, key, rule, pid, None, brief=True)
        if rule.get("value") is not None:
            text = self.link(text, f"profiles/{pid}.md", anchor)
        else:
            text = self.link(text, f"profiles/{pid}.md", anchor)
        marks = []
        if rule.get("inherited_from"):
            marks.append(span("tg-origin tg-origin--inherited", "沿用"))
        if rule.get("readings"):
            marks.append(span("tg-badge tg-badge--check", f"{len(rule['readings'])}种读法"))
        return text + ("<br>" + " ".join(marks) if marks else "")

    # ---------- conflicts ----------

    def conflicts_page(self) -> str:
        counts: dict[str, int] = {}
        for c in self.conflicts:
            counts[c.get("kind")] = counts.get(c.get("kind"), 0) + 1
        summary = "、".join(f"{CONFLICT_KINDS.get(k, ('', k))[1]} {n} 处" for k, n in counts.items())
        out = [f"本站共记录 {len(self.conflicts)} 处（{summary}）。每一处都列出所有读法和各自的原文依据，"
               "并说明自查工具默认采用哪一种。", ""]
        out += ["| 问题 | 类型 | 涉及文件 |", "| --- | --- | --- |"]
        for c in self.conflicts:
            out.append(f"| {self.link(esc(c.get('title')), 'guide/conflicts.md', c['id'])} "
                       f"| {CONFLICT_KINDS.get(c.get('kind'), ('', esc(c.get('kind'))))[1]} "
                       f"| {'、'.join(self.profile_link(p) for p in c.get('profiles') or [])} |")
        out.append("")
        for c in self.conflicts:
            kind, kind_title = CONFLICT_KINDS.get(c.get("kind"), ("warning", "说法不一致"))
            out += [f"## {esc(c.get('title'))} {{#{attr(c['id'])}}}", ""]
            body = [self.rich(c.get("summary") or ""), "",
                    "涉及：" + "、".join(self.profile_link(p) for p in c.get("profiles") or [])]
            out += [f'!!! {kind} "{kind_title}"', "", indent("\n".join(body)), ""]
            rows = ["| 读法 | 取值 | 依据（文件、条款、原文） |", "| --- | --- | --- |"]
            for r in c.get("readings") or []:
                tag = " " + span("tg-badge tg-badge--default", "本站默认") if r.get("id") == c.get("default") else ""
                rows.append(f'| <span class="tg-reading" data-reading="{attr(r.get("id"))}">'
                            f"{esc(r.get('label'))}</span>{tag} | {self.reading_value(r.get('value'), c)} "
                            f"| {self.cite(r.get('source'))} |")
            means = [f"**本站工具的做法**：{self.rich(c.get('tool_behaviour') or '未说明')}", "",
                     f"**默认读法**：{esc(self.default_text(c))}。", "",
                     "**你可以怎么做**：" + self.advice(c)]
            out += ['=== "文件原文（各种读法）"', "", indent("\n".join(rows)), "",
                    '=== "对你意味着什么"', "", indent("\n".join(means)), ""]
        return "\n".join(out)

    def advice(self, c: dict[str, Any]) -> str:
        kind = c.get("kind")
        if kind == "disagree":
            return "各文件各自适用：按你的学校实际执行的那份文件办；不确定时向县（市、区）项目办确认。"
        if kind == "self-contradiction":
            return "同一份文件前后说法不同：执行前请向发文单位确认按哪一处执行；确认之前，按较严的一种准备最稳妥。"
        if kind == "table-mismatch":
            return "表中的数字和正文的比例对不上：安排名额时以发文单位确认的数字为准，并保留两种算法的差额说明。"
        if kind == "open":
            return "文件没有给出这一项：请向学校或发文单位问明；用自查工具时可以选择按哪种读法。"
        if kind == "knock-on":
            return "这是两处问题叠加的结果：请学校管理团队确认怎样执行，再据此安排教师选点和教室。"
        return "请向发文单位确认。"

    def reading_value(self, value: Any, c: dict[str, Any]) -> str:
        if isinstance(value, list) and value and all(isinstance(v, dict) and "age_min" in v for v in value):
            return self.age_rules(value)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            cat = self.catalog_for((c.get("profiles") or [None])[0])
            dims = {d.get("id") for d in cat.get("dimensions") or []}
            if all(v in dims for v in value):
                return "、".join(self.dim_label(v, cat) for v in value)
        if isinstance(value, dict) and "band" in value and "score" in value:
            return f"{num(value['score'])}分 → {BAND_LABELS.get(value['band'], esc(value['band']))}"
        if isinstance(value, str) and DATE_RE.match(value):
            return date_zh(value)
        return self.generic(self.words(value))

    def words(self, value: Any) -> Any:
        """Values that are words of the data (required, strict, mixed) in the reader's words."""
        if isinstance(value, str):
            return VALUE_WORDS.get(value, value)
        if isinstance(value, dict):
            return {k: self.words(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.words(v) for v in value]
        return value

    # ---------- catalog ----------

    def catalog_page(self) -> str:
        out: list[str] = []
        for cid, cat in self.catalogs.items():
            out.append(self.catalog_block(cid, cat))
        return "\n\n".join(out)

    def catalog_block(self, cid: str, cat: dict[str, Any]) -> str:
        users = [p for p in self.ordered_profiles() if self.profiles[p].get("catalog") == cid]
        points = [p for p in cat.get("points") or [] if isinstance(p, dict)]
        pending = sum(1 for p in points if not self.confirmed(p))
        out = [f"## {esc(cat.get('title') or cid)} {{#catalog-{attr(cid)}}}", ""]
        out.append(f"共 {len(points)} 项"
                   + (f"（文件所称条数：{num(cat['count'])}）" if cat.get("count") not in (None, len(points)) else "")
                   + f"，其中 {pending} 项的名称或维度{span('tg-badge tg-badge--check', '待核对')}。"
                   + f"依据：{self.cite(cat.get('source'))}。")
        out.append("")
        if users:
            out += ["使用本目录的文件：" + "、".join(self.profile_link(p) for p in users) + "。", ""]
        if cat.get("notes"):
            out += ['!!! warning "本目录怎样整理、哪里还不确定"', "", indent(self.rich(cat["notes"])), ""]
        legend = "；".join(f"{span('tg-badge tg-badge--check' if not ok else 'tg-badge tg-badge--ok', lbl)}"
                          f"{'：来源尚未核实，请以本省官方清单为准' if not ok and k == 'unconfirmed' else ''}"
                          f"{'：不知道，只列出候选名称，不作为结论' if k == 'unknown' else ''}"
                          for k, (lbl, ok) in STATUS.items())
        out += [f"核对情况的含义：{legend}。", ""]
        # environments and dimensions
        out += ["| 环境 | 代码 | 说明 |", "| --- | --- | --- |"]
        for e in cat.get("environments") or []:
            cite = f"<br>{span('tg-item-cite', '依据：' + self.cite(e['source']))}" if e.get("source") else ""
            out.append(f"| **{esc(e.get('label'))}** | {esc(e.get('code'))} "
                       f"| {esc(e.get('description') or '')}{cite} |")
        out.append("")
        dims = cat.get("dimensions") or []
        dsrc = cat.get("dimensions_source")
        out.append(f"{len(dims)}个维度：{'、'.join(esc(d.get('label')) for d in dims)}")
        if isinstance(dsrc, dict):
            out[-1] += f"（依据：{self.cite(dsrc)}）"
            if dsrc.get("note"):
                out[-1] += f"。{self.rich(dsrc['note'])}"
        out += ["", self.catalog_table(cid, cat, points), ""]
        return "\n".join(out)

    def confirmed(self, point: dict[str, Any]) -> bool:
        st = point.get("status") or {}
        return all(STATUS.get(st.get(f), ("", False))[1] for f in ("name", "dimension"))

    def catalog_table(self, cid: str, cat: dict[str, Any], points: list[dict[str, Any]]) -> str:
        """Raw HTML (rows carry data attributes for the filter); the full table reads fine without JS."""
        tid = f"catalog-table-{cid}"
        envs = cat.get("environments") or []
        dims = cat.get("dimensions") or []
        chosen: dict[str, list[str]] = {}
        for pid in self.ordered_profiles():
            rng = ((self.profiles[pid].get("points") or {}).get("school_range") or {}).get("value")
            if self.profiles[pid].get("catalog") == cid and isinstance(rng, list):
                for code in rng:
                    chosen.setdefault(code, []).append(pid)
        has_unknown_dim = any(p.get("dimension") is None for p in points)
        opts_env = "".join(f'<option value="{attr(e.get("id"))}">{attr(e.get("code"))} {attr(e.get("label"))}</option>'
                           for e in envs)
        opts_dim = "".join(f'<option value="{attr(d.get("id"))}">{attr(d.get("label"))}</option>' for d in dims)
        if has_unknown_dim:
            opts_dim += '<option value="unknown">维度未知</option>'
        f = f"filter-{attr(cid)}"
        form = (
            f'<form class="tg-filter" data-table="{attr(tid)}" hidden aria-label="筛选能力点">'
            f'<div class="tg-filter__field"><label for="{f}-env">环境</label>'
            f'<select id="{f}-env" data-filter="env"><option value="">全部环境</option>{opts_env}</select></div>'
            f'<div class="tg-filter__field"><label for="{f}-dim">维度</label>'
            f'<select id="{f}-dim" data-filter="dim"><option value="">全部维度</option>{opts_dim}</select></div>'
            f'<div class="tg-filter__field"><label for="{f}-check">核对情况</label>'
            f'<select id="{f}-check" data-filter="check"><option value="">全部</option>'
            '<option value="pending">只看待核对</option><option value="confirmed">只看名称和维度都有出处</option>'
            "</select></div>"
            f'<button type="reset" class="tg-filter__reset">显示全部</button>'
            f'<p class="tg-filter__count" id="{f}-count" aria-live="polite" role="status"></p>'
            "</form>"
        )
        rows = []
        for p in points:
            st = p.get("status") or {}
            name_ok = STATUS.get(st.get("name"), ("", False))[1]
            dim_ok = STATUS.get(st.get("dimension"), ("", False))[1]
            check = "confirmed" if name_ok and dim_ok else "pending"
            badge = '<span class="tg-badge tg-badge--check">待核对</span>'
            if p.get("name"):
                name = attr(p["name"]) + ("" if name_ok else " " + badge)
            else:
                name = '<strong class="tg-open">名称待核对</strong> ' + badge
            cands = p.get("candidates") or []
            if cands:
                name += ('<br><span class="tg-cands">候选名称（未确认，不作为结论）：'
                         + "、".join(attr(c) for c in cands) + "</span>")
            if p.get("dimension"):
                dim = self.dim_label(p["dimension"], cat) + ("" if dim_ok else " " + badge)
            else:
                dim = '<span class="tg-open">维度未知</span> ' + badge
                dc = p.get("dimension_candidates") or []
                if dc:
                    dim += ('<br><span class="tg-cands">可能为：' + "、".join(self.dim_label(d, cat) for d in dc)
                            + "（未确认）</span>")
            status = (f"名称：{STATUS.get(st.get('name'), (attr(st.get('name')), False))[0]}；"
                      f"维度：{STATUS.get(st.get('dimension'), (attr(st.get('dimension')), False))[0]}")
            notes = []
            if p.get("note"):
                notes.append(self.html_rich(p["note"]))
            if isinstance(p.get("source"), dict):
                notes.append("依据：" + self.html_cite(p["source"]))
            if chosen.get(p.get("code")):
                notes.append("学校选入：" + "、".join(
                    f'<a href="{attr(self.url("profiles/" + q + "/", "points-school_range"))}">{self.short(q)}</a>'
                    for q in chosen[p["code"]]))
            rows.append(
                f'<tr id="point-{attr(cid)}-{attr(p.get("code"))}" data-env="{attr(p.get("env"))}" '
                f'data-dim="{attr(p.get("dimension") or "unknown")}" data-check="{check}">'
                f'<th scope="row">{attr(p.get("code"))}</th><td>{name}</td>'
                f"<td>{self.env_label(p.get('env'), cat)}</td><td>{dim}</td><td>{status}</td>"
                f"<td>{'<br>'.join(notes)}</td></tr>"
            )
        table = (f'<table class="tg-catalog" id="{attr(tid)}"><caption>{attr(cat.get("title") or cid)}</caption>'
                 "<thead><tr><th scope=\"col\">代码</th><th scope=\"col\">名称</th><th scope=\"col\">环境</th>"
                 "<th scope=\"col\">维度</th><th scope=\"col\">核对情况</th><th scope=\"col\">说明与出处</th></tr></thead>"
                 "<tbody>" + "".join(rows) + "</tbody></table>")
        label = attr(cat.get("title") or cid) + "（可左右滚动）"
        scroll = f'<div class="tg-scroll" role="region" tabindex="0" aria-label="{label}">' + table + "</div>"
        return form + "\n" + scroll

    def html_cite(self, src: dict[str, Any]) -> str:
        """cite() for raw HTML blocks: the same text, without Markdown links."""
        doc = src.get("doc")
        name = self.plain_doc_name(doc)
        out = f'<span class="tg-cite-doc">{name}</span>'
        if src.get("section"):
            out += f' <span class="tg-cite-sec">{attr(self.plain_ids(src["section"]))}</span>'
        if src.get("quote"):
            out += f'：<span class="tg-quote">“{attr(src["quote"])}”</span>'
        return out

    def plain_doc_name(self, doc: Any) -> str:
        if doc in self.doc_profile:
            return self.short(self.doc_profile[doc])
        return "《" + attr((self.sources.get(doc or "") or {}).get("title") or doc) + "》"

    def plain_ids(self, text: str) -> str:
        def repl(m: re.Match[str]) -> str:
            ident = m.group(2)
            if ident in self.profiles:
                return html.unescape(self.short(ident))
            label = self.key_label(ident or "")
            if label:
                return f"“{label}”"
            return m.group(0)
        return ID_RE.sub(repl, tidy(str(text)))

    def html_rich(self, text: Any) -> str:
        return attr(self.plain_ids(str(text)))

    def catalog_script(self) -> str:
        tisheng = self.runtime.get("tisheng")
        if not tisheng:
            return ""
        return f'<script src="{attr(self.site_root + tisheng)}catalog.js"></script>'

    # ---------- glossary ----------

    def glossary_page(self) -> str:
        out = []
        for t in self.glossary:
            term = t.get("term") or ""
            out += [f"## {esc(term)} {{#{attr(anchor_id(term))}}}", "",
                    self.rich(t.get("definition") or ""), "",
                    f'<span class="tg-item-cite">出处：{self.cite(t.get("source"))}</span>', ""]
        return "\n".join(out)

    def term(self, name: str) -> dict[str, Any]:
        for t in self.glossary:
            if t.get("term") == name:
                return t
        raise GuideError(f"{self.page_src}: 术语“{name}”不在 data/glossary.yaml 中")

    def term_link(self, name: str) -> str:
        t = self.term(name)
        return self.link(esc(t["term"]), "guide/glossary.md", anchor_id(t["term"]))

    # ---------- home ----------

    def programme_overview(self, pid: str = "national-2019") -> str:
        prof = self.profile(pid)
        h = prof.get("hours") or {}
        pts = prof.get("points") or {}
        cat = self.catalog_for(pid)
        rows = ["| 要点 | 内容 | 依据 |", "| --- | --- | --- |"]

        def add(name: str, text: str, rule: dict[str, Any] | None) -> None:
            rows.append(f"| **{name}** | {text} | {self.cite((rule or {}).get('source')) if rule else '—'} |")

        if h.get("total_min"):
            years = (h.get("period_years") or {}).get("value")
            add("学时", (f"每位教师{num(years)}年内" if years else "每位教师") +
                self.value("hours", "total_min", h["total_min"], pid), h["total_min"])
        if h.get("practice_ratio_min"):
            add("实践应用", "占总学时" + self.value("hours", "practice_ratio_min", h["practice_ratio_min"], pid),
                h["practice_ratio_min"])
        if pts.get("catalog_size"):
            envs = "、".join(f"{esc(e.get('code'))} {esc(e.get('label'))}" for e in cat.get("environments") or [])
            dims = "、".join(esc(d.get("label")) for d in cat.get("dimensions") or [])
            add("微能力点", f"共{self.value('points', 'catalog_size', pts['catalog_size'], pid)}，"
                f"分{len(cat.get('environments') or [])}类环境（{envs}）和{len(cat.get('dimensions') or [])}个维度"
                f"（{dims}）；" + self.link("查看目录", "guide/catalog.md"), pts["catalog_size"])
        for key in ("online_min", "deadline"):
            rule = h.get(key)
            if rule and rule.get("value") is None:
                add(self.label("hours", key), "国家文件（经转述）未规定，由各地文件规定；"
                    + self.link("看各地怎么规定", "guide/compare.md", f"hours-{key}"), rule)
        for key in ("teacher_count_min",):
            rule = pts.get(key)
            if rule and rule.get("value") is None:
                add(self.label("points", key), "国家文件（经转述）未规定，由各地文件规定；"
                    + self.link("看各地怎么规定", "guide/compare.md", f"points-{key}"), rule)
        return "\n".join(rows)

    def profile_table(self) -> str:
        rows = ["| 文件 | 层级 | 地区 | 文号 | 日期 | 沿用 |", "| --- | --- | --- | --- | --- | --- |"]
        for pid in self.ordered_profiles():
            p = self.profiles[pid]
            rows.append(
                f"| {self.profile_link(pid)}<br>{span('tg-sub', esc(p.get('title')))} "
                f"| {LEVELS.get(p.get('level'), esc(p.get('level')))} "
                f"| {esc(p.get('region')) if p.get('region') else '未载明'} "
                f"| {esc(p.get('doc_no')) if p.get('doc_no') else '未载明'} "
                f"| {date_zh(p.get('date')) if p.get('date') else '未载明'} "
                f"| {self.profile_link(p['extends']) if p.get('extends') else '—'} |")
        return "\n".join(rows)

    def counts(self) -> dict[str, int]:
        points = sum(len(c.get("points") or []) for c in self.catalogs.values())
        pending = sum(1 for c in self.catalogs.values() for p in c.get("points") or [] if not self.confirmed(p))
        return {"profiles": len(self.profiles), "sources": len(self.sources), "conflicts": len(self.conflicts),
                "terms": len(self.glossary), "points": points, "pending": pending}


# --------------------------------------------------------------------------------------------------------------
# "About the data": a worked example that the build itself validates
# --------------------------------------------------------------------------------------------------------------

EXAMPLE_ID = "example-school-2024"
EXAMPLE_SOURCE = """\
  - id: example-school-2024
    title: 示例学校提升工程2.0校本研修实施方案
    issuer: 示例学校
    doc_no: null
    date: null
    level: school
    region: 辽宁省开原市
    seed: example-school-2024.txt   # 文件全文（纯文本）放在原文文件夹（环境变量 TISHENG_SEEDS 所指目录）中，测试会逐字核对引文
    part: null
    starts_with: null
    notes: 示例。学校自己的方案，依据开原市方案制定。
"""
EXAMPLE_PROFILE = """\
id: example-school-2024
title: 示例学校提升工程2.0校本研修实施方案
short_title: 示例学校（2024）
doc: example-school-2024
issuer: 示例学校
doc_no: null
date: null
level: school
region: 辽宁省开原市
extends: kaiyuan-2024          # 上级文件：本校执行开原市的方案
catalog: null                  # 不写则沿用上级文件的能力点目录
summary: >-
  示例：学校方案只写自己规定的内容。本校把完成期限提前，并选定学习范围；其余规定沿用开原市方案。

hours:
  deadline:
    value: "2024-05-31"
    source:
      doc: example-school-2024
      section: 三(一)
      quote: 全体教师于2024年5月31日前完成全部研修任务
    note: 早于开原市方案的期限，给学校留出验收时间。

points:
  school_range:
    value: [A1, A3, A5, A11, B2]
    source:
      doc: example-school-2024
      section: 二(二)
      quote: 本校微能力点学习范围为A1、A3、A5、A11、B2
"""
EXAMPLE_CATALOG = """\
id: example-province-2021
title: 示例省微能力点清单（节选）
source:
  doc: example-school-2024
  section: 附件
  quote: 本省微能力点清单
environments:
  - {id: multimedia, code: A, label: 多媒体教学环境}
  - {id: mixed, code: B, label: 混合学习环境}
  - {id: smart, code: C, label: 智慧学习环境}
dimensions:
  - {id: analysis, label: 学情分析}
  - {id: design, label: 教学设计}
  - {id: guidance, label: 学法指导}
  - {id: assessment, label: 学业评价}
points:
  - code: A1
    name: 技术支持的学情分析
    env: multimedia
    dimension: analysis
    status: {name: source, dimension: source}
    candidates: []
  - code: A2
    name: null                 # 不知道就写 null，绝不猜
    env: multimedia
    dimension: null
    status: {name: unknown, dimension: unknown}
    candidates: [数字教育资源获取与评价]
"""
EXAMPLE_BROKEN = [  # (what the school got wrong, old text, new text)
    ("期限写成了中文", 'value: "2024-05-31"', "value: 2024年5月底"),
    ("引文漏写了 quote", "quote: 本校微能力点学习范围为A1、A3、A5、A11、B2", "quot: 本校微能力点学习范围为A1、A3、A5、A11、B2"),
    ("上级文件的 id 拼错了", "extends: kaiyuan-2024", "extends: kaiyuan-2042"),
]


def _example_dir(base: Path, profile_text: str) -> Path:
    target = base / "data"
    shutil.copytree(base_data(), target)
    src = target / "sources.yaml"
    src.write_text(src.read_text(encoding="utf-8").rstrip("\n") + "\n" + EXAMPLE_SOURCE, encoding="utf-8")
    (target / "profiles" / f"{EXAMPLE_ID}.yaml").write_text(profile_text, encoding="utf-8")
    (target / "catalogs" / "example-province-2021.yaml").write_text(EXAMPLE_CATALOG, encoding="utf-8")
    return target


def base_data() -> Path:
    import build_data

    return Path(build_data.DATA)


def run_example(profile_text: str = EXAMPLE_PROFILE) -> tuple[dict[str, Any] | None, str]:
    """Validate data/ plus the example with the real build step: (snapshot, "") or (None, the error message)."""
    import build_data

    with tempfile.TemporaryDirectory(prefix="tisheng-example-") as tmp:
        target = _example_dir(Path(tmp), profile_text)
        try:
            return build_data.load_all(target), ""
        except build_data.DataError as exc:
            msg = str(exc).replace(str(target) + "/", "data/").replace(str(target), "data")
            return None, msg


def example_resolved(guide: Guide) -> str:
    snap, err = run_example()
    if snap is None:
        raise GuideError("about/data.md 中的示例没有通过数据校验（示例需要随 data/SCHEMA.md 一起更新）：\n" + err)
    prof = snap["profiles"][EXAMPLE_ID]
    g = Guide(snap, guide.page_src, guide.site_root, guide.runtime)
    chain = " → ".join(code(p) for p in prof["lineage"])
    rows = [f"沿用链（`lineage`）：{chain}", "",
            "| 规则 | 取值 | 来源 |", "| --- | --- | --- |"]
    for section in SECTION_ORDER:
        rules = prof.get(section) or {}
        for key in g.rule_keys(section, rules):
            rule = rules[key]
            origin = ("**本校文件**" if not rule.get("inherited_from")
                      else f"沿用 {code(rule['inherited_from'])}（{g.short(rule['inherited_from'])}）")
            rows.append(f"| {code(section + '.' + key)} {g.label(section, key)} "
                        f"| {g.value(section, key, rule, EXAMPLE_ID, prof.get('doc'), brief=True)} | {origin} |")
    return "\n".join(rows)


def example_errors() -> str:
    broken = EXAMPLE_PROFILE
    for _, old, new in EXAMPLE_BROKEN:
        if old not in broken:
            raise GuideError(f"about/data.md: 出错示例找不到要改的文字“{old}”")
        broken = broken.replace(old, new, 1)
    snap, err = run_example(broken)
    if snap is not None:
        raise GuideError("about/data.md: 出错示例竟然通过了校验，说明校验规则变了，请更新示例。")
    lines = [line for line in err.splitlines() if EXAMPLE_ID in line or not line.startswith("  - ")]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------------------
# Registration
# --------------------------------------------------------------------------------------------------------------


def site_root_for(url: str) -> str:
    depth = len([p for p in (url or "").split("/") if p])
    return "../" * depth if depth else "./"


def register(env: Any, data: dict[str, Any]) -> None:
    """Called once per build by scripts/macros.py with the validated snapshot."""

    def guide() -> Guide:
        page = getattr(env, "page", None)
        src = page.file.src_uri if page is not None and getattr(page, "file", None) else "index.md"
        url = page.url if page is not None else ""
        return Guide(data, src, site_root_for(url), env.variables.get("runtime") or {})

    def set_title(text: str) -> None:
        page = getattr(env, "page", None)
        if page is not None and isinstance(getattr(page, "meta", None), dict) and "title" not in page.meta:
            page.meta["title"] = text  # the nav and <title> use the short title; the page's H1 is the full title

    @env.macro
    def profile_page(pid: str) -> str:
        """One document's page: facts, essentials (tabs), rule tables with citations, timeline, roles, gaps."""
        g = guide()
        prof = g.profile(pid)
        set_title(str(prof.get("short_title") or prof.get("title") or pid))
        return g.profile_page(pid)

    @env.macro
    def compare_matrix() -> str:
        """Every rule of every profile side by side, one column per profile."""
        return guide().compare_page()

    @env.macro
    def conflicts_list() -> str:
        """Every conflict with all its readings, their sources, the default and what the tools do."""
        return guide().conflicts_page()

    @env.macro
    def catalog_list() -> str:
        """The ability-point catalogs with a progressive-enhancement filter (environment, dimension, status)."""
        g = guide()
        return g.catalog_page() + "\n\n" + g.catalog_script()

    @env.macro
    def glossary_list() -> str:
        return guide().glossary_page()

    @env.macro
    def glossary_term(name: str, with_source: bool = False) -> str:
        """A term's definition from glossary.yaml (with a link to the glossary)."""
        g = guide()
        t = g.term(name)
        out = f"{g.term_link(name)}：{g.rich(t.get('definition') or '')}"
        if with_source:
            out += f"（{g.cite(t.get('source'))}）"
        return out

    @env.macro
    def programme_overview(pid: str = "national-2019") -> str:
        return guide().programme_overview(pid)

    @env.macro
    def profile_table() -> str:
        return guide().profile_table()

    @env.macro
    def guide_counts() -> dict[str, int]:
        return guide().counts()

    @env.macro
    def example_yaml(which: str) -> str:
        """The about page's worked example files, exactly as the build validates them."""
        text = {"source": EXAMPLE_SOURCE, "profile": EXAMPLE_PROFILE, "catalog": EXAMPLE_CATALOG}[which]
        return "```yaml\n" + text.rstrip("\n") + "\n```"

    @env.macro
    def example_resolved_table() -> str:
        return example_resolved(guide())

    @env.macro
    def example_error_output() -> str:
        """The real message `make build` prints for the broken example."""
        items = "\n".join(f"- {esc(what)}：{code(new)}" for what, _, new in EXAMPLE_BROKEN)
        return items + "\n\n```text\n" + example_errors() + "\n```"
