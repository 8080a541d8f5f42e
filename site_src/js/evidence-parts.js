/* The evidence questions, shared by 材料自查 (evidence.js) and 我的考核进度 (me.js): the pasted self-statements
   and the video file (neither has a form name, so neither goes into the address or the "remember" store), the
   questions the chosen document asks, and the items it lists to tick. The rules are all in the engine. */
import { el, today } from "./dom.js";
import { engine } from "./engine.js";

function wrapper(control) {
  return control.closest(".ts-field, .ts-fieldset") || control;
}

/* The two local blocks stand after the form until the script puts them beside the questions they belong to. */
function place(tool) {
  tool.root.querySelectorAll("[data-slot]").forEach(function (block) {
    var anchor = tool.form.elements.namedItem(block.getAttribute("data-slot"));
    if (anchor) wrapper(anchor).insertAdjacentElement("beforebegin", block);
  });
}

function statements(tool) {
  return Array.prototype.map.call(tool.root.querySelectorAll("[data-statement]"), function (t) { return t.value; })
    .filter(function (v) { return v.trim() !== ""; });
}

function addStatement(tool) {
  var box = tool.root.querySelector("[data-statements]");
  var n = box.querySelectorAll("[data-statement]").length + 1;
  var label = el("label", "ts-statement-label", "第 " + n + " 份说明");
  var area = el("textarea", "ts-statement");
  area.id = "statement-" + n;
  area.rows = 6;
  area.setAttribute("data-statement", "");
  area.setAttribute("aria-describedby", "statements-hint statements-error");
  label.htmlFor = area.id;
  box.append(label, area);
  area.focus();
}

function seconds(tool) { return tool.form.elements.namedItem("clip_seconds"); }
function minutes(tool) { return tool.form.elements.namedItem("clip_minutes"); }

function clipText(s) {
  var whole = Math.round(s);
  var m = Math.floor(whole / 60);
  var r = whole % 60;
  return r ? m + " 分 " + r + " 秒" : m + " 分钟";
}

/* The worker reads the header of the File it is sent, slice by slice; the file never leaves the browser. */
function readClip(tool, input) {
  var status = tool.root.querySelector("#clip_file-status");
  var file = input.files && input.files[0];
  tool.root.setAttribute("data-clip", "reading");
  if (!file) {
    status.textContent = "";
    tool.root.removeAttribute("data-clip");
    return;
  }
  status.textContent = "正在读取视频时长……";
  engine.call({ type: "clip_duration", file: file }).then(function (reply) {
    var res = reply.response;
    if (input.files[0] !== file) return;  // another file was picked meanwhile
    if (res.ok) {
      seconds(tool).value = String(Math.round(res.seconds * 1000) / 1000);
      minutes(tool).value = String(Math.round(res.seconds / 60 * 100) / 100);
      status.textContent = "已读取：视频时长 " + clipText(res.seconds) + "。";
      status.className = "ts-clip-status ts-clip-status--ok";
      tool.root.setAttribute("data-clip", "read");
    } else {
      seconds(tool).value = "";
      status.textContent = res.message;
      status.className = "ts-clip-status ts-clip-status--error";
      tool.root.setAttribute("data-clip", "unreadable");
      minutes(tool).focus();
    }
    tool.changed();
  }, function () {
    status.textContent = "无法读取这个文件，请直接在下面填写视频时长（分钟）。";
    status.className = "ts-clip-status ts-clip-status--error";
    tool.root.setAttribute("data-clip", "unreadable");
  });
}

/* Only the questions the chosen document asks are shown (and sent); all are shown until the first answer. */
export function showFields(tool, fields) {
  var wanted = {};
  fields.forEach(function (f) { wanted[f] = true; });
  wanted.points = !!wanted.levels;  // the points are asked for their evidence levels
  var changed = false;
  ["points", "hours_done", "items", "packages", "clip_minutes", "stages", "peer_reviews", "own_image",
    "reviewed_first", "whiteboard", "levels", "as_of"].forEach(function (name) {
    var c = tool.form.elements.namedItem(name);
    if (!c) return;
    wrapper(c).hidden = !wanted[name];
    if (c.disabled !== !wanted[name]) changed = true;
    c.disabled = !wanted[name];
  });
  if (changed) {  // an answer to a question this document does not ask leaves the address and the store
    tool.syncUrl();
    tool.store();
  }
  var block = tool.root.querySelector("#statements-block");
  if (block) block.hidden = !wanted.statements;
  block = tool.root.querySelector("#clip-file-block");
  if (block) block.hidden = !wanted.clip_minutes;
}

export function drawItems(tool, items) {
  var list = tool.root.querySelector("[data-list=items]");
  var hidden = tool.form.elements.namedItem("items");
  var key = items.map(function (i) { return i.id; }).join(",");
  if (list.getAttribute("data-key") === key) return;
  list.setAttribute("data-key", key);
  var have = {};
  hidden.value.split(",").forEach(function (v) { if (v) have[v] = true; });
  list.replaceChildren();
  items.forEach(function (item) {
    var row = el("div", "ts-choice");
    var box = el("input");
    box.type = "checkbox";
    box.id = "item-" + item.id;
    box.value = item.id;
    box.checked = !!have[item.id];
    box.addEventListener("change", function () {
      hidden.value = Array.prototype.filter.call(list.querySelectorAll("input"), function (b) { return b.checked; })
        .map(function (b) { return b.value; }).join(",");
      tool.changed();
    });
    var label = el("label", null, item.label);
    label.htmlFor = box.id;
    row.append(box, label);
    list.appendChild(row);
  });
}

/* The page's own controls: the blocks in their places, another statement box, the video read, its minutes typed. */
export function bind(tool) {
  place(tool);
  tool.root.querySelector("[data-add-statement]").addEventListener("click", function () { addStatement(tool); });
  tool.root.querySelector("#clip_file").addEventListener("change", function (e) { readClip(tool, e.target); });
  minutes(tool).addEventListener("input", function () { seconds(tool).value = ""; });
}

/* The request with the pasted statements; without a document chosen there is nothing to ask. */
export function withStatements(req, tool) {
  if (!req.profile) return null;
  var texts = statements(tool);
  if (texts.length) req.input.statements = texts;
  if (!req.input.as_of && !req.input.today) req.input.today = today(true);  // a date is said against her own today
  return req;  // nothing filled in yet still lists what the document asks for
}
