/* Batch page: a staff list (XLSX/CSV) is checked in the worker; the page shows the pass rate, a chart, a paged
   sortable table and the bad rows, and downloads the results. The file never leaves the browser. */
(function () {
  "use strict";
  var T = window.Tisheng;
  var Rows = window.TishengTable; // table.js: the rows come packed in columns
  var el = T.el;
  var PAGE = 50;
  var STATUS = { pass: "达标", fail: "未达标" };

  var CELL_CHARS = 200; // a cell may hold 32,767 characters: laying that out in a table row froze the tab

  function fmt(v) {
    return typeof v === "number" ? String(Math.round(v * 10) / 10) : short(v);
  }

  /* 3,231 → "3,231". Number#toLocaleString("zh-CN") says the same, but its first call loads the locale's data: a
     twentieth of a second of the page's thread as the first rows are counted. */
  function count(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function short(v) {
    v = v == null ? "" : String(v);
    return v.length > CELL_CHARS ? v.slice(0, CELL_CHARS) + "……（共 " + v.length + " 个字符，下载的结果中有全文）" : v;
  }

  function Batch(root) {
    this.attach(root);
    this.file = root.querySelector("#file");
    this.profile = root.querySelector("#profile");
    this.share = new T.ShareBar(root, this.result, function () { return "链接只带所选文件和设置，不带名单：请把名单文件另行发送。"; });
    this.data = null;
    this.view = [];
    this.page = 0;
    this.sort = { col: -1, dir: 1 };
    this.filter = "all";
    /* Settings besides the file (e.g. the grade page's weights), shown only for the policies they belong to. */
    this.options = Array.prototype.slice.call(root.querySelectorAll("[data-option]"));
    var params = T.linkParams();
    var wanted = params.get("profile");
    if (wanted && Array.prototype.some.call(this.profile.options, function (o) { return o.value === wanted; })) {
      this.profile.value = wanted;
    } else if (wanted) { // an old or mistyped link: keep the page's default and say so
      var note = el("p", "ts-hint ts-unknown-profile", "链接中的政策“" + short(wanted).slice(0, 40) + "”本站没有，已改用“" +
        this.profile.options[this.profile.selectedIndex].text + "”。请确认后再选择名单文件。");
      note.setAttribute("role", "status");
      this.profile.parentNode.insertBefore(note, this.profile.nextSibling);
    }
    this.options.forEach(function (c) { if (params.has(c.name)) c.value = params.get(c.name); });
    var self = this;
    this.applyProfile();
    this.profile.addEventListener("change", function () {
      self.applyProfile();
      self.syncUrl();
      if (self.file.files.length) self.run(false);
    });
    this.options.forEach(function (c) {
      c.addEventListener("change", function () {
        self.syncUrl();
        if (self.file.files.length) self.run(false);
      });
    });
    this.file.addEventListener("change", function () { self.run(false); });
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.run(true);
    });
    T.engine.start();
  }

  T.mixLifecycle(Batch.prototype);

  /* The link carries the policy and the settings, never the list. */
  Batch.prototype.syncUrl = function () {
    var q = T.linkParams();
    q.set("profile", this.profile.value);
    this.options.forEach(function (c) {
      if (!c.disabled && c.value !== "") q.set(c.name, c.value);
      else q.delete(c.name);
    });
    T.writeLink(q);
    this.share.changed();
  };

  Batch.prototype.applyProfile = function () {
    var current = this.profile.value;
    this.root.querySelectorAll("[data-profiles]").forEach(function (box) {
      var on = box.getAttribute("data-profiles").split(" ").indexOf(current) >= 0;
      box.hidden = !on;
      box.querySelectorAll("[data-option]").forEach(function (c) { c.disabled = !on; });
    });
    /* A choice whose options belong to one profile each (the reading): only the chosen profile's are offered,
       and the field is shown only when it has some. */
    this.root.querySelectorAll("select[data-option]").forEach(function (select) {
      var owned = select.querySelectorAll("option[data-profile]");
      if (!owned.length) return;
      var any = false;
      owned.forEach(function (o) {
        o.hidden = o.disabled = o.getAttribute("data-profile") !== current;
        if (!o.disabled) any = true;
      });
      if (select.selectedOptions.length && select.selectedOptions[0].disabled) select.value = "";
      select.disabled = !any;
      var field = select.closest(".ts-field");
      if (field) field.hidden = !any;
    });
  };

  /* messages: strings (about the file) or {field, message} from the engine, in the shared error summary; a field
     the form has gets its own inline error, everything else is shown beside the file input (the first such). */
  Batch.prototype.error = function (messages, focus) {
    var self = this;
    var fileMessage = null;
    this.root.querySelectorAll(".ts-error").forEach(function (p) { p.hidden = true; });
    var errors = messages.map(function (m) { return typeof m === "string" ? { field: "file", message: m } : m; });
    T.errorSummary(this.summaryBox, errors, function (err) {
      var name = String(err.field || "").replace(/^input\./, "");
      var control = name && name !== "file" ? self.form.elements.namedItem(name) : null;
      if (control && control.id) return { control: control, box: self.root.querySelector("#" + control.id + "-error") };
      var first = fileMessage === null;
      if (first) fileMessage = err.message;
      return { control: self.file, box: first ? self.root.querySelector("#file-error") : null };
    }, focus);
    this.result.replaceChildren(el("p", "ts-verdict ts-verdict--error", fileMessage === null ?
      "请按上方提示填写后，这里会重新计算。" : "无法处理这个文件，请按上方提示修改后重新选择。"));
    T.markSettled(this, "error");
  };

  /* The lifecycle's steps (tools.js), for a file: nothing is sent without one; the bytes go transferred, with the
     settings the chosen policy has. */
  Batch.prototype.run = function (focus) {
    this.focusErrors = !!focus;
    this.started = performance.now();
    T.lifecycle.run.call(this);
  };

  Batch.prototype.outgoing = function () {
    var file = this.file.files[0];
    if (!file) return { response: { ok: false, errors: ["请先选择教师名单文件（.xlsx 或 .csv）。"] } };
    this.clearErrors();
    T.markStale(this);
    var options = {};
    this.options.forEach(function (c) { if (!c.disabled) options[c.name] = c.value.trim(); });
    return { file: file, request: { tool: this.tool, profile: this.profile.value, filename: file.name, options: options } };
  };

  Batch.prototype.pending = function (sent) {
    var name = sent.file.name;
    var bar = el("progress", "ts-progress");
    bar.setAttribute("aria-label", "检查进度");
    bar.max = 1;
    bar.removeAttribute("value");  // indeterminate until the rows are counted
    this.progress = { bar: bar, text: el("p", "ts-progress-text", "正在读取名单……") };
    this.result.replaceChildren(el("p", "ts-pending", T.engine.ready ? "正在检查 " + name + " ……" :
      "正在加载计算引擎并检查 " + name + "，首次打开需要几秒钟……"), bar, this.progress.text);
  };

  Batch.prototype.send = function (sent) {
    var progress = this.progress;
    return sent.file.arrayBuffer().then(function (bytes) {
      return T.engine.call({ type: "batch", bytes: bytes, request: sent.request, packed: true }, [bytes],
        function (done, total) {
        if (!progress || !total) return;
        progress.bar.max = total;
        progress.bar.value = done;
        progress.text.textContent = "已检查 " + count(done) + " / " + count(total) + " 行";
      });
    });
  };

  Batch.prototype.render = function (res) {
    var focus = this.focusErrors;
    this.focusErrors = false;
    if (!res.ok) return this.error(res.errors, focus);
    this.show(res);
  };

  Batch.prototype.failed = function (err) {
    this.error([String(err.message || err)], this.focusErrors);
  };

  Batch.prototype.showFailure = function () { this.failed(new Error(T.engine.failed)); };

  Batch.prototype.show = function (res) {
    this.data = res;
    this.rows = Rows.view(res.rows);
    this.sort = { col: -1, dir: 1 };
    this.filter = "all";
    this.page = 0;
    var s = res.summary;
    var out = [];
    var verdict = res.verdict || { pass: "✔ 全部达标", fail: "✘ 有教师未达标或有问题行" };
    this.statusCol = res.status_col == null ? 8 : res.status_col;
    this.labels = res.status_labels || STATUS;
    this.fixed = res.fixed_cols || [];
    out.push(el("p", "ts-verdict ts-verdict--" + res.status, verdict[res.status] + "（" + res.profile_title + "）"));
    var dl = el("dl", "ts-stats");
    (res.stats || [["检查人数", s.checked], ["达标", s.pass], ["未达标", s.fail], ["问题行", s.bad],
      ["达标率", fmt(s.pass_rate * 100) + "%"]]).forEach(function (pair) {
      var box = el("div");
      box.appendChild(el("dt", null, pair[0]));
      box.appendChild(el("dd", null, String(pair[1])));
      dl.appendChild(box);
    });
    out.push(dl);
    (res.file.warnings || []).forEach(function (w) { out.push(el("p", "ts-hint", "提示：" + short(w))); });
    (res.readings || []).forEach(function (r) {  // where the document says two things: which reading was used
      out.push(el("p", "ts-hint ts-reading-used", (r.by_user ? "按你选择的读法：" : "按本站默认的读法（可在上方改选）：") +
        (r.title ? r.title + "——" : "") + r.label + "。"));
    });
    out.push(this.downloads());
    var chart = el("div", "ts-chart");
    chart.setAttribute("role", "img");
    var series = chartSeries(res.chart);
    var unit = res.chart.unit == null ? " 学时" : res.chart.unit;
    chart.setAttribute("aria-label", res.chart.title + "图：" + res.chart.categories.map(function (c, i) {
      return c + unit + " " + series.reduce(function (n, x) { return n + x.data[i]; }, 0) + " 人";
    }).join("，"));
    out.push(chart);
    out.push(this.controls());
    var wrap = el("div", "ts-table-wrap");
    this.table = el("table", "ts-table ts-cards");
    wrap.appendChild(this.table);
    out.push(wrap);
    this.pager = el("nav", "ts-pager");
    this.pager.setAttribute("aria-label", "分页");
    out.push(this.pager);
    if (res.bad_rows.length) out.push(this.badRows(res.bad_rows));
    if (res.schools) out.push(this.schools(res.schools));
    out.push(this.basis(res.rules));
    if (res.signoff) out.push(this.signoff(res.signoff, res.bad_rows));
    this.printBlock = null;  // the print-only results table is built when it is chosen or printed, not before
    this.printAs(res.signoff ? "signoff" : "results", false);
    this.result.replaceChildren.apply(this.result, out);
    this.refresh();
    T.markSettled(this, res.status);
    this.result.setAttribute("data-ms", String(Math.round(performance.now() - this.started)));
    this.drawChart(chart, res.chart);
  };

  Batch.prototype.downloads = function () {
    var self = this;
    var box = el("p", "ts-downloads");
    [["xlsx", "下载结果（Excel .xlsx）"], ["csv", "下载结果（CSV）"]].forEach(function (pair) {
      var b = el("button", "md-button", pair[1]);
      b.type = "button";
      b.setAttribute("data-export", pair[0]);
      b.addEventListener("click", function () { self.download(pair[0]); });
      box.appendChild(b);
    });
    box.appendChild(this.printChoice());
    return box;
  };

  /* What 打印 and Ctrl+P print: the sign-off sheet or the whole results table (a class on <html> says which). */
  Batch.prototype.printChoice = function () {
    var self = this;
    var box = el("span", "ts-print-choice");
    var options = [["results", "成绩表（全部教师）"]];
    if (this.data.signoff) options.unshift(["signoff", "签名表（每校一页）"]);
    if (this.data.tool === "hours" || !this.data.signoff) options[0][1] = "结果表（全部教师）";
    var choice = el("select", "ts-print-select");
    choice.id = "ts-print-what";
    var label = el("label", null, "打印内容：");
    label.setAttribute("for", choice.id);
    options.forEach(function (o) {
      var opt = el("option", null, o[1]);
      opt.value = o[0];
      choice.appendChild(opt);
    });
    choice.addEventListener("change", function () { self.printAs(choice.value); });
    var p = el("button", "md-button", "打印");
    p.type = "button";
    p.setAttribute("data-print", "");
    p.addEventListener("click", function () { self.printAs(choice.value); window.print(); });
    box.appendChild(label);
    box.appendChild(choice);
    box.appendChild(p);
    this.printSelect = choice;
    return box;
  };

  Batch.prototype.printAs = function (what, build) {
    var html = document.documentElement;
    html.classList.toggle("ts-print-signoff", what === "signoff");
    html.classList.toggle("ts-print-results", what === "results");
    if (this.printSelect && this.printSelect.value !== what) this.printSelect.value = what;
    if (what === "results" && build !== false) this.ensurePrintTable();
  };

  Batch.prototype.ensurePrintTable = function () {
    if (!this.data || (this.printBlock && this.printBlock.isConnected)) return;
    this.printBlock = this.printTable(this.data);
    this.result.appendChild(this.printBlock);
  };

  /* The results table for print: every row (the screen table is paged), with the title and today's date. */
  Batch.prototype.printTable = function (res) {
    var box = el("section", "ts-print-results-block");
    box.appendChild(el("h3", "ts-print-title", (res.export_name || "检查结果") + "表"));
    var rows = this.rows;
    box.appendChild(el("p", "ts-sheet-meta", "依据：" + res.profile_title + "　共 " + rows.length + " 人" +
      (res.bad_rows.length ? "，另有 " + res.bad_rows.length + " 行有问题未计入（见表后）" : "") +
      "　打印日期：" + today()));
    var table = el("table", "ts-print-table");
    table.appendChild(T.thead(res.columns));
    var body = el("tbody");
    var col = this.statusCol, labels = this.labels, fixed = this.fixed;
    for (var n = 0; n < rows.length; n++) {
      var tr = el("tr");
      rows.row(n).forEach(function (v, i) {
        var text = i === col ? (labels[v] || v) : (typeof v === "number" && fixed.indexOf(i) >= 0 ? v.toFixed(1) : v);
        tr.appendChild(el("td", null, text == null ? "" : String(text)));
      });
      body.appendChild(tr);
    }
    table.appendChild(body);
    box.appendChild(table);
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
  };

  /* The report is made from the result the page shows, passed back: the engine keeps nothing between calls. */
  Batch.prototype.download = function (format) {
    var self = this;
    T.exportFile({ export: "batch", format: format, result: this.data }).then(function (res) {
      if (!res.ok) self.error(res.errors, true);
    }, function (err) { self.error(["导出失败：" + err.message], true); });
  };

  Batch.prototype.controls = function () {
    var self = this;
    var box = el("div", "ts-table-controls");
    var label = el("label", null, "显示：");
    label.htmlFor = "ts-filter";
    var select = el("select");
    select.id = "ts-filter";
    var labels = this.labels || STATUS;
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
  Batch.prototype.ordered = function () {
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

  Batch.prototype.refresh = function () {
    var self = this;
    this.view = this.ordered();
    var pages = Math.max(1, Math.ceil(this.view.length / PAGE));
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
    var labels = this.labels;
    var fixed = this.fixed;
    var rows = this.rows;
    this.view.slice(this.page * PAGE, (this.page + 1) * PAGE).forEach(function (at) {
      var row = rows.row(at);
      var r = el("tr", "ts-row--" + row[k]);
      row.forEach(function (v, i) {
        var text = i === k ? labels[v] || v : fixed.indexOf(i) >= 0 && typeof v === "number" ? v.toFixed(1) : fmt(v);
        var td = el("td", (i === k ? "ts-status " : "") + (key.indexOf(i) >= 0 ? "ts-key" : ""), text);
        td.setAttribute("data-label", self.data.columns[i]);  // a phone shows each row as a card of label: value
        r.appendChild(td);
      });
      body.appendChild(r);
    });
    this.table.replaceChildren(head, body);
    this.count.textContent = "共 " + this.view.length + " 人，第 " + (this.page + 1) + " / " + pages + " 页";
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

  Batch.prototype.badRows = function (bad) {
    var box = el("section", "ts-bad");
    box.appendChild(el("h3", null, "问题行（" + bad.length + " 行，未计入上表）"));
    var list = el("ul");
    bad.slice(0, 200).forEach(function (b) {
      list.appendChild(el("li", null, "第 " + b.row + " 行" + (b.name ? "（" + short(b.name) + "）" : "") + "：" +
        short(b.problems.join("；"))));
    });
    box.appendChild(list);
    if (bad.length > 200) box.appendChild(el("p", "ts-hint", "只显示前 200 行；下载的结果文件中有全部问题行。"));
    return box;
  };

  /* School-level checks (e.g. 开原: pass rate 100%, 优秀 rate at most 60%), with the teachers they concern: PAGE
     schools at a time, with their findings (a province's list names thousands of schools). */
  Batch.prototype.schools = function (schools) {
    var box = el("section", "ts-schools");
    box.appendChild(el("h3", null, "学校层面（" + schools.length + " 所学校）"));
    var table = el("table", "ts-table ts-school-table ts-cards");
    var band = T.words().band; // the grades' names from the vocabulary
    var heads = ["学校", "人数", band.excellent, band.pass, band.fail, "问题行", band.pass + "率", band.excellent + "率"];
    table.appendChild(T.thead(heads));
    var body = table.appendChild(el("tbody"));
    var wrap = el("div", "ts-table-wrap");
    wrap.appendChild(table);
    box.appendChild(wrap);
    var any = schools.some(function (s) { return s.checks.length; });
    var list = el("ul", "ts-findings");
    var count = el("p", "ts-count");
    count.setAttribute("aria-live", "polite");
    var pager = el("nav", "ts-pager");
    pager.setAttribute("aria-label", "学校分页");
    var pages = Math.ceil(schools.length / PAGE);
    var page = 0;
    function draw() {
      var shown = schools.slice(page * PAGE, (page + 1) * PAGE);
      body.replaceChildren.apply(body, shown.map(function (s) { return schoolRow(s, heads); }));
      list.replaceChildren.apply(list, [].concat.apply([], shown.map(schoolFindings)));
      count.textContent = "共 " + schools.length + " 所学校，第 " + (page + 1) + " / " + pages + " 页";
      pagerButtons(pager, page, pages, function (target) {
        page = target;
        draw();
      });
    }
    draw();
    if (pages > 1) {
      box.appendChild(count);
      box.appendChild(pager);
    }
    if (any) box.appendChild(list);
    else box.appendChild(el("p", "ts-hint", "所选文件没有规定学校层面的合格率或优秀率。"));
    return box;
  };

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
      var src = c.source || {};
      li.appendChild(el("p", "ts-cite", "依据：《" + (src.title || src.doc || "") + "》" + (src.section || "") +
        "“" + (src.quote || "") + "”"));
      return li;
    });
  }

  /* 考核结果签名表: one A4 page per school; a school with more than SHEET_ROWS teachers takes several pages, each
     with the title repeated and "第 x 页 共 y 页". Teachers left out for errors are listed on their school's last page. */
  var SHEET_ROWS = 20;
  var SIGN_PREVIEW_PAGES = 60;  // beyond this many printed pages the sheets are drawn one school at a time

  function today() {
    var d = new Date();
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  Batch.prototype.signoff = function (so, bad) {
    var box = el("section", "ts-signoff");
    box.setAttribute("aria-labelledby", "ts-signoff-title");
    var h = el("h3", null, so.title + "（打印预览）");
    h.id = "ts-signoff-title";
    box.appendChild(h);
    var pages = so.schools.reduce(function (n, s) { return n + Math.max(1, Math.ceil(s.rows.length / SHEET_ROWS)); }, 0);
    box.appendChild(el("p", "ts-hint ts-screen-only", "打印时每所学校单独一页（A4）；超过 " + SHEET_ROWS +
      " 人的学校分成几页，每页重复标题并注明“第几页 共几页”。本次共 " + so.schools.length + " 所学校、" + pages +
      " 页。名单中有问题、未计入成绩的教师列在其学校的最后一页。页面上的其他内容不打印。"));
    var b = el("button", "md-button ts-screen-only", "打印签名表");
    b.type = "button";
    b.setAttribute("data-print-signoff", "");
    var self = this;
    b.addEventListener("click", function () { self.printAs("signoff"); window.print(); });
    box.appendChild(b);
    var named = {};
    so.schools.forEach(function (s) { named[s.school] = true; });
    function sheets(s, k, into) {
      var leftOut = (bad || []).filter(function (r) {
        return (r.school || "（未填学校）") === s.school || (k === 0 && !named[r.school || "（未填学校）"]);
      });
      var rows = Rows.view(s.rows);
      var count = Math.max(1, Math.ceil(rows.length / SHEET_ROWS));
      var per = Math.ceil(rows.length / count);
      for (var n = 0; n < count; n++) {
        var page = [];
        for (var i = n * per; i < Math.min((n + 1) * per, rows.length); i++) page.push(rows.row(i));
        var sheet = signSheet(so, s, page, n, count);
        if (n === count - 1) signEnd(sheet, so, leftOut);
        into.appendChild(sheet);
      }
    }
    if (pages <= SIGN_PREVIEW_PAGES) {
      so.schools.forEach(function (s, k) { sheets(s, k, box); });
      return box;
    }
    // A city's or a province's list: every sheet at once would be tens of thousands of pages in this tab, so one
    // school's sheets are drawn when it is chosen (and printed as they are).
    box.appendChild(this.schoolChoice(so, function (k, into) { sheets(so.schools[k], k, into); }));
    return box;
  };

  Batch.prototype.schoolChoice = function (so, draw) {
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
  };

  /* One printed page of a school's sign-off sheet: its title, the document, the page number and its rows. */
  function signSheet(so, s, rows, n, count) {
    var sheet = el("div", "ts-sheet");
    sheet.setAttribute("data-school", s.school);
    sheet.setAttribute("data-sheet-page", String(n + 1));
    sheet.appendChild(el("h4", "ts-sheet-title", short(s.school) + " " + so.title));
    sheet.appendChild(el("p", "ts-sheet-meta", "考核方案：" + so.profile_title + "　共 " + s.rows.length + " 人" +
      (count > 1 ? "　第 " + (n + 1) + " 页 共 " + count + " 页" : "")));
    var table = el("table", "ts-sign-table");
    var body = el("tbody");
    rows.forEach(function (row) {
      var r = el("tr");
      row.forEach(function (v, i) { r.appendChild(el("td", i >= 5 ? "ts-sign-cell" : null, short(v))); });
      body.appendChild(r);
    });
    table.appendChild(T.thead(so.columns));
    table.appendChild(body);
    sheet.appendChild(table);
    return sheet;
  }

  /* A school's last page: who was left out and why, the rule the sheet follows, and the head's signature line. */
  function signEnd(sheet, so, leftOut) {
    if (leftOut.length) {
      sheet.appendChild(el("p", "ts-sign-left-out", "未列入本表的教师（名单中有问题，未计算成绩）：" + leftOut.map(function (r) {
        return "第 " + r.row + " 行" + (r.name ? " " + short(r.name) : "") + "（" + r.problems.join("；") + "）";
      }).join("；") + "。"));
    }
    if (so.note) {
      var note = el("p", "ts-sign-note", so.note);
      (so.sources || []).forEach(function (src) {
        note.appendChild(el("span", "ts-cite", " 依据：《" + (src.title || src.doc || "") + "》" + (src.section || "") +
          "“" + (src.quote || "") + "”"));
      });
      sheet.appendChild(note);
    }
    sheet.appendChild(el("p", "ts-sign-footer", "考核小组负责人签字：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日"));
  }

  Batch.prototype.basis = function (rules) {
    var box = el("details", "ts-basis");
    box.appendChild(el("summary", null, "检查依据（" + rules.length + " 条规则）"));
    var list = el("ul");
    rules.forEach(function (r) {
      var li = el("li", null, r.text + "。");
      var cite = el("span", "ts-cite", "依据：《" + (r.source.title || r.source.doc || "") + "》" +
        (r.source.section || "") + "“" + (r.source.quote || "") + "”" + (r.inherited_from ? "（沿用上级文件）" : ""));
      li.appendChild(cite);
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  };

  function chartSeries(chart) {
    return chart.series || [
      { name: "达标", data: chart.pass, color: "#00703c" },
      { name: "未达标", data: chart.fail, color: "#d4351c" },
    ];
  }

  Batch.prototype.drawChart = function (node, chart) {
    T.bars(node, chart, chartSeries(chart));
  };

  function init() {
    document.querySelectorAll(".ts-batch[data-tool]").forEach(function (root) {
      var batch = new Batch(root);
      window.addEventListener("beforeprint", function () {  // Ctrl+P with 成绩表 chosen
        if (document.documentElement.classList.contains("ts-print-results")) batch.ensurePrintTable();
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init, { once: true });
  else init();
})();
