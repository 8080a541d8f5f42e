/* Batch page: a staff list (XLSX/CSV) is checked in the worker; the page shows the pass rate, a chart, a paged
   sortable table and the bad rows (batch-table.js), the print views (batch-print.js), and downloads the results.
   The file never leaves the browser. */
import { el, field, today } from "./dom.js";
import { engine } from "./engine.js";
import { errorSummary } from "./errors.js";
import { exportFile, messages } from "./files.js";
import { linkParams, writeLink } from "./link.js";
import { boot, Page } from "./page.js";
import { ShareBar } from "./share.js";
import { view } from "./table.js";
import { bars } from "./bars.js";
import { citeText } from "./cite.js";
import { badRows, count, fmt, ResultsTable, schools, short, STATUS } from "./batch-table.js";
import { basisLine, printTable, signoff } from "./batch-print.js";

class Batch extends Page {
  constructor(root) {
    super(root);
    this.file = root.querySelector("#file");
    this.profile = root.querySelector("#profile");
    this.share = new ShareBar(root, this.result, function () { return "链接只带所选文件和设置，不带名单：请把名单文件另行发送。"; });
    this.data = null;
    /* Settings besides the file (e.g. the grade page's weights), shown only for the policies they belong to. */
    this.options = Array.prototype.slice.call(root.querySelectorAll("[data-option]"));
    var params = linkParams();
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
    window.addEventListener("beforeprint", function () {  // Ctrl+P with 成绩表 chosen
      if (document.documentElement.classList.contains("ts-print-results")) self.ensurePrintTable();
    });
    engine.start();
  }

  /* The link carries the policy and the settings, never the list. */
  syncUrl() {
    var q = linkParams();
    q.set("profile", this.profile.value);
    this.options.forEach(function (c) {
      if (!c.disabled && c.value !== "") q.set(c.name, c.value);
      else q.delete(c.name);
    });
    writeLink(q);
    this.share.changed();
  }

  applyProfile() {
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
  }

  /* messages: strings (about the file) or {field, message} from the engine, in the shared error summary; a field
     the form has gets its own inline error, everything else is shown beside the file input (the first such). */
  error(messages, focus) {
    var self = this;
    var fileMessage = null;
    this.root.querySelectorAll(".ts-error").forEach(function (p) { p.hidden = true; });
    var errors = messages.map(function (m) { return typeof m === "string" ? { field: "file", message: m } : m; });
    errorSummary(this.summaryBox, errors, function (err) {
      var name = String(err.field || "").replace(/^input\./, "");
      var control = name !== "file" ? field(self.form, name) : null;
      if (control && control.id) return { control: control, box: self.root.querySelector("#" + control.id + "-error") };
      var first = fileMessage === null;
      if (first) fileMessage = err.message;
      return { control: self.file, box: first ? self.root.querySelector("#file-error") : null };
    }, focus);
    this.computing = false;
    this.queued = null;
    this.data = null;
    this.put([el("p", "ts-verdict ts-verdict--error", fileMessage === null ?
      "请按上方提示填写后，这里会重新计算。" : "无法处理这个文件，请按上方提示修改后重新选择。")], [], false);
    this.markSettled("error");
  }

  /* The lifecycle's steps (page.js), for a file: nothing is sent without one; the bytes go transferred, with the
     settings the chosen policy has. */
  run(focus) {
    this.focusErrors = !!focus;
    this.started = performance.now();
    super.run();
  }

  outgoing() {
    var file = this.file.files[0];
    if (!file) return { response: { ok: false, errors: ["请先选择教师名单文件（.xlsx 或 .csv）。"] } };
    this.clearErrors();
    this.markStale();
    var options = {};
    this.options.forEach(function (c) { if (!c.disabled) options[c.name] = c.value.trim(); });
    return { file: file,
      request: { tool: this.tool, profile: this.profile.value, filename: file.name, options: options } };
  }

