/* A staff list's printed results: the sign-off sheets (考核结果签名表, one A4 page per school) and the whole results
   table (the screen table is paged). */
import { el, thead, today } from "./dom.js";
import { citeText } from "./cite.js";
import { short } from "./batch-table.js";
import { view } from "./table.js";

/* The results table for print: every row, with the title and today's date; `table` is the page's ResultsTable. */
export function printTable(res, table) {
  var box = el("section", "ts-print-results-block");
  box.appendChild(el("h3", "ts-print-title", (res.export_name || "检查结果") + "表"));
  var rows = table.rows;
  box.appendChild(el("p", "ts-sheet-meta", "依据：" + res.profile_title + "　共 " + rows.length + " 人" +
    (res.bad_rows.length ? "，另有 " + res.bad_rows.length + " 行有问题未计入（见表后）" : "") +
    "　打印日期：" + today()));
  var used = basisLine(res);
  if (used) box.appendChild(el("p", "ts-sheet-meta ts-print-basis", used));
  var t = el("table", "ts-print-table");
  /* Numbered by 序号 (1, 2, 3…); the row of the list it came from stays beside the name. */
  var columns = res.columns.slice();
  columns[0] = "名单行号";
  t.appendChild(thead(["序号"].concat(columns)));
  var body = el("tbody");
  var same = function (v) { return v; };
  for (var n = 0; n < rows.length; n++) {
    var tr = el("tr");
    tr.appendChild(el("td", null, String(n + 1)));
    table.cells(rows.row(n), same).forEach(function (text) {
      tr.appendChild(el("td", null, text == null ? "" : String(text)));
    });
    body.appendChild(tr);
  }
  t.appendChild(body);
  box.appendChild(t);
  if (res.bad_rows.length) {
    var list = el("ul", "ts-print-left-out");
    res.bad_rows.forEach(function (b) {
      list.appendChild(el("li", null, "第 " + b.row + " 行" + (b.name ? "（" + b.name + "）" : "") + "：" +
        b.problems.join("；")));
    });
    box.appendChild(el("p", "ts-sheet-meta", "未计入上表的行："));
    box.appendChild(list);
  }
  return box;
}

/* What the figures were computed with: the rules (with the weights the school filled in) and the reading; "" when
   the answer names none. */
export function basisLine(res) {
  var used = (res.rules || []).map(function (r) { return r.text; });
  (res.readings || []).forEach(function (r) { used.push("读法：" + (r.title ? r.title + "——" : "") + r.label); });
  return used.length ? "计算依据：" + used.join("；") + "。" : "";
}

/* 考核结果签名表: one A4 page per school; a school with more than SHEET_ROWS teachers takes several pages, each
   with the title repeated and "第 x 页 共 y 页". Teachers left out for errors are listed on their school's last page.
   `print()` prints the sheets; `basis` (basisLine) is said under each school's table, with the day it was printed. */
var SHEET_ROWS = 20;
var SIGN_PREVIEW_PAGES = 60;  // beyond this many printed pages the sheets are drawn one school at a time

export function signoff(so, bad, print, basis) {
  var box = el("section", "ts-signoff");
  box.setAttribute("aria-labelledby", "ts-signoff-title");
  var h = el("h3", null, so.title + "（打印预览）");
  h.id = "ts-signoff-title";
  box.appendChild(h);
  var pages = so.schools.reduce(function (n, s) { return n + Math.max(1, Math.ceil(s.rows.length / SHEET_ROWS)); }, 0);
  box.appendChild(el("p", "ts-hint ts-screen-only", "打印时每所学校单独一页（A4）；超过 " + SHEET_ROWS +
    " 人的学校分成几页，每页重复标题并注明“第几页 共几页”。本次共 " + so.schools.length + " 所学校、" + pages +
    " 页。名单中有问题、未列入本表的教师写在其学校的最后一页。页面上的其他内容不打印。"));
  var b = el("button", "md-button ts-screen-only", "打印签名表");
  b.type = "button";
  b.setAttribute("data-print-signoff", "");
  b.addEventListener("click", print);
  box.appendChild(b);
  var named = {};
  so.schools.forEach(function (s) { named[s.school] = true; });
  function sheets(s, k, into) {
    var leftOut = (bad || []).filter(function (r) {
      return (r.school || "（未填学校）") === s.school || (k === 0 && !named[r.school || "（未填学校）"]);
    });
    var rows = view(s.rows);
    var count = Math.max(1, Math.ceil(rows.length / SHEET_ROWS));
    var per = Math.ceil(rows.length / count);
    for (var n = 0; n < count; n++) {
      var page = [];
      for (var i = n * per; i < Math.min((n + 1) * per, rows.length); i++) page.push(rows.row(i));
      var sheet = signSheet(so, s, page, n, count, leftOut.length);
      if (n === count - 1) signEnd(sheet, so, leftOut, basis);
      into.appendChild(sheet);
    }
  }
  if (pages <= SIGN_PREVIEW_PAGES) {
    so.schools.forEach(function (s, k) { sheets(s, k, box); });
    return box;
  }
  // A city's or a province's list: every sheet at once would be tens of thousands of pages in this tab, so one
  // school's sheets are drawn when it is chosen (and printed as they are).
  box.appendChild(schoolChoice(so, function (k, into) { sheets(so.schools[k], k, into); }));
  return box;
}

