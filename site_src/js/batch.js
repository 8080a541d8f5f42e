/* Batch page: a staff list (XLSX/CSV) is checked in the worker; the page shows the pass rate, a chart, a paged
   sortable table and the bad rows, and downloads the results. The file never leaves the browser. */
(function () {
  "use strict";
  var T = window.Tisheng;
  var el = T.el;
  var PAGE = 50;
  var STATUS = { pass: "达标", fail: "未达标" };

  function fmt(v) {
    return typeof v === "number" ? String(Math.round(v * 10) / 10) : v;
  }

  function Batch(root) {
    this.root = root;
    this.tool = root.getAttribute("data-tool");
    this.form = root.querySelector("form");
    this.file = root.querySelector("#file");
    this.profile = root.querySelector("#profile");
    this.result = root.querySelector("#result");
    this.summaryBox = root.querySelector(".ts-error-summary");
    this.data = null;
    this.view = [];
    this.page = 0;
    this.sort = { col: -1, dir: 1 };
    this.filter = "all";
    var params = new URLSearchParams(window.location.search);
    if (params.get("profile")) this.profile.value = params.get("profile");
    var self = this;
    this.profile.addEventListener("change", function () {
      var q = new URLSearchParams(window.location.search);
      q.set("profile", self.profile.value);
      history.replaceState(null, "", "?" + q.toString());
      if (self.file.files.length) self.run(false);
    });
    this.file.addEventListener("change", function () { self.run(false); });
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.run(true);
    });
    T.engine.start();
  }

  Batch.prototype.error = function (messages, focus) {
    var list = this.summaryBox.querySelector("ul");
    list.replaceChildren();
    messages.forEach(function (m) {
      var link = el("a", null, m);
      link.href = "#file";
      var li = el("li");
      li.appendChild(link);
      list.appendChild(li);
    });
    this.summaryBox.hidden = false;
    var inline = this.root.querySelector("#file-error");
    inline.textContent = messages[0];
    inline.hidden = false;
    this.file.setAttribute("aria-invalid", "true");
    this.result.setAttribute("data-status", "error");
    this.result.replaceChildren(el("p", "ts-verdict ts-verdict--error", "无法处理这个文件，请按上方提示修改后重新选择。"));
    if (focus) this.summaryBox.focus();
  };

  Batch.prototype.clearError = function () {
    this.summaryBox.hidden = true;
    this.root.querySelector("#file-error").hidden = true;
    this.file.removeAttribute("aria-invalid");
  };

  Batch.prototype.run = function (focus) {
    var self = this;
    this.started = performance.now();
    var file = this.file.files[0];
    if (!file) return this.error(["请先选择教师名单文件（.xlsx 或 .csv）。"], focus);
    this.clearError();
    this.result.removeAttribute("data-status");
    this.result.replaceChildren(el("p", "ts-pending", T.engine.ready ? "正在检查 " + file.name + " ……" :
      "正在加载计算引擎并检查 " + file.name + "，首次打开需要几秒钟……"));
    file.arrayBuffer().then(function (bytes) {
      return T.engine.call({ type: "batch", tool: self.tool, profile: self.profile.value, filename: file.name,
        bytes: bytes }, [bytes]);
    }).then(function (reply) {
      var res = JSON.parse(reply.json);
      if (!res.ok) return self.error(res.errors.map(function (e) { return e.message; }), focus);
      self.show(res);
    }, function (err) {
      self.error([String(err.message || err)], focus);
    });
  };

  Batch.prototype.show = function (res) {
    this.data = res;
    this.sort = { col: -1, dir: 1 };
    this.filter = "all";
    this.page = 0;
    var s = res.summary;
    var out = [];
    out.push(el("p", "ts-verdict ts-verdict--" + res.status,
      (res.status === "pass" ? "✔ 全部达标" : "✘ 有教师未达标或有问题行") + "（" + res.profile_title + "）"));
    var dl = el("dl", "ts-stats");
    [["检查人数", s.checked], ["达标", s.pass], ["未达标", s.fail], ["问题行", s.bad],
      ["达标率", fmt(s.pass_rate * 100) + "%"]].forEach(function (pair) {
      var box = el("div");
      box.appendChild(el("dt", null, pair[0]));
      box.appendChild(el("dd", null, String(pair[1])));
      dl.appendChild(box);
    });
    out.push(dl);
    (res.file.warnings || []).forEach(function (w) { out.push(el("p", "ts-hint", "提示：" + w)); });
    out.push(this.downloads());
    var chart = el("div", "ts-chart");
    chart.setAttribute("role", "img");
    chart.setAttribute("aria-label", "总学时分布图：" + res.chart.categories.map(function (c, i) {
      return c + " 学时 " + (res.chart.pass[i] + res.chart.fail[i]) + " 人";
    }).join("，"));
    out.push(chart);
    out.push(this.controls());
    var wrap = el("div", "ts-table-wrap");
    this.table = el("table", "ts-table");
    wrap.appendChild(this.table);
    out.push(wrap);
    this.pager = el("nav", "ts-pager");
    this.pager.setAttribute("aria-label", "分页");
    out.push(this.pager);
    if (res.bad_rows.length) out.push(this.badRows(res.bad_rows));
    out.push(this.basis(res.rules));
    this.result.setAttribute("data-status", res.status);
    this.result.replaceChildren.apply(this.result, out);
    this.refresh();
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
    var p = el("button", "md-button", "打印");
    p.type = "button";
    p.addEventListener("click", function () { window.print(); });
    box.appendChild(p);
    return box;
  };

  Batch.prototype.download = function (format) {
    var self = this;
    T.engine.call({ type: "export", format: format }).then(function (reply) {
      var type = format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
      var url = URL.createObjectURL(new Blob([reply.bytes], { type: type }));
      var a = el("a");
      a.href = url;
      a.download = "检查结果-" + self.data.profile + "." + format;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }, function (err) { self.error(["导出失败：" + err.message], true); });
  };

  Batch.prototype.controls = function () {
    var self = this;
    var box = el("div", "ts-table-controls");
    var label = el("label", null, "显示：");
    label.htmlFor = "ts-filter";
    var select = el("select");
    select.id = "ts-filter";
    [["all", "全部"], ["fail", "只看未达标"], ["pass", "只看达标"]].forEach(function (o) {
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

  Batch.prototype.ordered = function () {
    var rows = this.data.rows;
    var f = this.filter;
    var view = f === "all" ? rows.slice() : rows.filter(function (r) { return r[8] === f; });
    var col = this.sort.col;
    var dir = this.sort.dir;
    if (col < 0) {
      view.sort(function (a, b) { return (a[8] === b[8] ? 0 : a[8] === "fail" ? -1 : 1) || a[0] - b[0]; });
    } else {
      view.sort(function (a, b) {
        var x = a[col];
        var y = b[col];
        var c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
        return c * dir || a[0] - b[0];
      });
    }
    return view;
  };

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
    this.view.slice(this.page * PAGE, (this.page + 1) * PAGE).forEach(function (row) {
      var r = el("tr", "ts-row--" + row[8]);
      row.forEach(function (v, i) { r.appendChild(el("td", null, i === 8 ? STATUS[v] || v : fmt(v))); });
      body.appendChild(r);
    });
    this.table.replaceChildren(head, body);
    this.count.textContent = "共 " + this.view.length + " 人，第 " + (this.page + 1) + " / " + pages + " 页";
    this.pager.replaceChildren();
    [["上一页", -1], ["下一页", 1]].forEach(function (pair) {
      var b = el("button", "md-button", pair[0]);
      b.type = "button";
      var target = self.page + pair[1];
      b.disabled = target < 0 || target >= pages;
      b.addEventListener("click", function () {
        self.page = target;
        self.refresh();
      });
      self.pager.appendChild(b);
    });
  };

  Batch.prototype.badRows = function (bad) {
    var box = el("section", "ts-bad");
    box.appendChild(el("h3", null, "问题行（" + bad.length + " 行，未计入上表）"));
    var list = el("ul");
    bad.slice(0, 200).forEach(function (b) {
      list.appendChild(el("li", null, "第 " + b.row + " 行" + (b.name ? "（" + b.name + "）" : "") + "：" +
        b.problems.join("；")));
    });
    box.appendChild(list);
    if (bad.length > 200) box.appendChild(el("p", "ts-hint", "只显示前 200 行；下载的结果文件中有全部问题行。"));
    return box;
  };

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

  Batch.prototype.drawChart = function (node, chart) {
    var src = this.root.getAttribute("data-echarts");
    function draw() {
      var c = window.echarts.init(node, null, { renderer: "svg" });
      c.setOption({
        aria: { enabled: true },
        animation: false,
        title: { text: chart.title, left: "center", textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 48, right: 16, top: 40, bottom: 56 },
        xAxis: { type: "category", data: chart.categories, name: "学时" },
        yAxis: { type: "value", name: "人数", minInterval: 1 },
        series: [
          { name: "达标", type: "bar", stack: "n", data: chart.pass, itemStyle: { color: "#00703c" } },
          { name: "未达标", type: "bar", stack: "n", data: chart.fail, itemStyle: { color: "#d4351c" } },
        ],
      });
      window.addEventListener("resize", function () { c.resize(); });
    }
    if (window.echarts) return draw();
    var s = document.createElement("script");
    s.src = src;
    s.onload = draw;
    document.head.appendChild(s);
  };

  function init() {
    document.querySelectorAll(".ts-batch[data-tool]").forEach(function (root) { new Batch(root); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
