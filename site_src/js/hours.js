/* /tools/hours/: training records by date. The table is kept in step with the hidden `records` field, which the
   calculator (tool.js) puts in the link; the request then carries the records instead of the two totals. */
import { el, words } from "./dom.js";
import { row, rowValues } from "./grid.js";
import { startTool, Tool } from "./tool.js";

function encodeRecords(rows) {
  return rows.filter(function (r) { return r.date || r.hours; })
    .map(function (r) { return [r.date, r.kind, r.hours].map(encodeURIComponent).join(":"); }).join(",");
}

function decodeRecords(text) {
  if (!text) return [];
  return text.split(",").map(function (part) {
    var bits = part.split(":").map(function (b) {
      try { return decodeURIComponent(b); } catch (err) { return b; }
    });
    return { date: bits[0] || "", kind: bits[1] || "online", hours: bits[2] || "" };
  });
}

/* The records' table. Its controls carry no form name (the calculator must not take them for fields of its own);
   they are read from the table. */
function Records(tool) {
  this.tool = tool;
  this.box = tool.root.querySelector(".ts-records");
  this.hidden = tool.root.querySelector("#records");
  this.body = this.box.querySelector("tbody");
  this.seq = 0;
  var self = this;
  decodeRecords(this.hidden.value).forEach(function (r) { self.add(r); });
  if (this.body.children.length) this.box.open = true;
  this.box.querySelector("[data-add-record]").addEventListener("click", function () {
    var tr = self.add({ date: "", kind: "online", hours: "" });
    self.box.open = true;
    tr.querySelector("input").focus();
  });
  /* Before the form's own listener (bubbling reaches the table first), so the link and the request see the change. */
  this.body.addEventListener("input", function () { self.sync(); });
  this.body.addEventListener("change", function () { self.sync(); });
}

Records.prototype.add = function (rec) {
  var n = ++this.seq;
  var self = this;
  var date = el("input");
  date.type = "date";
  var kind = el("select");
  words().hourKinds.forEach(function (k) {
    var o = el("option", null, k[1]);
    o.value = k[0];
    kind.appendChild(o);
  });
  function spec(key, label, control) {
    return { id: "record-" + n + "-" + key, key: key, label: label + "（第 " + n + " 条）", value: rec[key],
      control: control, numeric: !control };
  }
  var tr = row([spec("date", "日期", date), spec("kind", "类别", kind), spec("hours", "学时")], {
    label: "删除第 " + n + " 条记录",
    remove: function () {
      tr.remove();
      self.sync();
      self.tool.changed();
    },
  });
  this.body.appendChild(tr);
  return tr;
};

Records.prototype.rows = function () {
  return Array.prototype.map.call(this.body.children, rowValues);
};

Records.prototype.sync = function () {
  this.hidden.value = encodeRecords(this.rows());
};

class Hours extends Tool {
  setup() {
    var self = this;
    this.records = new Records(this);
    this.showReadings(false);
    /* Runs before the form's own listener (target before bubble), so the URL and the request see the change. */
    this.form.elements.namedItem("profile").addEventListener("change", function () { self.showReadings(true); });
  }

  adjustRequest(req, filled) {
    var rows = this.records ? this.records.rows().filter(function (r) { return r.date || r.hours; }) : [];
    delete req.input.records;
    if (!rows.length) {
      delete req.input.as_of;
      return filled ? req : null;
    }
    delete req.input.online;
    delete req.input.practice;
    req.input.records = rows;
    return req;
  }

  addToAnswer(res, out) {
    if (!res.window) return;
    var w = res.window;
    var text = "按记录核算：计入 " + (w.start || "不限") + " 至 " + w.end + " 之间的记录";
    if (res.excluded && res.excluded.length) text += "；有 " + res.excluded.length + " 条不计入（见下方说明）";
    out.splice(2, 0, el("p", "ts-window", text + "。"));
  }
}

startTool(Hours);
