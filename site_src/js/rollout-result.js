/* 名额分配's answer (rollout.js): the quota table with its totals and deviations, a stacked bar chart, the findings
   and notes, the table the shares would give, the XLSX download. Text from data or from the user is set with
   textContent. */
import { el, thead, today } from "./dom.js";
import { exportButton, withECharts } from "./files.js";

var MAX_SERIES = 12;

function num(v) {
  if (typeof v !== "number") return String(v == null ? "" : v);
  var r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}
function signed(v) {
  var r = Math.round(v * 100) / 100;
  if (r === 0) return "0";
  return (r > 0 ? "+" : "−") + String(Math.abs(r));
}
export function sr(text) { return el("span", "ts-sr-only", text); }

/* A good answer on the page: the verdict, the quota table, the chart, the findings and notes; in check mode the
   table the shares give, when the one checked does not hold. */
export function drawAnswer(page, res) {
  var check = res.mode === "check";
  var pass = res.status === "pass";
  var verdict = check ? (pass ? "✔ 任务表与所述比例一致" : "✘ 任务表与所述比例不一致") :
    (pass ? "✔ 名额已排好：每行、每年的合计都对得上" : "✘ 按所选基数，各年达不到所述比例");
  var out = [printHead(res, check), el("p", "ts-verdict ts-verdict--" + res.status, verdict)];
  if (res.summary) out.push(el("p", "ts-summary", res.summary));
  out.push(tableActions(page));
  out.push(quotaTable(res, res.quotas, res.year_totals, res.deviations, unmetYears(res),
    check ? "核对的任务表：各年合计与比例目标之差" : "各单位各年名额", "quota-table"));
  var figure = chartFigure(res);
  out.push(figure);
  out.push(el("h3", null, "逐项结果"));
  out.push(items(page, "ul", "ts-findings", res.findings || [], function (f) {
    var li = el("li", "ts-finding ts-finding--" + (f.met ? "met" : "unmet"));
    li.setAttribute("data-rule", f.rule);
    li.appendChild(el("span", "ts-mark", f.met ? "✔ 符合：" : "✘ 不符合："));
    li.appendChild(el("span", "ts-message", f.message));
    return li;
  }));
  if ((res.notes || []).length) {
    out.push(el("h3", null, "说明"));
    out.push(items(page, "ul", "ts-notes", res.notes, function (n) { return el("li", "ts-note", n.message); }));
  }
  if (check && res.suggested && !pass) out.push(suggested(res));
  page.result.setAttribute("data-mode", res.mode);
  page.result.replaceChildren.apply(page.result, out);
  page.markSettled(res.status);
  page.live.set(verdict + (res.summary ? "：" + res.summary : ""), res.status);
  drawChart(page, figure.firstChild, res);
}

// Printed, the table is a 任务表 an office hands out: its title, who issues it and the date head the page.
function printHead(res, check) {
  var head = el("div", "ts-print-only ts-print-head");
  head.appendChild(el("h2", null, (check ? "任务表核对结果" : "提升工程培训任务表（按比例分配名额）")));
  head.appendChild(el("p", null, (res.profile_title ? "依据：《" + res.profile_title + "》　" : "") +
    "制表单位：＿＿＿＿＿＿＿＿　日期：" + today()));
  return head;
}

/* The years whose share is not met, marked in the table. */
function unmetYears(res) {
  var unmet = {};
  (res.findings || []).forEach(function (f) {
    var m = /^rollout\.shares\.(\d{4})$/.exec(f.rule);
    if (m && !f.met) unmet[m[1]] = true;
  });
  return unmet;
}

// The chart's text alternative is on the wrapper; ECharts' own generated description is switched off.
function chartFigure(res) {
  var figure = el("div", "ts-rollout-chart");
  var chart = el("div", "ts-chart");
  chart.setAttribute("aria-hidden", "true");
  figure.appendChild(chart);
  figure.setAttribute("role", "img");
  var cols = Object.keys(res.year_totals);
  figure.setAttribute("aria-label", "堆叠柱状图：各年名额，按单位分色堆叠。" + cols.map(function (y) {
    return y + "年" + (y === res.pilot_year ? "（试点）" : "") + "合计 " + res.year_totals[y] + " " + res.base.unit +
      (res.deviations[y] ? "，比例目标 " + num(res.deviations[y].target) : "");
  }).join("；") + "。各单位的数字见上表。");
  return figure;
}

