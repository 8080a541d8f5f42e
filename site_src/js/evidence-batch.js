/* /tools/evidence-batch/ (批量材料自查): a staff list checked in this browser (tisheng.api.batch with the evidence
   tool), drawn as counts, a school summary, who is missing what, and the table; the downloads
   are made by the engine from the same result. Nothing is sent anywhere. */
(function () {
  "use strict";
  var T = window.Tisheng;
  var el = T.el;
  function table(head, rows, cls) {
    var wrap = el("div", "ts-table-wrap");
    var t = el("table", cls || "ts-missing-table");
    t.appendChild(T.thead(head));
    var body = el("tbody");
    rows.forEach(function (r) {
      var tr = el("tr");
      r.forEach(function (v) { tr.appendChild(el("td", null, v === null || v === undefined ? "" : String(v))); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    wrap.appendChild(t);
    var both = document.createDocumentFragment();
    both.append(el("p", "ts-swipe-hint", "表格较宽时可左右滑动查看。"), wrap);
    return both;
  }

  function Page(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.result = root.querySelector("#result");
    this.summaryBox = root.querySelector(".ts-error-summary");
    this.seq = 0;
    var self = this;
    var profile = this.form.elements.namedItem("profile");
    var wanted = T.linkParams().get("profile");
    if (wanted && Array.prototype.some.call(profile.options, function (o) { return o.value === wanted; })) {
      profile.value = wanted;
    }
    profile.addEventListener("change", function () {
      T.writeLink("profile=" + encodeURIComponent(profile.value));
    });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); self.run(); });
    this.form.elements.namedItem("file").addEventListener("change", function () { self.run(); });
    this.form.elements.namedItem("profile").addEventListener("change", function () {
      if (self.form.elements.namedItem("file").files.length) self.run();
    });
    root.querySelector("[data-evidence-template]").addEventListener("click", function () {
      var status = root.querySelector("#template-status");
      status.textContent = "正在生成模板……";
      T.exportFile({ export: "template", tool: "evidence", profile: self.form.elements.namedItem("profile").value })
        .then(function (res) {
          status.textContent = res.ok ? "已下载：" + res.filename + "（列：" + res.header.join("、") + "）" : T.messages(res.errors);
        }, function (err) { status.textContent = err.message; });
    });
    T.engine.start();
  }

  Page.prototype.errors = function (errors) {
    var self = this;
    T.errorSummary(this.summaryBox, errors, function (err) {
      var control = self.form.elements.namedItem(err.field);
      return control ? { control: control, box: self.root.querySelector("#" + err.field + "-error") } : null;
    }, true);
    T.markSettled(this, "error");
    this.result.replaceChildren(el("p", "ts-verdict ts-verdict--error", "名单无法检查，请按上方提示修改。"));
  };

  Page.prototype.clear = function () {
    this.root.querySelectorAll(".ts-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    this.summaryBox.hidden = true;
  };

  Page.prototype.run = function () {
    var file = this.form.elements.namedItem("file").files[0];
    var profile = this.form.elements.namedItem("profile").value;
    var self = this;
    this.clear();
    if (!file) return this.errors([{ field: "file", message: "请选择教师名单文件（Excel .xlsx 或 CSV）。" }]);
    T.markStale(this);  // counts this.seq up: the reply of an earlier file is dropped
    var seq = this.seq;
    this.result.replaceChildren(el("p", "ts-pending", "正在本机检查名单……"));
    file.arrayBuffer().then(function (buf) {
      return T.engine.call({ type: "batch", request: { tool: "evidence", profile: profile, filename: file.name },
        bytes: buf }, [buf]);
    }).then(function (reply) {
      var res = reply.response;
      if (seq !== self.seq) return;
      if (!res.ok) return self.errors(res.errors || []);
      self.last = res;
      self.render(res);
    }, function (err) {
      if (seq === self.seq) self.errors([{ field: "file", message: err.message }]);
    });
  };

  Page.prototype.render = function (res) {
    var self = this;
    var s = res.summary;
    var out = [];
    var pass = s.fail === 0 && s.incomplete === 0 && s.bad === 0 && s.checked > 0;
    out.push(el("p", "ts-verdict ts-verdict--" + (pass ? "pass" : "fail"), "共检查 " + s.checked + " 位教师：符合 " +
      s.pass + " 人，不符合 " + s.fail + " 人，未填完 " + s.incomplete + " 人" + (s.bad ? "；另有 " + s.bad + " 行有问题" : "") + "。"));
    if (res.unused && res.unused.length) out.push(el("p", "ts-hint", "这些列本文件不检查，已忽略：" + res.unused.join("、") + "。"));
    var bar = el("p", "ts-actions");
    [["xlsx", "下载结果（Excel）"], ["csv", "下载结果（CSV）"]].forEach(function (f) {
      var b = el("button", "md-button", f[1]);
      b.type = "button";
      b.setAttribute("data-export", f[0]);
      b.addEventListener("click", function () {
        T.exportFile({ export: "batch", format: f[0], result: self.last }).then(null, function (err) {
          self.errors([{ field: "file", message: "导出失败：" + err.message }]);
        });
      });
      bar.appendChild(b);
    });
    out.push(bar);
    out.push(el("h2", null, "学校汇总"));
    out.push(table(["学校", "人数", "符合", "不符合", "未填完", "缺得最多的材料"], (res.schools || []).map(function (x) {
      return [x.school, x.count, x.pass, x.fail, x.incomplete,
        x.by_rule.map(function (r) { return r[0] + " " + r[1] + " 人"; }).join("；") || "无"];
    }), "ts-missing-table ts-school-summary"));
    out.push(el("h2", null, "谁缺什么"));
    out.push((res.missing || []).length ? table(["学校", "姓名", "缺什么", "还没填"], res.missing.map(function (m) {
      return [m.school, m.name, m.missing.join("；") || "无", m.unanswered.join("；") || "无"];
    }), "ts-missing-table ts-who-missing") : el("p", null, "没有人缺材料。"));
    if ((res.bad_rows || []).length) {
      out.push(el("h2", null, "有问题的行"));
      out.push(table(["行号", "姓名", "问题"], res.bad_rows.map(function (b) { return [b.row, b.name, b.problems.join("；")]; }),
        "ts-missing-table ts-bad-rows"));
    }
    out.push(el("h2", null, "每位教师"));
    out.push(table(res.columns, res.rows, "ts-missing-table ts-teacher-rows"));
    this.result.replaceChildren.apply(this.result, out);
    T.markSettled(this, pass ? "pass" : "fail");
  };

  function init() {
    document.querySelectorAll(".ts-evidence-batch").forEach(function (root) { new Page(root); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init, { once: true });
  else init();
})();
