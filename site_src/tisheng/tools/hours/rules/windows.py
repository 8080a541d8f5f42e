"""A time set for one kind of training (hours.windows): a rule of its own where the document binds it (``binding``),
else a reminder beside the verdict; checked on dated records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ....core.model import Finding, cite, finding, fmt
from ..check import KINDS
from ..dates import first_day, last_day

SECTION, KEY = "hours", "windows"
VALUE = "windows"


def window_findings(rule: dict[str, Any], counted: list[tuple[dt.date, str, float]] | None,
                    notes: list[dict[str, Any]]) -> list[Finding]:
    out: list[Finding] = []
    for w in rule.get("value") or []:
        start, end = first_day(w.get("start")), last_day(w.get("end"))
        kind, what = w["kind"], w.get("label") or KINDS[w["kind"]]
        span = (f"{start.isoformat()} 至 {end.isoformat()}" if start and end
                else f"{end.isoformat()} 前" if end else f"{start.isoformat() if start else ''} 起")
        item = {"source": w.get("source") or rule.get("source"), "inherited_from": rule.get("inherited_from")}
        quote = (w.get("source") or {}).get("quote") or ""
        if counted is None:
            notes.append({"rule": f"{SECTION}.{KEY}", "source": cite(item), "inherited_from": item["inherited_from"],
                          "background": True,
                          "message": f"文件规定{what}在 {span}（“{quote}”）；按日期填写培训记录即可检查。"})
            continue
        outside = [(d, h) for d, k, h in counted if k == kind and ((start and d < start) or (end and d > end))]
        listed = "、".join(f"{d.isoformat()}（{fmt(h)} 学时）" for d, h in outside[:10]) + ("……" if len(outside) > 10 else "")
        if w.get("binding"):
            if outside:
                msg = (f"{what}应在 {span} 内完成（“{quote}”）；有 {len(outside)} 条{KINDS[kind]}记录不在此期间："
                       f"{listed}。这些学时已计入总数，但不符合这一时间要求。")
            else:
                msg = f"{KINDS[kind]}记录都在 {span}内，符合“{quote}”。"
            out.append(finding(f"{SECTION}.{KEY}", item, not outside, msg,
                               window={"kind": kind, "start": w.get("start"), "end": w.get("end")},
                               outside=[d.isoformat() for d, _ in outside]))
        elif outside:
            notes.append({"rule": f"{SECTION}.{KEY}", "source": cite(item), "inherited_from": item["inherited_from"],
                          "message": f"提醒：{what}在 {span}（“{quote}”）；有 {len(outside)} 条{KINDS[kind]}记录晚于这一时间："
                                     f"{listed}。文件没有说这些学时不计，已计入；请确认相关材料按时提交。"})
    return out
