/* 名额分配's request (rollout.js keeps the page's rows) and, for each error the engine names, the cell it is about. */
import { blank } from "./rollout-link.js";

/* The request the page sends, with maps from the engine's field indexes back to the rows on the page. */
export function build(page) {
  var check = page.mode() === "check";
  var input = { mode: page.mode() };
  var yearMap = [];
  var years = [];
  var shares = [];
  page.years.forEach(function (y, j) {
    if (blank(y.year) && blank(y.share)) return;
    yearMap.push(j);
    years.push(y.year.trim());
    shares.push(y.share.trim());
  });
  var py = page.pilotYear();
  var rowMap = [];
  var list = [];
  page.rows.forEach(function (r, i) {
    if (page.rowBlank(r)) return;
    rowMap.push(i);
    var item = { name: r.name.trim(), teachers: r.teachers.trim() };
    if (check) {
      item.by_year = {};
      if (py) item.by_year[py] = r.pilot.trim();
      page.years.forEach(function (y, j) {
        if (!blank(y.year) && !(y.year.trim() in item.by_year)) item.by_year[y.year.trim()] = (r.cells[j] || "").trim();
      });
    } else if (py && !blank(r.pilot)) {
      item.pilot = r.pilot.trim();
    }
    list.push(item);
  });
  var anything = years.length || list.length || py;
  if (!anything) return null;
  if (years.length) {
    input.years = years;
    input.shares = shares;
  }
  if (py) input.pilot_year = py;
  if (page.base.value) input.share_base = page.base.value;
  if (check && !blank(page.tolerance.value)) input.tolerance = page.tolerance.value.trim();
  if (list.length) input[check ? "table" : "groups"] = list;
  return {
    request: { tool: "rollout", profile: page.profile.value, input: input },
    yearMap: yearMap, rowMap: rowMap, empty: !list.length,
  };
}

/* The control an engine error belongs to, and the box beside it for the message. */
export function cellFor(page, field, built) {
  var f = String(field || "");
  var $ = page.root.querySelector.bind(page.root);
  var m;
  var box = function (control, err) { return control ? { control: control, box: err || $("#" + control.id + "-error") } : null; };
  if (f === "profile") return box($("#profile"));
  if (f === "input.mode") return box($("#mode-plan"), $("#mode-error"));
  if (f === "input.pilot_year") return box(page.pilot);
  if (f === "input.share_base") return box(page.base);
  if (f === "input.tolerance") return box(page.tolerance);
  if (f === "input.years" || f === "input.shares" || /^input\.shares\.[^[]/.test(f)) {
    return box($(f === "input.years" ? "#y-0-year" : "#y-0-share"), $("#years-error"));
  }
  if ((m = /^input\.(years|shares)\[(\d+)\]$/.exec(f))) {
    var j = built.yearMap[+m[2]];
    return box($("#y-" + j + "-" + (m[1] === "years" ? "year" : "share")));
  }
  if (f === "input.groups" || f === "input.table") return box($("#g-0-name"), $("#groups-error"));
  if ((m = /^input\.(?:groups|table)\[(\d+)\](?:\.(name|teachers|pilot|by_year)(?:\.(.+))?)?$/.exec(f))) {
    var i = built.rowMap[+m[1]];
    var key = m[2] || "name";
    if (key === "by_year") {
      key = "name";
      if (m[3] && m[3] === page.pilotYear()) key = "pilot";
      else if (m[3]) {
        for (var k = 0; k < page.years.length; k++) {
          if (page.years[k].year.trim() === m[3]) { key = "c" + k; break; }
        }
      }
    }
    return box($("#g-" + i + "-" + key) || $("#g-" + i + "-name"));
  }
  return null;
}
