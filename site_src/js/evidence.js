/* /tools/evidence/ (材料自查): the questions of the chosen document only, the pasted self-statements and the video
   file (evidence-parts.js), and the answer as a checklist of what is done, missing, still to answer, and what the
   document says besides. The rules are all in the engine; this file only moves answers in and draws the checklist. */
import { el } from "./dom.js";
import { bind, drawItems, showFields, withStatements } from "./evidence-parts.js";
import { startTool, Tool } from "./tool.js";

var EVIDENCE_MARK = { done: "✔ 已符合：", missing: "✘ 未达到：", ask: "？ 待回答：", info: "ⓘ 说明：" };

class Evidence extends Tool {
  setup() {
    var self = this;
    bind(this);
    this.showReadings(false);
    this.form.elements.namedItem("profile").addEventListener("change", function () { self.showReadings(true); });
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