/* A list of findings or notes, each with its citation where it has a document to cite. */
function items(page, tag, cls, entries, item) {
  var list = el(tag, cls);
  entries.forEach(function (x) {
    var li = item(x);
    if (x.source && (x.source.doc || x.source.quote)) li.appendChild(page.citation(x.source, x.inherited_from));
    list.appendChild(li);
  });
  return list;
}

/* In check mode, when the table does not hold: the same groups split exactly by the shares, folded. */
function suggested(res) {
  var det = el("details", "ts-suggested");
  det.appendChild(el("summary", null, "按所述比例重排的任务表（供参考）"));
  var base = res.base.value;
  var devs = {};
  Object.keys(res.deviations).forEach(function (y) {
    var d = res.suggested_year_totals[y] - res.deviations[y].target;
    devs[y] = { target: res.deviations[y].target, difference: d,
      percentage_points: base ? Math.round(d / base * 10000) / 100 : 0 };
  });
  var rows = res.suggested.map(function (s, i) {
    return { name: s.name, by_year: s.by_year, teachers: res.quotas[i].teachers };
  });
  det.appendChild(quotaTable(res, rows, res.suggested_year_totals, devs, {}, "按比例重排后的各年名额",
    "suggested-table"));
  return det;
}

/* Rows with their year cells and row totals; then 合计, 比例目标, 差额 and 百分点 rows. Deviations beyond the
   allowed error are marked with ✘ and colour, and said in words for screen readers. */
function quotaTable(res, quotas, totals, devs, unmet, caption, id) {
  var unit = res.base.unit;
  var cols = Object.keys(totals);
  var noun = unit === "所" ? "学校数" : "教师数";
  var wrap = el("div", "ts-table-wrap");
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", caption);
  wrap.tabIndex = 0;
  var table = el("table", "ts-table ts-quota");
  table.id = id;
  table.appendChild(el("caption", null, caption + "（单位：" + unit + "）"));
  table.appendChild(thead(["名称", noun].concat(cols.map(function (y) {
    return y + "年" + (y === res.pilot_year ? "（试点）" : "");
  })).concat(["各年合计"])));
  var body = el("tbody");
  quotas.forEach(function (q) { body.appendChild(quotaRow(q, cols, noun)); });
  table.appendChild(body);
  table.appendChild(quotaFoot(quotas, cols, totals, devs, unmet));
  wrap.appendChild(table);
  return wrap;
}

/* One group's row: its years and their total, marked where the total is not its teacher count. */
function quotaRow(q, cols, noun) {
  var tr = el("tr");
  tr.setAttribute("data-name", q.name);
  var th = el("th", null, q.name);
  th.scope = "row";
  tr.appendChild(th);
  tr.appendChild(el("td", "ts-num", num(q.teachers)));
  var sum = 0;
  cols.forEach(function (y) {
    var v = q.by_year[y] || 0;
    sum += v;
    var td = el("td", "ts-num", String(v));
    td.setAttribute("data-year", y);
    tr.appendChild(td);
  });
  var tot = el("td", "ts-num ts-rowtotal", String(sum));
  if (sum !== q.teachers) {
    tr.className = "ts-off-row";
    tot.className += " ts-off";
    tot.textContent = sum + " ✘";
    tot.appendChild(sr("（与" + noun + " " + q.teachers + " 不符，" + (sum > q.teachers ? "多 " : "少 ") +
      Math.abs(sum - q.teachers) + "）"));
  }
  tr.appendChild(tot);
  return tr;
}

