/* 名额分配's link: mode, document, years, shares and settings, and the list as "name:teachers[:pilot or quotas]"
   entries, while it fits in a link (rollout.js keeps the page's rows; link.js writes the link). */
import { fitsUrl, URL_LIMIT, writeLink } from "./link.js";
import { renderGroups, renderYears } from "./rollout-tables.js";

export function blank(v) { return v == null || String(v).trim() === ""; }

/* Names in the link: "," ":" and "%" would end a field, so they are written as %2C %3A %25. */
function encName(s) { return String(s).replace(/%/g, "%25").replace(/,/g, "%2C").replace(/:/g, "%3A"); }
function decName(s) {
  return String(s).replace(/%2C/gi, ",").replace(/%3A/gi, ":").replace(/%25/g, "%");
}

/* The page's tables and settings from a link's (or what was remembered) parameters. */
export function loadLink(page, q) {
  var mode = q.get("mode") === "check" ? "check" : "plan";
  page.setMode(mode);
  if (q.get("profile")) page.setProfile(q.get("profile"));
  var plan = page.presetFor(page.profile.value, "plan");
  var years = blank(q.get("years")) ? [] : q.get("years").split(",");
  var shares = blank(q.get("shares")) ? [] : q.get("shares").split(",");
  if (!years.length && !shares.length && plan) {
    years = plan.years.slice();
    shares = plan.shares.slice();
    if (!q.has("pilot")) page.pilot.value = plan.pilot;
  }
  var n = Math.max(years.length, shares.length, 3);
  page.years = [];
  for (var j = 0; j < n; j++) page.years.push({ year: (years[j] || "").trim(), share: (shares[j] || "").trim() });
  if (q.has("pilot")) page.pilot.value = q.get("pilot");
  if (q.get("base")) page.base.value = q.get("base");
  if (q.get("tolerance")) page.tolerance.value = q.get("tolerance");
  page.rows = [];
  if (!blank(q.get("groups"))) {
    q.get("groups").split(",").forEach(function (entry) {
      if (blank(entry)) return;
      var f = entry.split(":");
      var row = page.newRow({ name: decName(f[0] || "").trim(), teachers: (f[1] || "").trim() });
      var rest = f.slice(2).join(":");
      if (mode === "check") {
        var vals = rest === "" ? [] : rest.split("/");
        if (page.pilotYear()) row.pilot = (vals.shift() || "").trim();
        row.cells = row.cells.map(function (_, k) { return (vals[k] || "").trim(); });
      } else {
        row.pilot = rest.trim();
      }
      page.rows.push(row);
    });
  } else {
    var p = page.presetFor(page.profile.value, mode);
    if (p && p.rows.length && (q.has("profile") || q.has("mode"))) page.fillRows(p);
  }
  while (page.rows.length < 3) page.rows.push(page.newRow());
  renderYears(page);
  renderGroups(page);
}

/* The link, and what is remembered: the same parameters, but remembered with the whole list however long. */
export function syncUrl(page) {
  var q = new URLSearchParams();
  var check = page.mode() === "check";
  q.set("mode", page.mode());
  q.set("profile", page.profile.value);
  var last = page.years.length;
  while (last > 0 && blank(page.years[last - 1].year) && blank(page.years[last - 1].share)) last--;
  var ys = page.years.slice(0, last);
  if (ys.length) {
    q.set("years", ys.map(function (y) { return y.year.trim(); }).join(","));
    q.set("shares", ys.map(function (y) { return y.share.trim(); }).join(","));
  }
  if (!blank(page.pilot.value)) q.set("pilot", page.pilot.value.trim());
  if (page.base.value) q.set("base", page.base.value);
  if (check && !blank(page.tolerance.value)) q.set("tolerance", page.tolerance.value.trim());
  var rows = page.rows.filter(function (r) { return !page.rowBlank(r); });
  var py = page.pilotYear();
  var groups = rows.map(function (r) {
    var f = [encName(r.name.trim()), r.teachers.trim()];
    if (check) {
      var vals = (py ? [r.pilot] : []).concat(r.cells.slice(0, last));
      if (vals.some(function (v) { return !blank(v); })) {
        f.push(vals.map(function (v) { return String(v).trim(); }).join("/"));
      }
    } else if (py && !blank(r.pilot)) {
      f.push(r.pilot.trim());
    }
    return f.join(":");
  }).join(",");
  page.linkShort = rows.length > page.maxUrlRows;
  if (rows.length && rows.length <= page.maxUrlRows) {
    q.set("groups", groups);
    page.linkNote.textContent = "链接已包含填写的内容，点“复制链接”或“显示二维码”即可分享。";
  } else if (rows.length) {
    page.linkNote.textContent = "名单共 " + rows.length + " 行，超过 " + page.maxUrlRows +
      " 行，链接会太长，页面地址中不再包含名单；请用“下载 Excel”保存结果。";
  } else {
    page.linkNote.textContent = "";
  }
  var s = q.toString();
  if (rows.length && q.has("groups") && !fitsUrl(s)) {
    q.delete("groups");
    s = q.toString();
    page.linkNote.textContent = "名单的链接会超过 " + URL_LIMIT + " 个字符，微信和部分浏览器打不开，页面地址中不再包含名单；" +
      "请勾选“在本机记住”，或用“下载 Excel”保存结果。";
  }
  writeLink(s);
  var all = new URLSearchParams(q);
  if (rows.length) all.set("groups", groups);
  page.memory.set(all.toString());
}