  pending(sent) {
    var name = sent.file.name;
    var bar = el("progress", "ts-progress");
    bar.setAttribute("aria-label", "检查进度");
    bar.max = 1;
    bar.removeAttribute("value");  // indeterminate until the rows are counted
    this.progress = { bar: bar, text: el("p", "ts-progress-text", "正在读取名单……") };
    this.computing = true;
    this.put([el("p", "ts-pending", engine.ready ? "正在检查 " + name + " ……" :
      "正在加载计算引擎并检查 " + name + "，首次打开需要几秒钟……"), bar, this.progress.text], [], true);
  }

  /* The result region: `before`, the download and print bar, `after`. The bar is the same node from one answer to
     the next (kept only while a list is being checked again, `keep`), so a click on 下载 is never lost when leaving
     a settings field starts a new check; the download then waits for it. */
  put(before, after, keep) {
    var bar = keep && this.actions && this.actions.parentNode === this.result ? this.actions : null;
    var result = this.result;
    Array.prototype.slice.call(result.childNodes).forEach(function (n) { if (n !== bar) n.remove(); });
    before.forEach(function (n) { if (bar) result.insertBefore(n, bar); else result.appendChild(n); });
    if (!bar && this.actions && keep !== false && after !== null) result.appendChild(this.actions);
    after.forEach(function (n) { result.appendChild(n); });
  }

  send(sent) {
    var progress = this.progress;
    return sent.file.arrayBuffer().then(function (bytes) {
      return engine.call({ type: "batch", bytes: bytes, request: sent.request, packed: true }, [bytes],
        function (done, total) {
          if (!progress || !total) return;
          progress.bar.max = total;
          progress.bar.value = done;
          progress.text.textContent = "已检查 " + count(done) + " / " + count(total) + " 行";
        });
    });
  }

  render(res) {
    var focus = this.focusErrors;
    this.focusErrors = false;
    if (!res.ok) return this.error(res.errors, focus);
    /* The reply was read in the task that received it (a province's list: about 25 ms); the table is drawn in a task
       of its own, so that neither holds the page for more than 50 ms. A newer check started meanwhile wins. */
    var self = this, seq = this.seq;
    setTimeout(function () { if (seq === self.seq) self.show(res); }, 0);
  }

  failed(err) {
    this.error([String(err.message || err)], this.focusErrors);
  }

  showFailure() { this.failed(new Error(engine.failed)); }

