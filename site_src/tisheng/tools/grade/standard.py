"""After the score (x县某校): the five-area standard (items present → level) and the own-image evidence rule; under
the strict reading (``level_aggregation``) either can make a teacher 不合格."""

from __future__ import annotations

from typing import Any

from ...core.inputs import Errors
from ...core.model import Finding, stated
from .request import read_areas, yes_no
from .steps import Steps, finding


def standard_and_evidence(section: dict[str, Any], data: dict[str, Any], findings: list[Finding], steps: Steps,
                          band: str) -> tuple[str, list[str]]:
    """The band after both rules, and the reasons the summary gives."""
    reasons: list[str] = []
    beside: list[str] = []
    strict = (stated(section, "level_aggregation") or {}).get("value", "strict") == "strict"
    if _standard_areas(section, data, findings, steps, strict, reasons, beside):
        band = "fail"
    if _own_image(section, data, findings, steps, strict, reasons, beside):
        band = "fail"
    if beside:
        reasons.append("另：" + "；".join(beside))
    return band, reasons


def _standard_areas(section: dict[str, Any], data: dict[str, Any], findings: list[Finding], steps: Steps,
                    strict: bool, reasons: list[str], beside: list[str]) -> bool:
    """A finding per area; True when an empty area makes the teacher 不合格."""
    areas_rule = stated(section, "standard_areas")
    if not areas_rule:
        return False
    level_rule = stated(section, "level_rule") or areas_rule.get("level_rule") or {}
    present = read_areas(section, data, Errors())
    if present is None:
        steps.note("grade.standard_areas", "未勾选五方面考核标准（课前备课、课中授课、课后辅导、数据分析、研修活动），"
                                           "本次只按分数定等次。", areas_rule)
        return False
    level_text = (level_rule.get("value") or {})
    missing = []
    for area in areas_rule["value"]:
        have = present.get(area["id"], [])
        names = [area["items"][i - 1] for i in have]
        ok = bool(have)
        if ok:
            msg = f"{area['label']}：包含 {len(have)} 项（{'；'.join(names)}），达到“{level_text.get('pass') or '至少包含一项'}”。"
        else:
            msg = f"{area['label']}：{level_text.get('fail') or '不包含'}任何一项，这一方面按考核标准为不合格。"
            missing.append(area["label"])
        findings.append(finding(f"grade.standard_areas.{area['id']}", {"source": area.get("source") or
                                                                      areas_rule.get("source")}, ok, msg,
                                items=have, level="pass" if ok else "fail", advisory=not strict))
    source = {"source": level_rule.get("source") or areas_rule.get("source")}
    if missing and strict:
        reasons.append(f"考核标准中“{'、'.join(missing)}”不包含任何一项，按从严合成为不合格")
        steps.add("standard_areas", f"五方面考核标准：{'、'.join(missing)}不包含任何一项 → 按从严合成为不合格",
                  source, None, band="fail")
        return True
    if missing:
        beside.append(f"五方面考核标准中“{'、'.join(missing)}”不包含任何一项（这一方面不合格）")
        steps.add("standard_areas", f"五方面考核标准：{'、'.join(missing)}不包含任何一项，这一方面不合格；"
                                    "文件没有说各方面的等次与分数如何合成，等次仍按分数线", source, None)
    else:
        steps.add("standard_areas", "五方面考核标准：每个方面都至少包含一项 → 达到合格标准"
                                    "（标准表的“优秀”一列为空，不据此评优秀）", source, None)
    return False


def _own_image(section: dict[str, Any], data: dict[str, Any], findings: list[Finding], steps: Steps, strict: bool,
               reasons: list[str], beside: list[str]) -> bool:
    """The evidence must show the teacher herself; True when evidence without her makes her 不合格."""
    ev_rule = stated(section, "evidence_rules") or {}
    own = next((r for r in ev_rule.get("value") or [] if r.get("id") == "own_image"), None)
    if own is None:
        return False
    given = yes_no(data.get("own_image")) if data.get("own_image") not in (None, "") else None
    src = {"source": own.get("source") or ev_rule.get("source")}
    if given is None:
        steps.note("grade.evidence_rules.own_image", own["rule"] + "。", src)
        return False
    if given:
        findings.append(finding("grade.evidence_rules.own_image", src, True, "证据包含教师本人影像，可作为有效证据。"))
        return False
    quote = (src["source"] or {}).get("quote") or ""
    findings.append(finding("grade.evidence_rules.own_image", src, False,
                            f"这份证据不含教师本人影像，按“{quote}”是无效证据：须补交含本人影像的证据。"
                            + ("按从严合成，教师评为不合格。" if strict else "文件说的是证据无效，没有说教师因此不合格。"),
                            evidence_valid=False, advisory=not strict))
    if strict:
        steps.add("evidence", "证据不含教师本人影像 → 无效证据，按从严合成为不合格", src, None, band="fail")
        reasons.append("证据不含教师本人影像，为无效证据，按从严合成为不合格")
        return True
    steps.add("evidence", "证据不含教师本人影像 → 这份证据无效，须补交；等次仍按分数线", src, None)
    beside.append("提交的证据不含本人影像，是无效证据，须补交")
    return False
