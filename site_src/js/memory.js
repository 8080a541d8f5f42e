/* "Remember on this computer": one stored text per page, kept while its checkbox is ticked. */
export function Memory(key, checkbox) {
  this.key = key;
  this.checkbox = checkbox;
}

Memory.prototype.get = function () {
  try { return window.localStorage.getItem(this.key); } catch (err) { return null; }
};

Memory.prototype.set = function (text) {
  try {
    if (this.checkbox && this.checkbox.checked) window.localStorage.setItem(this.key, text);
    else window.localStorage.removeItem(this.key);
  } catch (err) { /* storage disabled (private mode): remembering is only a convenience */ }
};

Memory.prototype.forget = function () {
  try { window.localStorage.removeItem(this.key); } catch (err) { /* nothing stored */ }
  if (this.checkbox) this.checkbox.checked = false;
};

/* The parameters a page starts from: the link's; without any, what was remembered (`parse(text)` → params or
   null), which ticks the box. */
Memory.prototype.start = function (params, parse) {
  if (Array.from(params.keys()).length) return params;
  var text = this.get();
  var saved = text ? parse(text) : null;
  if (!saved) return params;
  if (this.checkbox) this.checkbox.checked = true;
  return saved;
};
