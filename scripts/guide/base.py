"""The guide's base: links between pages, names of documents and rules, citations, and the generic value
formatter. The page mixins (profile, compare, conflicts, catalog) build on it; see ``scripts/guide/__init__.py``."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from tisheng.core.vocabulary import Vocabulary

from .text import DATE_RE, ID_RE, attr, date_zh, esc, is_num, num, span, tidy, ul


class Base:
    """Renders guide pages from a snapshot. `page_src` is the page's path under docs/ (for relative links) and
    `site_root` the relative path from the page's URL to the site root (for raw HTML links and scripts)."""

    def __init__(self, data: dict[str, Any], page_src: str = "index.md", site_root: str = "./",
                 runtime: dict[str, str] | None = None):
        self.data = data
        self.vocab = Vocabulary(data["vocabulary"])
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
            order = self.vocab.level_ids
            level = order.index(p["level"]) if p.get("level") in order else len(order)
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
        raw = tidy("" if text is None else str(text), self.vocab)
        out, pos = [], 0
        for m in ID_RE.finditer(raw):
            out += [esc(raw[pos:m.start()]), self.token(m)]
            pos = m.end()
        out.append(esc(raw[pos:]))
        return "".join(out)

    def key_label(self, key: str) -> str | None:
        return self.vocab.key_label(key)

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
        return esc(self.vocab.label(section, key) or f"{section}.{key}")

    def rule_keys(self, section: str, rules: dict[str, Any]) -> list[str]:
        known = [k for k in self.vocab.rule_keys(section) if k in rules]
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
            return date_zh(value) if DATE_RE.match(value) and "-" in value else esc(self.vocab.value_keys.get(value, value))
        if isinstance(value, dict):
            parts = []
            for k, v in self.ordered(value):
                name = f"{int(k)}年" if str(k).isdigit() else esc(self.vocab.value_keys.get(k, k))
                parts.append(f"{name}：{self.generic(v)}")
            return "；".join(parts)
        if isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value):
                return "、".join(self.generic(v) for v in value)
            return ul([self.generic(v) for v in value])
        return esc(value)

    def conflict_kind(self, c: dict[str, Any]) -> tuple[str, str]:
        """(admonition type, name) of a conflict's kind."""
        kind = self.vocab.conflict_kind(c.get("kind")) or {"admonition": "warning", "label": "说法不一致"}
        return str(kind["admonition"]), str(kind["label"])

    def ordered(self, mapping: dict[str, Any]) -> list[tuple[str, Any]]:
        """A mapping's items in reading order (the snapshot sorts keys alphabetically): known keys as the
        vocabulary's value_keys lists them, then years and other keys in order."""
        order = list(self.vocab.value_keys)
        return sorted(((k, v) for k, v in mapping.items() if k != "source"),
                      key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), str(kv[0])))
