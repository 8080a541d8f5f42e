/* /tools/evidence-batch/ (批量材料自查): a staff list checked in this browser (tisheng.api.batch with the evidence
   tool), drawn as counts, a school summary, who is missing what, and the table; the downloads are made by the engine
   from the same result. Nothing is sent anywhere. */
import { el, thead, today } from "./dom.js";
import { engine } from "./engine.js";
import { errorSummary } from "./errors.js";
import { exportFile, messages } from "./files.js";
import { linkParams, writeLink } from "./link.js";
import { boot, Page } from "./page.js";
import { signoff } from "./batch-print.js";

/* A table of the result; on a phone each row is a card of "label value" lines, the `key` column (the name) first. */
function plainTable(head, rows, cls, key) {
  var wrap = el("div", "ts-table-wrap");
  var t = el("table", (cls || "ts-missing-table") + " ts-cards");
  t.appendChild(thead(head));
  var body = el("tbody");
  rows.forEach(function (r) {
    var tr = el("tr");
    r.forEach(function (v, i) {
      var td = tr.appendChild(el("td", i === key ? "ts-key" : null, v === null || v === undefined ? "" : String(v)));
      td.setAttribute("data-label", head[i]);
    });
    body.appendChild(tr);
  });
  t.appendChild(body);
  wrap.appendChild(t);
  return wrap;
}

