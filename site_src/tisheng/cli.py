"""``tisheng``: the engine on the command line. Exit 0 pass, 1 fail, 2 bad input, 3 the file could not be read."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
import traceback
from pathlib import Path
from typing import Any

from . import api
from .core.model import fmt
from .io import limits

EXIT = {"pass": 0, "fail": 1}
EXIT_UNREADABLE = 3  # the list could not be read (not a table, damaged, no header or no rows): no verdict


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
            if err.get("field") == "profile":  # a command line names documents by their ids
                _profile_hint()
        return
    print(("✔ " if response["status"] == "pass" else "✘ ") + response["summary"])
    for f in response.get("findings", []):
        src = f.get("source", {})
        print(f"  {'✔' if f['met'] else '✘'} {f['message']}")
        print(f"      依据：{src.get('title', '')} {src.get('section', '')}：“{src.get('quote', '')}”")
    for note in response.get("notes", []):
        print(f"  · {note['message']}")


def _profile_hint() -> None:
    print(f"    --profile 可用的编号：{'、'.join(p['id'] for p in api.profiles())}", file=sys.stderr)


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
    text = _with_local_request(args, text)
    response = json.loads(api.evaluate_json(text))  # the worker's own call: the same answer to the byte
    print(json.dumps(response, ensure_ascii=False, indent=2 if args.pretty else None))
    return _exit_code(response)


def _cmd_hours(args: argparse.Namespace) -> int:
    data: dict[str, Any] = {"online": args.online, "practice": args.practice}
    if args.centralized is not None:
        data["centralized"] = args.centralized
    if args.today is not None:
        data["today"] = args.today
    chosen = _readings(args.reading)
    if chosen is None:
        return 2
    response = api.evaluate({"tool": "hours", "profile": args.profile, "input": data, "reading": chosen,
                             **_local_request(args)})
    if args.json:
        print(json.dumps(response, ensure_ascii=False, indent=2))
    else:
        _print_text(response)
    return _exit_code(response)


class TooBig(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


NOT_A_FILE = "这不是一个普通文件（而是管道、设备或文件夹），命令行只读取普通文件。"


def read_regular(path: str, limit: int) -> bytes:
    """A regular file's bytes, never waiting on a pipe or reading a device: opened without blocking and checked
    before anything is read. OSError (with NOT_A_FILE for anything else), or TooBig past ``limit`` bytes."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, NOT_A_FILE)
        if info.st_size > limit:
            raise TooBig(info.st_size)
        data = fh.read(limit + 1)
    if len(data) > limit:  # the file grew while it was read
        raise TooBig(len(data))
    return data


def _read_list(args: argparse.Namespace) -> bytes | None:
    """The list's bytes; None (said on stderr) when the file cannot be opened or is over the size limit."""
    try:
        return read_regular(args.file, api.MAX_FILE_BYTES)
    except OSError as exc:
        print(f"无法读取 {args.file}：{_os_reason(exc)}", file=sys.stderr)
    except TooBig as big:  # the same limit and message as the browser's upload, without reading the file first
        print(f"无法读取 {args.file}：文件有 {big.size / 1024 / 1024:.1f} MB，超过 50 MB 的上限。"
              "请删去无关的工作表或列后再上传。", file=sys.stderr)
    return None


BATCH_FLAGS = {"input.w_peer": "--w-peer", "input.w_leader": "--w-leader", "input.reading": "--reading",
               "profile": "--profile"}


def _batch_errors(args: argparse.Namespace, errors: list[dict[str, Any]]) -> int:
    if any(e.get("unreadable") for e in errors):  # not a table at all: only the reader's messages
        for err in errors:
            print(f"无法读取 {args.file}：{err['message']}", file=sys.stderr)
        return EXIT_UNREADABLE
    code = 2
    for err in errors:
        flag = BATCH_FLAGS.get(err.get("field", ""))
        if err.get("field") == "file":  # e.g. the header lacks a required column: the list cannot be read
            code = EXIT_UNREADABLE
        print((f"[{flag}] " if flag else "") + err["message"], file=sys.stderr)
        if err.get("field") == "profile":
            _profile_hint()
    return code


