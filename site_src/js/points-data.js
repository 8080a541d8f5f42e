/* 能力点选择's data: the page's #points-data block (the documents' point rules, their catalogs and the vocabulary's
   words: environments, dimensions, rooms, statuses), the catalog a school uploaded for this session, and what the
   page says of a point (its code, its name or likely names, what is still to be checked). */
var CATALOG_KEY = "tisheng:catalog";
var SPLIT = /[,，、;；\s]+/;
/* Filled in place when the page starts (loadData()): the page data, and the words of data/vocabulary.yaml it holds. */
export var DATA = {};
export var ENVS = [];
export var DIMS = [];
export var ROOMS = [];
var ROOM_ALIASES = {};
var CONFIRMED = {};

export function loadData() {
  Object.assign(DATA, JSON.parse(document.getElementById("points-data").textContent));
  var v = DATA.vocabulary;
  ENVS.push.apply(ENVS, v.environments.map(function (e) { return [e.id, e.label, e.code]; }));
  DIMS.push.apply(DIMS, v.dimensions.map(function (d) { return [d.id, d.label]; }));
  DIMS.push([null, v.unknown.dimension]);
  ROOMS.push.apply(ROOMS, v.rooms.map(function (r) { return [r.id, r.label]; }));
  Object.assign(ROOM_ALIASES, v.room_aliases);  // folded: NFKC, no spaces, lower case (fold() below)
  Object.keys(v.statuses).forEach(function (s) { if (v.statuses[s].confirmed) CONFIRMED[s] = 1; });
}

function fold(text) { return String(text || "").normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }

/* The hidden `classrooms` field ("multimedia:3,智慧:1"; any name the vocabulary knows) → {room id: count}. */
export function roomCounts(text) {
  var values = {};
  String(text || "").split(SPLIT).forEach(function (part) {
    var kv = part.replace("：", ":").replace("=", ":").split(":");
    var kind = ROOM_ALIASES[fold(kv[0])];
    if (kind && kv.length === 2) values[kind] = kv[1];
  });
  return values;
}

function storage() {
  try { return window.sessionStorage; } catch (err) { return null; }
}

/* The catalog a school uploaded, kept for this session (every tool checks by it), or null. */
export function uploaded() {
  var s = storage();
  if (!s) return null;
  try {
    var cat = JSON.parse(s.getItem(CATALOG_KEY) || "null");
    return cat && Array.isArray(cat.points) ? cat : null;
  } catch (err) {
    return null;
  }
}

/* Keeps `catalog` for the session, or (null) goes back to the site's; throws where the browser keeps nothing. */
export function keepUploaded(catalog) {
  var s = storage();
  if (!catalog) {
    if (s) s.removeItem(CATALOG_KEY);
    return;
  }
  if (!s) throw new Error("no storage");
  s.setItem(CATALOG_KEY, JSON.stringify(catalog));
}

export function norm(code) {
  return String(code || "").normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

export function codes(text) {
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

export function checkText(point) {
  var parts = [];
  if (point.name == null) parts.push("名称未知");
  else if (!known(point, "name")) parts.push("名称待核对");
  if (point.dimension == null) parts.push(DATA.vocabulary.unknown.dimension);
  else if (!known(point, "dimension")) parts.push("维度待核对");
  return parts.join("、");
}

/* A point's name; an unknown name with its likely candidates offered as likely, never as fact. */
export function pointName(p) {
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

/* A catalog as the CSV a school fills in to upload its own: 编号、名称、环境、维度, safe to open in Excel. */
export function catalogCsv(cat) {
  var lines = [["编号", "名称", "环境", "维度"]];
  cat.points.forEach(function (p) {
    var dim = DIMS.filter(function (d) { return d[0] === (p.dimension || null); })[0];
    lines.push([p.code, p.name || "", envLabel(p.env), p.dimension ? dim[1] : ""]);
  });
  return "\ufeff" + lines.map(function (row) {
    return row.map(function (v) {
      v = String(v);
      if (/^[=+\-@\t\r＝＋－＠]/.test(v)) v = "'" + v; // a cell Excel would run as a formula
      return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
    }).join(",");
  }).join("\r\n") + "\r\n";
}
