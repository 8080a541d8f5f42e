"""The ability-point catalog page: environments, dimensions, how sure each point is, and a table of points with a
filter that works without JavaScript too (the full table reads fine; catalog.js adds the filter)."""

from __future__ import annotations

import html
import re
from typing import Any

from .text import ID_RE, attr, esc, indent, num, span, tidy


class CatalogPages:
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
                   + f"，其中 {pending} 项的名称或维度{span('tg-badge tg-badge--check', self.pending_word())}。"
                   + f"依据：{self.cite(cat.get('source'))}。")
        out.append("")
        if users:
            out += ["使用本目录的文件：" + "、".join(self.profile_link(p) for p in users) + "。", ""]
        if cat.get("notes"):
            out += ['!!! warning "本目录怎样整理、哪里还不确定"', "", indent(self.rich(cat["notes"])), ""]
        legend = "；".join(f"{span('tg-badge tg-badge--ok' if x['confirmed'] else 'tg-badge tg-badge--check', x['label'])}"
                          f"{'：' + x['meaning'] if x.get('meaning') else ''}"
                          for x in self.vocab.statuses.values() if not x.get("uploaded_only"))
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
        return all(self.status_ok(st.get(f)) for f in ("name", "dimension"))

    def pending_word(self) -> str:
        """The status word of a point whose name or dimension is not confirmed yet (待核对)."""
        return str(self.vocab.status_label("unconfirmed"))

    def status_ok(self, status: Any) -> bool:
        """Does a point's status count as confirmed (not an upload's: data/ has none)?"""
        x = self.vocab.statuses.get(status) or {}
        return bool(x.get("confirmed")) and not x.get("uploaded_only")

    def catalog_table(self, cid: str, cat: dict[str, Any], points: list[dict[str, Any]]) -> str:
        """Raw HTML (rows carry data attributes for the filter); the full table reads fine without JS."""
        tid = f"catalog-table-{cid}"
        chosen: dict[str, list[str]] = {}
        for pid in self.ordered_profiles():
            rng = ((self.profiles[pid].get("points") or {}).get("school_range") or {}).get("value")
            if self.profiles[pid].get("catalog") == cid and isinstance(rng, list):
                for code in rng:
                    chosen.setdefault(code, []).append(pid)
        rows = [self.catalog_row(cid, cat, p, chosen.get(p.get("code")) or []) for p in points]
        table = (f'<table class="tg-catalog" id="{attr(tid)}"><caption>{attr(cat.get("title") or cid)}</caption>'
                 "<thead><tr><th scope=\"col\">代码</th><th scope=\"col\">名称</th><th scope=\"col\">环境</th>"
                 "<th scope=\"col\">维度</th><th scope=\"col\">核对情况</th><th scope=\"col\">说明与出处</th></tr></thead>"
                 "<tbody>" + "".join(rows) + "</tbody></table>")
        label = attr(cat.get("title") or cid) + "（可左右滚动）"
        scroll = f'<div class="tg-scroll" role="region" tabindex="0" aria-label="{label}">' + table + "</div>"
        return self.catalog_filter(cid, tid, cat, points) + "\n" + scroll

    def catalog_filter(self, cid: str, tid: str, cat: dict[str, Any], points: list[dict[str, Any]]) -> str:
        envs = cat.get("environments") or []
        dims = cat.get("dimensions") or []
        opts_env = "".join(f'<option value="{attr(e.get("id"))}">{attr(e.get("code"))} {attr(e.get("label"))}</option>'
                           for e in envs)
        opts_dim = "".join(f'<option value="{attr(d.get("id"))}">{attr(d.get("label"))}</option>' for d in dims)
        if any(p.get("dimension") is None for p in points):
            opts_dim += f'<option value="unknown">{self.vocab.dimension_label(None)}</option>'
        f = f"filter-{attr(cid)}"
        return (
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

    def catalog_row(self, cid: str, cat: dict[str, Any], p: dict[str, Any], chosen_by: list[str]) -> str:
        st = p.get("status") or {}
        name_ok, dim_ok = self.status_ok(st.get("name")), self.status_ok(st.get("dimension"))
        check = "confirmed" if name_ok and dim_ok else "pending"
        badge = span("tg-badge tg-badge--check", self.pending_word())
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
            dim = span("tg-open", self.vocab.dimension_label(None)) + " " + badge
            dc = p.get("dimension_candidates") or []
            if dc:
                dim += ('<br><span class="tg-cands">可能为：' + "、".join(self.dim_label(d, cat) for d in dc)
                        + "（未确认）</span>")
        label = self.vocab.status_label
        status = (f"名称：{label(st.get('name'), attr(st.get('name')))}；"
                  f"维度：{label(st.get('dimension'), attr(st.get('dimension')))}")
        notes = []
        if p.get("note"):
            notes.append(self.html_rich(p["note"]))
        if isinstance(p.get("source"), dict):
            notes.append("依据：" + self.html_cite(p["source"]))
        if chosen_by:
            notes.append("学校选入：" + "、".join(
                f'<a href="{attr(self.url("profiles/" + q + "/", "points-school_range"))}">{self.short(q)}</a>'
                for q in chosen_by))
        return (
            f'<tr id="point-{attr(cid)}-{attr(p.get("code"))}" data-env="{attr(p.get("env"))}" '
            f'data-dim="{attr(p.get("dimension") or "unknown")}" data-check="{check}">'
            f'<th scope="row">{attr(p.get("code"))}</th><td>{name}</td>'
            f"<td>{self.env_label(p.get('env'), cat)}</td><td>{dim}</td><td>{status}</td>"
            f"<td>{'<br>'.join(notes)}</td></tr>"
        )

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
        return ID_RE.sub(repl, tidy(str(text), self.vocab))

    def html_rich(self, text: Any) -> str:
        return attr(self.plain_ids(str(text)))

    def catalog_script(self) -> str:
        tisheng = self.runtime.get("tisheng")
        if not tisheng:
            return ""
        return f'<script src="{attr(self.site_root + tisheng)}catalog.js"></script>'
