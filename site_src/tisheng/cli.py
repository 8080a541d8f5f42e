"""``tisheng``: the engine on the command line. Exit 0 pass, 1 fail, 2 bad input."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from . import api, snapshot

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


def _cmd_eval(args: argparse.Namespace) -> int:
    response = json.loads(api.evaluate_json(sys.stdin.read()))
    print(json.dumps(response, ensure_ascii=False, indent=2 if args.pretty else None))
    return _exit_code(response)


def _cmd_hours(args: argparse.Namespace) -> int:
    data: dict[str, Any] = {"online": args.online, "practice": args.practice}
    if args.centralized is not None:
        data["centralized"] = args.centralized
    response = api.evaluate({"tool": "hours", "profile": args.profile, "input": data})
    if args.json:
        print(json.dumps(response, ensure_ascii=False, indent=2))
    else:
        _print_text(response)
    return _exit_code(response)


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
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("hours", help="学时自查")
    p.add_argument("--profile", required=True, help="政策 id，例如 kaiyuan-2024")
    p.add_argument("--online", required=True, help="线上研修学时")
    p.add_argument("--practice", required=True, help="实践应用学时")
    p.add_argument("--centralized", help="集中培训学时（可选）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=_cmd_hours)

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
