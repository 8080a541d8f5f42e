"""A rollout answer as a workbook: the quota table (with totals, targets and differences), the checks, and, in
check mode, the same groups split exactly by the shares."""

from __future__ import annotations

from typing import Any

from ...io import xlsx

Sheet = tuple[str, list[str], list[list[Any]], list[int] | None]


def workbook(response: dict[str, Any]) -> tuple[bytes, str]:
    """A successful rollout answer as (.xlsx bytes, download name); ValueError (in Chinese) for anything else."""
    if not response.get("ok") or response.get("tool", "rollout") != "rollout":
        raise ValueError("只能导出名额分配的结果。")
    return to_xlsx(response), filename(response)


def filename(response: dict[str, Any]) -> str:
    """"名额分配-2015-2017.xlsx", or 名额核对 in check mode."""
    years = list(response.get("year_totals") or {})
    span = f"{years[0]}-{years[-1]}" if years else ""
    return ("名额核对" if response.get("mode") == "check" else "名额分配") + (f"-{span}" if span else "") + ".xlsx"


def to_xlsx(response: dict[str, Any]) -> bytes:
    header, rows = xlsx_rows(response)
    widths = [18, 10] + [11] * (len(header) - 3) + [10]
    title = "核对的任务表" if response.get("mode") == "check" else "名额表"
    sheets: list[Sheet] = [(title, header, rows, widths)]
    sheets.append(("核对结果", ["结果", "说明", "文件", "条款", "原文"], _findings(response), [8, 70, 30, 12, 40]))
    if response.get("mode") == "check" and response.get("suggested"):
        h2, r2 = xlsx_rows(_suggested(response))
        sheets.append(("按比例重排的名额", h2, r2, widths))
    return xlsx.write(sheets)


def xlsx_rows(response: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """The quota table as it is shown on the page: one row per group, then 合计, 比例目标 and 差额 rows."""
    noun = "学校数" if (response.get("base") or {}).get("unit") == "所" else "教师数"
    pilot_year = response.get("pilot_year")
    cols = list(response.get("year_totals") or {})
    header = ["名称", noun] + [f"{y}年（试点）" if y == pilot_year else f"{y}年" for y in cols] + ["各年合计"]
    rows: list[list[Any]] = []
    for q in response.get("quotas") or []:
        cells = [int(q["by_year"].get(y, 0)) for y in cols]
        rows.append([_safe(q["name"]), q["teachers"], *cells, sum(cells)])
    totals = [response["year_totals"][y] for y in cols]
    teachers = sum(int(q["teachers"]) for q in response.get("quotas") or [])
    rows.append(["合计", teachers, *totals, sum(totals)])
    devs = response.get("deviations") or {}
    rows.append(["比例目标", None, *[devs[y]["target"] if y in devs else None for y in cols], None])
    rows.append(["差额（合计−目标）", None, *[devs[y]["difference"] if y in devs else None for y in cols], None])
    rows.append(["偏差（百分点）", None, *[devs[y]["percentage_points"] if y in devs else None for y in cols], None])
    return header, rows


def _findings(response: dict[str, Any]) -> list[list[Any]]:
    rows = [
        ["符合" if f.get("met") else "未达到", f.get("message", ""), (f.get("source") or {}).get("title")
         or (f.get("source") or {}).get("doc", ""), (f.get("source") or {}).get("section", ""),
         (f.get("source") or {}).get("quote", "")]
        for f in response.get("findings") or []
    ]
    rows += [["说明", n.get("message", ""), (n.get("source") or {}).get("title") or "",
              (n.get("source") or {}).get("section", ""), (n.get("source") or {}).get("quote", "")]
             for n in response.get("notes") or []]
    verdict = "通过" if response.get("status") == "pass" else "未通过"
    rows += [[], ["结论", f"{verdict}：{response.get('summary', '')}"],
             ["政策文件", response.get("profile_title") or response.get("profile") or ""]]
    return rows


def _suggested(response: dict[str, Any]) -> dict[str, Any]:
    """The answer with its quota table replaced by the suggested one, differences measured again."""
    totals = response.get("suggested_year_totals") or {}
    base = (response.get("base") or {}).get("value") or 0
    devs = {}
    for y, d in (response.get("deviations") or {}).items():
        diff = float(totals.get(y, 0)) - float(d["target"])
        devs[y] = {**d, "difference": diff, "percentage_points": (round(diff / base * 100, 2) if base else 0.0) + 0.0}
    return dict(response, quotas=[
        {**s, "teachers": q["teachers"]} for s, q in zip(response["suggested"], response["quotas"])
    ], year_totals=totals, deviations=devs)


def _safe(value: Any) -> Any:
    """Text that starts like a formula gets an apostrophe, as in the batch tool's downloads."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"):
        return "'" + value
    return value