def _batch_summary(result: dict[str, Any], out: Path) -> None:
    s = result["summary"]
    if result["tool"] == "evidence":
        print(f"{result['profile_title']}：检查 {s['checked']} 人，符合 {s['pass']}，不符合 {s['fail']}，"
              f"未填完 {s['incomplete']}，问题行 {s['bad']}。报告：{out}")
    elif result["tool"] == "grade":
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
        print(f"  第 {b['row']} 行 {b['name'][:40]}：{'；'.join(b['problems'])}", file=sys.stderr)


def _cmd_batch(args: argparse.Namespace) -> int:
    if args.tool not in (*api.BATCH_TOOLS, "evidence"):
        print(f"批量处理暂不支持工具“{args.tool}”。", file=sys.stderr)
        return 2
    data = _read_list(args)
    if data is None:
        return EXIT_UNREADABLE
    options = {k: v for k, v in (("w_peer", args.w_peer), ("w_leader", args.w_leader), ("reading", args.reading))
               if v is not None}
    # The same reader, limits and messages as the browser's upload.
    result = api.batch({"tool": args.tool, "profile": args.profile, "filename": Path(args.file).name,
                        "options": options, **_local_request(args)}, data)
    if not result.get("ok"):
        return _batch_errors(args, result["errors"])
    for warning in result["file"]["warnings"]:
        print(f"提示：{warning}", file=sys.stderr)
    for used in result.get("readings") or []:  # where the document says two things, which reading was used
        print(("按你选择的读法：" if used["by_user"] else "按本站默认的读法（可用 --reading 改选）：")
              + (f"{used['title']}——" if used.get("title") else "") + f"{used['label']}。", file=sys.stderr)
    out = Path(args.out)
    made, report = api.export({"export": "batch", "format": "csv" if out.suffix.lower() == ".csv" else "xlsx",
                               "result": result})
    if report is None:
        print(f"无法生成报告 {out}：{made['errors'][0]['message']}", file=sys.stderr)
        return 2
    try:
        out.write_bytes(report)
    except OSError as exc:
        print(f"无法写入报告 {out}：{_os_reason(exc)}", file=sys.stderr)
        return 2
    _batch_summary(result, out)
    if result["tool"] == "evidence":
        s = result["summary"]
        return 0 if s["fail"] == 0 and s["incomplete"] == 0 and s["bad"] == 0 and s["checked"] > 0 else 1
    return 0 if result["status"] == "pass" else 1


def _os_reason(exc: OSError) -> str:
    """The operating system's reason in Chinese (its own text is English)."""
    import errno

    reasons = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读写权限", errno.EISDIR: "这是一个文件夹，不是文件",
               errno.ENOSPC: "磁盘空间不足", errno.EROFS: "磁盘是只读的", errno.ENOTDIR: "路径中有一段不是文件夹",
               errno.ENXIO: NOT_A_FILE}
    if exc.strerror == NOT_A_FILE:
        return NOT_A_FILE
    return reasons.get(exc.errno or 0, "系统无法打开（" + type(exc).__name__ + "）")


def _cmd_profiles(_: argparse.Namespace) -> int:
    for prof in api.profiles():
        print(f"{prof['id']}\t{prof['title']}")
    return 0


