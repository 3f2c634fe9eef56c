(function () {
  "use strict";
  // Sorting and filtering of the files list. The page is complete without this script: it only
  // shows the filters (hidden otherwise) and reorders the rows that are already there, or takes
  // out those the filters leave out. The rows sit in tables of equal size (the browser lays out
  // only those near the screen); after a change the rows shown fill them again in order.
  var header = document.getElementById("files-table");
  var form = document.getElementById("files-filters");
  if (!header || !form) { return; }
  var bodies = Array.prototype.slice.call(document.querySelectorAll("#files-rows tbody"));
  var size = bodies.length ? bodies[0].rows.length : 0;
  var keys = [];
  bodies.forEach(function (body) {
    Array.prototype.forEach.call(body.rows, function (row) {
      var c = row.cells;
      keys.push({ row: row, index: keys.length, path: c[0].textContent, category: c[1].textContent,
                  rule: c[2].textContent, line: c[3].textContent === "" ? -1 : Number(c[3].textContent),
                  message: c[4].textContent, source: c[5].textContent, keep: true });
    });
  });
  var category = document.getElementById("filter-category");
  var rule = document.getElementById("filter-rule");
  var path = document.getElementById("filter-path");
  var shown = document.getElementById("files-shown");

  function count() {
    var n = keys.filter(function (k) { return k.keep; }).length;
    shown.textContent = n + " of " + keys.length + " files shown";
  }

  function refill() {
    var rows = keys.filter(function (k) { return k.keep; });
    bodies.forEach(function (body, i) {
      var fragment = document.createDocumentFragment();
      rows.slice(i * size, (i + 1) * size).forEach(function (k) { fragment.appendChild(k.row); });
      body.replaceChildren(fragment);
      body.parentNode.parentNode.hidden = !body.rows.length;
    });
    count();
  }

  function filter() {
    var c = category.value, r = rule.value, p = path.value.toLowerCase();
    keys.forEach(function (k) {
      k.keep = (!c || k.category === c) && (!r || k.rule === r) && (!p || k.path.toLowerCase().indexOf(p) !== -1);
    });
    refill();
  }

  function sortBy(th) {
    var field = th.getAttribute("data-key");
    var descending = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(header.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var sign = descending ? -1 : 1;
    keys.sort(function (a, b) {
      var x = a[field], y = b[field];
      return (x < y ? -1 : x > y ? 1 : 0) * sign || a.index - b.index;
    });
    refill();
  }

  Array.prototype.forEach.call(header.tHead.rows[0].cells, function (th) {
    var button = th.querySelector("button");
    button.addEventListener("click", function () { sortBy(th); });
    button.disabled = false;
  });
  [category, rule].forEach(function (el) { el.addEventListener("change", filter); });
  path.addEventListener("input", filter);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  Array.prototype.forEach.call(document.querySelectorAll("a[data-category]"), function (link) {
    link.addEventListener("click", function () {
      category.value = link.getAttribute("data-category");
      filter();
    });
  });
  form.hidden = false;
  count();
}());
