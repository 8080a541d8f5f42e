"""``tisheng``: the engine on the command line. Exit 0 pass, 1 fail, 2 bad input."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

from . import api, batch, snapshot
from .model import fmt

EXIT = {"pass": 0, "fail": 1}


def _exit_code(response: dict[str, Any]) -> int:
    if not response.get("ok"):
        return 2
    return EXIT.get(str(response.get("status")), 1)


def _print_text(response: dict[str, Any]) -> None:
    if not response.get("ok"):
        print("输入有误：", file=sys.stderr)
        for err in response.get("errors", []):
            where = f"[{err['field']}] " if err.get("field") else ""
            print(f"  - {where}{err['message']}", file=sys.stderr)
        return
    print(("✔ " if response["status"] == "pass" else "✘ ") + response["summary"])
    for f in response.get("findings", []):
        src = f.get("source", {})
        print(f"  {'✔' if f['met'] else '✘'} {f['message']}")
        print(f"      依据：{src.get('title', '')} {src.get('section', '')}：“{src.get('quote', '')}”")
    for note in response.get("notes", []):
        print(f"  · {note['message']}")


def _readings(values: list[str] | None) -> dict[str, str] | None:
    """``--reading rule=reading`` (repeatable) as the request's ``reading``; None when a value is malformed."""
    out: dict[str, str] = {}
    for v in values or []:
        rule, _, reading = v.partition("=")
        if not rule.strip() or not reading.strip():
            print(f"[--reading] 读法应写成 规则=读法，例如 hours.deadline=phase-end；现在是“{v}”。", file=sys.stderr)
            return None
        out[rule.strip()] = reading.strip()
    return out


def _cmd_eval(args: argparse.Namespace) -> int:
    chosen = _readings(args.reading)
    if chosen is None:
        return 2
    text = sys.stdin.read()
    if chosen:
        try:
            req = json.loads(text)
        except ValueError:
            req = None
        if isinstance(req, dict):
            req["reading"] = {**(req.get("reading") if isinstance(req.get("reading"), dict) else {}), **chosen}
            text = json.dumps(req, ensure_ascii=False)
    response = json.loads(api.evaluate_json(text))
    print(json.dumps(response, ensure_ascii=False, indent=2 if args.pretty else None))
    return _exit_code(response)


def _cmd_hours(args: argparse.Namespace) -> int:
    data: dict[str, Any] = {"online": args.online, "practice": args.practice}
    if args.centralized is not None:
        data["centralized"] = args.centralized
    chosen = _readings(args.reading)
    if chosen is None:
        return 2
    response = api.evaluate({"tool": "hours", "profile": args.profile, "input": data, "reading": chosen})
    if args.json:
        print(json.dumps(response, ensure_ascii=False, indent=2))
    else:
        _print_text(response)
    return _exit_code(response)


def _read_with_pandas(path: str, tool: str = "hours") -> tuple[list[tuple[int, list[str]]], str | None, list[str]]:
    """Every cell as text, with the file's own row numbers; the header is found later, as in the browser."""
    import pandas as pd

    from . import tabular

    data = open(path, "rb").read()
    if data[:4] == b"PK\x03\x04":
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=str)
        frames = list(sheets.items())
    else:
        text, _ = tabular.decode(data)
        if text is None:
            raise ValueError("无法识别这个文件：它不是 CSV 文本，也不是 Excel（.xlsx）文件。")
        frame = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False,
                            sep=tabular.sniff_delimiter(text), skip_blank_lines=False)
        frames = [(None, frame)]
    for sheet, frame in frames:
        rows = [(i + 1, ["" if pd.isna(v) else str(v).strip() for v in values])
                for i, values in enumerate(frame.itertuples(index=False, name=None))]
        found = tabular.find_header(iter(rows), batch.header_test(batch.COLUMNS[tool]))
        if found:
            body = [r for r in rows if r[0] > found[0] and any(r[1])]
            return [found, *body], sheet, []
    raise ValueError("前 15 行里没有找到表头（例如“姓名”一列）。请使用网站提供的模板。")


