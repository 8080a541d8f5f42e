/* /tools/rollout/ (名额分配): an editable table of groups (districts or schools), years and shares ⇄ the link ⇄ the
   engine (tisheng.tools.rollout in the worker) ⇄ #result with the quota table, a stacked bar chart and an XLSX
   download. This file keeps the page's rows and settings; the tables are drawn by rollout-tables.js, the link by
   rollout-link.js, the request by rollout-request.js and the answer by rollout-result.js. */
import { el } from "./dom.js";
import { linkParams } from "./link.js";
import { LiveBar } from "./live.js";
import { Memory } from "./memory.js";
import { boot, Page } from "./page.js";
import { ShareBar } from "./share.js";
import { blank, loadLink, syncUrl } from "./rollout-link.js";
import { build, cellFor } from "./rollout-request.js";
import { drawAnswer } from "./rollout-result.js";
import { columns, paste, renderGroups, renderYears } from "./rollout-tables.js";

class Rollout extends Page {
  constructor(root) {
    super(root);
    var self = this;
    this.maxUrlRows = parseInt(root.getAttribute("data-max-url-rows"), 10) || 30;
    var data = JSON.parse(root.querySelector("#rollout-data").textContent);
    this.presets = {};
    data.presets.forEach(function (p) { self.presets[p.id] = p; });
    this.nouns = data.nouns;
    this.profile = root.querySelector("#profile");
    this.pilot = root.querySelector("#pilot");
    this.base = root.querySelector("#share_base");
    this.tolerance = root.querySelector("#tolerance");
    this.yearsBody = root.querySelector("#years-table tbody");
    this.groupsTable = root.querySelector("#groups-table");
    this.linkNote = root.querySelector("#link-note");
    this.share = new ShareBar(root, this.result, function () {
      return self.linkShort ? self.linkNote.textContent : "";
    });
    this.live = new LiveBar(root, this.result);
    this.years = [];
    this.rows = [];
    this.chart = null;

    /* "Remember on this device": the same parameters as the link, but with the whole list however long. */
    this.remember = root.querySelector("[data-remember]");
    this.memory = new Memory("tisheng:rollout", this.remember);
    loadLink(this, this.memory.start(linkParams(), function (text) { return new URLSearchParams(text); }));
    this.remember.addEventListener("change", function () { self.syncUrl(); });
    root.querySelector("[data-forget]").addEventListener("click", function () { self.memory.forget(); });
    this.bind();
    this.watch();
    this.syncUrl();
    this.run();
    window.addEventListener("resize", function () { if (self.chart) self.chart.resize(); });
    // A printed result shows the suggested table too, not only its folded summary line.
    window.addEventListener("beforeprint", function () {
      root.querySelectorAll("details.ts-suggested").forEach(function (d) { d.open = true; });
    });
  }

  submitted() { this.syncUrl(); }

  syncUrl() { syncUrl(this); }

  // ------------------------------------------------------------------------------------------------ state

  mode() {
    return this.root.querySelector("#mode-check").checked ? "check" : "plan";
  }

  setMode(m) {
    this.root.querySelector(m === "check" ? "#mode-check" : "#mode-plan").checked = true;
  }

  noun() { return this.nouns[this.profile.value] || "教师"; }

  pilotYear() { return this.pilot.value.trim(); }

  newRow(r) {
    r = r || {};
    var cells = [];
    for (var j = 0; j < this.years.length; j++) cells.push("");
    return { name: r.name || "", teachers: r.teachers || "", pilot: r.pilot || "", cells: cells };
  }

  rowBlank(r) {
    return blank(r.name) && blank(r.teachers) && blank(r.pilot) && r.cells.every(blank);
  }

  setProfile(id) {
    var known = Array.prototype.some.call(this.profile.options, function (o) { return o.value === id; });
    if (!known) {
      var opt = el("option", null, "（链接中的未知政策：" + id + "）");
      opt.value = id;
      this.profile.appendChild(opt);
    }
    this.profile.value = id;
  }

  presetFor(profile, mode) {
    return this.presets[mode + "-" + profile] || null;
  }

  /* Rows of a preset: names, teachers, and the pilot or each year's quota where the preset has them. */
  fillRows(p) {
    var self = this;
    this.rows = p.rows.map(function (r) {
      var row = self.newRow(r);
      if (r.by_year) {
        row.pilot = p.pilot ? r.by_year[p.pilot] || "" : "";
        row.cells = self.years.map(function (y) { return r.by_year[y.year] || ""; });
      }
      return row;
    });
  }

  applyPreset(p) {
    var self = this;
    this.setMode(p.mode);
    this.setProfile(p.profile);
    var old = this.years;
    this.years = p.years.map(function (y, j) { return { year: y, share: p.shares[j] }; });
    this.pilot.value = p.pilot;
    this.base.value = "";
    this.tolerance.value = "";
    var empty = this.rows.every(function (r) { return self.rowBlank(r); });
    var filled = "";
    if (p.mode === "check") {
      this.fillRows(p);
      filled = "，并载入文件中的任务表（" + p.rows.length + " 行）";
    } else {
      // Year cells follow their year when the years change; the list itself is kept unless it is empty.
      this.rows.forEach(function (r) {
        r.cells = self.years.map(function (y) {
          for (var k = 0; k < old.length; k++) if (old[k].year === y.year) return r.cells[k] || "";
          return "";
        });
      });
      if (empty && p.rows.length) {
        this.fillRows(p);
        filled = "；名单为空，已填入文件任务表中的 " + p.rows.length + " 个单位及人数" +
          (p.pilot ? "和试点名额" : "");
      }
    }
    renderYears(this);
    renderGroups(this);
    this.root.querySelector("#preset-status").textContent = "已按《" + p.title + "》填入年份 " +
      p.years.join("、") + "，比例 " + p.shares.join("%、") + "%" + (p.pilot ? "，试点年份 " + p.pilot : "") +
      filled + "。";
    this.changed();
  }

