/* 录入本地文件's form ⇄ a profile (the format of data/profiles, tisheng.local): each rule group of the form holds one
   rule (its control's name is the rule's path with a dash: hours-total_min ↔ hours.total_min), with the quote and
   section it cites; list rules are editable tables (grid.js). rules.js runs the page. */
import { el, words } from "./dom.js";
import { cell, row, rowValues } from "./grid.js";

var HEAD = ["title", "issuer", "doc_no", "date", "level", "region", "extends"];
var UNITS = { hours: "学时", points: "个" };
var PERCENT = { "hours-practice_ratio_min": true };
var CODES = { "points-school_range": true };  /* a list of point codes typed as "A1,A5,B2" */
/* The list rules: tables of inputs the page draws. */
var LISTS = {
  "points-age_rules": [["age_min", "起始年龄"], ["age_max", "截止年龄"], ["count_min", "至少选几个"]],
  "grading-components": [["label", "考核环节"], ["weight", "权重（%）"]],
  "grading-deductions": [["label", "扣分项"], ["points", "每次扣几分"]],
  "rollout-shares": [["year", "年份"], ["share", "比例（%）"]],
};
var DEFAULT_BANDS = [{ band: "excellent", min: 80, max: 100, min_inclusive: true, max_inclusive: true },
  { band: "pass", min: 60, max: 80, min_inclusive: true, max_inclusive: false },
  { band: "fail", min: null, max: 60, min_inclusive: null, max_inclusive: false }];

export function $(id) { return document.getElementById(id); }
function val(id) { var c = $(id); return c ? c.value.trim() : ""; }
function number(text) { return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text; }
function fromPercent(text) {
  var v = number(text.replace(/[%％]$/, ""));
  return typeof v === "number" ? Math.round(v * 1e6) / 1e8 : text;
}
function toPercent(v) { return typeof v === "number" ? String(Math.round(v * 1e8) / 1e6) : String(v == null ? "" : v); }

function listBody(id) { return document.querySelector("table.ts-" + id + "-table tbody"); }

/* A list rule's cell: named by its column and row for a screen reader, described by the rule's hint and error. */
function listCell(id, i, key, text, value) {
  return { id: id + "-" + i + "-" + key, key: key, label: text + "（第 " + (i + 1) + " 行）", value: value, aria: true,
    describedBy: id + "-hint " + id + "-error" };
}

function addRow(id, values, changed) {
  var body = listBody(id);
  var i = body.rows.length;
  var tr = row(LISTS[id].map(function (c) { return listCell(id, i, c[0], c[1], values ? values[c[0]] : ""); }), {
    label: "删除第 " + (i + 1) + " 行",
    remove: function () { tr.remove(); changed(); },
  });
  body.appendChild(tr);
}

function inclusive(id, value) {
  var s = el("select");
  s.id = id;
  [["true", "含"], ["false", "不含"]].forEach(function (o) {
    var opt = el("option", null, o[1]);
    opt.value = o[0];
    s.appendChild(opt);
  });
  s.value = value === false ? "false" : "true";
  return s;
}

/* The grades' bands: one row per grade of the vocabulary, its lowest and highest score and whether each counts. */
function drawBands(bands) {
  var body = listBody("grading-bands");
  body.replaceChildren();
  words().bands.forEach(function (b, i) {
    var got = (bands || []).filter(function (x) { return x && x.band === b[0]; })[0] || {};
    var tr = el("tr");
    tr.setAttribute("data-band", b[0]);
    tr.appendChild(el("th", null, b[1]));
    ["min", "max"].forEach(function (end) {
      var td = cell(listCell("grading-bands", i, end, b[1] + (end === "min" ? "的最低分" : "的最高分"), got[end]));
      var sel = inclusive("grading-bands-" + i + "-" + end + "_inclusive", got[end + "_inclusive"]);
      sel.setAttribute("aria-label", b[1] + (end === "min" ? "是否含最低分" : "是否含最高分"));
      td.appendChild(sel);
      tr.appendChild(td);
    });
    tr.appendChild(el("td"));
    body.appendChild(tr);
  });
}

function readList(id) {
  return Array.prototype.map.call(listBody(id).rows, rowValues).filter(function (r) {
    return Object.keys(r).some(function (k) { return r[k]; });
  });
}