function quotaFoot(quotas, cols, totals, devs, unmet) {
  var foot = el("tfoot");
  var teachers = quotas.reduce(function (a, q) { return a + q.teachers; }, 0);
  var grand = cols.reduce(function (a, y) { return a + totals[y]; }, 0);
  var rows = [
    ["合计", "ts-total", String(teachers), function (y) { return String(totals[y]); }, String(grand)],
    ["比例目标", "ts-target", "", function (y) { return devs[y] ? num(devs[y].target) : "—"; }, ""],
    ["差额（合计−目标）", "ts-diff", "", function (y) { return devs[y] ? signed(devs[y].difference) : "—"; }, ""],
    ["偏差（百分点）", "ts-pp", "", function (y) { return devs[y] ? signed(devs[y].percentage_points) : "—"; }, ""],
  ];
  rows.forEach(function (spec) {
    var tr = el("tr", spec[1]);
    var th = el("th", null, spec[0]);
    th.scope = "row";
    tr.appendChild(th);
    tr.appendChild(el("td", "ts-num", spec[2]));
    cols.forEach(function (y) {
      var td = el("td", "ts-num", spec[3](y));
      td.setAttribute("data-year", y);
      if (unmet[y] && spec[1] !== "ts-total") {
        td.className += " ts-off";
        if (spec[1] === "ts-diff") {
          td.textContent += " ✘";
          td.appendChild(sr("（超出允许误差）"));
        }
      }
      tr.appendChild(td);
    });
    tr.appendChild(el("td", "ts-num", spec[4]));
    foot.appendChild(tr);
  });
  return foot;
}

/* The quota table as an Excel file, and the page printed. */
function tableActions(page) {
  var box = el("p", "ts-downloads");
  var status = el("span", "ts-hint");
  status.setAttribute("role", "status");
  box.appendChild(exportButton("下载 Excel（.xlsx）", function () {
    return { export: "rollout", request: page.built.request };
  }, status));
  var p = el("button", "md-button", "打印");
  p.type = "button";
  p.addEventListener("click", function () { window.print(); });
  box.appendChild(p);
  box.appendChild(status);
  return box;
}

/* Stacked bars: one bar per year, one colour per group (the largest groups; the rest together as 其他), and the
   year's target as a marker. */
function stackSeries(res) {
  var cols = Object.keys(res.year_totals);
  var groups = res.quotas.slice();
  var order = groups.map(function (q, i) { return i; });
  if (groups.length > MAX_SERIES) {
    order.sort(function (a, b) { return groups[b].teachers - groups[a].teachers || a - b; });
  }
  var shown = order.slice(0, groups.length > MAX_SERIES ? MAX_SERIES - 1 : groups.length).sort(function (a, b) { return a - b; });
  var series = shown.map(function (i) {
    return { name: groups[i].name, type: "bar", stack: "q", data: cols.map(function (y) { return groups[i].by_year[y] || 0; }) };
  });
  if (groups.length > MAX_SERIES) {
    var rest = order.slice(MAX_SERIES - 1);
    series.push({ name: "其他 " + rest.length + " 个单位", type: "bar", stack: "q", itemStyle: { color: "#b1b4b6" },
      data: cols.map(function (y) { return rest.reduce(function (a, i) { return a + (groups[i].by_year[y] || 0); }, 0); }) });
  }
  series.push({ name: "比例目标", type: "line", symbol: "diamond", symbolSize: 12, lineStyle: { opacity: 0 },
    itemStyle: { color: "#0b0c0c" }, z: 10,
    data: cols.map(function (y) { return res.deviations[y] ? res.deviations[y].target : null; }) });
  return series;
}

/* ECharts (SVG renderer) is loaded when the first chart is drawn (files.js). */
function drawChart(page, node, res) {
  var labels = Object.keys(res.year_totals).map(function (y) { return y + "年" + (y === res.pilot_year ? "（试点）" : ""); });
  var series = stackSeries(res);
  node.style.height = Math.max(320, 260 + Math.ceil(series.length / 4) * 24) + "px";
  function draw() {
    if (!node.isConnected) return;
    var c = window.echarts.init(node, null, { renderer: "svg" });
    page.chart = c;
    c.setOption({
      aria: { enabled: false },
      animation: false,
      title: { text: "各年名额（" + res.base.unit + "）", left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 56, right: 16, top: 40, bottom: 24 + Math.ceil(series.length / 4) * 24, containLabel: false },
      xAxis: { type: "category", data: labels },
      yAxis: { type: "value", minInterval: 1 },
      series: series,
    });
    node.parentNode.setAttribute("data-drawn", "true");
  }
  withECharts(page.root.getAttribute("data-echarts"), draw,
    function () { node.replaceChildren(el("p", "ts-hint", "图表无法加载；数字见上表。")); });
}