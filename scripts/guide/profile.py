"""A document's page: facts, what it means for whom (tabs), a rule table per section with citations, the rollout
table, timeline, roles, and the conflicts and open rules that touch it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tisheng.core.vocabulary import conflicts_for

from .text import GuideError, attr, cell, date_zh, esc, indent, num, pct, span, stack, ul


class ProfilePages:
    def readings(self, rule: dict[str, Any], pid: str, section: str, key: str, this_doc: str | None) -> str:
        """A rule with two readings: list them all, mark the default, and link the conflict."""
        rd = rule.get("readings")
        if not rd:
            return ""
        items = []
        for r in rd:
            tag = " " + span("tg-badge tg-badge--default", "本站默认") if r.get("id") == rule.get("reading") else ""
            items.append(f"{esc(r.get('label'))}{tag}{self.item_cite(r, this_doc)}")
        conflict = self.conflict_for(pid, f"{section}.{key}", rd)
        more = ""
        if conflict:
            more = "，详见" + self.link(esc(conflict.get("title")), "guide/conflicts.md", conflict["id"])
        return (f'<span class="tg-readings tg-block"><strong>⚠ 文件有{len(rd)}种读法</strong>{more}：'
                + ul(items) + "</span>")

    def conflict_for(self, pid: str, rule_id: str, readings: list[dict[str, Any]]) -> dict[str, Any] | None:
        """The conflicts.yaml entry about this rule (its `rules`) whose readings are the rule's, as the engine
        groups them (tisheng.readings)."""
        ids = {r.get("id") for r in readings}
        for c in conflicts_for(pid, rule_id, conflicts=self.conflicts):
            if ids & {r.get("id") for r in c.get("readings") or []}:
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
        return self.vocab.audience(section, key)

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
        groups: dict[str, list[str]] = {a: [] for a, _ in self.vocab.audiences}
        quotes: list[str] = []
        for section in self.vocab.table_sections():
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
        for aud, name in self.vocab.audiences:
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
        for section in self.vocab.page_sections():
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
        kind, title = self.conflict_kind(c)
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
            ("层级与地区", f"{self.vocab.level_label(prof.get('level'), esc(prof.get('level')))} · "
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

        for section in self.vocab.table_sections():
            if not prof.get(section):
                continue
            out += [f"## {self.vocab.section_title(section)} {{#{section}}}", ""]
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

        out += self.gaps(pid)
        out += ["## 关于本页 {#about-page}", "",
                "本页由本站收录的这份文件整理而成，其中每条规则都带有出处和原文；"
                "“沿用上级文件”的规则来自上级政策文件的数据，本文件没有另作规定。"
                "数据怎样组织、学校怎样添加自己的文件，见" + self.link("关于数据", "about/data.md") + "。", ""]
        return "\n".join(out)

    def gaps(self, pid: str) -> list[str]:
        """The conflicts that name this document and the rules it leaves open."""
        out = ["## 不一致与未规定之处 {#gaps}", ""]
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
        return out

