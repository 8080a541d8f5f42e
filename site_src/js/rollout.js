/* /tools/rollout/ (名额分配): an editable table of groups (districts or schools), years and shares ⇄ URL query ⇄
   the engine (tisheng.tools.rollout in the worker) ⇄ #result with the quota table, a stacked bar chart and an
   XLSX download. Needs tools.js first (window.Tisheng: the shared worker and el()). Plain JS; text from data or
   from the user is always set with textContent. */
(function () {
  "use strict";
  var T = window.Tisheng;
  var el = T.el;
  var MAX_SERIES = 12;

  function num(v) {
    if (typeof v !== "number") return String(v == null ? "" : v);
    var r = Math.round(v * 100) / 100;
    return String(r === 0 ? 0 : r);
  }
  function signed(v) {
    var r = Math.round(v * 100) / 100;
    if (r === 0) return "0";
    return (r > 0 ? "+" : "−") + String(Math.abs(r));
  }
  function blank(v) { return v == null || String(v).trim() === ""; }
  function sr(text) { return el("span", "ts-sr", text); }

  /* Names in the link: "," ":" and "%" would end a field, so they are written as %2C %3A %25. */
  function encName(s) { return String(s).replace(/%/g, "%25").replace(/,/g, "%2C").replace(/:/g, "%3A"); }
  function decName(s) {
    return String(s).replace(/%2C/gi, ",").replace(/%3A/gi, ":").replace(/%25/g, "%");
  }
  /* A pasted number: "1,200" → "1200"; spaces trimmed. Anything else is left for the engine to judge. */
  function cleanNumber(s) {
    var t = String(s).trim();
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
    return t;
  }

  function Page(root) {
    this.attach(root);
    this.maxUrlRows = parseInt(root.getAttribute("data-max-url-rows"), 10) || 30;
    var data = JSON.parse(root.querySelector("#rollout-data").textContent);
    this.presets = {};
    var self = this;
    data.presets.forEach(function (p) { self.presets[p.id] = p; });
    this.nouns = data.nouns;
    this.profile = root.querySelector("#profile");
    this.pilot = root.querySelector("#pilot");
    this.base = root.querySelector("#share_base");
    this.tolerance = root.querySelector("#tolerance");
    this.yearsBody = root.querySelector("#years-table tbody");
    this.groupsTable = root.querySelector("#groups-table");
    this.linkNote = root.querySelector("#link-note");
    this.share = new T.ShareBar(root, this.result, function () { return self.linkShort ? self.linkNote.textContent : ""; });
    this.live = new T.LiveBar(root, this.result);
    this.years = [];
    this.rows = [];
    this.chart = null;

    /* "Remember on this device": the same parameters as the link, but with the whole list however long. */
    this.remember = root.querySelector("[data-remember]");
    this.memory = new T.Memory("tisheng:rollout", this.remember);
    this.load(this.memory.start(T.linkParams(),
      function (text) { return new URLSearchParams(text); }));
    this.remember.addEventListener("change", function () { self.syncUrl(); });
    root.querySelector("[data-forget]").addEventListener("click", function () { self.memory.forget(); });
    this.bind();
    this.watch(root);
    this.syncUrl();
    this.run();
  }
  T.mixLifecycle(Page.prototype);
  Page.prototype.delay = 200;
  Page.prototype.idleText = "填写名单、年份和比例后，这里会立即显示名额表。";
  Page.prototype.submitted = function () { this.syncUrl(); };

  // ------------------------------------------------------------------------------------------------ state

  Page.prototype.mode = function () {
    return this.root.querySelector("#mode-check").checked ? "check" : "plan";
  };
  Page.prototype.setMode = function (m) {
    this.root.querySelector(m === "check" ? "#mode-check" : "#mode-plan").checked = true;
  };
  Page.prototype.noun = function () { return this.nouns[this.profile.value] || "教师"; };
  Page.prototype.pilotYear = function () { return this.pilot.value.trim(); };

  Page.prototype.newRow = function (r) {
    r = r || {};
    var cells = [];
    for (var j = 0; j < this.years.length; j++) cells.push("");
    return { name: r.name || "", teachers: r.teachers || "", pilot: r.pilot || "", cells: cells };
  };

  Page.prototype.setProfile = function (id) {
    var known = Array.prototype.some.call(this.profile.options, function (o) { return o.value === id; });
    if (!known) {
      var opt = el("option", null, "（链接中的未知政策：" + id + "）");
      opt.value = id;
      this.profile.appendChild(opt);
    }
    this.profile.value = id;
  };

  Page.prototype.presetFor = function (profile, mode) {
    return this.presets[mode + "-" + profile] || null;
  };

  Page.prototype.load = function (q) {
    var self = this;
    var mode = q.get("mode") === "check" ? "check" : "plan";
    this.setMode(mode);
    if (q.get("profile")) this.setProfile(q.get("profile"));
    var plan = this.presetFor(this.profile.value, "plan");
    var years = blank(q.get("years")) ? [] : q.get("years").split(",");
    var shares = blank(q.get("shares")) ? [] : q.get("shares").split(",");
    if (!years.length && !shares.length && plan) {
      years = plan.years.slice();
      shares = plan.shares.slice();
      if (!q.has("pilot")) this.pilot.value = plan.pilot;
    }
    var n = Math.max(years.length, shares.length, 3);
    this.years = [];
    for (var j = 0; j < n; j++) this.years.push({ year: (years[j] || "").trim(), share: (shares[j] || "").trim() });
    if (q.has("pilot")) this.pilot.value = q.get("pilot");
    if (q.get("base")) this.base.value = q.get("base");
    if (q.get("tolerance")) this.tolerance.value = q.get("tolerance");
    this.rows = [];
    if (!blank(q.get("groups"))) {
      q.get("groups").split(",").forEach(function (entry) {
        if (blank(entry)) return;
        var f = entry.split(":");
        var row = self.newRow({ name: decName(f[0] || "").trim(), teachers: (f[1] || "").trim() });
        var rest = f.slice(2).join(":");
        if (mode === "check") {
          var vals = rest === "" ? [] : rest.split("/");
          if (self.pilotYear()) row.pilot = (vals.shift() || "").trim();
          row.cells = row.cells.map(function (_, k) { return (vals[k] || "").trim(); });
        } else {
          row.pilot = rest.trim();
        }
        self.rows.push(row);
      });
    } else {
      var p = this.presetFor(this.profile.value, mode);
      if (p && p.rows.length && (q.has("profile") || q.has("mode"))) this.fillRows(p);
    }
    while (this.rows.length < 3) this.rows.push(this.newRow());
    this.renderYears();
    this.renderGroups();
  };

  /* Rows of a preset: names, teachers, and the pilot or each year's quota where the preset has them. */
  Page.prototype.fillRows = function (p) {
    var self = this;
    this.rows = p.rows.map(function (r) {
      var row = self.newRow(r);
      if (r.by_year) {
        row.pilot = p.pilot ? r.by_year[p.pilot] || "" : "";
        row.cells = self.years.map(function (y) { return r.by_year[y.year] || ""; });
      }
      return row;
    });
  };

  Page.prototype.applyPreset = function (p) {
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
    this.renderYears();
    this.renderGroups();
    this.root.querySelector("#preset-status").textContent = "已按《" + p.title + "》填入年份 " +
      p.years.join("、") + "，比例 " + p.shares.join("%、") + "%" + (p.pilot ? "，试点年份 " + p.pilot : "") +
      filled + "。";
    this.changed();
  };

  Page.prototype.rowBlank = function (r) {
    return blank(r.name) && blank(r.teachers) && blank(r.pilot) && r.cells.every(blank);
  };

  // ------------------------------------------------------------------------------------------------ editing

  function cellInput(id, label, value, numeric, extraDescribedBy) {
    var td = el("td");
    var lab = el("label", "ts-sr", label);
    lab.htmlFor = id;
    var input = el("input");
    input.type = "text";
    input.id = id;
    input.value = value;
    input.autocomplete = "off";
    if (numeric) input.inputMode = "decimal";
    var err = el("span", "ts-error ts-cell-error");
    err.id = id + "-error";
    err.hidden = true;
    input.setAttribute("aria-describedby", (extraDescribedBy ? extraDescribedBy + " " : "") + err.id);
    td.appendChild(lab);
    td.appendChild(input);
    td.appendChild(err);
    return { td: td, input: input };
  }

  /* The last cell of an editable row: its 删除 button, named for a screen reader by what it deletes. */
  function deleteCell(label, remove) {
    var td = el("td");
    var del = el("button", "ts-link-button", "删除");
    del.type = "button";
    del.setAttribute("aria-label", label);
    del.addEventListener("click", remove);
    td.appendChild(del);
    return td;
  }

  Page.prototype.renderYears = function () {
    var self = this;
    var body = this.yearsBody;
    body.replaceChildren();
    this.years.forEach(function (y, j) {
      var tr = el("tr");
      var a = cellInput("y-" + j + "-year", "第 " + (j + 1) + " 个推进年份", y.year, true, "years-hint");
      a.input.setAttribute("data-grid", "years");
      a.input.setAttribute("data-r", j);
      a.input.setAttribute("data-key", "year");
      a.input.placeholder = "如 2015";
      var b = cellInput("y-" + j + "-share", "第 " + (j + 1) + " 年的比例", y.share, true, "years-hint");
      b.input.setAttribute("data-grid", "years");
      b.input.setAttribute("data-r", j);
      b.input.setAttribute("data-key", "share");
      b.input.placeholder = "如 30%";
      tr.appendChild(a.td);
      tr.appendChild(b.td);
      tr.appendChild(deleteCell("删除第 " + (j + 1) + " 个年份" + (y.year ? "（" + y.year + "）" : ""),
        function () { self.removeYear(j); }));
      body.appendChild(tr);
    });
  };

  Page.prototype.columns = function () {
    var noun = this.noun();
    var unit = noun === "学校" ? "所" : "人";
    var py = this.pilotYear();
    var cols = [{ key: "name", label: "名称", numeric: false },
      { key: "teachers", label: noun + "数（" + unit + "）", numeric: true }];
    if (py) {
      cols.push({ key: "pilot", numeric: true,
        label: this.mode() === "check" ? py + "年（试点）" : "试点名额（" + py + "年）" });
    }
    if (this.mode() === "check") {
      this.years.forEach(function (y, j) {
        cols.push({ key: "c" + j, numeric: true, label: (y.year || "第 " + (j + 1) + " 个年份") + (y.year ? "年" : "") });
      });
    }
    return cols;
  };

  Page.prototype.renderGroups = function () {
    var self = this;
    var cols = this.columns();
    this.cols = cols;
    var check = this.mode() === "check";
    this.root.querySelector("#groups-legend").textContent = check ? "要核对的任务表（各单位各年名额）" : "各单位名单";
    this.root.querySelectorAll("[data-mode-only]").forEach(function (n) {
      n.hidden = n.getAttribute("data-mode-only") !== self.mode();
    });
    this.root.querySelectorAll("[data-needs-pilot]").forEach(function (n) { n.hidden = !self.pilotYear(); });
    var head = el("tr");
    head.appendChild(el("th", "ts-rownum", "行"));
    head.firstChild.scope = "col";
    cols.forEach(function (c) {
      var th = el("th", null, c.label);
      th.scope = "col";
      head.appendChild(th);
    });
    var last = el("th");
    last.scope = "col";
    last.appendChild(sr("操作"));
    head.appendChild(last);
    var thead = el("thead");
    thead.appendChild(head);
    var body = el("tbody");
    this.rows.forEach(function (row, i) {
      var tr = el("tr");
      var th = el("th", "ts-rownum", String(i + 1));
      th.scope = "row";
      tr.appendChild(th);
      cols.forEach(function (c, k) {
        var value = c.key === "name" || c.key === "teachers" || c.key === "pilot" ? row[c.key] : row.cells[+c.key.slice(1)];
        var cell = cellInput("g-" + i + "-" + c.key, "第 " + (i + 1) + " 行 " + c.label, value, c.numeric);
        cell.input.setAttribute("data-grid", "groups");
        cell.input.setAttribute("data-r", i);
        cell.input.setAttribute("data-key", c.key);
        cell.input.setAttribute("data-c", k);
        if (c.key === "name") cell.td.className = "ts-name";
        tr.appendChild(cell.td);
      });
      tr.appendChild(deleteCell("删除第 " + (i + 1) + " 行" + (row.name ? "（" + row.name + "）" : ""),
        function () { self.removeRow(i); }));
      body.appendChild(tr);
    });
    this.groupsTable.replaceChildren(thead, body);
  };

  Page.prototype.removeRow = function (i) {
    this.rows.splice(i, 1);
    if (!this.rows.length) this.rows.push(this.newRow());
    this.renderGroups();
    var next = this.groupsTable.querySelectorAll("tbody tr")[Math.min(i, this.rows.length - 1)];
    (next ? next.querySelector("button") : this.root.querySelector("[data-add-row]")).focus();
    this.changed();
  };

  Page.prototype.removeYear = function (j) {
    this.years.splice(j, 1);
    this.rows.forEach(function (r) { r.cells.splice(j, 1); });
    if (!this.years.length) this.addYear();
    this.renderYears();
    this.renderGroups();
    var rows = this.yearsBody.querySelectorAll("tr");
    (rows[Math.min(j, rows.length - 1)] || this.yearsBody).querySelector("button").focus();
    this.changed();
  };

  Page.prototype.addYear = function () {
    var lastYear = 0;
    this.years.forEach(function (y) { if (/^\d{4}$/.test(y.year)) lastYear = Math.max(lastYear, +y.year); });
    this.years.push({ year: lastYear ? String(lastYear + 1) : "", share: "" });
    this.rows.forEach(function (r) { r.cells.push(""); });
  };

  /* Excel and WPS copy a cell that holds a line break, a tab or a quote as "…" with "" for a quote: such a cell is
     one cell (its line breaks become spaces), not two rows. */
  function cells(text) {
    var rows = [[]];
    var cell = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (ch === '"' && cell === "") {
        var end = i + 1;
        var quoted = "";
        while (end < text.length) {
          if (text[end] === '"' && text[end + 1] === '"') { quoted += '"'; end += 2; }
          else if (text[end] === '"') break;
          else quoted += text[end++];
        }
        var next = text[end + 1];
        if (end < text.length && (next === undefined || next === "\t" || next === "\n")) {
          cell = quoted.replace(/\s*\n\s*/g, " ");
          i = end;
          continue;
        }
      }
      if (ch === "\t") { rows[rows.length - 1].push(cell); cell = ""; }
      else if (ch === "\n") { rows[rows.length - 1].push(cell); rows.push([]); cell = ""; }
      else cell += ch;
    }
    rows[rows.length - 1].push(cell);
    return rows;
  }

  /* A block copied from Excel or WPS (tab-separated cells, one line per row) fills the table from the cell it is
     pasted into, adding rows as needed. A first line without any number is taken as the header and skipped. */
  Page.prototype.paste = function (e) {
    var input = e.target;
    if (!input || !input.hasAttribute || !input.hasAttribute("data-grid")) return;
    var text = (e.clipboardData || window.clipboardData).getData("text");
    if (!text) return;
    var trimmed = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
    if (trimmed.indexOf("\t") < 0 && trimmed.indexOf("\n") < 0) return; // one value: the browser pastes it
    e.preventDefault();
    var lines = cells(trimmed);
    var numeric = function (s) { return /^[\s+-]*[\d０-９][\d０-９,.，．\s]*%?$/.test(s); };
    var skipped = false;
    if (lines.length > 1 && !lines[0].some(function (c) { return numeric(c); }) &&
        lines[1].some(function (c) { return numeric(c); })) {
      lines.shift();
      skipped = true;
    }
    var grid = input.getAttribute("data-grid");
    var r0 = +input.getAttribute("data-r");
    var ignored = 0;
    var self = this;
    if (grid === "years") {
      var keys = ["year", "share"];
      var k0 = keys.indexOf(input.getAttribute("data-key"));
      lines.forEach(function (cells, i) {
        while (self.years.length <= r0 + i) self.addYear();
        cells.forEach(function (v, k) {
          if (k0 + k >= keys.length) { ignored++; return; }
          self.years[r0 + i][keys[k0 + k]] = cleanNumber(v);
        });
      });
      this.renderYears();
      this.renderGroups();
    } else {
      var c0 = +input.getAttribute("data-c");
      var cols = this.cols;
      lines.forEach(function (cells, i) {
        while (self.rows.length <= r0 + i) self.rows.push(self.newRow());
        var row = self.rows[r0 + i];
        cells.forEach(function (v, k) {
          var col = cols[c0 + k];
          if (!col) { if (String(v).trim() !== "") ignored++; return; }
          if (col.key === "name") row.name = String(v).trim();
          else if (col.key === "teachers" || col.key === "pilot") row[col.key] = cleanNumber(v);
          else row.cells[+col.key.slice(1)] = cleanNumber(v);
        });
      });
      this.renderGroups();
    }
    var again = this.root.querySelector("#" + input.id);
    if (again) again.focus();
    this.root.querySelector("#paste-status").textContent = "已粘贴 " + lines.length + " 行" +
      (skipped ? "（第一行是列名，已跳过）" : "") + (ignored ? "；超出表格的 " + ignored + " 个格子未填入" : "") + "。";
    this.changed();
  };

  Page.prototype.bind = function () {
    var self = this;
    this.form.addEventListener("input", function (e) {
      var t = e.target;
      var grid = t.getAttribute && t.getAttribute("data-grid");
      if (grid === "years") {
        self.years[+t.getAttribute("data-r")][t.getAttribute("data-key")] = t.value;
        if (t.getAttribute("data-key") === "year" && self.mode() === "check") self.refreshHeaders();
      } else if (grid === "groups") {
        var row = self.rows[+t.getAttribute("data-r")];
        var key = t.getAttribute("data-key");
        if (key[0] === "c" && /^c\d+$/.test(key)) row.cells[+key.slice(1)] = t.value;
        else row[key] = t.value;
      }
      self.changed();
    });
    this.form.addEventListener("change", function (e) {
      var t = e.target;
      if (t.name === "mode" || t === self.profile) {
        if (t === self.profile) self.profileChanged();
        self.renderGroups();
      }
      self.changed();
    });
    this.pilot.addEventListener("input", function () {
      var had = self.cols.some(function (c) { return c.key === "pilot"; });
      if (had !== !!self.pilotYear()) self.renderGroups();
      else self.refreshHeaders();
    });
    this.form.addEventListener("paste", function (e) { self.paste(e); });
    this.root.querySelector("[data-add-row]").addEventListener("click", function () {
      self.rows.push(self.newRow());
      self.renderGroups();
      self.root.querySelector("#g-" + (self.rows.length - 1) + "-name").focus();
    });
    this.root.querySelector("[data-clear-rows]").addEventListener("click", function () {
      if (!window.confirm("清空名单中的全部 " + self.rows.length + " 行？")) return;
      self.rows = [self.newRow(), self.newRow(), self.newRow()];
      self.renderGroups();
      self.root.querySelector("#g-0-name").focus();
      self.changed();
    });
    this.root.querySelector("[data-add-year]").addEventListener("click", function () {
      self.addYear();
      self.renderYears();
      self.renderGroups();
      self.root.querySelector("#y-" + (self.years.length - 1) + "-year").focus();
      self.changed();
    });
    this.root.querySelectorAll("[data-preset]").forEach(function (b) {
      b.addEventListener("click", function () { self.applyPreset(self.presets[b.getAttribute("data-preset")]); });
    });
  };

  /* Headers follow the years as they are typed, without rebuilding the inputs (focus stays where it is). */
  Page.prototype.refreshHeaders = function () {
    var cols = this.columns();
    if (cols.length !== this.cols.length) return this.renderGroups();
    this.cols = cols;
    var ths = this.groupsTable.querySelectorAll("thead th");
    cols.forEach(function (c, k) { ths[k + 1].textContent = c.label; });
  };

  /* A policy with its own years and shares fills them in when the years are still empty. */
  Page.prototype.profileChanged = function () {
    var p = this.presetFor(this.profile.value, "plan");
    var empty = this.years.every(function (y) { return blank(y.year) && blank(y.share); });
    if (p && empty) {
      this.years = p.years.map(function (y, j) { return { year: y, share: p.shares[j] }; });
      this.rows.forEach(function (r) { r.cells = p.years.map(function () { return ""; }); });
      if (blank(this.pilot.value)) this.pilot.value = p.pilot;
      this.renderYears();
    }
  };

  // ------------------------------------------------------------------------------------------------ URL

  Page.prototype.store = function (q, groups) {
    var all = new URLSearchParams(q);
    if (groups) all.set("groups", groups);
    this.memory.set(all.toString());
  };

  Page.prototype.syncUrl = function () {
    var q = new URLSearchParams();
    var self = this;
    var check = this.mode() === "check";
    q.set("mode", this.mode());
    q.set("profile", this.profile.value);
    var last = this.years.length;
    while (last > 0 && blank(this.years[last - 1].year) && blank(this.years[last - 1].share)) last--;
    var ys = this.years.slice(0, last);
    if (ys.length) {
      q.set("years", ys.map(function (y) { return y.year.trim(); }).join(","));
      q.set("shares", ys.map(function (y) { return y.share.trim(); }).join(","));
    }
    if (!blank(this.pilot.value)) q.set("pilot", this.pilot.value.trim());
    if (this.base.value) q.set("base", this.base.value);
    if (check && !blank(this.tolerance.value)) q.set("tolerance", this.tolerance.value.trim());
    var rows = this.rows.filter(function (r) { return !self.rowBlank(r); });
    var py = this.pilotYear();
    var groups = rows.map(function (r) {
      var f = [encName(r.name.trim()), r.teachers.trim()];
      if (check) {
        var vals = (py ? [r.pilot] : []).concat(r.cells.slice(0, last));
        if (vals.some(function (v) { return !blank(v); })) {
          f.push(vals.map(function (v) { return String(v).trim(); }).join("/"));
        }
      } else if (py && !blank(r.pilot)) {
        f.push(r.pilot.trim());
      }
      return f.join(":");
    }).join(",");
    this.linkShort = rows.length > this.maxUrlRows;
    if (rows.length && rows.length <= this.maxUrlRows) {
      q.set("groups", groups);
      this.linkNote.textContent = "链接已包含填写的内容，点“复制链接”或“显示二维码”即可分享。";
    } else if (rows.length) {
      this.linkNote.textContent = "名单共 " + rows.length + " 行，超过 " + this.maxUrlRows +
        " 行，链接会太长，页面地址中不再包含名单；请用“下载 Excel”保存结果。";
    } else {
      this.linkNote.textContent = "";
    }
    var s = q.toString();
    if (rows.length && q.has("groups") && !T.fitsUrl(s)) {
      q.delete("groups");
      s = q.toString();
      this.linkNote.textContent = "名单的链接会超过 " + T.URL_LIMIT + " 个字符，微信和部分浏览器打不开，页面地址中不再包含名单；" +
        "请勾选“在本机记住”，或用“下载 Excel”保存结果。";
    }
    T.writeLink(s);
    this.store(q, rows.length ? groups : "");
  };

  // ------------------------------------------------------------------------------------------------ engine

  /* The request the page sends, with maps from the engine's field indexes back to the rows on the page. */
  Page.prototype.build = function () {
    var self = this;
    var check = this.mode() === "check";
    var input = { mode: this.mode() };
    var yearMap = [];
    var years = [];
    var shares = [];
    this.years.forEach(function (y, j) {
      if (blank(y.year) && blank(y.share)) return;
      yearMap.push(j);
      years.push(y.year.trim());
      shares.push(y.share.trim());
    });
    var py = this.pilotYear();
    var rowMap = [];
    var list = [];
    this.rows.forEach(function (r, i) {
      if (self.rowBlank(r)) return;
      rowMap.push(i);
      var item = { name: r.name.trim(), teachers: r.teachers.trim() };
      if (check) {
        item.by_year = {};
        if (py) item.by_year[py] = r.pilot.trim();
        self.years.forEach(function (y, j) {
          if (!blank(y.year) && !(y.year.trim() in item.by_year)) item.by_year[y.year.trim()] = (r.cells[j] || "").trim();
        });
      } else if (py && !blank(r.pilot)) {
        item.pilot = r.pilot.trim();
      }
      list.push(item);
    });
    var anything = years.length || list.length || py;
    if (!anything) return null;
    if (years.length) {
      input.years = years;
      input.shares = shares;
    }
    if (py) input.pilot_year = py;
    if (this.base.value) input.share_base = this.base.value;
    if (check && !blank(this.tolerance.value)) input.tolerance = this.tolerance.value.trim();
    if (list.length) input[check ? "table" : "groups"] = list;
    return {
      request: { tool: "rollout", profile: this.profile.value, input: input },
      yearMap: yearMap, rowMap: rowMap, empty: !list.length,
    };
  };

  /* The request, or the page's own answer when there is no list: without one the engine would quietly use the
     document's own table, so the page asks for one instead. */
  Page.prototype.outgoing = function () {
    var built = this.build();
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
  };

  // ------------------------------------------------------------------------------------------------ errors

  /* The control an engine error belongs to, and the box beside it for the message. */
  Page.prototype.target = function (field, built) {
    var f = String(field || "");
    var $ = this.root.querySelector.bind(this.root);
    var m;
    var box = function (control, err) { return control ? { control: control, box: err || $("#" + control.id + "-error") } : null; };
    if (f === "profile") return box($("#profile"));
    if (f === "input.mode") return box($("#mode-plan"), $("#mode-error"));
    if (f === "input.pilot_year") return box(this.pilot);
    if (f === "input.share_base") return box(this.base);
    if (f === "input.tolerance") return box(this.tolerance);
    if (f === "input.years" || f === "input.shares" || /^input\.shares\.[^[]/.test(f)) {
      return box($(f === "input.years" ? "#y-0-year" : "#y-0-share"), $("#years-error"));
    }
    if ((m = /^input\.(years|shares)\[(\d+)\]$/.exec(f))) {
      var j = built.yearMap[+m[2]];
      return box($("#y-" + j + "-" + (m[1] === "years" ? "year" : "share")));
    }
    if (f === "input.groups" || f === "input.table") return box($("#g-0-name"), $("#groups-error"));
    if ((m = /^input\.(?:groups|table)\[(\d+)\](?:\.(name|teachers|pilot|by_year)(?:\.(.+))?)?$/.exec(f))) {
      var i = built.rowMap[+m[1]];
      var key = m[2] || "name";
      if (key === "by_year") {
        key = "name";
        if (m[3] && m[3] === this.pilotYear()) key = "pilot";
        else if (m[3]) {
          for (var k = 0; k < this.years.length; k++) {
            if (this.years[k].year.trim() === m[3]) { key = "c" + k; break; }
          }
        }
      }
      return box($("#g-" + i + "-" + key) || $("#g-" + i + "-name"));
    }
    return null;
  };

  // ------------------------------------------------------------------------------------------------ result

  Page.prototype.render = function (res, built) {
    var self = this;
    if (this.chart) {
      this.chart.dispose();
      this.chart = null;
    }
    if (this.answer(res, function (err) { return self.target(err.field, built); })) return;
    var check = res.mode === "check";
    var pass = res.status === "pass";
    var verdict = check ? (pass ? "✔ 任务表与所述比例一致" : "✘ 任务表与所述比例不一致") :
      (pass ? "✔ 名额已排好：每行、每年的合计都对得上" : "✘ 按所选基数，各年达不到所述比例");
    var out = [printHead(res, check), el("p", "ts-verdict ts-verdict--" + res.status, verdict)];
    if (res.summary) out.push(el("p", "ts-summary", res.summary));
    out.push(this.downloads());
    out.push(quotaTable(res, res.quotas, res.year_totals, res.deviations, unmetYears(res),
      check ? "核对的任务表：各年合计与比例目标之差" : "各单位各年名额", "quota-table"));
    var figure = chartFigure(res);
    out.push(figure);
    out.push(el("h3", null, "逐项结果"));
    out.push(this.items("ul", "ts-findings", res.findings || [], function (f) {
      var li = el("li", "ts-finding ts-finding--" + (f.met ? "met" : "unmet"));
      li.setAttribute("data-rule", f.rule);
      li.appendChild(el("span", "ts-mark", f.met ? "✔ 符合：" : "✘ 不符合："));
      li.appendChild(el("span", "ts-message", f.message));
      return li;
    }));
    if ((res.notes || []).length) {
      out.push(el("h3", null, "说明"));
      out.push(this.items("ul", "ts-notes", res.notes, function (n) { return el("li", "ts-note", n.message); }));
    }
    if (check && res.suggested && !pass) out.push(this.suggested(res));
    this.result.setAttribute("data-mode", res.mode);
    this.result.replaceChildren.apply(this.result, out);
    T.markSettled(this, res.status);
    this.live.set(verdict + (res.summary ? "：" + res.summary : ""), res.status);
    this.drawChart(figure.firstChild, res);
  };

  // Printed, the table is a 任务表 an office hands out: its title, who issues it and the date head the page.
  function printHead(res, check) {
    var head = el("div", "ts-print-only ts-print-head");
    var d = new Date();
    head.appendChild(el("h2", null, (check ? "任务表核对结果" : "提升工程培训任务表（按比例分配名额）")));
    head.appendChild(el("p", null, (res.profile_title ? "依据：《" + res.profile_title + "》　" : "") +
      "制表单位：＿＿＿＿＿＿＿＿　日期：" + d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日"));
    return head;
  }

  /* The years whose share is not met, marked in the table. */
  function unmetYears(res) {
    var unmet = {};
    (res.findings || []).forEach(function (f) {
      var m = /^rollout\.shares\.(\d{4})$/.exec(f.rule);
      if (m && !f.met) unmet[m[1]] = true;
    });
    return unmet;
  }

  // The chart's text alternative is on the wrapper; ECharts' own generated description is switched off.
  function chartFigure(res) {
    var figure = el("div", "ts-rollout-chart");
    var chart = el("div", "ts-chart");
    chart.setAttribute("aria-hidden", "true");
    figure.appendChild(chart);
    figure.setAttribute("role", "img");
    var cols = Object.keys(res.year_totals);
    figure.setAttribute("aria-label", "堆叠柱状图：各年名额，按单位分色堆叠。" + cols.map(function (y) {
      return y + "年" + (y === res.pilot_year ? "（试点）" : "") + "合计 " + res.year_totals[y] + " " + res.base.unit +
        (res.deviations[y] ? "，比例目标 " + num(res.deviations[y].target) : "");
    }).join("；") + "。各单位的数字见上表。");
    return figure;
  }

  /* A list of findings or notes, each with its citation where it has a document to cite. */
  Page.prototype.items = function (tag, cls, entries, item) {
    var self = this;
    var list = el(tag, cls);
    entries.forEach(function (x) {
      var li = item(x);
      if (x.source && (x.source.doc || x.source.quote)) li.appendChild(self.citation(x.source, x.inherited_from));
      list.appendChild(li);
    });
    return list;
  };

  /* In check mode, when the table does not hold: the same groups split exactly by the shares, folded. */
  Page.prototype.suggested = function (res) {
    var det = el("details", "ts-suggested");
    det.appendChild(el("summary", null, "按所述比例重排的任务表（供参考）"));
    var base = res.base.value;
    var devs = {};
    Object.keys(res.deviations).forEach(function (y) {
      var d = res.suggested_year_totals[y] - res.deviations[y].target;
      devs[y] = { target: res.deviations[y].target, difference: d,
        percentage_points: base ? Math.round(d / base * 10000) / 100 : 0 };
    });
    var rows = res.suggested.map(function (s, i) {
      return { name: s.name, by_year: s.by_year, teachers: res.quotas[i].teachers };
    });
    det.appendChild(quotaTable(res, rows, res.suggested_year_totals, devs, {}, "按比例重排后的各年名额",
      "suggested-table"));
    return det;
  };

  /* Rows with their year cells and row totals; then 合计, 比例目标, 差额 and 百分点 rows. Deviations beyond the
     allowed error are marked with ✘ and colour, and said in words for screen readers. */
  function quotaTable(res, quotas, totals, devs, unmet, caption, id) {
    var unit = res.base.unit;
    var cols = Object.keys(totals);
    var noun = unit === "所" ? "学校数" : "教师数";
    var wrap = el("div", "ts-table-wrap");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption);
    wrap.tabIndex = 0;
    var table = el("table", "ts-table ts-quota");
    table.id = id;
    table.appendChild(el("caption", null, caption + "（单位：" + unit + "）"));
    table.appendChild(T.thead(["名称", noun].concat(cols.map(function (y) {
      return y + "年" + (y === res.pilot_year ? "（试点）" : "");
    })).concat(["各年合计"])));
    var body = el("tbody");
    quotas.forEach(function (q) { body.appendChild(quotaRow(q, cols, noun)); });
    table.appendChild(body);
    table.appendChild(quotaFoot(quotas, cols, totals, devs, unmet));
    wrap.appendChild(table);
    return wrap;
  }

  /* One group's row: its years and their total, marked where the total is not its teacher count. */
  function quotaRow(q, cols, noun) {
    var tr = el("tr");
    tr.setAttribute("data-name", q.name);
    var th = el("th", null, q.name);
    th.scope = "row";
    tr.appendChild(th);
    tr.appendChild(el("td", "ts-num", num(q.teachers)));
    var sum = 0;
    cols.forEach(function (y) {
      var v = q.by_year[y] || 0;
      sum += v;
      var td = el("td", "ts-num", String(v));
      td.setAttribute("data-year", y);
      tr.appendChild(td);
    });
    var tot = el("td", "ts-num ts-rowtotal", String(sum));
    if (sum !== q.teachers) {
      tr.className = "ts-off-row";
      tot.className += " ts-off";
      tot.textContent = sum + " ✘";
      tot.appendChild(sr("（与" + noun + " " + q.teachers + " 不符，" + (sum > q.teachers ? "多 " : "少 ") +
        Math.abs(sum - q.teachers) + "）"));
    }
    tr.appendChild(tot);
    return tr;
  }

  function quotaFoot(quotas, cols, totals, devs, unmet) {
    var foot = el("tfoot");
    var teachers = quotas.reduce(function (a, q) { return a + q.teachers; }, 0);
    var grand = cols.reduce(function (a, y) { return a + totals[y]; }, 0);
    var rows = [
      ["合计", "ts-total", String(teachers), function (y) { return String(totals[y]); }, String(grand)],
      ["比例目标", "ts-target", "", function (y) { return devs[y] ? num(devs[y].target) : "—"; }, ""],
      ["差额（合计−目标）", "ts-diff", "", function (y) { return devs[y] ? signed(devs[y].difference) : "—"; }, ""],
      ["偏差（百分点）", "ts-pp", "", function (y) { return devs[y] ? signed(devs[y].percentage_points) : "—"; }, ""],
    ];
    rows.forEach(function (spec) {
      var tr = el("tr", spec[1]);
      var th = el("th", null, spec[0]);
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", "ts-num", spec[2]));
      cols.forEach(function (y) {
        var td = el("td", "ts-num", spec[3](y));
        td.setAttribute("data-year", y);
        if (unmet[y] && spec[1] !== "ts-total") {
          td.className += " ts-off";
          if (spec[1] === "ts-diff") {
            td.textContent += " ✘";
            td.appendChild(sr("（超出允许误差）"));
          }
        }
        tr.appendChild(td);
      });
      tr.appendChild(el("td", "ts-num", spec[4]));
      foot.appendChild(tr);
    });
    return foot;
  }

  Page.prototype.downloads = function () {
    var self = this;
    var box = el("p", "ts-downloads");
    var x = el("button", "md-button", "下载 Excel（.xlsx）");
    x.type = "button";
    x.setAttribute("data-export", "xlsx");
    x.addEventListener("click", function () { self.download(x); });
    box.appendChild(x);
    var p = el("button", "md-button", "打印");
    p.type = "button";
    p.addEventListener("click", function () { window.print(); });
    box.appendChild(p);
    this.downloadStatus = el("span", "ts-hint");
    this.downloadStatus.setAttribute("role", "status");
    box.appendChild(this.downloadStatus);
    return box;
  };

  Page.prototype.download = function (button) {
    var status = this.downloadStatus;
    status.textContent = "正在生成 Excel 文件……";
    T.exportFile({ export: "rollout", request: this.built.request }).then(function (res) {
      if (!res.ok) {
        status.textContent = "无法导出：" + T.messages(res.errors);
        return;
      }
      status.textContent = "已下载 " + res.filename + "。";
      button.focus();
    }, function (err) { status.textContent = "导出失败：" + (err.message || err) + "。"; });
  };

  /* Stacked bars: one bar per year, one colour per group (the largest groups; the rest together as 其他), and the
     year's target as a marker. */
  function chartSeries(res) {
    var cols = Object.keys(res.year_totals);
    var groups = res.quotas.slice();
    var order = groups.map(function (q, i) { return i; });
    if (groups.length > MAX_SERIES) {
      order.sort(function (a, b) { return groups[b].teachers - groups[a].teachers || a - b; });
    }
    var shown = order.slice(0, groups.length > MAX_SERIES ? MAX_SERIES - 1 : groups.length).sort(function (a, b) { return a - b; });
    var series = shown.map(function (i) {
      return { name: groups[i].name, type: "bar", stack: "q", data: cols.map(function (y) { return groups[i].by_year[y] || 0; }) };
    });
    if (groups.length > MAX_SERIES) {
      var rest = order.slice(MAX_SERIES - 1);
      series.push({ name: "其他 " + rest.length + " 个单位", type: "bar", stack: "q", itemStyle: { color: "#b1b4b6" },
        data: cols.map(function (y) { return rest.reduce(function (a, i) { return a + (groups[i].by_year[y] || 0); }, 0); }) });
    }
    series.push({ name: "比例目标", type: "line", symbol: "diamond", symbolSize: 12, lineStyle: { opacity: 0 },
      itemStyle: { color: "#0b0c0c" }, z: 10,
      data: cols.map(function (y) { return res.deviations[y] ? res.deviations[y].target : null; }) });
    return series;
  }

  /* ECharts (SVG renderer) is loaded by tools.js when the first chart is drawn. */
  Page.prototype.drawChart = function (node, res) {
    var self = this;
    var labels = Object.keys(res.year_totals).map(function (y) { return y + "年" + (y === res.pilot_year ? "（试点）" : ""); });
    var series = chartSeries(res);
    node.style.height = Math.max(320, 260 + Math.ceil(series.length / 4) * 24) + "px";
    function draw() {
      if (!node.isConnected) return;
      var c = window.echarts.init(node, null, { renderer: "svg" });
      self.chart = c;
      c.setOption({
        aria: { enabled: false },
        animation: false,
        title: { text: "各年名额（" + res.base.unit + "）", left: "center", textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 56, right: 16, top: 40, bottom: 24 + Math.ceil(series.length / 4) * 24, containLabel: false },
        xAxis: { type: "category", data: labels },
        yAxis: { type: "value", minInterval: 1 },
        series: series,
      });
      node.parentNode.setAttribute("data-drawn", "true");
    }
    T.withECharts(this.root.getAttribute("data-echarts"), draw,
      function () { node.replaceChildren(el("p", "ts-hint", "图表无法加载；数字见上表。")); });
  };

  function init() {
    document.querySelectorAll(".ts-rollout[data-tool]").forEach(function (root) {
      var page = new Page(root);
      window.addEventListener("resize", function () { if (page.chart) page.chart.resize(); });
      // A printed result shows the suggested table too, not only its folded summary line.
      window.addEventListener("beforeprint", function () {
        root.querySelectorAll("details.ts-suggested").forEach(function (d) { d.open = true; });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init, { once: true });
  else init();
})();
