/* The staff-list pages' distribution chart: stacked bars in plain SVG, drawn in the page's own units (its text is the
   page's size on a phone as on a desktop). A dozen bars need no chart library: ECharts took a tenth of a second of
   the page's thread to load and draw, in one piece, just when the results appear. The container's aria-label says
   what the chart shows; each bar's <title> gives its counts on hover. */

var NS = "http://www.w3.org/2000/svg";

function node(tag, attrs, text) {
  var n = document.createElementNS(NS, tag);
  Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, String(attrs[k])); });
  if (text != null) n.textContent = text;
  return n;
}

/* Round numbers for the count axis: 1, 2 or 5 times a power of ten, about five steps to the top. */
function ticks(top) {
  if (top <= 0) return [0, 1];
  var raw = top / 5;
  var power = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
  var step = [1, 2, 5, 10].map(function (m) { return m * power; }).filter(function (s) { return s >= raw; })[0];
  step = Math.max(1, step);
  var out = [];
  for (var v = 0; v < top + step; v += step) out.push(v);
  return out;
}

/* chart: {title, categories, unit, x_name}, series: [{name, data, color}]; width: the container's, in CSS px. */
function draw(box, chart, series, width, height) {
  var left = 48, right = 12, top = 32, bottom = 58;
  var plotW = Math.max(40, width - left - right), plotH = Math.max(40, height - top - bottom);
  var n = chart.categories.length;
  var totals = chart.categories.map(function (_, i) {
    return series.reduce(function (sum, s) { return sum + (s.data[i] || 0); }, 0);
  });
  var axis = ticks(Math.max.apply(null, totals.concat([0])));
  var max = axis[axis.length - 1];
  var y = function (v) { return top + plotH - (v / max) * plotH; };
  var svg = node("svg", { width: "100%", height: "100%", viewBox: "0 0 " + width + " " + height, "aria-hidden": "true",
    focusable: "false", "font-size": 12, "font-family": "inherit" });
  svg.appendChild(node("text", { x: width / 2, y: 18, "text-anchor": "middle", "font-size": 14, "font-weight": 700,
    fill: "currentColor" }, chart.title));
  axis.forEach(function (v) {
    svg.appendChild(node("line", { x1: left, x2: left + plotW, y1: y(v), y2: y(v), stroke: "currentColor",
      "stroke-opacity": v ? 0.15 : 0.6 }));
    svg.appendChild(node("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", fill: "currentColor" }, String(v)));
  });
  svg.appendChild(node("text", { x: 4, y: top - 10, fill: "currentColor" }, "人数"));
  var slot = plotW / n, bar = Math.max(2, slot * 0.6);
  var every = Math.max(1, Math.ceil(n * 44 / plotW)); // leave labels out rather than let them overlap
  chart.categories.forEach(function (cat, i) {
    var x = left + i * slot + (slot - bar) / 2;
    var group = node("g");
    group.appendChild(node("title", null, cat + (chart.unit == null ? " 学时" : chart.unit) + "：" +
      series.map(function (s) { return s.name + " " + (s.data[i] || 0) + " 人"; }).join("，")));
    var base = 0;
    series.forEach(function (s) {
      var v = s.data[i] || 0;
      if (!v) return;
      group.appendChild(node("rect", { x: x, width: bar, y: y(base + v), height: y(base) - y(base + v), fill: s.color }));
      base += v;
    });
    svg.appendChild(group);
    if (i % every === 0) {
      svg.appendChild(node("text", { x: x + bar / 2, y: top + plotH + 16, "text-anchor": "middle",
        fill: "currentColor" }, cat));
    }
  });
  svg.appendChild(node("text", { x: left + plotW / 2, y: top + plotH + 34, "text-anchor": "middle",
    fill: "currentColor" }, chart.x_name || "学时"));
  var lx = left;
  series.forEach(function (s) {
    svg.appendChild(node("rect", { x: lx, y: height - 14, width: 12, height: 12, fill: s.color }));
    svg.appendChild(node("text", { x: lx + 16, y: height - 4, fill: "currentColor" }, s.name));
    lx += 28 + 13 * s.name.length;
  });
  box.replaceChildren(svg);
}

/* Drawn after the next frame, when the page's layout is done and reading the box's size costs nothing; drawn again
   when the window changes size (the latest chart only). In print the drawing scales to the printed box.
   `done()` is called once the first drawing is on the page. */
var current = null;
var pending = false;

function later(then) {
  if (pending) return;
  pending = true;
  requestAnimationFrame(function () {
    setTimeout(function () {
      pending = false;
      var c = current;
      if (!c || !c.box.isConnected) return;
      draw(c.box, c.chart, c.series, Math.round(c.box.clientWidth) || 600, Math.round(c.box.clientHeight) || 320);
      if (then) then();
    }, 0);
  });
}

export function bars(box, chart, series, done) {
  current = { box: box, chart: chart, series: series };
  pending = false;
  later(done);
}
window.addEventListener("resize", function () { later(); });