  /* A policy with its own years and shares fills them in when the years are still empty. */
  profileChanged() {
    var p = this.presetFor(this.profile.value, "plan");
    var empty = this.years.every(function (y) { return blank(y.year) && blank(y.share); });
    if (p && empty) {
      this.years = p.years.map(function (y, j) { return { year: y, share: p.shares[j] }; });
      this.rows.forEach(function (r) { r.cells = p.years.map(function () { return ""; }); });
      if (blank(this.pilot.value)) this.pilot.value = p.pilot;
      renderYears(this);
    }
  }

  // ------------------------------------------------------------------------------------------------ editing

  removeRow(i) {
    this.rows.splice(i, 1);
    if (!this.rows.length) this.rows.push(this.newRow());
    renderGroups(this);
    var next = this.groupsTable.querySelectorAll("tbody tr")[Math.min(i, this.rows.length - 1)];
    (next ? next.querySelector("button") : this.root.querySelector("[data-add-row]")).focus();
    this.changed();
  }

  removeYear(j) {
    this.years.splice(j, 1);
    this.rows.forEach(function (r) { r.cells.splice(j, 1); });
    if (!this.years.length) this.addYear();
    renderYears(this);
    renderGroups(this);
    var rows = this.yearsBody.querySelectorAll("tr");
    (rows[Math.min(j, rows.length - 1)] || this.yearsBody).querySelector("button").focus();
    this.changed();
  }

  addYear() {
    var lastYear = 0;
    this.years.forEach(function (y) { if (/^\d{4}$/.test(y.year)) lastYear = Math.max(lastYear, +y.year); });
    this.years.push({ year: lastYear ? String(lastYear + 1) : "", share: "" });
    this.rows.forEach(function (r) { r.cells.push(""); });
  }

  /* Headers follow the years as they are typed, without rebuilding the inputs (focus stays where it is). */
  refreshHeaders() {
    var cols = columns(this);
    if (cols.length !== this.cols.length) return renderGroups(this);
    this.cols = cols;
    var ths = this.groupsTable.querySelectorAll("thead th");
    cols.forEach(function (c, k) { ths[k + 1].textContent = c.label; });
  }

  bind() {
    var self = this;
    this.form.addEventListener("input", function (e) {
      var t = e.target;
      var grid = t.getAttribute && t.getAttribute("data-grid");
      var key = grid && t.getAttribute("data-cell");
      if (grid === "years") {
        self.years[+t.getAttribute("data-r")][key] = t.value;
        if (key === "year" && self.mode() === "check") self.refreshHeaders();
      } else if (grid === "groups") {
        var row = self.rows[+t.getAttribute("data-r")];
        if (key[0] === "c" && /^c\d+$/.test(key)) row.cells[+key.slice(1)] = t.value;
        else row[key] = t.value;
      }
      self.changed();
    });
    this.form.addEventListener("change", function (e) {
      var t = e.target;
      if (t.name === "mode" || t === self.profile) {
        if (t === self.profile) self.profileChanged();
        renderGroups(self);
      }
      self.changed();
    });
    this.pilot.addEventListener("input", function () {
      var had = self.cols.some(function (c) { return c.key === "pilot"; });
      if (had !== !!self.pilotYear()) renderGroups(self);
      else self.refreshHeaders();
    });
    this.form.addEventListener("paste", function (e) { paste(self, e); });
    this.root.querySelector("[data-add-row]").addEventListener("click", function () {
      self.rows.push(self.newRow());
      renderGroups(self);
      self.root.querySelector("#g-" + (self.rows.length - 1) + "-name").focus();
    });
    this.root.querySelector("[data-clear-rows]").addEventListener("click", function () {
      if (!window.confirm("清空名单中的全部 " + self.rows.length + " 行？")) return;
      self.rows = [self.newRow(), self.newRow(), self.newRow()];
      renderGroups(self);
      self.root.querySelector("#g-0-name").focus();
      self.changed();
    });
    this.root.querySelector("[data-add-year]").addEventListener("click", function () {
      self.addYear();
      renderYears(self);
      renderGroups(self);
      self.root.querySelector("#y-" + (self.years.length - 1) + "-year").focus();
      self.changed();
    });
    this.root.querySelectorAll("[data-preset]").forEach(function (b) {
      b.addEventListener("click", function () { self.applyPreset(self.presets[b.getAttribute("data-preset")]); });
    });
  }

  // ------------------------------------------------------------------------------------------------ engine

  /* The request, or the page's own answer when there is no list: without one the engine would quietly use the
     document's own table, so the page asks for one instead. */
  outgoing() {
    var built = build(this);
    this.built = built;
    if (!built) return null;
    if (built.empty) {
      var check = this.mode() === "check";
      built.response = { ok: false, errors: [{ field: check ? "input.table" : "input.groups",
        message: check ? "请填写要核对的任务表：至少一行，写名称、人数和各年名额。" :
          "请填写参加推进的区县或学校：至少一行，写名称和" + this.noun() + "数。" }] };
    } else {
      built.message = { type: "evaluate", request: built.request };
    }
    return built;
  }

  render(res, built) {
    var self = this;
    if (this.chart) {
      this.chart.dispose();
      this.chart = null;
    }
    if (this.answer(res, function (err) { return cellFor(self, err.field, built); })) return;
    drawAnswer(this, res);
  }
}
Rollout.prototype.delay = 200;
Rollout.prototype.idleText = "填写名单、年份和比例后，这里会立即显示名额表。";

boot(".ts-rollout[data-tool]", function (root) { new Rollout(root); });
