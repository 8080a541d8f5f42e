/* 成绩计算 page: shows only the chosen policy's fields (the others are disabled, so the calculator leaves them out of
   the link and the request), keeps the five-area checklist in one `areas` field, and adds the score and its steps
   to the result. All text is set with textContent. */
import { el } from "./dom.js";
import { startTool, Tool } from "./tool.js";

class Grade extends Tool {
  sets() { return this.form.querySelectorAll(".ts-grade-set"); }

  applyProfile() {
    var current = this.form.elements.namedItem("profile").value;
    this.sets().forEach(function (set) {
      var on = set.getAttribute("data-profile") === current;
      set.hidden = !on;
      /* Each control itself: a disabled fieldset does not change its controls' .disabled, which tool.js reads. */
      set.querySelectorAll("input, select, textarea").forEach(function (c) { c.disabled = !on; });
    });
  }

  syncChecks() {
    this.form.querySelectorAll(".ts-areas").forEach(function (box) {
      var hidden = box.querySelector("input[name=areas]");
      var wanted = hidden.value.split(/[,，\s]+/).filter(Boolean);
      box.querySelectorAll("[data-area-item]").forEach(function (c) { c.checked = wanted.indexOf(c.value) >= 0; });
    });
  }

  setup() {
    var self = this;
    this.applyProfile();
    this.syncChecks();
    this.showReadings(false);
    this.form.elements.namedItem("profile").addEventListener("change", function () {
      self.applyProfile();
      self.showReadings(true);
    });
    this.form.querySelectorAll("[data-area-item]").forEach(function (c) {
      /* Runs before the form's own listener (target before bubble), so the URL gets the new value. */
      c.addEventListener("change", function () {
        var box = c.closest(".ts-areas");
        var picked = Array.prototype.filter.call(box.querySelectorAll("[data-area-item]"), function (x) {
          return x.checked;
        }).map(function (x) { return x.value; });
        box.querySelector("input[name=areas]").value = picked.join(",");
      });
    });
  }

  adjustRequest(req, filled) {
    var form = this.form;
    /* A policy from a link that has no grading rules: ask the engine anyway, so the page says why. */
    var known = Array.prototype.some.call(this.sets(), function (s) {
      return s.getAttribute("data-profile") === req.profile;
    });
    if (!known && req.profile) return req;
    if (!filled) return null;
    /* The document leaves the weights open: send empty ones so the engine names the field that needs filling. */
    ["w_peer", "w_leader"].forEach(function (name) {
      var c = form.elements.namedItem(name);
      if (c && !c.disabled && c.value.trim() === "") req.input[name] = "";
    });
    return req;
  }

  addToAnswer(res, out) {
    this.syncChecks();
    var verdict = out.find(function (node) { return node.classList.contains("ts-verdict"); });
    var pass = res.status === "pass";
    /* A reading that draws no score lines: the score, and the 等次 left to the school (no ✔, no band). */
    if (res.decided === false) verdict.className = "ts-verdict ts-verdict--open";
    verdict.textContent = res.decided === false ? "○ 总分 " + res.score_text + " 分，等次按学校自己的规定" :
      (pass ? "✔ " : "✘ ") + "等次：" + res.band_label + (res.score != null ? "（" + res.score_text + " 分）" : "");
    if (res.score == null) {  // a given 等次: the verdict and what decides it say it all, no second badge
      if ((res.steps || []).length) out.splice(out.indexOf(verdict) + 1, 0, this.steps(res.steps));
      return;
    }
    var box = el("div", "ts-score ts-score--" + (res.band || "open"));
    if (res.score != null) {
      box.appendChild(el("span", "ts-score-number", res.score_text));
      box.appendChild(el("span", "ts-score-unit", "分"));
    }
    box.appendChild(el("span", "ts-score-band", res.band_label));
    if (res.score_band && res.score_band !== res.band) {
      box.appendChild(el("span", "ts-score-why", "（按分数为" + res.score_band_label +
        "，因下列原因评为" + res.band_label + "）"));
    }
    var extra = [box];
    if ((res.steps || []).length) extra.push(this.steps(res.steps));
    /* After the verdict and summary, before the findings. */
    var at = out.findIndex(function (node) { return node.classList.contains("ts-findings"); });
    Array.prototype.splice.apply(out, [at < 0 ? out.length : at, 0].concat(extra));
  }

  steps(steps) {
    var self = this;
    var section = el("section", "ts-steps");
    var id = "ts-steps-title";
    var h = el("h3", null, "计算过程");
    h.id = id;
    section.setAttribute("aria-labelledby", id);
    section.appendChild(h);
    var list = el("ol");
    steps.forEach(function (s) {
      var li = el("li", "ts-step");
      li.setAttribute("data-step", s.step);
      li.appendChild(el("span", "ts-step-message", s.message));
      li.appendChild(self.citation(s.source || {}, null));
      list.appendChild(li);
    });
    section.appendChild(list);
    return section;
  }
}

startTool(Grade);
