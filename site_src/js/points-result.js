/* 能力点选择's answer (points.js): the suggestions (with a button to take one), the environments the school can be
   assessed in, the points chosen or still open, and for a school its range to download and the printed 整校推进校本研修计划. */
import { el, thead } from "./dom.js";
import { exportButton } from "./files.js";
import { checkText, codes, ENVS, norm, pointName, ROOMS } from "./points-data.js";

/* forForm: the printed plan a school hands in, in the form's own words: the site's doubts are one footnote under the
   table (plan()), not a column of its marks. */
function pointTable(points, caption, withRooms, forForm) {
  var wrap = el("div", "ts-table-wrap");
  var table = el("table", "ts-table ts-points-table");
  table.appendChild(el("caption", null, caption));
  table.appendChild(thead(["编号", "能力点名称", "环境", "维度"].concat(forForm ? [] : ["核对情况"])
    .concat(withRooms ? ["学校有此环境的教室"] : [])));
  var body = el("tbody");
  points.forEach(function (p) {
    var tr = el("tr");
    tr.setAttribute("data-code", p.code);
    var check = checkText({ name: p.name, dimension: p.dimension, status: p.status });
    /* A plan that numbers points in its own list (张楼: Henan item 1-2 = A2 + A3) shows that item beside the code. */
    var code = p.item ? p.code + "（文件编号 " + p.item + "）" : p.code;
    [code, p.name == null ? (forForm ? "" : pointName(p)) : p.name, p.env_label, p.dimension_label,
      check || "已确认"].slice(0, forForm ? 4 : 5)
      .forEach(function (v, i) {
        var td = el("td", i === 4 && check ? "ts-unconfirmed" : null, v);
        tr.appendChild(td);
      });
    if (withRooms) {
      tr.appendChild(el("td", p.env_available === false ? "ts-no-room" : null,
        p.env_available == null ? "未填" : p.env_available ? "有" : "没有"));
    }
    body.appendChild(tr);
  });
  table.appendChild(body);
  wrap.appendChild(table);
  return wrap;
}

function environments(res) {
  var box = el("section", "ts-envs");
  box.appendChild(el("h3", null, "学校能在哪些环境中考核"));
  var envs = res.environments_available || [];
  if (envs.length && envs[0].assumed) {
    box.appendChild(el("p", null, "未填写教室情况：暂按三类环境都可考核计算。填写各类教室的间数后，会标出学校没有教室的环境。"));
    return box;
  }
  var have = envs.map(function (e) { return e.id; });
  var ul = el("ul");
  ENVS.forEach(function (e) {
    var on = have.indexOf(e[0]) >= 0;
    var n = res.classrooms ? res.classrooms[e[0]] : null;
    var li = el("li", on ? "ts-env-yes" : "ts-env-no",
      (on ? "✔ " : "✘ ") + e[1] + "：" + (n == null ? "未填" : n + " 间") + (on ? "，可以考核" : "，没有教室，难以考核"));
    li.setAttribute("data-env", e[0]);
    ul.appendChild(li);
  });
  box.appendChild(ul);
  if (res.classrooms_source === "profile") box.appendChild(el("p", "ts-hint", "教室间数取自所选文件原文；可在上面修改。"));
  return box;
}

function suggestions(page, res) {
  var list = res.suggestions || [];
  if (!list.length) return null;
  var box = el("section", "ts-suggestions");
  box.appendChild(el("h3", null, res.mode === "teacher" ? "怎样改才符合（最少改动）" : "建议的学校范围"));
  var ol = el("ol");
  list.forEach(function (s, i) {
    var li = el("li", "ts-suggestion ts-suggestion--" + s.kind + (s.advisory ? " ts-suggestion--advisory" : ""));
    li.setAttribute("data-kind", s.kind);
    li.appendChild(el("p", "ts-suggestion-text", s.message));
    var current = codes(page.hidden(res.mode === "teacher" ? "selected" : "school_range").value);
    var same = s.result.length && s.result.join(",") === current.join(",");
    if (s.result && s.result.length && s.kind !== "infeasible" && !same) {
      var b = el("button", "ts-apply", res.mode === "teacher" ? "按这个建议修改我的选择" : "采用这个范围");
      b.type = "button";
      b.setAttribute("data-apply", String(i));
      b.addEventListener("click", function () {
        page.setCodes(res.mode === "teacher" ? "selected" : "school_range", s.result.slice());
      });
      li.appendChild(b);
    }
    ol.appendChild(li);
  });
  box.appendChild(ol);
  return box;
}

