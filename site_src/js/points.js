/* /tools/points/ (能力点选择): the checkbox lists drawn from the catalog, classrooms by kind, both modes, the catalog
   upload (kept in sessionStorage for this session), the range export (XLSX) and the printable plan section.
   Registers Tisheng.tools.points before DOMContentLoaded; tools.js does the form ⇄ URL ⇄ worker binding.
   All text from data or from the user is set with textContent. */
(function () {
  "use strict";
  var T = window.Tisheng;
  if (!T) return;
  var el = T.el;
  var KEY = "tisheng:catalog";
  // The words come from data/vocabulary.yaml, in the page data (words(), when the page starts).
  var ENVS = [], DIMS = [], ROOMS = [], ROOM_ALIASES = {}, CONFIRMED = {};
  function words(v) {
    ENVS = v.environments.map(function (e) { return [e.id, e.label, e.code]; });
    DIMS = v.dimensions.map(function (d) { return [d.id, d.label]; }).concat([[null, v.unknown.dimension]]);
    ROOMS = v.rooms.map(function (r) { return [r.id, r.label]; });
    ROOM_ALIASES = v.room_aliases;  // folded: NFKC, no spaces, lower case (fold() below)
    CONFIRMED = {};
    Object.keys(v.statuses).forEach(function (s) { if (v.statuses[s].confirmed) CONFIRMED[s] = 1; });
  }
  function fold(text) { return String(text || "").normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }
  var SPLIT = /[,，、;；\s]+/;
  var DATA = null;

  function storage() {
    try { return window.sessionStorage; } catch (err) { return null; }
  }

  function uploaded() {
    var s = storage();
    if (!s) return null;
    try {
      var cat = JSON.parse(s.getItem(KEY) || "null");
      return cat && Array.isArray(cat.points) ? cat : null;
    } catch (err) {
      return null;
    }
  }

  function norm(code) {
    return String(code || "").normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  }

  function codes(text) {
    var out = [];
    String(text || "").split(SPLIT).forEach(function (t) {
      var c = norm(t);
      if (c && out.indexOf(c) < 0) out.push(c);
    });
    return out;
  }

  function known(point, part) {
    return point[part] != null && !!CONFIRMED[(point.status || {})[part]];
  }

  function checkText(point) {
    var parts = [];
    if (point.name == null) parts.push("名称未知");
    else if (!known(point, "name")) parts.push("名称待核对");
    if (point.dimension == null) parts.push(DATA.vocabulary.unknown.dimension);
    else if (!known(point, "dimension")) parts.push("维度待核对");
    return parts.join("、");
  }

  /* A point's name; an unknown name with its likely candidates offered as likely, never as fact. */
  function pointName(p) {
    if (p.name != null) return p.name;
    var cand = p.candidates;
    if (!cand) {
      var cat = DATA && DATA.catalogs ? Object.keys(DATA.catalogs).map(function (k) { return DATA.catalogs[k]; }) : [];
      cat.forEach(function (c) {
        (c.points || []).forEach(function (q) { if (!cand && norm(q.code) === norm(p.code)) cand = q.candidates; });
      });
    }
    return (cand && cand.length) ? "（名称未确认，可能是“" + cand.join("”或“") + "”）" : "（名称未知）";
  }

  function envLabel(id) {
    for (var i = 0; i < ENVS.length; i++) if (ENVS[i][0] === id) return ENVS[i][1];
    return DATA.vocabulary.unknown.environment;
  }

  /* ------------------------------------------------------------ the page */

  function Page(tool) {
    this.tool = tool;
    this.root = tool.root;
    this.form = tool.form;
    this.q = function (sel) { return tool.root.querySelector(sel); };
    this.items = { school_range: {}, selected: {} };
  }

  Page.prototype.profile = function () {
    return DATA.profiles[this.form.elements.namedItem("profile").value] || null;
  };

  Page.prototype.mode = function () {
    return this.form.elements.namedItem("mode").value === "teacher" ? "teacher" : "school";
  };

  Page.prototype.catalog = function () {
    var up = uploaded();
    if (up) return up;
    var prof = this.profile();
    var id = prof && prof.catalog;
    if (id && DATA.catalogs[id]) return DATA.catalogs[id];
    var first = Object.keys(DATA.catalogs)[0];
    return first ? DATA.catalogs[first] : { id: "", title: "", points: [] };
  };

  Page.prototype.hidden = function (name) {
    return this.form.elements.namedItem(name);
  };

  /* One point's checkbox, its label and, while its name or dimension awaits checking, one quiet mark (what it
     means is said once, above the list). */
  function pointCheck(name, p, chosen) {
    var code = norm(p.code);
    var id = name + "-" + code.replace(/[^0-9A-Za-z_-]/g, "_");
    var row = el("div", "ts-check");
    var input = el("input");
    input.type = "checkbox";
    input.id = id;
    input.value = code;
    input.checked = chosen.indexOf(code) >= 0;
    var label = el("label", null, code + " " + pointName(p));
    label.htmlFor = id;
    row.appendChild(input);
    row.appendChild(label);
    var check = checkText(p);
    if (check) {
      var mark = el("span", "ts-pending-mark", "＊");
      mark.setAttribute("aria-hidden", "true");
      mark.title = check;
      label.appendChild(el("span", "ts-visually-hidden", "（" + check + "）"));
      row.appendChild(mark);
    }
    var flags = el("span", "ts-flags");
    row.appendChild(flags);
    return { input: input, flags: flags, row: row, pending: !!check };
  }

  Page.prototype.drawList = function (name) {
    var self = this;
    var box = this.q('.ts-pointlist[data-list="' + name + '"]');
    var chosen = codes(this.hidden(name).value);
    var cat = this.catalog();
    var items = {};
    var groups = [];
    var pending = 0;
    ENVS.concat([[null, DATA.vocabulary.unknown.environment, ""]]).forEach(function (env) {
      var pts = cat.points.filter(function (p) { return (p.env || null) === env[0]; });
      if (!pts.length) return;
      var fs = el("fieldset", "ts-env");
      fs.setAttribute("data-env", env[0] || "");
      fs.appendChild(el("legend", null, env[1] + (env[2] ? "（" + env[2] + "）" : "") + " · " + pts.length + " 项"));
      var dims = el("div", "ts-dims");
      DIMS.forEach(function (dim) {
        var dp = pts.filter(function (p) { return (p.dimension || null) === dim[0]; });
        if (!dp.length) return;
        var sub = el("fieldset", "ts-dim");
        sub.appendChild(el("legend", null, dim[1]));
        dp.forEach(function (p) {
          var item = pointCheck(name, p, chosen);
          if (item.pending) pending++;
          items[norm(p.code)] = item;
          sub.appendChild(item.row);
        });
        dims.appendChild(sub);
      });
      fs.appendChild(dims);
      groups.push(fs);
    });
    if (!groups.length) groups.push(el("p", "ts-hint", "当前目录中没有能力点。"));
    if (pending) {
      groups.unshift(el("p", "ts-hint ts-pending-legend", "标＊的 " + pending + " 项：本站目录中名称或维度待核对（尚未与官方" +
        "清单逐项核对），“可能是”后面的名称只是可能的名称；请以本省官方清单为准。"));
    }
    box.replaceChildren.apply(box, groups);
    this.items[name] = items;
    box.onchange = function () { self.fromChecks(name); };
  };

  Page.prototype.fromChecks = function (name) {
    var items = this.items[name];
    var order = this.catalog().points.map(function (p) { return norm(p.code); });
    var picked = order.filter(function (c) { return items[c] && items[c].input.checked; });
    this.hidden(name).value = picked.join(",");
    this.rangeSummary();
  };

  Page.prototype.setCodes = function (name, list) {
    this.hidden(name).value = list.join(",");
    var items = this.items[name];
    Object.keys(items).forEach(function (c) { items[c].input.checked = list.indexOf(c) >= 0; });
    this.rangeSummary();
    this.tool.changed();
  };

  Page.prototype.rangeSummary = function () {
    var list = codes(this.hidden("school_range").value);
    var teacher = this.mode() === "teacher";
    var prof = this.profile();
    var text = (teacher ? "我校的能力点范围（选填，学校给了范围时勾选）：" : "学校范围：") + (list.length ? list.join("、") + "（" + list.length + " 个）" :
      teacher ? (prof && prof.range.length ? "未勾选，按文件原文：" + prof.range.join("、") : "未勾选，不检查是否在范围内") :
        "未勾选，由本工具按要求拟定");
    this.q("#range-summary").textContent = text;
  };

  /* classrooms: four number boxes ⇄ the hidden `classrooms` field the URL and the engine use */
  Page.prototype.roomsFromHidden = function () {
    var self = this;
    var text = this.hidden("classrooms").value;
    var values = {};
    String(text || "").split(SPLIT).forEach(function (part) {
      var kv = part.replace("：", ":").replace("=", ":").split(":");
      var kind = ROOM_ALIASES[fold(kv[0])];
      if (kind && kv.length === 2) values[kind] = kv[1];
    });
    ROOMS.forEach(function (r) { self.q("#room-" + r[0]).value = values[r[0]] != null ? values[r[0]] : ""; });
  };

  Page.prototype.roomsToHidden = function () {
    var self = this;
    var parts = [];
    ROOMS.forEach(function (r) {
      var v = self.q("#room-" + r[0]).value.trim();
      if (v !== "") parts.push(r[0] + ":" + v);
    });
    this.hidden("classrooms").value = parts.join(",");
  };

  Page.prototype.readings = function (wanted) {
    var select = this.hidden("reading");
    var prof = this.profile();
    var list = (prof && prof.readings) || [];
    var current = wanted != null ? wanted : select.value;
    var opts = [el("option", null, "本站默认的读法")];
    opts[0].value = "";
    list.forEach(function (r) {
      var o = el("option", null, r.label);
      o.value = r.id;
      opts.push(o);
    });
    if (current && !list.some(function (r) { return r.id === current; })) {
      var bad = el("option", null, "（链接中的读法：" + current + "）");
      bad.value = current;
      opts.push(bad);
    }
    select.replaceChildren.apply(select, opts);
    select.value = current || "";
    var none = !list.length && !current;
    select.disabled = none;
    this.q("#reading-field").hidden = none;
  };

  Page.prototype.applyMode = function () {
    var teacher = this.mode() === "teacher";
    var prof = this.profile();
    this.q("#teacher-fields").hidden = !teacher;
    this.root.querySelectorAll(".ts-school-only").forEach(function (box) { box.hidden = teacher; });
    this.q("#range-wrap").open = !teacher;
    this.hidden("selected").disabled = !teacher;
    this.hidden("age").disabled = !teacher;
    this.q("#range-legend").textContent = teacher ? "学校范围（由学校管理团队确定，教师所选会与它对照）" :
      "学校范围：学校选定的能力点";
    this.q("#age-hint").textContent = prof && prof.needs_age ?
      "《" + prof.short + "》按年龄规定应选几个能力点，请填写年龄（整数周岁）。" :
      "有的文件按年龄规定应选几个能力点；所选文件不看年龄，可不填。";
    this.rangeSummary();
  };

  Page.prototype.banner = function () {
    var up = uploaded();
    var box = this.q("#catalog-banner");
    box.hidden = !up;
    if (up) box.querySelector("[data-catalog-title]").textContent = "《" + up.title + "》（" + up.points.length + " 项）";
  };

  Page.prototype.catalogChanged = function () {
    var self = this;
    var have = this.catalog().points.map(function (p) { return norm(p.code); });
    ["school_range", "selected"].forEach(function (name) {  // codes the new catalog lacks would only be errors
      self.hidden(name).value = codes(self.hidden(name).value).filter(function (c) { return have.indexOf(c) >= 0; })
        .join(",");
    });
    this.banner();
    this.drawList("school_range");
    this.drawList("selected");
    this.tool.changed();
  };

  /* ------------------------------------------------------------ catalog upload */

  Page.prototype.uploadErrors = function (errors, focus) {
    var box = this.q("#upload-summary");
    var list = box.querySelector("ul");
    list.replaceChildren();
    errors.slice(0, 100).forEach(function (e) {
      var li = el("li");
      var a = el("a", null, e.message);
      a.href = "#catalog-file";
      li.appendChild(a);
      list.appendChild(li);
    });
    if (errors.length > 100) list.appendChild(el("li", null, "……还有 " + (errors.length - 100) + " 处问题未列出。"));
    box.hidden = false;
    var rows = errors.map(function (e) { return e.row; }).filter(function (r, i, all) {
      return r != null && all.indexOf(r) === i;
    });
    var inline = this.q("#catalog-file-error");
    inline.textContent = rows.length ? "共 " + errors.length + " 处问题，在第 " + rows.join("、") +
      " 行。请改正后重新上传；在改正之前，仍使用原来的目录。" : errors[0].message;
    inline.hidden = false;
    this.q("#catalog-file").setAttribute("aria-invalid", "true");
    this.q("#catalog-status").textContent = "";
    this.q("#catalog-file").setAttribute("data-upload", "error");
    if (focus) box.focus();
  };

  Page.prototype.clearUploadErrors = function () {
    this.q("#upload-summary").hidden = true;
    this.q("#catalog-file-error").hidden = true;
    this.q("#catalog-file").removeAttribute("aria-invalid");
  };

  Page.prototype.upload = function (focus) {
    var self = this;
    var input = this.q("#catalog-file");
    var file = input.files[0];
    if (!file) return this.uploadErrors([{ row: null, message: "请先选择能力点目录文件（.csv 或 .xlsx）。" }], focus);
    this.clearUploadErrors();
    input.setAttribute("data-upload", "pending"); // tests wait for "ok" or "error"
    this.q("#catalog-status").textContent = T.engine.ready ? "正在读取 " + file.name + " ……" :
      "正在加载计算引擎并读取 " + file.name + "，首次打开需要几秒钟……";
    file.arrayBuffer().then(function (buf) {
      return T.engine.call({ type: "upload_catalog", filename: file.name, bytes: buf }, [buf]);
    }).then(function (reply) {
      var res = reply.response;
      if (!res.ok) return self.uploadErrors(res.errors || [], focus);
      var s = storage();
      try {
        if (!s) throw new Error("no storage");
        s.setItem(KEY, JSON.stringify(res.catalog));
      } catch (err) {
        return self.uploadErrors([{ row: null, message: "浏览器不允许保存本次会话的数据（可能是隐私模式），无法使用上传的目录。" }], focus);
      }
      self.q("#catalog-status").textContent = "已使用上传的目录《" + res.catalog.title + "》，共 " +
        res.catalog.points.length + " 项。本次浏览期间各工具都按它检查。" + (res.warnings || []).join("");
      input.setAttribute("data-upload", "ok");
      self.catalogChanged();
    }, function (err) {
      self.uploadErrors([{ row: null, message: "读取失败：" + (err.message || err) }], focus);
    });
  };

  Page.prototype.reset = function () {
    var s = storage();
    if (s) s.removeItem(KEY);
    this.clearUploadErrors();
    this.q("#catalog-file").value = "";
    this.q("#catalog-status").textContent = "已恢复为国家目录。";
    this.catalogChanged();
  };

  Page.prototype.template = function () {
    /* Always a catalog the site ships (never the school's upload), whatever policy is selected. */
    var cat = DATA.catalogs[(this.profile() || {}).catalog] || DATA.catalogs["national-2019"] ||
      DATA.catalogs[Object.keys(DATA.catalogs)[0]] || { points: [] };
    var lines = [["编号", "名称", "环境", "维度"]];
    cat.points.forEach(function (p) {
      var dim = DIMS.filter(function (d) { return d[0] === (p.dimension || null); })[0];
      lines.push([p.code, p.name || "", envLabel(p.env), p.dimension ? dim[1] : ""]);
    });
    var text = "\ufeff" + lines.map(function (row) {
      return row.map(function (v) {
        v = String(v);
        if (/^[=+\-@\t\r＝＋－＠]/.test(v)) v = "'" + v; // a cell Excel would run as a formula
        return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
      }).join(",");
    }).join("\r\n") + "\r\n";
    T.download(new TextEncoder().encode(text), "能力点目录模板.csv");
  };

  /* ------------------------------------------------------------ export */

  Page.prototype.exportXlsx = function (button) {
    var self = this;
    var req = this.tool.request();
    var status = this.q("#export-status");
    if (!req) return;
    button.disabled = true;
    status.textContent = "正在生成 Excel 文件……";
    T.exportFile({ export: "points", request: req, school: this.hidden("school").value }).then(function (res) {
      button.disabled = false;
      status.textContent = res.ok ? "已生成 " + res.filename + "。" : "导出失败：" + T.messages(res.errors);
    }, function (err) {
      button.disabled = false;
      status.textContent = "导出失败：" + (err.message || err);
    });
  };

  /* ------------------------------------------------------------ the result */

  /* forForm: the printed plan a school hands in, without the site's own caveats (待核对 is the site's doubt). */
  function pointTable(points, caption, withRooms, forForm) {
    var wrap = el("div", "ts-table-wrap");
    var table = el("table", "ts-table ts-points-table");
    table.appendChild(el("caption", null, caption));
    table.appendChild(T.thead(["编号", "能力点名称", "环境", "维度"].concat(forForm ? [] : ["核对情况"])
      .concat(withRooms ? ["学校有此环境的教室"] : [])));
    var body = el("tbody");
    points.forEach(function (p) {
      var tr = el("tr");
      tr.setAttribute("data-code", p.code);
      var check = checkText({ name: p.name, dimension: p.dimension, status: p.status });
      /* A plan that numbers points in its own list (张楼: Henan item 1-2 = A2 + A3) shows that item beside the code. */
      var code = p.item ? p.code + "（文件编号 " + p.item + "）" : p.code;
      [code, p.name == null ? (forForm ? "" : pointName(p)) : p.name, p.env_label, p.dimension_label,
        check || "已确认"].slice(0, forForm ? 4 : 5)
        .forEach(function (v, i) {
          var td = el("td", i === 4 && check ? "ts-unconfirmed" : null, v);
          tr.appendChild(td);
        });
      if (withRooms) {
        tr.appendChild(el("td", p.env_available === false ? "ts-no-room" : null,
          p.env_available == null ? "未填" : p.env_available ? "有" : "没有"));
      }
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    return wrap;
  }

  Page.prototype.environments = function (res) {
    var box = el("section", "ts-envs");
    box.appendChild(el("h3", null, "学校能在哪些环境中考核"));
    var envs = res.environments_available || [];
    if (envs.length && envs[0].assumed) {
      box.appendChild(el("p", null, "未填写教室情况：暂按三类环境都可考核计算。填写各类教室的间数后，会标出学校没有教室的环境。"));
      return box;
    }
    var have = envs.map(function (e) { return e.id; });
    var ul = el("ul");
    ENVS.forEach(function (e) {
      var on = have.indexOf(e[0]) >= 0;
      var n = res.classrooms ? res.classrooms[e[0]] : null;
      var li = el("li", on ? "ts-env-yes" : "ts-env-no",
        (on ? "✔ " : "✘ ") + e[1] + "：" + (n == null ? "未填" : n + " 间") + (on ? "，可以考核" : "，没有教室，难以考核"));
      li.setAttribute("data-env", e[0]);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    if (res.classrooms_source === "profile") box.appendChild(el("p", "ts-hint", "教室间数取自所选文件原文；可在上面修改。"));
    return box;
  };

  Page.prototype.suggestions = function (res) {
    var self = this;
    var list = res.suggestions || [];
    if (!list.length) return null;
    var box = el("section", "ts-suggestions");
    box.appendChild(el("h3", null, res.mode === "teacher" ? "怎样改才符合（最少改动）" : "建议的学校范围"));
    var ol = el("ol");
    list.forEach(function (s, i) {
      var li = el("li", "ts-suggestion ts-suggestion--" + s.kind + (s.advisory ? " ts-suggestion--advisory" : ""));
      li.setAttribute("data-kind", s.kind);
      li.appendChild(el("p", "ts-suggestion-text", s.message));
      var current = codes(self.hidden(res.mode === "teacher" ? "selected" : "school_range").value);
      var same = s.result.length && s.result.join(",") === current.join(",");
      if (s.result && s.result.length && s.kind !== "infeasible" && !same) {
        var b = el("button", "ts-apply", res.mode === "teacher" ? "按这个建议修改我的选择" : "采用这个范围");
        b.type = "button";
        b.setAttribute("data-apply", String(i));
        b.addEventListener("click", function () {
          self.setCodes(res.mode === "teacher" ? "selected" : "school_range", s.result.slice());
        });
        li.appendChild(b);
      }
      ol.appendChild(li);
    });
    box.appendChild(ol);
    return box;
  };

  Page.prototype.downloads = function (res) {
    var self = this;
    var box = el("section", "ts-points-export");
    box.appendChild(el("h3", null, "导出学校范围"));
    var p = el("p", "ts-downloads");
    var x = el("button", "md-button", "下载学校范围（Excel .xlsx）");
    x.type = "button";
    x.setAttribute("data-export", "xlsx");
    x.addEventListener("click", function () { self.exportXlsx(x); });
    var pr = el("button", "md-button", "打印整校推进校本研修计划");
    pr.type = "button";
    pr.setAttribute("data-print", "");
    pr.addEventListener("click", function () { window.print(); });
    p.appendChild(x);
    p.appendChild(pr);
    box.appendChild(p);
    var status = el("p", "ts-hint", "");
    status.id = "export-status";
    status.setAttribute("role", "status");
    box.appendChild(status);
    if (res.range_source === "built") {
      box.appendChild(el("p", "ts-hint", "导出的是本工具拟定的范围；勾选后导出的是你确定的范围。"));
    }
    return box;
  };

  /* A finding as the printed form says it: without the sentences about the site's own doubts and defaults. */
  function formText(message) {
    return String(message || "").replace(/（[^（）]*(待核对|本站默认)[^（）]*）/g, "").split(/(?<=。)/)
      .filter(function (part) { return !/待核对|本站默认|本站按/.test(part); }).join("").trim();
  }

  Page.prototype.plan = function (res) {
    var school = this.hidden("school").value.trim();
    var sec = el("section", "ts-plan");
    sec.setAttribute("aria-label", "打印用：整校推进校本研修计划");
    sec.appendChild(el("h2", null, (school || "＿＿＿＿学校") + " 整校推进校本研修计划"));
    sec.appendChild(el("p", null, "适用文件：《" + (res.profile_title || res.profile) + "》　能力点目录：《" +
      formText(res.catalog.title) + "》" + (res.catalog.uploaded ? "（学校上传）" : "")));
    sec.appendChild(el("h3", null, "1. 信息化环境自判"));
    var rooms = el("table", "ts-plan-rooms");
    var tr1 = el("tr");
    var tr2 = el("tr");
    ROOMS.forEach(function (r) {
      var th = el("th", null, r[1]);
      th.scope = "col";
      tr1.appendChild(th);
      var n = res.classrooms ? res.classrooms[r[0]] : null;
      tr2.appendChild(el("td", null, n == null ? "（  ）个教室" : "（ " + n + " ）个教室"));
    });
    var thead = el("thead");
    thead.appendChild(tr1);
    var tbody = el("tbody");
    tbody.appendChild(tr2);
    rooms.appendChild(thead);
    rooms.appendChild(tbody);
    sec.appendChild(rooms);
    var envs = (res.environments_available || []).filter(function (e) { return !e.assumed; })
      .map(function (e) { return e.label; });
    var open = (res.open_points || []).length;
    var range = res.range_points || [];
    sec.appendChild(el("p", null, "我校信息化环境为" + (envs.length ? envs.join("、") : "＿＿＿＿") +
      (envs.length ? "，在这些环境中共有 " + open + " 个能力点" : "") + "，本校选择了 " + range.length + " 个能力点，分别为："));
    var table = pointTable(range, "学校选定的能力点", false, true);
    table.querySelector("table").classList.add("ts-plan-table");
    sec.appendChild(table);
    var rules = el("ul", "ts-plan-rules");
    (res.findings || []).forEach(function (f) {
      var mark = f.met ? "符合：" : f.advisory ? (/^提醒/.test(f.message) ? "" : "提醒：") : "未达到：";
      var said = formText(f.message);
      if (said) rules.appendChild(el("li", null, mark + said));
    });
    sec.appendChild(el("p", null, "对照文件要求（由本站按《" + (res.profile_title || res.profile) + "》检查）："));
    sec.appendChild(rules);
    [["2. 整体思路与工作目标", 6], ["3. 实施步骤", 8]].forEach(function (part) {
      sec.appendChild(el("h3", null, part[0]));
      var lines = el("div", "ts-plan-lines");
      for (var i = 0; i < part[1]; i++) lines.appendChild(el("div", "ts-plan-line"));
      sec.appendChild(lines);
    });
    sec.appendChild(el("p", "ts-plan-sign", "学校（盖章）：＿＿＿＿＿＿　负责人：＿＿＿＿＿＿　日期：＿＿＿＿年＿＿月＿＿日"));
    return sec;
  };

  Page.prototype.flagTeacherList = function (res) {
    var items = this.items.selected;
    var inRange = res.school_range || [];
    var info = {};
    (res.open_points || []).concat(res.selected_points || []).forEach(function (p) { info[p.code] = p; });
    Object.keys(items).forEach(function (c) {
      var parts = [];
      if (inRange.indexOf(c) >= 0) parts.push("学校范围");
      if (info[c] && info[c].env_available === false) parts.push("学校无此环境教室");
      items[c].flags.textContent = parts.length ? parts.join(" · ") : "";
    });
  };

  /* A finding's message without the caveat the page says once, and (for a teacher) without other documents' rules. */
  function plainFinding(text, teacher) {
    text = text.replace(/其中[^。]*待核对，这一结论依赖这些条目，请以本省官方清单为准。/g, "");
    if (teacher) text = text.replace(/其他方案要求不同：[^。]*。/g, "");
    return text.trim();
  }

  Page.prototype.render = function (res, out) {
    var teacher = res.mode === "teacher";
    var relies = markFindings(out, res.findings || [], teacher);
    var order = this.catalog().points.map(function (p) { return norm(p.code); });
    relies.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    if (relies.length) {  // said once for the whole answer, not under every ✔
      var at = out.findIndex(function (n) { return n.classList && n.classList.contains("ts-findings"); });
      out.splice(at + 1, 0, el("p", "ts-hint ts-relies", "＊ 这一结论用到的 " + relies.join("、") +
        " 在本站目录中名称或维度待核对，请以本省官方清单为准。"));
    }
    if (res.catalog && res.catalog.uploaded) {
      out.splice(1, 0, el("p", "ts-catalog-used", "本次按上传的目录《" + res.catalog.title + "》检查。"));
    }
    if (teacher) dropClassroomNote(out, res);
    var sugg = this.suggestions(res);
    if (sugg) out.push(sugg);
    out.push(this.environments(res));
    pointTables(out, res, teacher);
    var hasPlan = !teacher && (res.range_points || []).length > 0;
    if (hasPlan) {
      out.push(this.downloads(res));
      out.push(this.plan(res));
    }
    document.body.classList.toggle("ts-print-plan", hasPlan);
    this.flagTeacherList(res);
  };

  /* Advisory findings are marked as reminders, messages put in plain words; returns the unconfirmed codes the
     answer relies on. */
  function markFindings(out, findings, teacher) {
    var relies = [];
    out.forEach(function (node) {
      if (!node.classList || !node.classList.contains("ts-findings")) return;
      Array.prototype.forEach.call(node.children, function (li, i) {
        var f = findings[i];
        if (!f) return;
        if (f.advisory && !f.met) {
          li.classList.remove("ts-finding--unmet");
          li.classList.add("ts-finding--advisory");
          li.querySelector(".ts-mark").textContent = /^提醒/.test(f.message) ? "⚠" : "⚠ 提醒：";
        }
        (f.relies_on_unconfirmed || []).forEach(function (c) { if (relies.indexOf(c) < 0) relies.push(c); });
        var msg = li.querySelector(".ts-message");
        if (msg) msg.textContent = plainFinding(msg.textContent, teacher);
      });
    });
    return relies;
  }

  /* Her own answer: the note asking for the school's classrooms is for school mode. */
  function dropClassroomNote(out, res) {
    var notes = res.notes || [];
    for (var k = out.length - 1; k >= 0; k--) {
      var node = out[k];
      if (!node.classList || !node.classList.contains("ts-notes")) continue;
      Array.prototype.slice.call(node.children).forEach(function (li, i) {
        if (notes[i] && notes[i].rule === "school.classrooms" && !res.classrooms) li.remove();
      });
      if (!node.children.length) out.splice(k, 1);
    }
  }

  /* The points she chose (teacher) or the school's range, and the points still open to choose, folded. */
  function pointTables(out, res, teacher) {
    if (teacher && (res.selected_points || []).length) {
      out.push(pointTable(res.selected_points, "我选的能力点", true));
    }
    if (!teacher && (res.range_points || []).length) {
      var cap = res.range_source === "built" ? "本工具拟定的学校范围（尚未勾选时）" : "学校范围";
      out.push(pointTable(res.range_points, cap, true));
    }
    var open = res.open_points || [];
    if (open.length) {
      var det = el("details", "ts-open-points");
      det.appendChild(el("summary", null, (teacher && res.school_range ? "学校范围内可选的能力点" :
        "学校有教室的环境中可选的能力点") + "（" + open.length + " 个）"));
      det.appendChild(pointTable(open, "可选的能力点", true));
      out.push(det);
    }
  }

  /* ------------------------------------------------------------ registration */

  T.tools.points = {
    init: function (tool) {
      var node = document.getElementById("points-data");
      DATA = JSON.parse(node.textContent);
      words(DATA.vocabulary);
      var page = new Page(tool);
      document.body.classList.add("ts-points-page");  // print rules (no header or navigation) for this page only
      tool.points = page;
      var params = T.linkParams();
      if (!params.has("mode")) tool.form.elements.namedItem("mode").value = "teacher";  // teachers are most visitors
      page.readings(params.get("reading"));
      page.roomsFromHidden();
      page.drawList("school_range");
      page.drawList("selected");
      page.applyMode();
      page.banner();
      ROOMS.forEach(function (r) {
        page.q("#room-" + r[0]).addEventListener("input", function () { page.roomsToHidden(); });
      });
      tool.form.elements.namedItem("mode").addEventListener("change", function () { page.applyMode(); });
      tool.form.elements.namedItem("profile").addEventListener("change", function () {
        page.readings("");
        page.applyMode();
        if (!uploaded()) {
          page.drawList("school_range");
          page.drawList("selected");
        }
      });
      page.q("[data-catalog-reset]").addEventListener("click", function () { page.reset(); });
      page.q("[data-catalog-template]").addEventListener("click", function () { page.template(); });
      page.q("#catalog-form").addEventListener("submit", function (e) {
        e.preventDefault();
        page.upload(true);
      });
      page.q("#catalog-file").addEventListener("change", function () { page.upload(false); });
      /* The summary links to the hidden `classrooms` field; send the focus to the first box instead. */
      tool.summaryBox.addEventListener("click", function (e) {
        var a = e.target.closest && e.target.closest("a");
        if (a && a.getAttribute("href") === "#classrooms") {
          e.preventDefault();
          page.q("#room-multimedia").focus();
        } else if (a && /^#(selected|school_range)$/.test(a.getAttribute("href"))) {
          e.preventDefault();
          var first = page.q('.ts-pointlist[data-list="' + a.getAttribute("href").slice(1) + '"] input');
          if (first) first.focus();
        }
      });
    },
    request: function (req, filled, tool) {
      var up = uploaded();
      if (up) req.input.catalog = up;
      if (req.input.mode === "teacher" && !req.input.selected) return null;
      return req;
    },
    render: function (res, out, tool) {
      tool.points.render(res, out);
      out.push(T.printBar());
    },
  };
})();
