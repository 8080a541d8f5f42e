"""Golden answers: every request in data/cases/, and the batch and export paths, as canonical JSON.

A refactor must leave all of them byte-identical. The digests live in tests/golden.sha256 and
tests/test_golden.py compares them; this script writes them and shows what changed:

    python scripts/golden.py --write            # after a change that is meant to alter answers
    python scripts/golden.py --dump DIR         # every answer as a file, to diff two trees or revisions
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site_src"))
sys.path.insert(0, str(ROOT))

DIGESTS = ROOT / "tests" / "golden.sha256"
TOOLS = ("hours", "points", "grade", "rollout", "evidence")


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def _roster(tool: str, rows: int) -> bytes:
    """A small staff list with good rows and every kind of bad one, so the batch paths are covered."""
    rng = random.Random(3231)
    if tool == "hours":
        lines = ["姓名,学校,学科,线上学时,实践学时"]
        lines += [f"教师{i:03d},第{i % 7 + 1}小学,语文,{rng.randint(0, 40)},{rng.randint(0, 40)}" for i in range(rows)]
        lines += ["教师x,第1小学,数学,abc,10", ",第1小学,数学,10,10", "教师000,第1小学,语文,10,10"]
    else:  # the one grade template: every profile's columns, so each grading mode reads its own
        lines = ["姓名,学校,学科,学校集中培训,线上自主学习,校本研修活动,成果打磨展示,教师互评,考核领导评价,"
                 "迟交资料次数,迟到次数,旷到次数,加分,证据含本人影像,等次"]
        for i in range(rows):
            scores = ",".join(str(rng.randint(40, 100)) for _ in range(6))
            counts = ",".join(str(rng.randint(0, 2)) for _ in range(4))
            lines.append(f"教师{i:03d},第{i % 7 + 1}小学,语文,{scores},{counts},{rng.choice('是否')},"
                         f"{rng.choice(['优秀', '合格', '不合格'])}")
        lines += ["教师x,第1小学,数学,abc,10,10,10,10,10,0,0,0,0,是,合格", ",第1小学,数学,,,,,,,,,,,,"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def answers() -> Iterator[tuple[str, Callable[[], Any]]]:
    """(name, thunk) for every golden answer, in a stable order."""
    from tests.helpers import cases, request
    from tisheng import api
    from tisheng.core import snapshot

    for tool in TOOLS:
        for case in cases(tool):
            req = request(tool, case)
            yield f"case/{tool}/{case['id']}", lambda req=req: api.evaluate(req)

    profiles = snapshot.load()["profiles"]
    for tool in ("hours", "grade"):
        body = _roster(tool, 40)
        for pid in sorted(profiles):
            def run(tool=tool, pid=pid, body=body) -> Any:
                options = {"w_peer": 40, "w_leader": 60} if tool == "grade" else {}
                result = api.batch({"tool": tool, "profile": pid, "filename": "名单.csv", "options": options}, body)
                out = {"result": result}
                if result.get("ok"):
                    _, report = api.export({"export": "batch", "format": "csv", "result": result})
                    out["csv"] = hashlib.sha256(report or b"").hexdigest()
                return out
            yield f"batch/{tool}/{pid}", run

    for tool in ("points", "rollout"):
        for case in cases(tool):
            req = request(tool, case)
            arg = {"export": tool, "request": req, **({"school": "某校"} if tool == "points" else {})}

            def export(arg=arg) -> Any:
                meta, body = api.export(arg)
                out = dict(meta)
                if body is not None:  # a workbook's bytes carry zip timestamps; its parsed sheets are what matter
                    import io

                    import openpyxl

                    book = openpyxl.load_workbook(io.BytesIO(body))
                    out["sheets"] = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}
                return out
            yield f"export/{tool}/{case['id']}", export


def compute() -> dict[str, bytes]:
    return {name: canonical(thunk()) for name, thunk in answers()}


def digests(outputs: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(body).hexdigest()}  {name}\n" for name, body in outputs.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite tests/golden.sha256")
    parser.add_argument("--dump", type=Path, help="write every answer as a JSON file under this folder")
    args = parser.parse_args()
    outputs = compute()
    if args.dump:
        for name, body in outputs.items():
            path = args.dump / f"{name}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
    if args.write:
        DIGESTS.write_text(digests(outputs), encoding="utf-8")
    print(f"{len(outputs)} answers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