class EvidenceBatch extends Page {
  constructor(root) {
    super(root);
    var self = this;
    var profile = this.form.elements.namedItem("profile");
    var wanted = linkParams().get("profile");
    if (wanted && Array.prototype.some.call(profile.options, function (o) { return o.value === wanted; })) {
      profile.value = wanted;
    }
    profile.addEventListener("change", function () {
      writeLink("profile=" + encodeURIComponent(profile.value));
      if (self.form.elements.namedItem("file").files.length) self.run();
    });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); self.run(); });
    this.form.elements.namedItem("file").addEventListener("change", function () { self.run(); });
    root.querySelector("[data-evidence-template]").addEventListener("click", function () {
      var status = root.querySelector("#template-status");
      status.textContent = "正在生成模板……";
      exportFile({ export: "template", tool: "evidence", profile: profile.value }).then(function (res) {
        status.textContent = res.ok ? "已下载：" + res.filename + "（列：" + res.header.join("、") + "）" : messages(res.errors);
      }, function (err) { status.textContent = err.message; });
    });
    engine.start();
  }

  outgoing() {
    var file = this.form.elements.namedItem("file").files[0];
    this.clearErrors();
    if (!file) return { response: { ok: false, errors: [{ field: "file", message: "请选择教师名单文件（Excel .xlsx 或 CSV）。" }] } };
    this.markStale();  // the reply of an earlier file is dropped
    return { file: file, profile: this.form.elements.namedItem("profile").value };
  }

  pending() {
    this.result.replaceChildren(el("p", "ts-pending", "正在本机检查名单……"));
  }

  send(sent) {
    return sent.file.arrayBuffer().then(function (buf) {
      return engine.call({ type: "batch", request: { tool: "evidence", profile: sent.profile, filename: sent.file.name },
        bytes: buf }, [buf]);
    });
  }

  failed(err) { this.errors([{ field: "file", message: err.message }]); }

  showFailure() { this.failed(new Error(engine.failed)); }

  errors(errors) {
    var self = this;
    document.documentElement.classList.remove("ts-print-signoff");
    errorSummary(this.summaryBox, errors, function (err) {
      var control = self.form.elements.namedItem(err.field);
      return control ? { control: control, box: self.root.querySelector("#" + err.field + "-error") } : null;
    }, true);
    this.markSettled("error");
    this.result.replaceChildren(el("p", "ts-verdict ts-verdict--error", "名单无法检查，请按上方提示修改。"));
  }

  render(res) {
    if (!res.ok) return this.errors(res.errors || []);
    this.last = res;
    var self = this;
    var s = res.summary;
    var out = [];
    var pass = s.fail === 0 && s.incomplete === 0 && s.bad === 0 && s.checked > 0;
    /* A list whose every row was refused has checked nobody: say so, not "没有人缺材料". */
    out.push(el("p", "ts-verdict ts-verdict--" + (pass ? "pass" : "fail"), s.checked === 0 ?
      "名单中没有一位教师能够检查：" + s.bad + " 行都有问题，请按下方“有问题的行”修改名单后重新选择。" :
      "共检查 " + s.checked + " 位教师：符合 " + s.pass + " 人，不符合 " + s.fail + " 人，未填完 " + s.incomplete + " 人" +
      (s.bad ? "；另有 " + s.bad + " 行有问题" : "") + "。"));
    if (res.unused && res.unused.length) out.push(el("p", "ts-hint", "这些列本文件不检查，已忽略：" + res.unused.join("、") + "。"));
    var bar = el("div", "ts-actions");
    var buttons = el("p", "ts-downloads");
    var saying = el("p", "ts-download-status");
    saying.setAttribute("role", "status");
    var busy = false;
    [["xlsx", "下载结果（Excel）"], ["csv", "下载结果（CSV）"]].forEach(function (f) {
      var b = el("button", "md-button", f[1]);
      b.type = "button";
      b.setAttribute("data-export", f[0]);
      b.addEventListener("click", function () {  // one click, one file, and the bar says how it went
        if (busy) return;
        busy = true;
        saying.textContent = "正在生成 " + (f[0] === "xlsx" ? "Excel" : "CSV") + " 文件……";
        exportFile({ export: "batch", format: f[0], result: self.last, today: today(true) }).then(function (r) {
          saying.textContent = r.ok ? "已下载：" + r.filename : "无法导出：" + messages(r.errors);
        }, function (err) {
          saying.textContent = "导出失败：" + (err.message || err) + "。";
        }).then(function () { busy = false; });
      });
      buttons.appendChild(b);
    });
    var printing = function () { document.documentElement.classList.add("ts-print-signoff"); window.print(); };
    if (res.signoff) {
      var p = el("button", "md-button", "打印签名表");
      p.type = "button";
      p.setAttribute("data-print", "");
      p.addEventListener("click", printing);
      buttons.appendChild(p);
    }
    bar.appendChild(buttons);
    bar.appendChild(saying);
    if (s.checked) out.push(bar);
    if ((res.bad_rows || []).length) {  // what needs fixing first
      out.push(el("h2", null, "有问题的行"));
      out.push(plainTable(["行号", "姓名", "问题"], res.bad_rows.map(function (b) { return [b.row, b.name, b.problems.join("；")]; }),
        "ts-missing-table ts-bad-rows", 1));
    }
    /* What Ctrl+P prints once there is an answer: the sign-off sheets, as on the other staff lists. */
    document.documentElement.classList.toggle("ts-print-signoff", !!(s.checked && res.signoff));
    if (!s.checked) {
      this.result.replaceChildren.apply(this.result, out);
      this.markSettled("fail");
      return;
    }
    out.push(el("h2", null, "学校汇总"));
    out.push(plainTable(["学校", "人数", "符合", "不符合", "未填完", "缺得最多的材料"], (res.schools || []).map(function (x) {
      return [x.school, x.count, x.pass, x.fail, x.incomplete,
        x.by_rule.map(function (r) { return r[0] + " " + r[1] + " 人"; }).join("；") || "无"];
    }), "ts-missing-table ts-school-summary", 0));
    out.push(el("h2", null, "谁缺什么"));
    out.push((res.missing || []).length ? plainTable(["学校", "姓名", "缺什么", "还没填"], res.missing.map(function (m) {
      return [m.school, m.name, m.missing.join("；") || "无", m.unanswered.join("；") || "无"];
    }), "ts-missing-table ts-who-missing", 1) : el("p", null, "没有人缺材料。"));
    out.push(el("h2", null, "每位教师"));
    out.push(plainTable(res.columns, res.rows, "ts-missing-table ts-teacher-rows", 1));
    if (res.signoff) out.push(signoff(res.signoff, res.bad_rows, printing));
    this.result.replaceChildren.apply(this.result, out);
    this.markSettled(pass ? "pass" : "fail");
  }
}

boot(".ts-evidence-batch", function (root) { new EvidenceBatch(root); });