/* The school's range to download, and the printed plan. */
function rangeExport(page, res) {
  var box = el("section", "ts-points-export");
  box.appendChild(el("h3", null, "导出学校范围"));
  var p = el("p", "ts-downloads");
  var status = el("p", "ts-hint", "");
  var x = exportButton("下载学校范围（Excel .xlsx）", function () {
    var req = page.request();
    return req && { export: "points", request: req, school: page.hidden("school").value };
  }, status);
  var pr = el("button", "md-button", "打印整校推进校本研修计划");
  pr.type = "button";
  pr.setAttribute("data-print", "");
  pr.addEventListener("click", function () { window.print(); });
  p.appendChild(x);
  p.appendChild(pr);
  box.appendChild(p);
  status.id = "export-status";
  status.setAttribute("role", "status");
  box.appendChild(status);
  if (res.range_source === "built") {
    box.appendChild(el("p", "ts-hint", "导出的是本工具拟定的范围；勾选后导出的是你确定的范围。"));
  }
  return box;
}

/* A finding as the printed form says it: without the sentences about the site's own doubts and defaults. */
function formText(message) {
  return String(message || "").replace(/（[^（）]*(待核对|本站默认)[^（）]*）/g, "").split(/(?<=。)/)
    .filter(function (part) { return !/待核对|本站默认|本站按/.test(part); }).join("").trim();
}

function plan(page, res) {
  var school = page.hidden("school").value.trim();
  var sec = el("section", "ts-plan");
  sec.setAttribute("aria-label", "打印用：整校推进校本研修计划");
  sec.appendChild(el("h2", null, (school || "＿＿＿＿学校") + " 整校推进校本研修计划"));
  sec.appendChild(el("p", null, "适用文件：《" + (res.profile_title || res.profile) + "》　能力点目录：《" +
    formText(res.catalog.title) + "》" + (res.catalog.uploaded ? "（学校上传）" : "")));
  sec.appendChild(el("h3", null, "1. 信息化环境自判"));
  var rooms = el("table", "ts-plan-rooms");
  var tr1 = el("tr");
  var tr2 = el("tr");
  ROOMS.forEach(function (r) {
    var th = el("th", null, r[1]);
    th.scope = "col";
    tr1.appendChild(th);
    var n = res.classrooms ? res.classrooms[r[0]] : null;
    tr2.appendChild(el("td", null, n == null ? "（  ）个教室" : "（ " + n + " ）个教室"));
  });
  var thead = el("thead");
  thead.appendChild(tr1);
  var tbody = el("tbody");
  tbody.appendChild(tr2);
  rooms.appendChild(thead);
  rooms.appendChild(tbody);
  sec.appendChild(rooms);
  var envs = (res.environments_available || []).filter(function (e) { return !e.assumed; })
    .map(function (e) { return e.label; });
  var open = (res.open_points || []).length;
  var range = res.range_points || [];
  sec.appendChild(el("p", null, "我校信息化环境为" + (envs.length ? envs.join("、") : "＿＿＿＿") +
    (envs.length ? "，在这些环境中共有 " + open + " 个能力点" : "") + "，本校选择了 " + range.length + " 个能力点，分别为："));
  var table = pointTable(range, "学校选定的能力点", false, true);
  table.querySelector("table").classList.add("ts-plan-table");
  sec.appendChild(table);
  /* Which entries the school still has to check against its province's list before it signs. */
  var doubtful = range.filter(function (p) { return checkText({ name: p.name, dimension: p.dimension, status: p.status }); })
    .map(function (p) { return p.code; });
  if (doubtful.length) {
    sec.appendChild(el("p", "ts-plan-footnote", "注：" + doubtful.join("、") + " 的名称或维度尚未与本省官方能力点清单对照，" +
      "提交前请学校对照本省清单确认。"));
  }
  var rules = el("ul", "ts-plan-rules");
  (res.findings || []).forEach(function (f) {
    var mark = f.met ? "符合：" : f.advisory ? (/^提醒/.test(f.message) ? "" : "提醒：") : "未达到：";
    var said = formText(f.message);
    if (said) rules.appendChild(el("li", null, mark + said));
  });
  sec.appendChild(el("p", null, "对照文件要求（由本站按《" + (res.profile_title || res.profile) + "》检查）："));
  sec.appendChild(rules);
  [["2. 整体思路与工作目标", 6], ["3. 实施步骤", 8]].forEach(function (part) {
    sec.appendChild(el("h3", null, part[0]));
    var lines = el("div", "ts-plan-lines");
    for (var i = 0; i < part[1]; i++) lines.appendChild(el("div", "ts-plan-line"));
    sec.appendChild(lines);
  });
  sec.appendChild(el("p", "ts-plan-sign", "学校（盖章）：＿＿＿＿＿＿　负责人：＿＿＿＿＿＿　日期：＿＿＿＿年＿＿月＿＿日"));
  return sec;
}

