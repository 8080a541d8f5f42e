/* /tools/evidence/ (材料自查): the questions of the chosen document only, the pasted self-statements and the video
   file (neither has a form name, so neither goes into the address or the "remember" store), and the answer as a
   checklist of what is done, missing, still to answer, and what the document says besides. The rules are all in
   the engine; this file only moves answers in and draws the checklist. */
(function () {
  "use strict";
  var T = window.Tisheng;
  var el = T.el;
  var MARK = { done: "✔ 已符合：", missing: "✘ 未达到：", ask: "？ 待回答：", info: "ⓘ 说明：" };

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
    T.engine.call({ type: "clip_duration", file: file }).then(function (reply) {
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
  function showFields(tool, fields) {
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

  function drawItems(tool, items) {
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


  function checklist(res, tool) {
    var list = el("ul", "ts-lines");
    (res.checklist || []).forEach(function (line) {
      var li = el("li", "ts-line ts-line--" + line.state);
      li.setAttribute("data-rule", line.rule);
      li.setAttribute("data-state", line.state);
      li.appendChild(el("span", "ts-mark", MARK[line.state] || ""));
      li.appendChild(el("span", "ts-line-label", line.label));
      li.appendChild(el("span", "ts-message", " " + line.message));
      if (line.caveat) li.appendChild(el("span", "ts-caveat", "（" + line.caveat + "）"));
      li.appendChild(tool.citation(line.source || {}, line.inherited_from));
      list.appendChild(li);
    });
    return list;
  }

  /* 我的考核进度 asks the same evidence questions (me.js). */
  T.evidenceParts = { place: place, statements: statements, addStatement: addStatement, readClip: readClip,
    showFields: showFields, drawItems: drawItems, checklist: checklist, wrapper: wrapper };

  T.tools.evidence = {
    init: function (tool) {
      place(tool);
      T.showReadings(tool, false);
      tool.form.elements.namedItem("profile").addEventListener("change", function () { T.showReadings(tool, true); });
      tool.root.querySelector("[data-add-statement]").addEventListener("click", function () { addStatement(tool); });
      tool.root.querySelector("#clip_file").addEventListener("change", function (e) { readClip(tool, e.target); });
      minutes(tool).addEventListener("input", function () { seconds(tool).value = ""; });
    },
    request: function (req, filled, tool) {
      if (!req.profile) return null;
      var texts = statements(tool);
      if (texts.length) req.input.statements = texts;
      return req;  // nothing filled in yet still lists what the document asks for
    },
    render: function (res, out, tool) {
      showFields(tool, res.fields || []);
      drawItems(tool, res.items || []);
      var at = out.findIndex(function (n) { return n.classList && n.classList.contains("ts-findings"); });
      var counts = res.counts || {};
      var tally = el("p", "ts-tally", "已符合 " + (counts.done || 0) + " 项，未达到 " + (counts.missing || 0) +
        " 项，待回答 " + (counts.ask || 0) + " 项。");
      out.splice(at < 0 ? out.length : at, at < 0 ? 0 : 1, tally, checklist(res, tool));
      out.push(T.printBar());
    },
  };
})();
