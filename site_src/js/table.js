/* A staff list's rows in columns, for the trip from the worker to the page and back. A province's answer is 646,200
   rows (the table and the sign-off sheets); as arrays of cells it was millions of small objects for the page to take
   in, and the garbage collections they caused made the page's longest tasks. As columns it is a few typed arrays
   (transferred, not copied) and a few long strings. Imported by the staff-list pages and by the worker.

   A packed table: {packed: 1, start, length, width, columns}: rows start … start + length - 1 of the columns, which
   several tables may share (each school's sign-off rows are a stretch of one table). A column is one of
     {kind: "words", words: [...], codes: Uint16Array}  few distinct values (a status, a school, a score): codes
     {kind: "number", values: Int32Array | Float64Array}  numbers (row numbers); in a Float64Array null is NaN (JSON,
                                                      where the rows come from, has no NaN)
     {kind: "text", text: "...", ends: Uint32Array}   many distinct strings (names), laid end to end
     {kind: "list", values: [...]}                  anything else, as it was */

var MAX_WORDS = 65535;
var MAX_TEXT = 1 << 28; // a string in V8 holds at most 2^29 characters

function packColumn(rows, c) {
  var n = rows.length;
  var numbers = true, whole = true, strings = true, chars = 0;
  var index = new Map(), words = [], codes = new Uint16Array(n);
  for (var i = 0; i < n; i++) {
    var v = rows[i][c];
    var t = typeof v;
    if (v !== null && t === "object") return { kind: "list", values: column(rows, c) };
    if (t === "number") whole = whole && (v | 0) === v && !Object.is(v, -0);
    else if (v === null) whole = false;
    else numbers = whole = false;
    if (t === "string") chars += v.length;
    else strings = false;
    if (words) {
      var code = index.get(v);
      if (code === undefined) {
        if (words.length === MAX_WORDS) words = index = null;
        else index.set(v, (code = words.push(v) - 1));
      }
      if (words) codes[i] = code;
    }
  }
  if (words && words.length <= n / 2) return { kind: "words", words: words, codes: codes };
  if (numbers) {
    var values = whole ? new Int32Array(n) : new Float64Array(n);
    for (var j = 0; j < n; j++) values[j] = rows[j][c] === null ? NaN : rows[j][c];
    return { kind: "number", values: values };
  }
  if (strings && chars <= MAX_TEXT) {
    var ends = new Uint32Array(n), at = 0, parts = new Array(n);
    for (var k = 0; k < n; k++) {
      parts[k] = rows[k][c];
      at += parts[k].length;
      ends[k] = at;
    }
    return { kind: "text", text: parts.join(""), ends: ends };
  }
  return { kind: "list", values: column(rows, c) };
}

function column(rows, c) {
  var out = new Array(rows.length);
  for (var i = 0; i < rows.length; i++) out[i] = rows[i][c];
  return out;
}

/* rows → a packed table, or null when they are not a non-empty list of equally long rows (they are then sent as
   they are). */
export function pack(rows) {
  if (!Array.isArray(rows) || !rows.length || !Array.isArray(rows[0])) return null;
  var width = rows[0].length;
  for (var i = 0; i < rows.length; i++) if (!Array.isArray(rows[i]) || rows[i].length !== width) return null;
  var columns = [];
  for (var c = 0; c < width; c++) columns.push(packColumn(rows, c));
  return { packed: 1, start: 0, length: rows.length, width: width, columns: columns };
}

/* Several lists packed as one: a packed table for each, all sharing the columns (a message carries them once), or
   null as pack() says for the lists laid end to end. */
export function packTogether(lists) {
  var rows = [];
  lists.forEach(function (list) { for (var i = 0; i < list.length; i++) rows.push(list[i]); });
  var all = pack(rows);
  if (!all) return null;
  var start = 0;
  return lists.map(function (list) {
    var part = { packed: 1, start: start, length: list.length, width: all.width, columns: all.columns };
    start += list.length;
    return part;
  });
}

function isPacked(x) {
  return !!x && x.packed === 1 && Array.isArray(x.columns);
}

function cellAt(table, i, c) {
  var col = table.columns[c];
  i += table.start;
  switch (col.kind) {
    case "number": var v = col.values[i]; return v !== v ? null : v; // NaN is null
    case "words": return col.words[col.codes[i]];
    case "text": return col.text.slice(i ? col.ends[i - 1] : 0, col.ends[i]);
    default: return col.values[i];
  }
}

function rowAt(table, i) {
  var out = new Array(table.width);
  for (var c = 0; c < table.width; c++) out[c] = cellAt(table, i, c);
  return out;
}

export function unpack(table) {
  if (!isPacked(table)) return table;
  var out = new Array(table.length);
  for (var i = 0; i < table.length; i++) out[i] = rowAt(table, i);
  return out;
}

/* One way to read either form: {length, cell(i, c), row(i), column(c), select(c, keep)}. column(c) may be a typed
   array (read it, do not change it); select(c, keep) is the places, in order, of the rows whose cell in column c
   keep(value) accepts, as a Uint32Array (keep is asked once per distinct value of a column of few). */
export function view(rows) {
  var packed = isPacked(rows);
  if (!packed) rows = rows || [];
  var get = packed ? function (i, c) { return cellAt(rows, i, c); } : function (i, c) { return rows[i][c]; };
  return {
    length: rows.length,
    cell: get,
    row: packed ? function (i) { return rowAt(rows, i); } : function (i) { return rows[i]; },
    column: function (c) {
      var col = packed && rows.columns[c];
      if (col && col.kind === "number" && col.values instanceof Int32Array) {
        return col.values.subarray(rows.start, rows.start + rows.length);
      }
      var out = new Array(rows.length);
      for (var i = 0; i < rows.length; i++) out[i] = get(i, c);
      return out;
    },
    select: function (c, keep) {
      var n = rows.length, out = new Uint32Array(n), m = 0, i;
      var col = packed && rows.columns[c];
      if (col && col.kind === "words") {
        var kept = col.words.map(function (w) { return !!keep(w); });
        var codes = col.codes.subarray(rows.start, rows.start + n);
        for (i = 0; i < n; i++) if (kept[codes[i]]) out[m++] = i;
      } else {
        for (i = 0; i < n; i++) if (keep(get(i, c))) out[m++] = i;
      }
      return out.slice(0, m);
    },
  };
}

/* The typed arrays' buffers, to transfer with the message that carries the table. */
export function buffers(table) {
  var out = [];
  table.columns.forEach(function (col) {
    [col.kind === "number" && col.values, col.codes, col.ends].forEach(function (a) { if (a) out.push(a.buffer); });
  });
  return out;
}