  show(res) {
    var self = this;
    this.data = res;
    this.results = new ResultsTable(res, view(res.rows));
    var s = res.summary;
    var out = [];
    var verdict = res.verdict || { pass: "✔ 全部达标", fail: "✘ 有教师未达标或有问题行" };
    out.push(el("p", "ts-verdict ts-verdict--" + res.status, verdict[res.status] + "（" + res.profile_title + "）"));
    var dl = el("dl", "ts-stats");
    (res.stats || [["检查人数", s.checked], [STATUS.pass, s.pass], [STATUS.fail, s.fail], ["问题行", s.bad],
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
    this.actionsFor(res);
    /* What needs doing first: the rows that could not be checked, then every teacher (failures first), the schools'
       own checks, the chart, the rules used and the sheets to sign. */
    var after = [];
    if (res.bad_rows.length) after.push(badRows(res.bad_rows));
    after.push.apply(after, this.results.nodes());
    if (res.schools) after.push(schools(res.schools));
    var chart = chartBox(res.chart);
    after.push(chart);
    after.push(basis(res.rules));
    if (res.signoff) {
      after.push(signoff(res.signoff, res.bad_rows, function () { self.printAs("signoff"); window.print(); },
        basisLine(res)));
    }
    this.printBlock = null;  // the print-only results table is built when it is chosen or printed, not before
    this.printAs(res.signoff ? "signoff" : "results", false);
    this.computing = false;
    this.put(out, after, true);
    this.results.refresh();
    this.markSettled(res.status);
    this.result.setAttribute("data-ms", String(Math.round(performance.now() - this.started)));
    bars(chart, res.chart, barSeries(res.chart));
    if (this.queued) {  // 下载 was clicked while the list was being checked again: now it is done
      var format = this.queued;
      this.queued = null;
      this.download(format);
    }
  }

  /* The download and print bar, made once: its print choice follows the answer (a sign-off sheet or not). */
  actionsFor(res) {
    var self = this;
    if (!this.actions) {
      var box = el("div", "ts-downloads");
      [["xlsx", "下载结果（Excel .xlsx）"], ["csv", "下载结果（CSV）"]].forEach(function (pair) {
        var b = el("button", "md-button", pair[1]);
        b.type = "button";
        b.setAttribute("data-export", pair[0]);
        b.addEventListener("click", function () { self.download(pair[0]); });
        box.appendChild(b);
      });
      this.printSlot = box.appendChild(el("span"));
      this.saying = el("p", "ts-download-status");
      this.saying.setAttribute("role", "status");
      this.actions = el("div", "ts-actions");
      this.actions.appendChild(box);
      this.actions.appendChild(this.saying);
    }
    this.printSlot.replaceChildren(this.printChoice(res));
    return this.actions;
  }

  /* What 打印 and Ctrl+P print: the sign-off sheet or the whole results table (a class on <html> says which). */
  printChoice(res) {
    var self = this;
    var box = el("span", "ts-print-choice");
    var options = [["results", (res.export_name || "检查结果") + "表（全部教师）"]];
    if (res.signoff) options.unshift(["signoff", "签名表（每校一页）"]);
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
  }

  printAs(what, build) {
    var html = document.documentElement;
    html.classList.toggle("ts-print-signoff", what === "signoff");
    html.classList.toggle("ts-print-results", what === "results");
    if (this.printSelect && this.printSelect.value !== what) this.printSelect.value = what;
    if (what === "results" && build !== false) this.ensurePrintTable();
  }

  ensurePrintTable() {
    if (!this.data || (this.printBlock && this.printBlock.isConnected)) return;
    this.printBlock = printTable(this.data, this.results);
    this.result.appendChild(this.printBlock);
  }

  /* The report is made from the result the page shows, passed back: the engine keeps nothing between calls. One
     click gives one file: while the list is checked again it waits for the new answer, while a file is being made
     a second click does nothing, and the bar says what is happening. */
  download(format) {
    var self = this;
    var kind = format === "xlsx" ? "Excel" : "CSV";
    if (this.exporting) return;
    if (this.computing) {
      this.queued = format;
      this.saying.textContent = "设置已改，正在重新计算；算完后自动下载 " + kind + " 文件……";
      return;
    }
    if (!this.data) return;
    this.exporting = true;
    this.actions.setAttribute("aria-busy", "true");
    this.saying.textContent = "正在生成 " + kind + " 文件……";
    exportFile({ export: "batch", format: format, result: this.data, today: today(true) }).then(function (res) {
      self.saying.textContent = res.ok ? "已下载：" + res.filename : "无法导出：" + messages(res.errors);
    }, function (err) {
      self.saying.textContent = "导出失败：" + (err.message || err) + "。";
    }).then(function () {
      self.exporting = false;
      self.actions.removeAttribute("aria-busy");
    });
  }
}

function basis(rules) {
  var box = el("details", "ts-basis");
  box.appendChild(el("summary", null, "检查依据（" + rules.length + " 条规则）"));
  var list = el("ul");
  rules.forEach(function (r) {
    var li = el("li", null, r.text + "。");
    li.appendChild(el("span", "ts-cite", "依据：" + citeText(r.source) + (r.inherited_from ? "（沿用上级文件）" : "")));
    list.appendChild(li);
  });
  box.appendChild(list);
  return box;
}

function barSeries(chart) {
  return chart.series || [
    { name: STATUS.pass, data: chart.pass, color: "#00703c" },
    { name: STATUS.fail, data: chart.fail, color: "#d4351c" },
  ];
}

/* The chart's box (bars.js draws in it), with what it shows said in words. */
function chartBox(chart) {
  var box = el("div", "ts-chart");
  box.setAttribute("role", "img");
  var series = barSeries(chart);
  var unit = chart.unit == null ? " 学时" : chart.unit;
  box.setAttribute("aria-label", chart.title + "图：" + chart.categories.map(function (c, i) {
    return c + unit + " " + series.reduce(function (n, x) { return n + x.data[i]; }, 0) + " 人";
  }).join("，"));
  return box;
}

boot(".ts-batch[data-tool]", function (root) { new Batch(root); });
