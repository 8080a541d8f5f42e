/* A staff list's results on the page: the table of every teacher (a page of rows at a time, filtered by status,
   sorted by a column), the rows left out, and the schools' own checks. The rows come packed in columns (table.js). */
import { el, thead, words } from "./dom.js";
import { citeText } from "./cite.js";

var PAGE = 50;
export var STATUS = { pass: "达标", fail: "未达标" };
var CELL_CHARS = 200; // a cell may hold 32,767 characters: laying that out in a table row froze the tab

export function fmt(v) {
  return typeof v === "number" ? String(Math.round(v * 10) / 10) : short(v);
}

/* 3,231 → "3,231". Number#toLocaleString("zh-CN") says the same, but its first call loads the locale's data: a
   twentieth of a second of the page's thread as the first rows are counted. */
export function count(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function short(v) {
  v = v == null ? "" : String(v);
  return v.length > CELL_CHARS ? v.slice(0, CELL_CHARS) + "……（共 " + v.length + " 个字符，下载的结果中有全文）" : v;
}

/* A score as the single check writes it: one decimal, or two where the engine kept two (79.95, never "80.0"). */
function score(v) {
  var one = v.toFixed(1);
  return Math.abs(Number(one) - v) > 1e-9 ? v.toFixed(2) : one;
}

/* The results table of `res` (its rows a view of table.js): nodes() are its controls, the table and its pager. */
export function ResultsTable(res, rows) {
  this.data = res;
  this.rows = rows;
  this.sort = { col: -1, dir: 1 };
  this.filter = "all";
  this.page = 0;
  this.statusCol = res.status_col == null ? 8 : res.status_col;
  this.labels = res.status_labels || STATUS;
  this.fixed = res.fixed_cols || [];
  this.wrap = el("div", "ts-table-wrap");
  this.table = this.wrap.appendChild(el("table", "ts-table ts-cards"));
  this.pager = el("nav", "ts-pager");
  this.pager.setAttribute("aria-label", "分页");
}

ResultsTable.prototype.nodes = function () {
  return [this.controls(), this.wrap, this.pager];
};

/* A row's cells as text: the status by its label, scores as the single check writes them. */
ResultsTable.prototype.cells = function (row, format) {
  var k = this.statusCol, labels = this.labels, fixed = this.fixed;
  return row.map(function (v, i) {
    return i === k ? labels[v] || v : fixed.indexOf(i) >= 0 && typeof v === "number" ? score(v) : format(v);
  });
};

ResultsTable.prototype.controls = function () {
  var self = this;
  var box = el("div", "ts-table-controls");
  var label = el("label", null, "显示：");
  label.htmlFor = "ts-filter";
  var select = el("select");
  select.id = "ts-filter";
  var labels = this.labels;
  [["all", "全部"], ["fail", "只看" + labels.fail], ["pass", "只看" + labels.pass]].forEach(function (o) {
    var opt = el("option", null, o[1]);
    opt.value = o[0];
    select.appendChild(opt);
  });
  select.addEventListener("change", function () {
    self.filter = select.value;
    self.page = 0;
    self.refresh();
  });
  box.appendChild(label);
  box.appendChild(select);
  this.count = el("span", "ts-count");
  this.count.setAttribute("aria-live", "polite");
  box.appendChild(this.count);
  return box;
};

var collator = typeof Intl === "object" ? new Intl.Collator("zh-CN") : null;

/* The table's rows, as their places in the list: failures first, each part in list order (the engine returns the
   rows in list order, so a pass over the status column does it, where a sort took most of a second at a province's
   size), or sorted by the column chosen. */
ResultsTable.prototype.ordered = function () {
  var rows = this.rows;
  var f = this.filter;
  var k = this.statusCol;
  var col = this.sort.col;
  var dir = this.sort.dir;
  var nos = rows.column(0);
  if (col < 0 && increasing(nos)) {
    var fails = f === "pass" ? new Uint32Array(0) : rows.select(k, function (v) { return v === "fail"; });
    var rest = rows.select(k, function (v) { return v !== "fail" && (f === "all" || v === f); });
    var both = new Uint32Array(fails.length + rest.length);
    both.set(fails);
    both.set(rest, fails.length);
    return both;
  }
  var view = rows.select(k, function (v) { return f === "all" || v === f; });
  if (col < 0) {
    var failed = rows.column(k).map(function (v) { return v === "fail"; });
    view.sort(function (a, b) { return (failed[a] === failed[b] ? 0 : failed[a] ? -1 : 1) || nos[a] - nos[b]; });
  } else {
    var values = rows.column(col);
    view.sort(function (a, b) {
      var x = values[a];
      var y = values[b];
      var c = typeof x === "number" ? x - y : collator ? collator.compare(String(x), String(y)) :
        String(x).localeCompare(String(y), "zh-CN");
      return c * dir || nos[a] - nos[b];
    });
  }
  return view;
};

function increasing(values) {
  for (var i = 1; i < values.length; i++) if (!(values[i] > values[i - 1])) return false;
  return true;
}

ResultsTable.prototype.refresh = function () {
  var self = this;
  var view = this.ordered();
  var pages = Math.max(1, Math.ceil(view.length / PAGE));
  this.page = Math.min(this.page, pages - 1);
  var head = el("thead");
  var tr = el("tr");
  this.data.columns.forEach(function (name, i) {
    var th = el("th");
    th.scope = "col";
    var b = el("button", "ts-sort", name);
    b.type = "button";
    if (self.sort.col === i) th.setAttribute("aria-sort", self.sort.dir > 0 ? "ascending" : "descending");
    b.addEventListener("click", function () {
      self.sort = { col: i, dir: self.sort.col === i ? -self.sort.dir : 1 };
      self.refresh();
      self.table.querySelectorAll(".ts-sort")[i].focus();
    });
    th.appendChild(b);
    tr.appendChild(th);
  });
  head.appendChild(tr);
  var body = el("tbody");
  var k = this.statusCol;
  var key = this.data.columns.map(function (c, i) { return /^(姓名|成绩|等次|结果|总学时)$/.test(c) || i === k ? i : -1; });
  var rows = this.rows;
  view.slice(this.page * PAGE, (this.page + 1) * PAGE).forEach(function (at) {
    var row = rows.row(at);
    var r = el("tr", "ts-row--" + row[k]);
    self.cells(row, fmt).forEach(function (text, i) {
      var td = el("td", (i === k ? "ts-status " : "") + (key.indexOf(i) >= 0 ? "ts-key" : ""), text);
      td.setAttribute("data-label", self.data.columns[i]);  // a phone shows each row as a card of label: value
      r.appendChild(td);
    });
    body.appendChild(r);
  });
  this.table.replaceChildren(head, body);
  this.count.textContent = "共 " + view.length + " 人，第 " + (this.page + 1) + " / " + pages + " 页";
  pagerButtons(this.pager, this.page, pages, function (target) {
    self.page = target;
    self.refresh();
  });
};

/* 上一页 / 下一页 in `pager`, for page `page` of `pages`; go(target) turns the page. */
function pagerButtons(pager, page, pages, go) {
  pager.replaceChildren();
  [["上一页", -1], ["下一页", 1]].forEach(function (pair) {
    var b = el("button", "md-button", pair[0]);
    b.type = "button";
    var target = page + pair[1];
    b.disabled = target < 0 || target >= pages;
    b.addEventListener("click", function () { go(target); });
    pager.appendChild(b);
  });
}

export function badRows(bad) {
  var box = el("section", "ts-bad");
  box.appendChild(el("h3", null, "问题行（" + bad.length + " 行，未计入下面的结果）"));
  var list = el("ul");
  bad.slice(0, 200).forEach(function (b) {
    list.appendChild(el("li", null, "第 " + b.row + " 行" + (b.name ? "（" + short(b.name) + "）" : "") + "：" +
      short(b.problems.join("；"))));
  });
  box.appendChild(list);
  if (bad.length > 200) box.appendChild(el("p", "ts-hint", "只显示前 200 行；下载的结果文件中有全部问题行。"));
  return box;
}

/* School-level checks (e.g. 开原: pass rate 100%, 优秀 rate at most 60%), with the teachers they concern: PAGE
   schools at a time, with their findings (a province's list names thousands of schools). */
export function schools(list) {
  var box = el("section", "ts-schools");
  box.appendChild(el("h3", null, "学校层面（" + list.length + " 所学校）"));
  var table = el("table", "ts-table ts-school-table ts-cards");
  var band = words().band; // the grades' names from the vocabulary
  var heads = ["学校", "人数", band.excellent, band.pass, band.fail, "问题行", band.pass + "率", band.excellent + "率"];
  table.appendChild(thead(heads));
  var body = table.appendChild(el("tbody"));
  var wrap = el("div", "ts-table-wrap");
  wrap.appendChild(table);
  box.appendChild(wrap);
  var any = list.some(function (s) { return s.checks.length; });
  var findings = el("ul", "ts-findings");
  var counter = el("p", "ts-count");
  counter.setAttribute("aria-live", "polite");
  var pager = el("nav", "ts-pager");
  pager.setAttribute("aria-label", "学校分页");
  var pages = Math.ceil(list.length / PAGE);
  var page = 0;
  function draw() {
    var shown = list.slice(page * PAGE, (page + 1) * PAGE);
    body.replaceChildren.apply(body, shown.map(function (s) { return schoolRow(s, heads); }));
    findings.replaceChildren.apply(findings, [].concat.apply([], shown.map(schoolFindings)));
    counter.textContent = "共 " + list.length + " 所学校，第 " + (page + 1) + " / " + pages + " 页";
    pagerButtons(pager, page, pages, function (target) {
      page = target;
      draw();
    });
  }
  draw();
  if (pages > 1) {
    box.appendChild(counter);
    box.appendChild(pager);
  }
  if (any) box.appendChild(findings);
  else box.appendChild(el("p", "ts-hint", "所选文件没有规定学校层面的合格率或优秀率。"));
  return box;
}

function schoolRow(s, heads) {
  var tr = el("tr", "ts-row--" + s.status);
  [short(s.school) || "（未填学校）", s.count, s.excellent, s.pass, s.fail, s.bad || 0, fmt(s.pass_rate * 100) + "%",
    fmt(s.excellent_rate * 100) + "%"].forEach(function (v, i) {
    var td = el("td", i === 0 ? "ts-key" : null, String(v));
    td.setAttribute("data-label", heads[i]);
    tr.appendChild(td);
  });
  return tr;
}

function schoolFindings(s) {
  return s.checks.map(function (c) {
    var li = el("li", "ts-finding ts-finding--" + (c.met ? "met" : "unmet"));
    li.setAttribute("data-rule", c.rule);
    li.setAttribute("data-school", s.school);
    li.appendChild(el("span", "ts-mark", c.met ? "✔ 符合：" : "✘ 未达到："));
    li.appendChild(el("span", "ts-message", c.message));
    li.appendChild(el("p", "ts-cite", "依据：" + citeText(c.source || {})));
    return li;
  });
}
