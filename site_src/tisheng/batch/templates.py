"""The downloadable staff-list templates: the header the reader expects and example rows."""

from __future__ import annotations

from typing import Any


def template(tool: str) -> tuple[list[str], list[list[Any]]]:
    if tool == "hours":
        return (["姓名", "学校", "学科", "线上学时", "实践学时"],
                [["张老师（示例）", "某某小学", "语文", 25, 25], ["李老师（示例）", "某某小学", "数学", 20, 30]])
    if tool == "grade":
        # One template for every profile that grades: fill the columns your document uses, leave or delete the rest.
        header = ["姓名", "学校", "学科", "学校集中培训", "线上自主学习", "校本研修活动", "成果打磨展示",
                  "教师互评", "考核领导评价", "迟交资料次数", "迟到次数", "旷到次数", "加分", "证据含本人影像", "等次"]
        return (header, [
            ["张老师（示例：XX学校方案填四个环节）", "某某小学", "语文", 90, 85, 80, 88, "", "", "", "", "", "", "", ""],
            ["李老师（示例：x县某校方案填互评、领导评价等）", "某某小学", "数学", "", "", "", "", 85, 90, 0, 1, 0, 2, "是", ""],
            ["王老师（示例：开原只填等次）", "某某小学", "英语", "", "", "", "", "", "", "", "", "", "", "", "合格"],
        ])
    raise ValueError(tool)
