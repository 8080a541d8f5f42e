"""The pages across documents: the comparison, the conflicts, the glossary, and the home page's tables."""

from __future__ import annotations

from typing import Any

from .text import DATE_RE, GuideError, anchor_id, attr, date_zh, esc, indent, num, span


class ComparePages:
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
            ("层级", lambda p: self.vocab.level_label(p.get("level"), esc(p.get("level")))),
            ("地区", lambda p: esc(p.get("region")) if p.get("region") else span("tg-open", "未载明")),
            ("沿用", lambda p: self.profile_link(p["extends"]) if p.get("extends") else "—"),
        ]
        for name, fn in facts:
            out.append(f"| **{name}** | " + " | ".join(fn(self.profiles[p]) for p in pids) + " |")
        out += ["", "</div>", ""]
        for section in self.vocab.page_sections():
            keys: list[str] = []
            for p in pids:
                for k in self.rule_keys(section, self.profiles[p].get(section) or {}):
                    if k not in keys:
                        keys.append(k)
            if not keys:
                continue
            order = self.vocab.rule_keys(section)
            keys.sort(key=lambda k: (order.index(k) if k in order else len(order), k))
            out += [f"## {self.vocab.section_title(section)} {{#{section}}}", "",
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
        summary = "、".join(f"{(self.vocab.conflict_kind(k) or {}).get('label', k)} {n} 处" for k, n in counts.items())
        out = [f"本站共记录 {len(self.conflicts)} 处（{summary}）。每一处都列出所有读法和各自的原文依据，"
               "并说明自查工具默认采用哪一种。", ""]
        out += ["| 问题 | 类型 | 涉及文件 |", "| --- | --- | --- |"]
        for c in self.conflicts:
            out.append(f"| {self.link(esc(c.get('title')), 'guide/conflicts.md', c['id'])} "
                       f"| {(self.vocab.conflict_kind(c.get('kind')) or {}).get('label', esc(c.get('kind')))} "
                       f"| {'、'.join(self.profile_link(p) for p in c.get('profiles') or [])} |")
        out.append("")
        for c in self.conflicts:
            kind, kind_title = self.conflict_kind(c)
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
        return str((self.vocab.conflict_kind(c.get("kind")) or {}).get("advice") or "请向发文单位确认。")

    def reading_value(self, value: Any, c: dict[str, Any]) -> str:
        if isinstance(value, list) and value and all(isinstance(v, dict) and "age_min" in v for v in value):
            return self.age_rules(value)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            cat = self.catalog_for((c.get("profiles") or [None])[0])
            dims = {d.get("id") for d in cat.get("dimensions") or []}
            if all(v in dims for v in value):
                return "、".join(self.dim_label(v, cat) for v in value)
        if isinstance(value, dict) and "band" in value and "score" in value:
            return f"{num(value['score'])}分 → {self.vocab.bands.get(value['band'], esc(value['band']))}"
        if isinstance(value, str) and DATE_RE.match(value):
            return date_zh(value)
        return self.generic(self.words(value))

    def words(self, value: Any) -> Any:
        """Values that are words of the data (required, strict, mixed) in the reader's words."""
        if isinstance(value, str):
            return self.vocab.value_words.get(value) or self.vocab.env_label(value, value)
        if isinstance(value, dict):
            return {k: self.words(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.words(v) for v in value]
        return value

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
                f"| {self.vocab.level_label(p.get('level'), esc(p.get('level')))} "
                f"| {esc(p.get('region')) if p.get('region') else '未载明'} "
                f"| {esc(p.get('doc_no')) if p.get('doc_no') else '未载明'} "
                f"| {date_zh(p.get('date')) if p.get('date') else '未载明'} "
                f"| {self.profile_link(p['extends']) if p.get('extends') else '—'} |")
        return "\n".join(rows)

    def regions_line(self) -> str:
        """Which provinces the site has a document of (with its places), and every other province by name, so a
        teacher of 河北 finds this section by searching for her province."""
        provinces = self.data.get("regions") or []
        places: dict[str, list[str]] = {r["name"]: [] for r in provinces}
        for pid in self.ordered_profiles():
            region = str(self.profiles[pid].get("region") or "")
            for r in provinces:
                if region.startswith(r["name"]):
                    rest = region[len(r["name"]):]
                    if rest and rest not in places[r["name"]]:
                        places[r["name"]].append(rest)
                    elif not rest:
                        places[r["name"]].insert(0, "全省")
        unplaced = sum(1 for pid in self.profiles if self.profiles[pid].get("level") != "national"
                       and not any(str(self.profiles[pid].get("region") or "").startswith(r["name"]) for r in provinces))
        have = [r for r in provinces if places[r["name"]]]
        other = [r["short"] for r in provinces if not places[r["name"]]]
        shown = "、".join(esc(r["short"]) + (f"（{esc('、'.join(places[r['name']]))}）" if places[r["name"]] != ["全省"]
                                             else "") for r in have)
        return (f"本站收录了{shown}的文件" + (f"（另有 {unplaced} 份学校方案未载明所在省份）" if unplaced else "") + "。"
                f"{esc('、'.join(other))}的教师，以及上面这些省份中本站没有其文件的地方的教师：")

    def finder(self) -> dict[str, Any]:
        """The home page's “找到你执行的文件” step by step, as data for partials/finder.html (the words are the
        template's): each province the site has a document of, with its own documents, then its cities and counties
        (a profile's region less the province's name), each with its documents and its schools' plans; the other
        provinces by name; the documents whose province is not stated. No profile is placed by hand."""
        provinces = self.data.get("regions") or []

        def doc(pid: str) -> dict[str, str]:
            p = self.profiles[pid]
            return {"url": self.url(f"profiles/{pid}/"), "name": str(p.get("short_title") or p.get("title") or pid),
                    "level": self.vocab.level_label(p.get("level"), "")}

        found: dict[str, dict[str, Any]] = {}
        unplaced: list[dict[str, str]] = []
        national = None
        for pid in self.ordered_profiles():
            p = self.profiles[pid]
            if p.get("level") == "national":
                national = national or doc(pid)
                continue
            region = str(p.get("region") or "")
            province = next((r for r in provinces if region.startswith(r["name"])), None)
            if province is None:
                unplaced.append(doc(pid))
                continue
            entry = found.setdefault(province["name"], {"name": province["short"], "docs": [], "places": {}})
            place = region[len(province["name"]):]
            if not place:
                entry["docs"].append(doc(pid))
                continue
            spot = entry["places"].setdefault(place, {"name": place, "docs": [], "schools": []})
            spot["schools" if p.get("level") == "school" else "docs"].append(doc(pid))
        have = [dict(found[r["name"]], places=list(found[r["name"]]["places"].values()))
                for r in provinces if r["name"] in found]
        return {"provinces": have, "others": [r["short"] for r in provinces if r["name"] not in found],
                "unplaced": unplaced, "national": national,
                "rules": self.url("tools/rules/"), "other_regions": self.url("", "other-regions")}

    def counts(self) -> dict[str, int]:
        points = sum(len(c.get("points") or []) for c in self.catalogs.values())
        pending = sum(1 for c in self.catalogs.values() for p in c.get("points") or [] if not self.confirmed(p))
        return {"profiles": len(self.profiles), "sources": len(self.sources), "conflicts": len(self.conflicts),
                "terms": len(self.glossary), "points": points, "pending": pending}