function readBands() {
  var any = false;
  var bands = words().bands.map(function (b, i) {
    var out = { band: b[0], label: b[1] };
    ["min", "max"].forEach(function (end) {
      var text = val("grading-bands-" + i + "-" + end);
      if (text) any = true;
      out[end] = text ? number(text) : null;
      out[end + "_inclusive"] = text ? $("grading-bands-" + i + "-" + end + "_inclusive").value === "true" : null;
    });
    return out;
  });
  return any ? bands : null;
}

function listValue(id) {
  if (id === "grading-bands") return readBands();
  var rows = readList(id);
  if (!rows.length) return null;
  if (id === "points-age_rules") {
    return rows.map(function (r) {
      return { age_min: r.age_min ? number(r.age_min) : null, age_max: r.age_max ? number(r.age_max) : null,
        count_min: number(r.count_min) };
    });
  }
  if (id === "grading-components") {
    return rows.map(function (r, i) { return { id: "c" + (i + 1), label: r.label, weight: fromPercent(r.weight) }; });
  }
  if (id === "grading-deductions") {
    return rows.map(function (r, i) {
      var p = number(r.points);
      return { id: "d" + (i + 1), label: r.label, points: typeof p === "number" ? -Math.abs(p) : p, per: "每次" };
    });
  }
  var shares = {};
  rows.forEach(function (r) { shares[r.year] = fromPercent(r.share); });
  return shares;
}

/* ---- form → profile */
export function ruleOf(group) {
  var control = group.querySelector("input:not([type=hidden]):not([data-cell]), select, input[type=hidden]");
  return control ? control.name : null;
}

function readRule(base) {
  var value;
  if (LISTS[base] || base === "grading-bands") value = listValue(base);
  else if (base === "grading-final_composition") value = composition();
  else {
    var text = val(base);
    var c = $(base);
    value = !text ? null : PERCENT[base] ? fromPercent(text) : CODES[base] ?
      text.split(/[,，、;；\s]+/).filter(Boolean).map(function (x) { return x.toUpperCase(); }) :
      c.type === "date" ? text : number(text);
  }
  var quote = val(base + "-quote");
  var section = val(base + "-section");
  if (value === null && !quote && !section) return null;
  var rule = { value: value };
  var sec = base.split("-")[0];
  if (typeof value === "number" && UNITS[sec] && !PERCENT[base]) rule.unit = base === "hours-period_years" ? "年" : UNITS[sec];
  if (quote || section) {
    rule.source = {};
    if (section) rule.source.section = section;
    if (quote) rule.source.quote = quote;
  }
  return rule;
}

function composition() {
  if (val("grading-final_composition") !== "peer_leader") return null;
  var w = function (id) { var t = val(id); return t ? fromPercent(t) : null; };
  return [{ id: "peer", label: "教师互评", weight: w("grading-w_peer") },
    { id: "leader", label: "考核领导评价", weight: w("grading-w_leader") }];
}

export function readForm(root) {
  var p = { format_version: 1 };
  HEAD.forEach(function (k) { if (val(k)) p[k] = val(k); });
  root.querySelectorAll(".ts-rule").forEach(function (group) {
    var base = ruleOf(group);
    if (!base) return;
    var rule = readRule(base);
    if (!rule) return;
    var parts = base.split("-");
    (p[parts[0]] = p[parts[0]] || {})[parts[1]] = rule;
  });
  return p;
}

/* ---- profile → form (an imported file, a link, the kept file, the draft) */
function fillRule(base, rule, changed) {
  var v = rule && rule.value;
  if (LISTS[base]) {
    listBody(base).replaceChildren();
    var rows = [];
    if (base === "rollout-shares" && v && typeof v === "object") {
      rows = Object.keys(v).map(function (y) { return { year: y, share: toPercent(v[y]) }; });
    } else if (Array.isArray(v)) {
      rows = v.map(function (r) {
        var out = Object.assign({}, r);
        if (base === "grading-components") out.weight = toPercent(r.weight);
        if (base === "grading-deductions" && typeof r.points === "number") out.points = String(Math.abs(r.points));
        return out;
      });
    }
    rows.forEach(function (r) { addRow(base, r, changed); });
    if (!rows.length) addRow(base, null, changed);
  } else if (base === "grading-bands") {
    drawBands(Array.isArray(v) ? v : null);
  } else if (base === "grading-final_composition") {
    $(base).value = Array.isArray(v) ? "peer_leader" : "";
    var w = {};
    (Array.isArray(v) ? v : []).forEach(function (x) { if (x) w[x.id] = x.weight; });
    $("grading-w_peer").value = w.peer == null ? "" : toPercent(w.peer);
    $("grading-w_leader").value = w.leader == null ? "" : toPercent(w.leader);
  } else if ($(base)) {
    $(base).value = v == null ? "" : PERCENT[base] ? toPercent(v) : Array.isArray(v) ? v.join(",") : String(v);
  }
  var src = (rule && rule.source) || {};
  if ($(base + "-quote")) $(base + "-quote").value = src.quote || "";
  if ($(base + "-section")) $(base + "-section").value = src.section || "";
}

