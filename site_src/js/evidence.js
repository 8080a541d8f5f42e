/* /tools/evidence/ (材料自查): the questions of the chosen document only, the pasted self-statements and the video
   file (evidence-parts.js), and the answer as a checklist of what is done, missing, still to answer, and what the
   document says besides. The rules are all in the engine; this file only moves answers in and draws the checklist. */
import { el } from "./dom.js";
import { citation } from "./cite.js";
import { engine } from "./engine.js";
import { bind, drawItems, showFields, withStatements } from "./evidence-parts.js";
import { startTool, Tool } from "./tool.js";

var EVIDENCE_MARK = { done: "✔ 已符合：", missing: "✘ 未达到：", ask: "？ 待回答：", info: "ⓘ 说明：" };

class Evidence extends Tool {
  setup() {
    var self = this;
    var node = document.getElementById("evidence-plan");
    this.plans = node ? JSON.parse(node.textContent) : {};
    bind(this);
    this.showReadings(false);
    this.applyPlan();
    this.form.elements.namedItem("profile").addEventListener("change", function () {
      self.showReadings(true);
      self.applyPlan();
    });
  }

  plan() { return this.plans[this.form.elements.namedItem("profile").value] || null; }

  /* From the first paint, before the engine is up: only the chosen document's questions and its things to hand in
     (the engine's answer redraws them the same way). */
  applyPlan() {
    var plan = this.plan();
    if (!plan) return;
    showFields(this, plan.fields);
    drawItems(this, plan.items);
  }

  /* While the engine starts (a phone's first visit): her document's list already, and that the check is coming. */
  pending() {
    if (engine.ready || !this.plan()) return super.pending();
    this.result.removeAttribute("data-status");
    var nodes = this.idle();
    nodes.push(el("p", "ts-pending", "正在加载检查程序，首次打开需要几秒钟……"));
    this.result.replaceChildren.apply(this.result, nodes);
  }

  /* Before she answers anything: what her document asks her to hand in and to do, each line cited. */
  idle() {
    var plan = this.plan();
    if (!plan || !plan.plan.length) return Tool.prototype.idle.call(this);
    var self = this;
    var title = this.form.elements.namedItem("profile").selectedOptions[0].textContent.split(" — ")[0];
    var list = el("ul", "ts-lines ts-plan");
    plan.plan.forEach(function (line) {
      var li = el("li", "ts-line ts-line--" + (line.state === "info" ? "info" : "ask"));
      li.appendChild(el("span", "ts-line-label", line.label));
      li.appendChild(citation(line.source || {}, null, self.siteRoot, self.form.elements.namedItem("profile").value));
      list.appendChild(li);
    });
    return [el("p", "ts-idle", "《" + title + "》要你提交和做到的（" + plan.plan.length + " 项）。在上面逐项填写后，这里会告诉你哪些已经符合、还缺什么："),
      list];
  }

  adjustRequest(req) { return withStatements(req, this); }

  addToAnswer(res, out) {
    showFields(this, res.fields || []);
    drawItems(this, res.items || []);
    var at = out.findIndex(function (n) { return n.classList && n.classList.contains("ts-findings"); });
    var counts = res.counts || {};
    var tally = el("p", "ts-tally", "已符合 " + (counts.done || 0) + " 项，未达到 " + (counts.missing || 0) +
      " 项，待回答 " + (counts.ask || 0) + " 项。");
    out.splice(at < 0 ? out.length : at, at < 0 ? 0 : 1, tally, this.checklist(res));
  }

  checklist(res) {
    var self = this;
    var list = el("ul", "ts-lines");
    (res.checklist || []).forEach(function (line) {
      var li = el("li", "ts-line ts-line--" + line.state);
      li.setAttribute("data-rule", line.rule);
      li.setAttribute("data-state", line.state);
      li.appendChild(el("span", "ts-mark", EVIDENCE_MARK[line.state] || ""));
      li.appendChild(el("span", "ts-line-label", line.label));
      li.appendChild(el("span", "ts-message", " " + line.message));
      if (line.caveat) li.appendChild(el("span", "ts-caveat", "（" + line.caveat + "）"));
      li.appendChild(self.citation(line.source || {}, line.inherited_from));
      list.appendChild(li);
    });
    return list;
  }
}

startTool(Evidence);
