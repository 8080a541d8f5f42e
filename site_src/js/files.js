/* Files and charts, shared by every page: one way to hand the user a file, one way to ask the engine for one
   (tisheng.api.export: the bytes come back transferred, never as base64), one ECharts loader. */
import { el, loadScript } from "./dom.js";
import { engine } from "./engine.js";

var FILE_TYPES = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv: "text/csv",
  html: "text/html", yaml: "text/yaml;charset=utf-8" };

export function download(bytes, filename) {
  var ext = String(filename).split(".").pop().toLowerCase();
  var url = URL.createObjectURL(new Blob([bytes], { type: FILE_TYPES[ext] || "application/octet-stream" }));
  var a = el("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
}

/* Resolves with the engine's answer, {ok: true, filename, …} (the file is saved) or {ok: false, errors}. */
export function exportFile(request, bytes) {
  return engine.call({ type: "export", request: request, bytes: bytes }, bytes ? [bytes] : []).then(function (reply) {
    if (reply.response.ok) download(reply.bytes, reply.response.filename);
    return reply.response;
  });
}

/* A button that saves an Excel file the engine makes from `request()` (null: nothing to export yet); `status`, an
   element with role=status, says how it went. */
export function exportButton(text, request, status) {
  var busy = false;
  var b = el("button", "md-button", text);
  b.type = "button";
  b.setAttribute("data-export", "xlsx");
  b.addEventListener("click", function () {
    var req = request();
    if (!req || busy) return;
    busy = true;
    status.textContent = "正在生成 Excel 文件……";
    exportFile(req).then(function (res) {
      status.textContent = res.ok ? "已下载 " + res.filename + "。" : "无法导出：" + messages(res.errors);
    }, function (err) {
      status.textContent = "导出失败：" + (err.message || err) + "。";
    }).then(function () { busy = false; });
  });
  return b;
}

/* The engine's errors as one line. */
export function messages(errors) {
  return (errors || []).map(function (e) { return typeof e === "string" ? e : e.message; }).join("；");
}

/* ECharts is loaded once, when the page's first chart is drawn; `failed()` runs if it cannot be. */
var echartsLoading = null;
export function withECharts(src, draw, failed) {
  if (window.echarts) return draw();
  if (!echartsLoading) {
    echartsLoading = loadScript(src);
    echartsLoading.catch(function () { echartsLoading = null; });
  }
  echartsLoading.then(draw, failed || function () { /* no chart: the table beside it says the same */ });
}
