/* /tools/hours/: training records by date. The table is kept in step with the hidden `records` field, which the
   generic binder (tools.js) puts in the URL; the request then carries the records instead of the two totals. */
(function () {
  "use strict";
  var T = window.Tisheng;
  var el = T.el;

  function encode(rows) {
    return rows.filter(function (r) { return r.date || r.hours; })
      .map(function (r) { return [r.date, r.kind, r.hours].map(encodeURIComponent).join(":"); }).join(",");
  }

  function decode(text) {
    if (!text) return [];
    return text.split(",").map(function (part) {
      var bits = part.split(":").map(function (b) {
        try { return decodeURIComponent(b); } catch (err) { return b; }
      });
      return { date: bits[0] || "", kind: bits[1] || "online", hours: bits[2] || "" };
    });
  }

  function Records(tool) {
    this.tool = tool;
    this.box = tool.root.querySelector(".ts-records");
    this.hidden = tool.root.querySelector("#records");
    this.body = this.box.querySelector("tbody");
    this.seq = 0;
    var self = this;
    decode(this.hidden.value).forEach(function (r) { self.add(r); });
    if (this.body.children.length) this.box.open = true;
    this.box.querySelector("[data-add-record]").addEventListener("click", function () {
      var row = self.add({ date: "", kind: "online", hours: "" });
      self.box.open = true;
      row.querySelector("input").focus();
    });
  }

  Records.prototype.add = function (rec) {
    var n = ++this.seq;
    var self = this;
    var tr = el("tr");
    function cell(control, label) {
      var td = el("td");
      var lab = el("label", "ts-sr-only", label + "（第 " + n + " 条）");
      control.id = "record-" + n + "-" + control.dataset.field;
      lab.htmlFor = control.id;
      td.append(lab, control);
      return td;
    }
    var date = el("input");
    date.type = "date";
    date.name = "date";
    date.value = rec.date;
    var kind = el("select");
    kind.name = "kind";
    T.words().hourKinds.forEach(function (k) {
      var o = el("option", null, k[1]);
      o.value = k[0];
      kind.appendChild(o);
    });
    kind.value = rec.kind;
    var hours = el("input");
    hours.type = "text";
    hours.name = "hours";
    hours.inputMode = "decimal";
    hours.autocomplete = "off";
    hours.value = rec.hours;
    // Row controls carry no form name (the binder must not treat them as fields); they are read from the table.
    [date, kind, hours].forEach(function (c) {
      c.dataset.field = c.name;
      c.removeAttribute("name");
      c.addEventListener("input", function () { self.sync(); });
      c.addEventListener("change", function () { self.sync(); });
    });
    var remove = el("button", "ts-link-button", "删除");
    remove.type = "button";
    remove.setAttribute("aria-label", "删除第 " + n + " 条记录");
    remove.addEventListener("click", function () {
      tr.remove();
      self.sync();
      self.tool.changed();
    });
    var td = el("td");
    td.appendChild(remove);
    tr.append(cell(date, "日期"), cell(kind, "类别"), cell(hours, "学时"), td);
    this.body.appendChild(tr);
    return tr;
  };

  Records.prototype.rows = function () {
    return Array.prototype.map.call(this.body.children, function (tr) {
      var get = function (f) { return tr.querySelector("[data-field=" + f + "]").value.trim(); };
      return { date: get("date"), kind: get("kind"), hours: get("hours") };
    });
  };

  Records.prototype.sync = function () {
    this.hidden.value = encode(this.rows());
  };


  T.tools.hours = {
    init: function (tool) {
      tool.records = new Records(tool);
      T.showReadings(tool, false);
      /* Runs before the form's own listener (target before bubble), so the URL and the request see the change. */
      tool.form.elements.namedItem("profile").addEventListener("change", function () { T.showReadings(tool, true); });
    },
    request: function (req, filled, tool) {
      var rows = tool.records ? tool.records.rows().filter(function (r) { return r.date || r.hours; }) : [];
      delete req.input.records;
      if (!rows.length) {
        delete req.input.as_of;
        return filled ? req : null;
      }
      delete req.input.online;
      delete req.input.practice;
      req.input.records = rows;
      return req;
    },
    render: function (res, out) {
      out.push(T.printBar());
      if (!res.window) return;
      var w = res.window;
      var text = "按记录核算：计入 " + (w.start || "不限") + " 至 " + w.end + " 之间的记录";
      if (res.excluded && res.excluded.length) text += "；有 " + res.excluded.length + " 条不计入（见下方说明）";
      out.splice(2, 0, el("p", "ts-window", text + "。"));
    },
  };
})();