# Options several subcommands share are added by one function each, so that a new one (e.g. a profile read from a
# file) is one more function called where it applies.
def _add_profile(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument("--profile", help=help_text)  # or --profile-file: _load_profile_file asks for one of them
    _add_profile_file(p)


def _add_profile_file(p: argparse.ArgumentParser) -> None:
    p.add_argument("--profile-file", dest="profile_file", metavar="文件",
                   help="本地文件（“录入本地文件”页导出的 .yaml，或同样内容的 .json，最大 1 MB），代替 --profile")


def _add_readings(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reading", action="append", metavar="规则=读法",
                   help="文件说法不一时按哪种读法，例如 hours.deadline=phase-end（可重复）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tisheng", description="提升工程 2.0 自查工具（命令行）")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("eval", help="从标准输入读取 JSON 请求，输出 JSON 结果")
    p.add_argument("--pretty", action="store_true", help="缩进输出")
    _add_profile_file(p)
    _add_readings(p)
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("hours", help="学时自查")
    _add_profile(p, "政策 id，例如 kaiyuan-2024")
    p.add_argument("--online", required=True, help="线上研修学时")
    p.add_argument("--practice", required=True, help="实践应用学时")
    p.add_argument("--centralized", help="集中培训学时（可选）")
    p.add_argument("--today", metavar="日期", help="按哪一天判断截止日期，例如 2024-06-30（不填按今天）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    _add_readings(p)
    p.set_defaults(func=_cmd_hours)

    p = sub.add_parser("batch", help="批量检查教师名单（.xlsx 或 .csv），写出报告")
    p.add_argument("file", help="教师名单文件")
    p.add_argument("--tool", default="hours", help="工具：hours（学时）、grade（成绩）或 evidence（材料自查）")
    _add_profile(p, "政策 id")
    p.add_argument("--out", required=True, help="报告文件（.xlsx 或 .csv）")
    p.add_argument("--w-peer", dest="w_peer", help="成绩：教师互评的权重（文件未规定时必填），例如 50 或 0.5")
    p.add_argument("--w-leader", dest="w_leader", help="成绩：考核领导评价的权重，例如 50 或 0.5")
    p.add_argument("--reading", help="文件说法不一时用哪种读法（读法编号，多个用逗号分隔；见各文件页），"
                   "例如学时 plan-minimum，成绩 eighty-pass")
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
        code = _load_profile_file(args)
        return code if code is not None else int(args.func(args))
    except api.SnapshotMissing as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except Exception:  # noqa: BLE001 - never a traceback on a user's terminal (TISHENG_DEBUG=1 shows it)
        if os.environ.get("TISHENG_DEBUG"):
            traceback.print_exc()
        print("处理时出现内部错误，请把所用的命令和文件反馈给网站管理员（设置 TISHENG_DEBUG=1 再运行可看到详细信息）。",
              file=sys.stderr)
        return 2


# ---- --profile-file: a school's or county's own document, the file the rules page exports


def _load_profile_file(args: argparse.Namespace) -> int | None:
    """Reads and checks --profile-file before the command runs: 3 when it cannot be read, 2 when it is wrong."""
    path = getattr(args, "profile_file", None)
    if path is None:
        if args.command in ("hours", "batch") and not args.profile:
            print("[--profile] 请用 --profile 选择政策（tisheng profiles 列出可用的编号），或用 --profile-file 指定本地文件。",
                  file=sys.stderr)
            return 2
        return None
    if getattr(args, "profile", None):
        print("[--profile-file] --profile 和 --profile-file 只能用一个。", file=sys.stderr)
        return 2
    try:
        data = read_regular(path, limits.MAX_PROFILE_BYTES)
    except OSError as exc:
        print(f"无法读取本地文件 {path}：{_os_reason(exc)}", file=sys.stderr)
        return EXIT_UNREADABLE
    except TooBig as big:
        data = None
        read = {"ok": False, "unreadable": True, "errors": [limits.too_big(big.size)]}
    if data is not None:  # the rules page's import reads a file through the same door
        read = api.read_local_file(data)
    if not read["ok"]:
        print(f"{'无法读取' if read['unreadable'] else ''}本地文件 {path}{'' if read['unreadable'] else ' 有误'}：",
              file=sys.stderr)
        shown, more = (read["listed"], read["more"]) if "listed" in read else limits.capped(read["errors"])
        for err in shown:
            print(f"  - {err['message']}", file=sys.stderr)
        if more:
            print(f"  {more}", file=sys.stderr)
        return EXIT_UNREADABLE if read["unreadable"] else 2
    args.profile, args.local_obj = LOCAL_ID, read["profile"]
    return None


LOCAL_ID = "local"


def _local_request(args: argparse.Namespace) -> dict[str, Any]:
    return {"local_profile": args.local_obj} if getattr(args, "local_obj", None) is not None else {}


def _with_local_request(args: argparse.Namespace, text: str) -> str:
    """``eval`` with --profile-file: the request's profile is the file."""
    if getattr(args, "local_obj", None) is None:
        return text
    try:
        req = json.loads(text)
    except ValueError:
        return text
    if isinstance(req, dict):
        req.update(profile=LOCAL_ID, local_profile=args.local_obj)
        text = json.dumps(req, ensure_ascii=False)
    return text