def _cmd_batch(args: argparse.Namespace) -> int:
    if args.tool not in batch.COLUMNS:
        print(f"批量处理暂不支持工具“{args.tool}”。", file=sys.stderr)
        return 2
    try:
        rows, sheet, warnings = _read_with_pandas(args.file, args.tool)
    except (OSError, ValueError, ImportError) as exc:
        print(f"无法读取 {args.file}：{exc}", file=sys.stderr)
        return 2
    (_, header), body = rows[0], rows[1:]
    options = {k: v for k, v in (("w_peer", args.w_peer), ("w_leader", args.w_leader), ("reading", args.reading))
               if v is not None}
    result = batch.run_table(args.tool, args.profile, header, body, warnings, sheet=sheet, options=options)
    if not result.get("ok"):
        flags = {"input.w_peer": "--w-peer", "input.w_leader": "--w-leader", "input.reading": "--reading",
                 "profile": "--profile"}
        for err in result["errors"]:
            flag = flags.get(err.get("field", ""))
            print((f"[{flag}] " if flag else "") + err["message"], file=sys.stderr)
        return 2
    out = Path(args.out)
    try:
        out.write_bytes(batch.to_csv(result) if out.suffix.lower() == ".csv" else batch.to_xlsx(result))
    except OSError as exc:
        print(f"无法写入报告 {out}：{exc}", file=sys.stderr)
        return 2
    s = result["summary"]
    if args.tool == "grade":
        print(f"{result['profile_title']}：计算 {s['checked']} 人，优秀 {s['excellent']}，合格 {s['pass_only']}，"
              f"不合格 {s['fail']}，问题行 {s['bad']}，合格率 {fmt(s['pass_rate'] * 100)}%，"
              f"优秀率 {fmt(s['excellent_rate'] * 100)}%。报告：{out}")
        for school in result.get("schools", []):
            for check in school["checks"]:
                print(f"  {'✔' if check['met'] else '✘'} {check['message']}")
    else:
        print(f"{result['profile_title']}：检查 {s['checked']} 人，达标 {s['pass']}，未达标 {s['fail']}，"
              f"问题行 {s['bad']}，达标率 {fmt(s['pass_rate'] * 100)}%。报告：{out}")
    for b in result["bad_rows"][:20]:
        print(f"  第 {b['row']} 行 {b['name']}：{'；'.join(b['problems'])}", file=sys.stderr)
    return 0 if result["status"] == "pass" else 1


def _cmd_profiles(_: argparse.Namespace) -> int:
    for pid in snapshot.profile_ids():
        prof = snapshot.profile(pid) or {}
        print(f"{pid}\t{prof.get('title', '')}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tisheng", description="提升工程 2.0 自查工具（命令行）")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("eval", help="从标准输入读取 JSON 请求，输出 JSON 结果")
    p.add_argument("--pretty", action="store_true", help="缩进输出")
    p.add_argument("--reading", action="append", metavar="规则=读法",
                   help="文件说法不一时按哪种读法，例如 hours.deadline=phase-end（可重复）")
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("hours", help="学时自查")
    p.add_argument("--profile", required=True, help="政策 id，例如 kaiyuan-2024")
    p.add_argument("--online", required=True, help="线上研修学时")
    p.add_argument("--practice", required=True, help="实践应用学时")
    p.add_argument("--centralized", help="集中培训学时（可选）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--reading", action="append", metavar="规则=读法",
                   help="文件说法不一时按哪种读法，例如 hours.deadline=phase-end（可重复）")
    p.set_defaults(func=_cmd_hours)

    p = sub.add_parser("batch", help="批量检查教师名单（.xlsx 或 .csv），写出报告")
    p.add_argument("file", help="教师名单文件")
    p.add_argument("--tool", default="hours", help="工具：hours（学时）或 grade（成绩）")
    p.add_argument("--profile", required=True, help="政策 id")
    p.add_argument("--out", required=True, help="报告文件（.xlsx 或 .csv）")
    p.add_argument("--w-peer", dest="w_peer", help="成绩：教师互评的权重（文件未规定时必填），例如 50 或 0.5")
    p.add_argument("--w-leader", dest="w_leader", help="成绩：考核领导评价的权重，例如 50 或 0.5")
    p.add_argument("--reading", help="成绩：80 分的读法，eighty-excellent（默认）或 eighty-pass")
    p.set_defaults(func=_cmd_batch)

    p = sub.add_parser("profiles", help="列出可用的政策")
    p.set_defaults(func=_cmd_profiles)
    return parser



def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help: both are what we want.
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except snapshot.SnapshotMissing as exc:
        print(str(exc), file=sys.stderr)
        return 2
