/* /tools/me/ (我的考核进度): one set of answers, one checklist. The engine (tool "me") runs hours, points, evidence
   and grade; this file shows the chosen document's questions, sends the pasted statements (never the address),
   and draws each line with a link to the tool that explains it. The evidence questions are evidence-parts.js. */
import { el } from "./dom.js";
import { bind, drawItems, showFields, withStatements } from "./evidence-parts.js";
import { startTool, Tool } from "./tool.js";

var TOOL_PAGE = { hours: ["hours", "学时自查"], points: ["points", "能力点选择"], evidence: ["evidence", "材料自查"],
  grade: ["grade", "成绩计算"] };
var LINE_MARK = { done: "✔ 已完成：", missing: "✘ 未完成：", ask: "？ 待填写：", info: "ⓘ 说明：" };

class Me extends Tool {
  setup() {
    var self = this;
    bind(this);
    this.personal();
    this.gradeSets();
    this.form.elements.namedItem("profile").addEventListener("change", function () { self.gradeSets(); });
  }

  /* The grade questions of the chosen document only (one set per document, data-profile). */
  gradeSets() {
    var profile = this.form.elements.namedItem("profile").value;
    this.root.querySelectorAll("[data-profile]").forEach(function (set) {
      if (set.tagName === "OPTION") return;
      var on = set.getAttribute("data-profile") === profile;
      set.hidden = !on;
      set.querySelectorAll("input, select, textarea").forEach(function (c) { c.disabled = !on; });
    });
  }

  /* 个人考核登记表: her name, school and subject, typed here for the printed record only. The boxes have no form
     name, so they are never in the address, the request or the saved answers, and they are not remembered. */
  personal() {
    var box = el("fieldset", "ts-personal");
    box.appendChild(el("legend", null, "打印个人考核登记表时写在表头（可不填；只留在这个页面上，不放进链接、不保存、不发送）"));
    this.who = {};
    var self = this;
    [["name", "姓名"], ["school", "学校"], ["subject", "学科"]].forEach(function (f) {
      var wrap = el("div", "ts-field ts-personal-field");
      var label = el("label", null, f[1]);
      var input = el("input");
      input.id = "me-" + f[0];
      input.type = "text";
      input.autocomplete = "off";
      input.maxLength = 40;
      label.htmlFor = input.id;
      wrap.appendChild(label);
      wrap.appendChild(input);
      box.appendChild(wrap);
      self.who[f[1]] = input;
    });
    this.form.appendChild(box);
  }

  /* The printed record: who, what she entered, and below it the answer with its sources; then the signatures. */
  record() {
    var self = this;
    var head = el("section", "ts-print-only ts-record-head");
    head.appendChild(el("h2", null, "个人考核登记表"));
    var who = el("p", "ts-record-who");
    Object.keys(this.who).forEach(function (k) {
      who.appendChild(el("span", null, k + "：" + (self.who[k].value.trim() || "＿＿＿＿＿＿") + "　"));
    });
    head.appendChild(who);
    var rows = [];
    this.controls().forEach(function (c) {
      if (!c.hasAttribute("data-input") || c.value.trim() === "" || c.type === "hidden" && c.name !== "items") return;
      var field = c.closest(".ts-field");
      var label = field && field.querySelector("label");
      var value = c.tagName === "SELECT" ? c.selectedOptions[0].textContent : c.value.trim();
      if (label) rows.push([label.textContent.replace(/（可不填）|（可选）/g, ""), value]);
    });
    if (rows.length) {  // one paragraph, so that the record stays on one A4 page
      head.appendChild(el("p", "ts-record-figures", "本人填写：" + rows.map(function (r) {
        return r[0] + " " + r[1];
      }).join("；") + "。"));
    }
    var foot = el("section", "ts-print-only ts-record-foot");
    foot.appendChild(el("p", null, "教师签名：＿＿＿＿＿＿＿＿　　教研组长（审核人）签名：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日"));
    return [head, foot];
  }

  adjustRequest(req) { return withStatements(req, this); }

  addToAnswer(res, out) {
    showFields(this, res.evidence_fields || []);
    drawItems(this, res.evidence_items || []);
    var at = out.findIndex(function (n) { return n.classList && n.classList.contains("ts-findings"); });
    var add = [];
    if (res.deadline && !res.late) add.push(el("p", "ts-me-deadline", res.deadline.message));  // a passed one is `late`
    var c = res.counts || {};
    add.push(el("p", "ts-tally", "已完成 " + (c.done || 0) + " 项，未完成 " + (c.missing || 0) + " 项，待填写 " +
      (c.ask || 0) + " 项。"));
    add.push(this.lines(res));
    out.splice.apply(out, [at < 0 ? out.length : at, at < 0 ? 0 : 1].concat(add));
    var record = this.record();
    out.unshift(record[0]);
    out.push(record[1]);
    /* The readings behind the answer: folded, they would fill the printed page. */
    out.forEach(function (n) {
      if (n.classList && n.classList.contains("ts-notes") && n.children.length > 1) {
        var fold = el("details", "ts-fold");
        fold.appendChild(el("summary", null, "文件说法不一时本页按哪种读法（" + n.children.length + " 条）"));
        out[out.indexOf(n)] = fold;
        fold.appendChild(n);
      }
    });
  }

  lines(res) {
    var self = this;
    var list = el("ul", "ts-lines ts-me-lines");
    (res.lines || []).forEach(function (line) {
      var li = el("li", "ts-line ts-line--" + line.state + " ts-me-line");
      li.setAttribute("data-tool", line.tool);
      li.setAttribute("data-state", line.state);
      li.appendChild(el("span", "ts-mark", LINE_MARK[line.state] || ""));
      li.appendChild(el("span", "ts-line-label", line.label));
      li.appendChild(el("span", "ts-message", " " + line.message + " "));
      li.appendChild(self.link(line, res.profile));
      if (line.source && line.source.quote) li.appendChild(self.citation(line.source, line.inherited_from));
      list.appendChild(li);
    });
    return list;
  }

  link(line, profile) {
    var page = TOOL_PAGE[line.tool];
    var params = new URLSearchParams();
    params.set("profile", profile);
    Object.keys(line.query || {}).forEach(function (k) {
      var v = line.query[k];
      params.set(k, Array.isArray(v) ? v.join(",") : String(v));
    });
    var a = el("a", "ts-me-link", "看" + page[1]);
    a.href = this.siteRoot + "tools/" + page[0] + "/?" + params.toString();
    return a;
  }
}

startTool(Me);