export function fillForm(root, p, changed) {
  p = p || {};
  HEAD.forEach(function (k) {
    var c = $(k);
    if (!c) return;
    var v = p[k] == null ? "" : String(p[k]);
    if (c.tagName === "SELECT" && !Array.prototype.some.call(c.options, function (o) { return o.value === v; })) {
      if (!v) return;
      var opt = el("option", null, "（文件中写的上级文件本站没有收录）");  /* kept, so the check can say so */
      opt.value = v;
      c.appendChild(opt);
    }
    c.value = v || (k === "level" ? "school" : c.value);
  });
  root.querySelectorAll(".ts-rule").forEach(function (group) {
    var base = ruleOf(group);
    if (!base) return;
    var parts = base.split("-");
    fillRule(base, (p[parts[0]] || {})[parts[1]], changed);
  });
}

/* ---- engine field → the control beside which its message goes */
export function controlFor(root, err) {
  var f = String(err.field || "").replace(/^local_profile\.?/, "");
  var parts = f.split(".");
  var id = f;
  if (["hours", "points", "grading", "rollout"].indexOf(parts[0]) >= 0 && parts[1]) {
    var base = parts[0] + "-" + parts[1].replace(/\[\d+\]$/, "");
    id = /\.source\.quote$/.test(f) ? base + "-quote" : /\.source\.section$/.test(f) ? base + "-section" : base;
    if (!$(id) && !$(id + "-error")) id = "";
  } else if (f === "format_version" || f === "file" || f === "id" || f === "doc") {
    id = "rules-file";
  }
  var box = id ? $(id + "-error") : null;
  if (!box) return null;
  var control = $(id);
  if (control && control.type === "hidden") control = root.querySelector("table.ts-" + id + "-table input, table.ts-" + id + "-table select");
  return { control: control, box: box };
}

/* What the file leaves to its parent, said under each rule's hint. */
export function showInherited(root, inherited) {
  root.querySelectorAll(".ts-rule").forEach(function (group) {
    var base = ruleOf(group);
    var hint = base && $(base + "-hint");
    if (!hint) return;
    var note = $(base + "-inherit");
    if (!note) {
      note = el("p", "ts-hint ts-inherit");
      note.id = base + "-inherit";
      hint.after(note);
      var c = $(base);
      if (c) c.setAttribute("aria-describedby", (c.getAttribute("aria-describedby") || "") + " " + note.id);
    }
    var parts = base.split("-");
    var text = (inherited || {})[parts[0] + "." + parts[1]];
    note.textContent = text || "";
    note.hidden = !text;
  });
}

/* The list rules drawn, each with its name above its hint as the other rules have their label; `changed()` hears
   a row added, deleted, or the bands reset. */
export function drawLists(root, changed) {
  Object.keys(LISTS).concat(["grading-bands"]).forEach(function (id) {
    var group = listBody(id).closest(".ts-rule");
    var caption = group.querySelector("caption");
    var p = el("p", "ts-rule-label", caption ? caption.textContent : "");
    p.id = id + "-label";
    group.prepend(p);
    var t = group.querySelector("table");
    t.setAttribute("aria-labelledby", p.id);
    var wrap = el("div", "ts-rule-table");  /* a wide table scrolls in its own box on a phone, not the page */
    t.before(wrap);
    wrap.appendChild(t);
  });
  Object.keys(LISTS).forEach(function (id) { if (!listBody(id).rows.length) addRow(id, null, changed); });
  drawBands(null);
  root.querySelectorAll("[data-add-row]").forEach(function (b) {
    b.addEventListener("click", function () {
      var base = ruleOf(b.closest(".ts-rule"));
      addRow(base, null, changed);
      listBody(base).lastElementChild.querySelector("input").focus();
    });
  });
  root.querySelector("[data-bands-default]").addEventListener("click", function () {
    drawBands(DEFAULT_BANDS);
    changed();
  });
}
