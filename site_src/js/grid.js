/* The editable table, one for every page that has one (学时 records, the rollout page's years and list, the rules
   page's list rules): a row of cells, each a control with an id, a name a screen reader says and data-cell (its
   column's key), then a cell with the row's 删除 button; the values read back by key; a block pasted from Excel. */
import { el } from "./dom.js";

/* One cell: {id, key, label, value, control (default a text box), numeric, describedBy (ids), error (a box for its
   message, id + "-error"), aria (the label as aria-label, not a hidden <label>), placeholder}. */
export function cell(spec) {
  var td = el("td");
  var input = spec.control || el("input");
  if (!spec.control) {
    input.type = "text";
    input.autocomplete = "off";
  }
  input.id = spec.id;
  input.setAttribute("data-cell", spec.key);
  if (spec.numeric) input.inputMode = "decimal";
  if (spec.placeholder) input.placeholder = spec.placeholder;
  input.value = spec.value == null ? "" : String(spec.value);
  var described = spec.describedBy ? [spec.describedBy] : [];
  if (spec.aria) {
    input.setAttribute("aria-label", spec.label);
  } else {
    var label = el("label", "ts-sr-only", spec.label);
    label.htmlFor = spec.id;
    td.appendChild(label);
  }
  td.appendChild(input);
  if (spec.error) {
    var err = el("span", "ts-error ts-cell-error");
    err.id = spec.id + "-error";
    err.hidden = true;
    td.appendChild(err);
    described.push(err.id);
  }
  if (described.length) input.setAttribute("aria-describedby", described.join(" "));
  return td;
}

/* The last cell of a row: its 删除 button, named for a screen reader by what it deletes. */
export function deleteCell(label, remove) {
  var td = el("td");
  var del = el("button", "ts-link-button", "删除");
  del.type = "button";
  del.setAttribute("aria-label", label);
  del.addEventListener("click", remove);
  td.appendChild(del);
  return td;
}

/* A row of `cells` (specs for cell()) and its 删除 button: {label, remove}. */
export function row(cells, del) {
  var tr = el("tr");
  cells.forEach(function (spec) { tr.appendChild(cell(spec)); });
  tr.appendChild(deleteCell(del.label, del.remove));
  return tr;
}

/* A row's values by key, trimmed. */
export function rowValues(tr) {
  var out = {};
  tr.querySelectorAll("[data-cell]").forEach(function (c) { out[c.getAttribute("data-cell")] = c.value.trim(); });
  return out;
}

/* Excel and WPS copy a block as tab-separated cells, a line a row; a cell that holds a line break, a tab or a quote
   as "…" with "" for a quote: such a cell is one cell (its line breaks become spaces), not two rows. */
export function pastedRows(text) {
  var rows = [[]];
  var value = "";
  for (var i = 0; i < text.length; i++) {
    var ch = text[i];
    if (ch === '"' && value === "") {
      var end = i + 1;
      var quoted = "";
      while (end < text.length) {
        if (text[end] === '"' && text[end + 1] === '"') { quoted += '"'; end += 2; }
        else if (text[end] === '"') break;
        else quoted += text[end++];
      }
      var next = text[end + 1];
      if (end < text.length && (next === undefined || next === "\t" || next === "\n")) {
        value = quoted.replace(/\s*\n\s*/g, " ");
        i = end;
        continue;
      }
    }
    if (ch === "\t") { rows[rows.length - 1].push(value); value = ""; }
    else if (ch === "\n") { rows[rows.length - 1].push(value); rows.push([]); value = ""; }
    else value += ch;
  }
  rows[rows.length - 1].push(value);
  return rows;
}
