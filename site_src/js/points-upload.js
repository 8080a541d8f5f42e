/* 能力点选择's catalog upload: a province's list of ability points, read by the engine (tisheng.api's catalog upload)
   and kept for this session (points-data.js), with its own error summary; and the national catalog as a template. */
import { el } from "./dom.js";
import { engine } from "./engine.js";
import { download } from "./files.js";
import { catalogCsv, DATA, keepUploaded } from "./points-data.js";

/* `page` (points.js) hears of a new catalog through catalogChanged(), and names its document through profile(). */
export function CatalogUpload(page) {
  var self = this;
  this.page = page;
  this.q = page.q.bind(page);
  this.input = this.q("#catalog-file");
  this.q("[data-catalog-reset]").addEventListener("click", function () { self.reset(); });
  this.q("[data-catalog-template]").addEventListener("click", function () { self.template(); });
  this.q("#catalog-form").addEventListener("submit", function (e) {
    e.preventDefault();
    self.upload(true);
  });
  this.input.addEventListener("change", function () { self.upload(false); });
}

CatalogUpload.prototype.errors = function (errors, focus) {
  var box = this.q("#upload-summary");
  var list = box.querySelector("ul");
  list.replaceChildren();
  errors.slice(0, 100).forEach(function (e) {
    var li = el("li");
    var a = el("a", null, e.message);
    a.href = "#catalog-file";
    li.appendChild(a);
    list.appendChild(li);
  });
  if (errors.length > 100) list.appendChild(el("li", null, "……还有 " + (errors.length - 100) + " 处问题未列出。"));
  box.hidden = false;
  var rows = errors.map(function (e) { return e.row; }).filter(function (r, i, all) {
    return r != null && all.indexOf(r) === i;
  });
  var inline = this.q("#catalog-file-error");
  inline.textContent = rows.length ? "共 " + errors.length + " 处问题，在第 " + rows.join("、") +
    " 行。请改正后重新上传；在改正之前，仍使用原来的目录。" : errors[0].message;
  inline.hidden = false;
  this.input.setAttribute("aria-invalid", "true");
  this.q("#catalog-status").textContent = "";
  this.input.setAttribute("data-upload", "error");
  if (focus) box.focus();
};

CatalogUpload.prototype.clearErrors = function () {
  this.q("#upload-summary").hidden = true;
  this.q("#catalog-file-error").hidden = true;
  this.input.removeAttribute("aria-invalid");
};

CatalogUpload.prototype.upload = function (focus) {
  var self = this;
  var input = this.input;
  var file = input.files[0];
  if (!file) return this.errors([{ row: null, message: "请先选择能力点目录文件（.csv 或 .xlsx）。" }], focus);
  this.clearErrors();
  input.setAttribute("data-upload", "pending"); // tests wait for "ok" or "error"
  this.q("#catalog-status").textContent = engine.ready ? "正在读取 " + file.name + " ……" :
    "正在加载计算引擎并读取 " + file.name + "，首次打开需要几秒钟……";
  file.arrayBuffer().then(function (buf) {
    return engine.call({ type: "upload_catalog", filename: file.name, bytes: buf }, [buf]);
  }).then(function (reply) {
    var res = reply.response;
    if (!res.ok) return self.errors(res.errors || [], focus);
    try {
      keepUploaded(res.catalog);
    } catch (err) {
      return self.errors([{ row: null, message: "浏览器不允许保存本次会话的数据（可能是隐私模式），无法使用上传的目录。" }], focus);
    }
    self.q("#catalog-status").textContent = "已使用上传的目录《" + res.catalog.title + "》，共 " +
      res.catalog.points.length + " 项。本次浏览期间各工具都按它检查。" + (res.warnings || []).join("");
    input.setAttribute("data-upload", "ok");
    self.page.catalogChanged();
  }, function (err) {
    self.errors([{ row: null, message: "读取失败：" + (err.message || err) }], focus);
  });
};

CatalogUpload.prototype.reset = function () {
  keepUploaded(null);
  this.clearErrors();
  this.input.value = "";
  this.q("#catalog-status").textContent = "已恢复为国家目录。";
  this.page.catalogChanged();
};

/* Always a catalog the site ships (never the school's upload), whatever policy is selected. */
CatalogUpload.prototype.template = function () {
  var cat = DATA.catalogs[(this.page.profile() || {}).catalog] || DATA.catalogs["national-2019"] ||
    DATA.catalogs[Object.keys(DATA.catalogs)[0]] || { points: [] };
  download(new TextEncoder().encode(catalogCsv(cat)), "能力点目录模板.csv");
};