function flagTeacherList(page, res) {
  var items = page.items.selected;
  var inRange = res.school_range || [];
  var info = {};
  (res.open_points || []).concat(res.selected_points || []).forEach(function (p) { info[p.code] = p; });
  Object.keys(items).forEach(function (c) {
    var parts = [];
    if (inRange.indexOf(c) >= 0) parts.push("学校范围");
    if (info[c] && info[c].env_available === false) parts.push("学校无此环境教室");
    items[c].flags.textContent = parts.length ? parts.join(" · ") : "";
  });
}

/* A finding's message without the caveat the page says once. */
function plainFinding(text) {
  return text.replace(/其中[^。]*待核对，这一结论依赖这些条目，请以本省官方清单为准。/g, "").trim();
}

/* The answer's own parts: reminders marked, the suggestions, the environments, the points' tables, and for a school
   the range's download and the printed plan; the teacher's list flagged. */
export function addToAnswer(page, res, out) {
  var teacher = res.mode === "teacher";
  var relies = markFindings(out, res.findings || [], teacher);
  var order = page.catalog().points.map(function (p) { return norm(p.code); });
  relies.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
  if (relies.length) {  // said once for the whole answer, not under every ✔
    var at = out.findIndex(function (n) { return n.classList && n.classList.contains("ts-findings"); });
    out.splice(at + 1, 0, el("p", "ts-hint ts-relies", "＊ 这一结论用到的 " + relies.join("、") +
      " 在本站目录中名称或维度待核对，请以本省官方清单为准。"));
  }
  if (res.catalog && res.catalog.uploaded) {
    out.splice(1, 0, el("p", "ts-catalog-used", "本次按上传的目录《" + res.catalog.title + "》检查。"));
  }
  if (teacher) dropClassroomNote(out, res);
  var sugg = suggestions(page, res);
  if (sugg) out.push(sugg);
  out.push(environments(res));
  pointTables(out, res, teacher);
  var hasPlan = !teacher && (res.range_points || []).length > 0;
  if (hasPlan) {
    out.push(rangeExport(page, res));
    out.push(plan(page, res));
  }
  document.body.classList.toggle("ts-print-plan", hasPlan);
  flagTeacherList(page, res);
}

/* Advisory findings are marked as reminders, messages put in plain words; returns the unconfirmed codes the
   answer relies on. */
function markFindings(out, findings, teacher) {
  var relies = [];
  out.forEach(function (node) {
    if (!node.classList || !node.classList.contains("ts-findings")) return;
    Array.prototype.forEach.call(node.children, function (li, i) {
      var f = findings[i];
      if (!f) return;
      if (f.advisory && !f.met) {
        li.classList.remove("ts-finding--unmet");
        li.classList.add("ts-finding--advisory");
        li.querySelector(".ts-mark").textContent = /^提醒/.test(f.message) ? "⚠" : "⚠ 提醒：";
      }
      (f.relies_on_unconfirmed || []).forEach(function (c) { if (relies.indexOf(c) < 0) relies.push(c); });
      var msg = li.querySelector(".ts-message");
      if (msg) msg.textContent = plainFinding(msg.textContent);
      /* What other documents ask, for a school comparing them: on screen, not in her answer or the printed plan */
      if (f.others && !teacher && msg) msg.appendChild(el("span", "ts-others ts-screen-only", f.others));
    });
  });
  return relies;
}

/* Her own answer: the note asking for the school's classrooms is for school mode. */
function dropClassroomNote(out, res) {
  var notes = res.notes || [];
  for (var k = out.length - 1; k >= 0; k--) {
    var node = out[k];
    if (!node.classList || !node.classList.contains("ts-notes")) continue;
    Array.prototype.slice.call(node.children).forEach(function (li, i) {
      if (notes[i] && notes[i].rule === "school.classrooms" && !res.classrooms) li.remove();
    });
    if (!node.children.length) out.splice(k, 1);
  }
}

/* The points she chose (teacher) or the school's range, and the points still open to choose, folded. */
function pointTables(out, res, teacher) {
  if (teacher && (res.selected_points || []).length) {
    out.push(pointTable(res.selected_points, "我选的能力点", true));
  }
  if (!teacher && (res.range_points || []).length) {
    var cap = res.range_source === "built" ? "本工具拟定的学校范围（尚未勾选时）" : "学校范围";
    out.push(pointTable(res.range_points, cap, true));
  }
  var open = res.open_points || [];
  if (open.length) {
    var det = el("details", "ts-open-points");
    det.appendChild(el("summary", null, (teacher && res.school_range ? "学校范围内可选的能力点" :
      "学校有教室的环境中可选的能力点") + "（" + open.length + " 个）"));
    det.appendChild(pointTable(open, "可选的能力点", true));
    out.push(det);
  }
}
