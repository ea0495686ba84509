// Modifications Register: filter and sort the table in place, keeping the filter in the URL so a
// filtered view can be shared. Without JavaScript the full table is shown and the form stays hidden.
(function () {
  "use strict";
  var form = document.getElementById("sec-filters");
  var table = document.getElementById("sec-register");
  if (!form || !table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = table.tHead.rows[0].cells;
  var fields = ["q", "stage", "release", "route", "party", "sort", "dir"];

  function state() {
    var params = new URLSearchParams(window.location.search);
    var s = {};
    fields.forEach(function (f) { s[f] = params.get(f) || ""; });
    return s;
  }

  function save(s) {
    var params = new URLSearchParams();
    fields.forEach(function (f) { if (s[f]) params.set(f, s[f]); });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function sortKey(row, column) {
    var cell = row.cells[column];
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim().toLowerCase();
  }

  function apply(s) {
    var q = s.q.toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!s.stage || row.dataset.stage === s.stage) &&
        (!s.release || row.dataset.release === s.release) &&
        (!s.route || row.dataset.route === s.route) &&
        (!s.party || (" " + row.dataset.parties + " ").indexOf(" " + s.party + " ") >= 0) &&
        (!q || row.textContent.toLowerCase().indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    var column = parseInt(s.sort, 10);
    var ordered = rows.slice();
    if (!isNaN(column) && headers[column]) {
      var sign = s.dir === "desc" ? -1 : 1;
      ordered.sort(function (a, b) {
        var x = sortKey(a, column), y = sortKey(b, column);
        var nx = Number(x), ny = Number(y);
        if (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) return sign * (nx - ny);
        return sign * x.localeCompare(y, "en", { numeric: true });
      });
    }
    ordered.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(headers, function (th, i) {
      th.setAttribute("aria-sort", i === column ? (s.dir === "desc" ? "descending" : "ascending") : "none");
    });
    form.elements.count.value = shown + " of " + rows.length + " shown";
  }

  function fromForm() {
    var s = state();
    ["q", "stage", "release", "route", "party"].forEach(function (f) { s[f] = form.elements[f].value; });
    return s;
  }

  // Header buttons make sorting reachable by keyboard.
  Array.prototype.forEach.call(headers, function (th, i) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sec-sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var s = fromForm();
      s.dir = s.sort === String(i) && s.dir !== "desc" ? "desc" : "asc";
      s.sort = String(i);
      save(s);
      apply(s);
    });
  });

  var initial = state();
  ["q", "stage", "release", "route", "party"].forEach(function (f) { form.elements[f].value = initial[f]; });
  form.hidden = false;
  form.addEventListener("input", function () { var s = fromForm(); save(s); apply(s); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply(initial);
})();
