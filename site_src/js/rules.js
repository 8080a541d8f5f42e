/* 录入本地文件 (/tools/rules/): the form ⇄ a profile (the format of data/profiles, tisheng.local), checked by the engine
   as she types; messages beside the fields; import, export, keep, share. Nothing she typed is ever cleared by a
   check: the form is the record, also kept as a draft in this tab. All text is set with textContent. */
(function () {
  "use strict";
  var T = window.Tisheng;
  var root = document.querySelector(".ts-rules[data-tool=rules]");
  if (!T || !root) return;
  var el = T.el;
  var form = root.querySelector("form");
  var result = root.querySelector("#result");
  var summaryBox = root.querySelector(".ts-error-summary");
  var DRAFT = "tisheng-rules-draft";
  var HEAD = ["title", "issuer", "doc_no", "date", "level", "region", "extends"];
  var UNITS = { hours: "学时", points: "个" };
  var PERCENT = { "hours-practice_ratio_min": true };
  var CODES = { "points-school_range": true };  /* a list of point codes typed as "A1,A5,B2" */
  /* Messages show beside the fields she has typed in; all of them, with the summary, once she asks for a check
     (or a file or a link filled the form): an empty form does not greet her with a list of what is missing. */
  var state = { seq: 0, last: null, timer: 0, touched: {}, all: false };

  function $(id) { return document.getElementById(id); }
  function val(id) { var c = $(id); return c ? c.value.trim() : ""; }
  function number(text) { return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text; }
  function fromPercent(text) {
    var v = number(text.replace(/[%％]$/, ""));
    return typeof v === "number" ? Math.round(v * 1e6) / 1e8 : text;
  }
  function toPercent(v) { return typeof v === "number" ? String(Math.round(v * 1e8) / 1e6) : String(v == null ? "" : v); }

  /* ---- the list rules: tables of inputs the page draws */
  var LISTS = {
    "points-age_rules": [["age_min", "起始年龄"], ["age_max", "截止年龄"], ["count_min", "至少选几个"]],
    "grading-components": [["label", "考核环节"], ["weight", "权重（%）"]],
    "grading-deductions": [["label", "扣分项"], ["points", "每次扣几分"]],
    "rollout-shares": [["year", "年份"], ["share", "比例（%）"]],
  };

  function cellInput(id, i, key, text, value) {
    var input = el("input");
    input.type = "text";
    input.id = id + "-" + i + "-" + key;
    input.setAttribute("data-cell", key);
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-label", text + "（第 " + (i + 1) + " 行）");
    input.setAttribute("aria-describedby", id + "-hint " + id + "-error");
    input.value = value == null ? "" : String(value);
    return input;
  }
  function table(id) { return root.querySelector("table.ts-" + id + "-table tbody"); }

  function addRow(id, values) {
    var body = table(id);
    var i = body.rows.length;
    var tr = el("tr");
    LISTS[id].forEach(function (c) {
      var td = el("td");
      td.appendChild(cellInput(id, i, c[0], c[1], values ? values[c[0]] : ""));
      tr.appendChild(td);
    });
    var td = el("td");
    var del = el("button", "ts-link-button", "删除");
    del.type = "button";
    del.setAttribute("aria-label", "删除第 " + (i + 1) + " 行");
    del.addEventListener("click", function () { tr.remove(); changed(); });
    td.appendChild(del);
    tr.appendChild(td);
    body.appendChild(tr);
  }

  function inclusive(id, value) {
    var s = el("select");
    s.id = id;
    [["true", "含"], ["false", "不含"]].forEach(function (o) {
      var opt = el("option", null, o[1]);
      opt.value = o[0];
      s.appendChild(opt);
    });
    s.value = value === false ? "false" : "true";
    return s;
  }

  function drawBands(bands) {
    var body = table("grading-bands");
    body.replaceChildren();
    T.words().bands.forEach(function (b, i) {
      var got = (bands || []).filter(function (x) { return x && x.band === b[0]; })[0] || {};
      var tr = el("tr");
      tr.setAttribute("data-band", b[0]);
      tr.appendChild(el("th", null, b[1]));
      ["min", "max"].forEach(function (end) {
        var td = el("td");
        var input = cellInput("grading-bands", i, end, b[1] + (end === "min" ? "的最低分" : "的最高分"), got[end]);
        td.appendChild(input);
        var sel = inclusive("grading-bands-" + i + "-" + end + "_inclusive", got[end + "_inclusive"]);
        sel.setAttribute("aria-label", b[1] + (end === "min" ? "是否含最低分" : "是否含最高分"));
        td.appendChild(sel);
        tr.appendChild(td);
      });
      tr.appendChild(el("td"));
      body.appendChild(tr);
    });
  }

  function readList(id) {
    var out = [];
    Array.prototype.forEach.call(table(id).rows, function (tr) {
      var row = {};
      var any = false;
      tr.querySelectorAll("[data-cell]").forEach(function (c) {
        row[c.getAttribute("data-cell")] = c.value.trim();
        if (c.value.trim()) any = true;
      });
      if (any) out.push(row);
    });
    return out;
  }

  function readBands() {
    var any = false;
    var bands = T.words().bands.map(function (b, i) {
      var out = { band: b[0], label: b[1] };
      ["min", "max"].forEach(function (end) {
        var text = val("grading-bands-" + i + "-" + end);
        if (text) any = true;
        out[end] = text ? number(text) : null;
        out[end + "_inclusive"] = text ? $("grading-bands-" + i + "-" + end + "_inclusive").value === "true" : null;
      });
      return out;
    });
    return any ? bands : null;
  }

  function listValue(id) {
    var rows = readList(id);
    if (id === "grading-bands") return readBands();
    if (!rows.length) return null;
    if (id === "points-age_rules") {
      return rows.map(function (r) {
        return { age_min: r.age_min ? number(r.age_min) : null, age_max: r.age_max ? number(r.age_max) : null,
          count_min: number(r.count_min) };
      });
    }
    if (id === "grading-components") {
      return rows.map(function (r, i) { return { id: "c" + (i + 1), label: r.label, weight: fromPercent(r.weight) }; });
    }
    if (id === "grading-deductions") {
      return rows.map(function (r, i) {
        var p = number(r.points);
        return { id: "d" + (i + 1), label: r.label, points: typeof p === "number" ? -Math.abs(p) : p, per: "每次" };
      });
    }
    var shares = {};
    rows.forEach(function (r) { shares[r.year] = fromPercent(r.share); });
    return shares;
  }

  /* ---- form → profile */
  function ruleOf(group) {
    var control = group.querySelector("input:not([type=hidden]):not([data-cell]), select, input[type=hidden]");
    return control ? control.name : null;
  }

  function readRule(base) {
    var value;
    if (LISTS[base] || base === "grading-bands") value = listValue(base);
    else if (base === "grading-final_composition") value = composition();
    else {
      var text = val(base);
      var c = $(base);
      value = !text ? null : PERCENT[base] ? fromPercent(text) : CODES[base] ?
        text.split(/[,，、;；\s]+/).filter(Boolean).map(function (x) { return x.toUpperCase(); }) :
        c.type === "date" ? text : number(text);
    }
    var quote = val(base + "-quote");
    var section = val(base + "-section");
    if (value === null && !quote && !section) return null;
    var rule = { value: value };
    var sec = base.split("-")[0];
    if (typeof value === "number" && UNITS[sec] && !PERCENT[base]) rule.unit = base === "hours-period_years" ? "年" : UNITS[sec];
    if (quote || section) {
      rule.source = {};
      if (section) rule.source.section = section;
      if (quote) rule.source.quote = quote;
    }
    return rule;
  }

  function composition() {
    if (val("grading-final_composition") !== "peer_leader") return null;
    var w = function (id) { var t = val(id); return t ? fromPercent(t) : null; };
    return [{ id: "peer", label: "教师互评", weight: w("grading-w_peer") },
      { id: "leader", label: "考核领导评价", weight: w("grading-w_leader") }];
  }

  function readForm() {
    var p = { format_version: 1 };
    HEAD.forEach(function (k) { if (val(k)) p[k] = val(k); });
    root.querySelectorAll(".ts-rule").forEach(function (group) {
      var base = ruleOf(group);
      if (!base) return;
      var rule = readRule(base);
      if (!rule) return;
      var parts = base.split("-");
      (p[parts[0]] = p[parts[0]] || {})[parts[1]] = rule;
    });
    return p;
  }

  /* ---- profile → form (an imported file, a link, the kept file, the draft) */
  function fillRule(base, rule) {
    var v = rule && rule.value;
    if (LISTS[base]) {
      table(base).replaceChildren();
      var rows = [];
      if (base === "rollout-shares" && v && typeof v === "object") {
        rows = Object.keys(v).map(function (y) { return { year: y, share: toPercent(v[y]) }; });
      } else if (Array.isArray(v)) {
        rows = v.map(function (r) {
          var row = Object.assign({}, r);
          if (base === "grading-components") row.weight = toPercent(r.weight);
          if (base === "grading-deductions" && typeof r.points === "number") row.points = String(Math.abs(r.points));
          return row;
        });
      }
      rows.forEach(function (r) { addRow(base, r); });
      if (!rows.length) addRow(base);
    } else if (base === "grading-bands") {
      drawBands(Array.isArray(v) ? v : null);
    } else if (base === "grading-final_composition") {
      $(base).value = Array.isArray(v) ? "peer_leader" : "";
      var w = {};
      (Array.isArray(v) ? v : []).forEach(function (x) { if (x) w[x.id] = x.weight; });
      $("grading-w_peer").value = w.peer == null ? "" : toPercent(w.peer);
      $("grading-w_leader").value = w.leader == null ? "" : toPercent(w.leader);
    } else if ($(base)) {
      $(base).value = v == null ? "" : PERCENT[base] ? toPercent(v) : Array.isArray(v) ? v.join(",") : String(v);
    }
    var src = (rule && rule.source) || {};
    if ($(base + "-quote")) $(base + "-quote").value = src.quote || "";
    if ($(base + "-section")) $(base + "-section").value = src.section || "";
  }

  function fillForm(p) {
    p = p || {};
    HEAD.forEach(function (k) {
      var c = $(k);
      if (!c) return;
      var v = p[k] == null ? "" : String(p[k]);
      if (c.tagName === "SELECT" && !Array.prototype.some.call(c.options, function (o) { return o.value === v; })) {
        if (!v) return;
        var opt = el("option", null, "（文件中写的上级文件本站没有收录）");  /* kept, so the check can say so */
        opt.value = v;
        c.appendChild(opt);
      }
      c.value = v || (k === "level" ? "school" : c.value);
    });
    root.querySelectorAll(".ts-rule").forEach(function (group) {
      var base = ruleOf(group);
      if (!base) return;
      var parts = base.split("-");
      fillRule(base, (p[parts[0]] || {})[parts[1]]);
    });
  }

  /* ---- engine field → the control beside which its message goes */
  function target(err) {
    var f = String(err.field || "").replace(/^local_profile\.?/, "");
    var parts = f.split(".");
    var id = f;
    if (["hours", "points", "grading", "rollout"].indexOf(parts[0]) >= 0 && parts[1]) {
      var base = parts[0] + "-" + parts[1].replace(/\[\d+\]$/, "");
      id = /\.source\.quote$/.test(f) ? base + "-quote" : /\.source\.section$/.test(f) ? base + "-section" : base;
      if (!$(id) && !$(id + "-error")) id = "";
    } else if (f === "format_version" || f === "file" || f === "id" || f === "doc") {
      id = "rules-file";
    }
    var box = id ? $(id + "-error") : null;
    if (!box) return null;
    var control = $(id);
    if (control && control.type === "hidden") control = root.querySelector("table.ts-" + id + "-table input, table.ts-" + id + "-table select");
    return { control: control, box: box };
  }

  function clearErrors(keepFile) {
    root.querySelectorAll(".ts-error").forEach(function (b) {
      if (keepFile && b.id === "rules-file-error") return;
      b.textContent = "";
      b.hidden = true;
    });
    root.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
    summaryBox.hidden = true;
    document.title = document.title.replace(/^错误：/, "");
  }

  function showInherited(inherited) {
    root.querySelectorAll(".ts-rule").forEach(function (group) {
      var base = ruleOf(group);
      var hint = base && $(base + "-hint");
      if (!hint) return;
      var note = $(base + "-inherit");
      if (!note) {
        note = el("p", "ts-hint ts-inherit");
        note.id = base + "-inherit";
        hint.after(note);
        var c = $(base);
        if (c) c.setAttribute("aria-describedby", (c.getAttribute("aria-describedby") || "") + " " + note.id);
      }
      var parts = base.split("-");
      var text = (inherited || {})[parts[0] + "." + parts[1]];
      note.textContent = text || "";
      note.hidden = !text;
    });
  }

  function groupKey(node) {
    var group = node && node.closest && node.closest(".ts-rule");
    return group ? ruleOf(group) : node && node.id;
  }

  function shown(err) {
    if (state.all) return true;
    var t = target(err);
    return !!(t && state.touched[groupKey($(t.box.id.replace(/-error$/, "")) || t.box)]);
  }

  /* ---- checking */
  function changed(e) {
    if (e && e.target) state.touched[groupKey(e.target)] = true;
    saveDraft();
    state.seq++;
    result.removeAttribute("data-status");
    result.setAttribute("aria-busy", "true");
    clearTimeout(state.timer);
    state.timer = setTimeout(check, 250);
  }

  function check(focus) {
    var seq = state.seq;
    var profile = readForm();
    return T.engine.call({ type: "check_local", profile: profile })
      .then(function (reply) {
        if (seq !== state.seq) return;
        show(reply.response, focus);
      }, function (err) {
        if (seq !== state.seq) return;
        result.replaceChildren(el("p", "ts-error-text", "无法检查：" + err.message));
        result.removeAttribute("aria-busy");
        result.setAttribute("data-status", "error");
      });
  }

  function show(res, focus) {
    clearErrors(true);
    showInherited(res.inherited);
    var actions = root.querySelector(".ts-rules-actions");
    var nodes = [];
    if (!res.ok) {
      state.last = null;
      actions.hidden = true;
      var visible = res.errors.filter(shown);
      if (state.all) T.errorSummary(summaryBox, visible, target, focus);
      else visible.forEach(function (err) {
        var t = target(err);
        t.box.textContent = (t.box.hidden ? "" : t.box.textContent + " ") + err.message;
        t.box.hidden = false;
        if (t.control) t.control.setAttribute("aria-invalid", "true");
      });
      nodes.push(el("p", "ts-verdict", "✘ 这份文件还有 " + res.errors.length + " 处需要填写或修改" +
        (visible.length < res.errors.length ? "，点“检查这份文件”可看到全部说明。" : "，说明在对应的格子旁边。")));
    } else {
      state.last = res;
      actions.hidden = false;
      var n = countRules(res.profile);
      var parent = $("extends").selectedOptions[0];
      nodes.push(el("p", "ts-verdict", "✔ 这份文件可以使用：写明了 " + n + " 条规定，其余沿用《" +
        (parent ? parent.textContent.split(" — ")[0] : "") + "》。"));
      if (res.conflicts.length) {
        nodes.push(el("h3", null, "与上级文件不同的规定"));
        var ul = el("ul", "ts-rules-conflicts");
        res.conflicts.forEach(function (c) {
          var li = el("li", null, c.message);
          li.setAttribute("data-conflict", c.kind);
          ul.appendChild(li);
        });
        nodes.push(ul);
      } else {
        nodes.push(el("p", null, "写明的规定与上级文件没有不同。"));
      }
      nodes.push(el("p", "ts-hint", "各工具按这份文件计算时，引用你填写的原文，并注明“用户录入，未经本站核对”。"));
      $("rules-keep").checked = window.TishengLocal.kept();
    }
    result.replaceChildren.apply(result, nodes);
    result.removeAttribute("aria-busy");
    result.setAttribute("data-status", res.ok ? "pass" : "error");
  }

  function countRules(p) {
    var n = 0;
    ["hours", "points", "grading", "rollout"].forEach(function (s) { n += Object.keys(p[s] || {}).length; });
    return n;
  }

  /* ---- draft, import, export, keep, link */
  function saveDraft() {
    try { sessionStorage.setItem(DRAFT, JSON.stringify(readForm())); } catch (e) { /* storage off: the form stays */ }
  }
  function loadDraft() {
    try { return JSON.parse(sessionStorage.getItem(DRAFT) || "null"); } catch (e) { return null; }
  }

  function status(text) { $("rules-status").textContent = text; }
  function origin(text) { var o = $("rules-origin"); o.textContent = text; o.hidden = !text; }

  function importFile(file) {
    var box = $("rules-file-error");
    box.hidden = true;
    file.text().then(function (text) {
      return T.engine.call({ type: "import_local", text: text });
    }).then(function (reply) {
      var res = reply.response;
      var fileErrors = res.errors.filter(function (e) { return /^(file|format_version)$/.test(e.field); });
      if (res.profile) {
        fillForm(res.profile);
        origin("已导入《" + (res.profile.title || file.name) + "》，内容已填进下面的表格" +
          (res.ok ? "。" : "，有问题的地方见各格旁的说明。"));
      }
      if (fileErrors.length) {
        box.textContent = fileErrors.map(function (e) { return e.message; }).join(" ") +
          (res.profile ? " 已按本站现在的格式填入下面的表格，请逐项核对。" : "");
        box.hidden = false;
      }
      saveDraft();
      state.all = true;
      state.seq++;
      return check(false);
    }, function () {
      box.textContent = "无法读取这个文件，请确认它是本页导出的 .yaml 文件。";
      box.hidden = false;
    });
  }

  function fileName(title) {
    return (title || "本地文件").replace(/[\\/:*?"<>|？\s]/g, "").slice(0, 60) + ".yaml";
  }

  function exportFile() {
    if (!state.last) return;
    var blob = new Blob([state.last.yaml], { type: "text/yaml;charset=utf-8" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = fileName(state.last.profile.title);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    status("已导出“" + a.download + "”。同事在本页点“导入同事发来的文件”选择它即可。");
  }

  function use(keep) {
    if (!state.last) return;
    var ok = window.TishengLocal.put(state.last.profile, keep);
    status(!ok ? "这个浏览器不允许保存，请改用“导出文件”。" : keep ?
      "已保存在这台电脑上：各工具的文件列表中会出现“" + window.TishengLocal.label(state.last.profile) + "”。" :
      "在本次打开的浏览器窗口中，各工具的文件列表里会出现“" + window.TishengLocal.label(state.last.profile) + "”。");
  }

  function shareLink() {
    if (!state.last) return;
    var box = $("rules-link");
    window.TishengLocal.link(state.last.profile, location.origin + location.pathname).then(function (got) {
      box.hidden = false;
      box.replaceChildren();
      if (!got.fits) {
        box.setAttribute("data-fits", "false");
        box.textContent = "这份文件放不进一个链接：需要 " + got.length + " 个字符，本站的链接最长 " +
          window.TishengLocal.LIMIT + " 个字符（微信等处更长的链接可能打不开）。请用“导出文件”发给同事。";
        return;
      }
      box.setAttribute("data-fits", "true");
      var a = el("a", null, "分享链接（" + got.length + " 个字符）");
      a.href = got.href;
      box.appendChild(a);
      return navigator.clipboard && navigator.clipboard.writeText(got.href).then(function () {
        status("链接已复制，可以粘贴到微信等处发给同事。");
      }, function () { status("请长按或右键上面的链接复制。"); });
    });
  }

  function fromLink() {
    var params = T.linkParams();
    var code = params.get("p");
    if (!code) return Promise.resolve(false);
    return window.TishengLocal.decode(code).then(function (p) {
      fillForm(p);
      origin("这份文件来自同事分享的链接，内容已填进下面的表格；核对无误后可在下面选择使用或保存。");
      state.all = true;
      return true;
    }, function () {
      origin("链接中的文件已损坏或不完整，无法打开；请让同事重新复制链接，或发送导出的文件。");
      return false;
    });
  }

  /* A list rule's name above its hint, as the other rules have their label. */
  function labelLists() {
    Object.keys(LISTS).concat(["grading-bands"]).forEach(function (id) {
      var group = table(id).closest(".ts-rule");
      var caption = group.querySelector("caption");
      var p = el("p", "ts-rule-label", caption ? caption.textContent : "");
      p.id = id + "-label";
      group.prepend(p);
      var t = group.querySelector("table");
      t.setAttribute("aria-labelledby", p.id);
      var wrap = el("div", "ts-rule-table");  /* a wide table scrolls in its own box on a phone, not the page */
      t.before(wrap);
      wrap.appendChild(t);
    });
  }

  function init() {
    labelLists();
    Object.keys(LISTS).forEach(function (id) { if (!table(id).rows.length) addRow(id); });
    drawBands(null);
    root.querySelectorAll("[data-add-row]").forEach(function (b) {
      b.addEventListener("click", function () {
        var base = ruleOf(b.closest(".ts-rule"));
        addRow(base);
        table(base).lastElementChild.querySelector("input").focus();
      });
    });
    root.querySelector("[data-bands-default]").addEventListener("click", function () {
      drawBands([{ band: "excellent", min: 80, max: 100, min_inclusive: true, max_inclusive: true },
        { band: "pass", min: 60, max: 80, min_inclusive: true, max_inclusive: false },
        { band: "fail", min: null, max: 60, min_inclusive: null, max_inclusive: false }]);
      changed();
    });
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      state.all = true;
      state.seq++;
      check(true);
    });
    $("rules-file").addEventListener("change", function (e) { if (e.target.files[0]) importFile(e.target.files[0]); });
    root.querySelector("[data-rules-export]").addEventListener("click", exportFile);
    root.querySelector("[data-rules-use]").addEventListener("click", function () { use($("rules-keep").checked); });
    root.querySelector("[data-rules-link]").addEventListener("click", shareLink);
    $("rules-keep").addEventListener("change", function (e) { use(e.target.checked); });
    root.querySelector("[data-rules-forget]").addEventListener("click", function () {
      window.TishengLocal.forget();
      $("rules-keep").checked = false;
      status("已从这台电脑上删除。表格中的内容还在，可以继续修改或导出。");
    });
    fromLink().then(function (linked) {
      if (!linked) {
        var start = loadDraft() || window.TishengLocal.get();
        if (start) fillForm(start);
        state.all = !!(start && start.title);  /* what she typed before: its messages at once */
      }
      state.seq++;
      check(false);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init, { once: true });
  else init();
})();
