/* /tools/points/ (能力点选择): the checkbox lists drawn from the catalog, classrooms by kind, both modes, the catalog
   upload (points-upload.js), the range export and the printable plan (points-result.js). The calculator (tool.js)
   does the form ⇄ link ⇄ worker binding. All text from data or from the user is set with textContent. */
import { el } from "./dom.js";
import { linkParams } from "./link.js";
import { startTool, Tool } from "./tool.js";
import { checkText, codes, DATA, DIMS, ENVS, loadData, norm, pointName, ROOMS, roomCounts, uploaded }
  from "./points-data.js";
import { addToAnswer } from "./points-result.js";
import { CatalogUpload } from "./points-upload.js";

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
    label.appendChild(el("span", "ts-sr-only", "（" + check + "）"));
    row.appendChild(mark);
  }
  var flags = el("span", "ts-flags");
  row.appendChild(flags);
  return { input: input, flags: flags, row: row, pending: !!check };
}

class Points extends Tool {
  setup() {
    var self = this;
    loadData();
    this.items = { school_range: {}, selected: {} };
    document.body.classList.add("ts-points-page");  // print rules (no header or navigation) for this page only
    var params = linkParams();
    if (!params.has("mode")) this.form.elements.namedItem("mode").value = "teacher";  // teachers are most visitors
    this.readings(params.get("reading"));
    this.roomsFromHidden();
    this.drawList("school_range");
    this.drawList("selected");
    this.applyMode();
    this.banner();
    ROOMS.forEach(function (r) {
      self.q("#room-" + r[0]).addEventListener("input", function () { self.roomsToHidden(); });
    });
    this.form.elements.namedItem("mode").addEventListener("change", function () { self.applyMode(); });
    this.form.elements.namedItem("profile").addEventListener("change", function () {
      self.readings("");
      self.applyMode();
      if (!uploaded()) {
        self.drawList("school_range");
        self.drawList("selected");
      }
    });
    this.upload = new CatalogUpload(this);
    /* The summary links to the hidden `classrooms` field; send the focus to the first box instead. */
    this.summaryBox.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a");
      if (a && a.getAttribute("href") === "#classrooms") {
        e.preventDefault();
        self.q("#room-multimedia").focus();
      } else if (a && /^#(selected|school_range)$/.test(a.getAttribute("href"))) {
        e.preventDefault();
        var first = self.q('.ts-pointlist[data-list="' + a.getAttribute("href").slice(1) + '"] input');
        if (first) first.focus();
      }
    });
  }

  adjustRequest(req) {
    var up = uploaded();
    if (up) req.input.catalog = up;
    if (req.input.mode === "teacher" && !req.input.selected) return null;
    return req;
  }

  addToAnswer(res, out) { addToAnswer(this, res, out); }

  q(sel) { return this.root.querySelector(sel); }

  profile() {
    return DATA.profiles[this.form.elements.namedItem("profile").value] || null;
  }

  mode() {
    return this.form.elements.namedItem("mode").value === "teacher" ? "teacher" : "school";
  }

  catalog() {
    var up = uploaded();
    if (up) return up;
    var prof = this.profile();
    var id = prof && prof.catalog;
    if (id && DATA.catalogs[id]) return DATA.catalogs[id];
    var first = Object.keys(DATA.catalogs)[0];
    return first ? DATA.catalogs[first] : { id: "", title: "", points: [] };
  }

  hidden(name) {
    return this.form.elements.namedItem(name);
  }

  drawList(name) {
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
  }

  fromChecks(name) {
    var items = this.items[name];
    var order = this.catalog().points.map(function (p) { return norm(p.code); });
    var picked = order.filter(function (c) { return items[c] && items[c].input.checked; });
    this.hidden(name).value = picked.join(",");
    this.rangeSummary();
  }

  setCodes(name, list) {
    this.hidden(name).value = list.join(",");
    var items = this.items[name];
    Object.keys(items).forEach(function (c) { items[c].input.checked = list.indexOf(c) >= 0; });
    this.rangeSummary();
    this.changed();
  }

  rangeSummary() {
    var list = codes(this.hidden("school_range").value);
    var teacher = this.mode() === "teacher";
    var prof = this.profile();
    var text = (teacher ? "我校的能力点范围（选填，学校给了范围时勾选）：" : "学校范围：") + (list.length ? list.join("、") + "（" + list.length + " 个）" :
      teacher ? (prof && prof.range.length ? "未勾选，按文件原文：" + prof.range.join("、") : "未勾选，不检查是否在范围内") :
        "未勾选，由本工具按要求拟定");
    this.q("#range-summary").textContent = text;
  }

  /* classrooms: four number boxes ⇄ the hidden `classrooms` field the URL and the engine use */
  roomsFromHidden() {
    var self = this;
    var values = roomCounts(this.hidden("classrooms").value);
    ROOMS.forEach(function (r) { self.q("#room-" + r[0]).value = values[r[0]] != null ? values[r[0]] : ""; });
  }

  roomsToHidden() {
    var self = this;
    var parts = [];
    ROOMS.forEach(function (r) {
      var v = self.q("#room-" + r[0]).value.trim();
      if (v !== "") parts.push(r[0] + ":" + v);
    });
    this.hidden("classrooms").value = parts.join(",");
  }

  readings(wanted) {
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
      var bad = el("option", null, "（链接中的读法本文件没有，请改选）");  // its id is for links, not for reading
      bad.value = current;
      opts.push(bad);
    }
    select.replaceChildren.apply(select, opts);
    select.value = current || "";
    var none = !list.length && !current;
    select.disabled = none;
    this.q("#reading-field").hidden = none;
  }

  applyMode() {
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
  }

  banner() {
    var up = uploaded();
    var box = this.q("#catalog-banner");
    box.hidden = !up;
    if (up) box.querySelector("[data-catalog-title]").textContent = "《" + up.title + "》（" + up.points.length + " 项）";
  }

  catalogChanged() {
    var self = this;
    var have = this.catalog().points.map(function (p) { return norm(p.code); });
    ["school_range", "selected"].forEach(function (name) {  // codes the new catalog lacks would only be errors
      self.hidden(name).value = codes(self.hidden(name).value).filter(function (c) { return have.indexOf(c) >= 0; })
        .join(",");
    });
    this.banner();
    this.drawList("school_range");
    this.drawList("selected");
    this.changed();
  }
}

startTool(Points);