function schoolChoice(so, draw) {
  var wrap = el("div", "ts-signoff-choice");
  var label = el("label", null, "名单较大（" + so.schools.length + " 所学校），请选择要预览和打印签名表的学校：");
  label.setAttribute("for", "ts-signoff-school");
  var select = el("select");
  select.id = "ts-signoff-school";
  select.appendChild(el("option", null, "（请选择学校）")).value = "";
  so.schools.forEach(function (s, k) {
    var o = el("option", null, short(s.school) + "（" + s.rows.length + " 人）");
    o.value = String(k);
    select.appendChild(o);
  });
  var sheets = el("div", "ts-signoff-sheets");
  select.addEventListener("change", function () {
    sheets.replaceChildren();
    if (select.value !== "") draw(Number(select.value), sheets);
  });
  label.appendChild(select);
  wrap.appendChild(label);
  wrap.appendChild(sheets);
  wrap.appendChild(el("p", "ts-signoff-none", "名单较大，签名表按学校分别打印：请先在页面上选择学校，再打印。"));
  return wrap;
}

/* One printed page of a school's sign-off sheet: its title, the document, the page number and its rows. */
function signSheet(so, s, rows, n, count, leftOut) {
  var sheet = el("div", "ts-sheet");
  sheet.setAttribute("data-school", s.school);
  sheet.setAttribute("data-sheet-page", String(n + 1));
  sheet.appendChild(el("h4", "ts-sheet-title", short(s.school) + " " + so.title));
  sheet.appendChild(el("p", "ts-sheet-meta", "依据：" + so.profile_title + "　共 " + s.rows.length + " 人" +
    (leftOut ? "（另有 " + leftOut + " 人名单有问题，见" + (count > 1 ? "最后一页" : "表后") + "）" : "") +
    (count > 1 ? "　第 " + (n + 1) + " 页 共 " + count + " 页" : "")));
  var table = el("table", "ts-sign-table");
  var body = el("tbody");
  var blank = so.sign_from == null ? 5 : so.sign_from;
  rows.forEach(function (row) {
    var r = el("tr");
    row.forEach(function (v, i) { r.appendChild(el("td", i >= blank ? "ts-sign-cell" : null, short(v))); });
    body.appendChild(r);
  });
  table.appendChild(thead(so.columns));
  colClasses(table.querySelectorAll("th"), so, blank);
  table.appendChild(body);
  sheet.appendChild(table);
  return sheet;
}

/* Column widths by what a column holds (a sheet's columns differ from tool to tool): 序号 narrow, the name on one
   line, the blank columns wide enough to write in, a column of sentences (what a teacher lacks) wider still; the
   rest share. */
function colClasses(heads, so, blank) {
  var n = heads.length;
  heads[0].classList.add("ts-col-no");
  if (n > 1) heads[1].classList.add("ts-col-name");  // every sheet's second column
  if (so.wide != null) heads[so.wide].classList.add("ts-col-wide");
  heads[n - 1].classList.add("ts-col-date");
  heads[n - 2].classList.add("ts-col-sign");
  if (n - blank > 2) heads[blank].classList.add("ts-col-say");  // a third blank column: the teacher's 意见
}

/* A school's last page: who was left out and why, the rule the sheet follows, and the head's signature line. */
function signEnd(sheet, so, leftOut, basis) {
  if (leftOut.length) {
    sheet.appendChild(el("p", "ts-sign-left-out", "未列入本表的教师（名单中有问题，未能计算）：" + leftOut.map(function (r) {
      return "第 " + r.row + " 行" + (r.name ? " " + short(r.name) : "") + "（" + r.problems.join("；") + "）";
    }).join("；") + "。"));
  }
  sheet.appendChild(el("p", "ts-sign-note ts-sign-basis", (basis ? basis + "　" : "") + "打印日期：" + today()));
  if (so.note) {
    var note = el("p", "ts-sign-note", so.note);
    (so.sources || []).forEach(function (src) {
      note.appendChild(el("span", "ts-cite", " 依据：" + citeText(src)));
    });
    sheet.appendChild(note);
  }
  sheet.appendChild(el("p", "ts-sign-footer", "考核小组负责人签字：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日"));
}
