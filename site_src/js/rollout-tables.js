/* 名额分配's two editable tables (rollout.js keeps their rows): the years with their shares, and the list of groups
   (in check mode with each year's quota), drawn from the page's rows with the editable table's cells (grid.js); a
   block pasted from Excel or WPS fills them from the cell it is pasted into. */
import { el } from "./dom.js";
import { cell, deleteCell, pastedRows } from "./grid.js";
import { sr } from "./rollout-result.js";

/* A cell of either table: data-grid and data-r (and data-c) say where it stands, for the page's input and paste. */
function gridCell(grid, r, spec) {
  var td = cell(spec);
  var input = td.querySelector("input");
  input.setAttribute("data-grid", grid);
  input.setAttribute("data-r", r);
  return td;
}

export function renderYears(page) {
  var body = page.yearsBody;
  body.replaceChildren();
  page.years.forEach(function (y, j) {
    var tr = el("tr");
    tr.appendChild(gridCell("years", j, { id: "y-" + j + "-year", key: "year", label: "第 " + (j + 1) + " 个推进年份",
      value: y.year, numeric: true, describedBy: "years-hint", error: true, placeholder: "如 2015" }));
    tr.appendChild(gridCell("years", j, { id: "y-" + j + "-share", key: "share", label: "第 " + (j + 1) + " 年的比例",
      value: y.share, numeric: true, describedBy: "years-hint", error: true, placeholder: "如 30%" }));
    tr.appendChild(deleteCell("删除第 " + (j + 1) + " 个年份" + (y.year ? "（" + y.year + "）" : ""),
      function () { page.removeYear(j); }));
    body.appendChild(tr);
  });
}

/* The list's columns: name, teachers (or schools), the pilot year's quota, and in check mode each year's. */
export function columns(page) {
  var noun = page.noun();
  var unit = noun === "学校" ? "所" : "人";
  var py = page.pilotYear();
  var cols = [{ key: "name", label: "名称", numeric: false },
    { key: "teachers", label: noun + "数（" + unit + "）", numeric: true }];
  if (py) {
    cols.push({ key: "pilot", numeric: true,
      label: page.mode() === "check" ? py + "年（试点）" : "试点名额（" + py + "年）" });
  }
  if (page.mode() === "check") {
    page.years.forEach(function (y, j) {
      cols.push({ key: "c" + j, numeric: true, label: (y.year || "第 " + (j + 1) + " 个年份") + (y.year ? "年" : "") });
    });
  }
  return cols;
}

export function renderGroups(page) {
  var cols = columns(page);
  page.cols = cols;
  var check = page.mode() === "check";
  page.root.querySelector("#groups-legend").textContent = check ? "要核对的任务表（各单位各年名额）" : "各单位名单";
  page.root.querySelectorAll("[data-mode-only]").forEach(function (n) {
    n.hidden = n.getAttribute("data-mode-only") !== page.mode();
  });
  page.root.querySelectorAll("[data-needs-pilot]").forEach(function (n) { n.hidden = !page.pilotYear(); });
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
  page.rows.forEach(function (row, i) {
    var tr = el("tr");
    var th = el("th", "ts-rownum", String(i + 1));
    th.scope = "row";
    tr.appendChild(th);
    cols.forEach(function (c, k) {
      var own = c.key === "name" || c.key === "teachers" || c.key === "pilot";
      var value = own ? row[c.key] : row.cells[+c.key.slice(1)];
      var td = gridCell("groups", i, { id: "g-" + i + "-" + c.key, key: c.key, label: "第 " + (i + 1) + " 行 " + c.label,
        value: value, numeric: c.numeric, error: true });
      td.querySelector("input").setAttribute("data-c", k);
      if (c.key === "name") td.className = "ts-name";
      tr.appendChild(td);
    });
    tr.appendChild(deleteCell("删除第 " + (i + 1) + " 行" + (row.name ? "（" + row.name + "）" : ""),
      function () { page.removeRow(i); }));
    body.appendChild(tr);
  });
  page.groupsTable.replaceChildren(thead, body);
}

/* A pasted number: "1,200" → "1200"; spaces trimmed. Anything else is left for the engine to judge. */
function cleanNumber(s) {
  var t = String(s).trim();
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
  return t;
}

/* A block copied from Excel or WPS (tab-separated cells, one line per row) fills the table from the cell it is
   pasted into, adding rows as needed. A first line without any number is taken as the header and skipped. */
export function paste(page, e) {
  var input = e.target;
  if (!input || !input.hasAttribute || !input.hasAttribute("data-grid")) return;
  var text = (e.clipboardData || window.clipboardData).getData("text");
  if (!text) return;
  var trimmed = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  if (trimmed.indexOf("\t") < 0 && trimmed.indexOf("\n") < 0) return; // one value: the browser pastes it
  e.preventDefault();
  var lines = pastedRows(trimmed);
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
  if (grid === "years") {
    var keys = ["year", "share"];
    var k0 = keys.indexOf(input.getAttribute("data-cell"));
    lines.forEach(function (cells, i) {
      while (page.years.length <= r0 + i) page.addYear();
      cells.forEach(function (v, k) {
        if (k0 + k >= keys.length) { ignored++; return; }
        page.years[r0 + i][keys[k0 + k]] = cleanNumber(v);
      });
    });
    renderYears(page);
  } else {
    var c0 = +input.getAttribute("data-c");
    var cols = page.cols;
    lines.forEach(function (cells, i) {
      while (page.rows.length <= r0 + i) page.rows.push(page.newRow());
      var row = page.rows[r0 + i];
      cells.forEach(function (v, k) {
        var col = cols[c0 + k];
        if (!col) { if (String(v).trim() !== "") ignored++; return; }
        if (col.key === "name") row.name = String(v).trim();
        else if (col.key === "teachers" || col.key === "pilot") row[col.key] = cleanNumber(v);
        else row.cells[+col.key.slice(1)] = cleanNumber(v);
      });
    });
  }
  renderGroups(page);
  var again = page.root.querySelector("#" + input.id);
  if (again) again.focus();
  page.root.querySelector("#paste-status").textContent = "已粘贴 " + lines.length + " 行" +
    (skipped ? "（第一行是列名，已跳过）" : "") + (ignored ? "；超出表格的 " + ignored + " 个格子未填入" : "") + "。";
  page.changed();
}
