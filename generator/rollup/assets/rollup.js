// The roll-up's hospital table: sort by a column, filter by text,
// district and level; no server, works from file://.
(function () {
  "use strict";
  var table = document.getElementById("hospitals");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var q = document.getElementById("f-q");
  var district = document.getElementById("f-district");
  var level = document.getElementById("f-level");
  var count = document.getElementById("f-count");

  function value(row, i, num) {
    var cell = row.cells[i];
    if (num) {
      var v = cell.getAttribute("data-v");
      return parseFloat(v === null ? cell.textContent : v) || 0;
    }
    return cell.textContent.trim();
  }

  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, i) {
    var button = th.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var num = button.getAttribute("data-sort") === "num";
      var dir = th.getAttribute("aria-sort") === "descending" ? "ascending" :
        (th.getAttribute("aria-sort") === "ascending" ? "descending" : (num ? "descending" : "ascending"));
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir);
      var sign = dir === "ascending" ? 1 : -1;
      rows.sort(function (a, b) {
        var x = value(a, i, num), y = value(b, i, num);
        if (num) { return sign * (x - y); }
        return sign * x.localeCompare(y, document.documentElement.lang);
      });
      var frag = document.createDocumentFragment();
      rows.forEach(function (r) { frag.appendChild(r); });
      body.appendChild(frag);
    });
  });

  function filter() {
    var text = q.value.trim().toLowerCase();
    var d = district.value, l = level.value, shown = 0;
    rows.forEach(function (r) {
      var ok = (!d || r.getAttribute("data-district") === d) &&
        (!l || r.getAttribute("data-level") === l) &&
        (!text || r.cells[0].textContent.toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = count.getAttribute("data-format")
      .replace("%d", shown).replace("%d", count.getAttribute("data-total"));
  }
  [q, district, level].forEach(function (el) {
    el.addEventListener("input", filter);
    el.addEventListener("change", filter);
  });
  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  filter();
})();
