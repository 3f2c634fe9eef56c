(function () {
  "use strict";
  // Sorting and filtering of the files table. The page is complete without this script: it only
  // shows the filters (hidden otherwise) and reorders or hides rows that are already there.
  var table = document.getElementById("files-table");
  var form = document.getElementById("files-filters");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var keys = rows.map(function (row, index) {
    var c = row.cells;
    return { row: row, index: index, path: c[0].textContent, category: c[1].textContent,
             rule: c[2].textContent, line: c[3].textContent === "" ? -1 : Number(c[3].textContent),
             message: c[4].textContent, source: c[5].textContent };
  });
  var category = document.getElementById("filter-category");
  var rule = document.getElementById("filter-rule");
  var path = document.getElementById("filter-path");
  var shown = document.getElementById("files-shown");

  function filter() {
    var c = category.value, r = rule.value, p = path.value.toLowerCase(), count = 0;
    keys.forEach(function (k) {
      var keep = (!c || k.category === c) && (!r || k.rule === r) && (!p || k.path.toLowerCase().indexOf(p) !== -1);
      k.row.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.textContent = count + " of " + keys.length + " files shown";
  }

  function sortBy(header) {
    var field = header.getAttribute("data-key");
    var descending = header.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var sign = descending ? -1 : 1;
    keys.sort(function (a, b) {
      var x = a[field], y = b[field];
      var order = x < y ? -1 : x > y ? 1 : 0;
      return order * sign || a.index - b.index;
    });
    var fragment = document.createDocumentFragment();
    keys.forEach(function (k) { fragment.appendChild(k.row); });
    body.appendChild(fragment);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var button = th.querySelector("button");
    if (button) { button.addEventListener("click", function () { sortBy(th); }); }
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
  document.querySelectorAll("th button").forEach(function (b) { b.disabled = false; });
  filter();
}());
