// Modifications Register: filter and sort the table in place, keeping the filter in the URL so a
// filtered view can be shared. Without JavaScript the full table is shown and the form stays hidden.
// The default view is the active modifications (not implemented, rejected or withdrawn), soonest
// next key date first; "show=all" in the URL shows every modification, and so does a
// stage chosen (the stage then says what to show). Blank cells sort
// last whichever way a column is sorted. With a Party Category chosen, the impact level column shows
// that Party's level instead of the highest across Party Categories.
(function () {
  "use strict";
  var form = document.getElementById("sec-filters");
  var table = document.getElementById("sec-register");
  if (!form || !table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = table.tHead.rows[0].cells;
  var defaultColumn = Array.prototype.findIndex.call(headers, function (th) { return th.hasAttribute("data-default-sort"); });
  var inputs = ["show", "q", "stage", "release", "route", "party"];
  var fields = inputs.concat(["sort", "dir"]);
  var LEVELS = { high: "High", medium: "Medium", low: "Low" };
  var RANK = { high: "0", medium: "1", low: "2" };

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
    var key = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim().toLowerCase();
    return key === "–" || key === "none" ? "" : key;
  }

  // The impact level of each row: the chosen Party Category's, or the highest across them.
  function showImpact(party) {
    rows.forEach(function (row) {
      var cell = row.querySelector("td.sec-impact");
      if (!cell) return;
      var level = party ? (row.getAttribute("data-impact-" + party.replace(/_/g, "-")) || "") : cell.getAttribute("data-highest");
      cell.textContent = LEVELS[level] || "None";
      cell.setAttribute("data-sort", RANK[level] || "");
    });
  }

  function apply(s) {
    var q = s.q.toLowerCase();
    var shown = 0;
    // A stage chosen says which modifications to show: the active view applies when none is.
    var activeOnly = s.show !== "all" && !s.stage;
    showImpact(s.party);
    rows.forEach(function (row) {
      var ok = (!activeOnly || row.dataset.active === "yes") &&
        (!s.stage || row.dataset.stage === s.stage) &&
        (!s.release || row.dataset.release === s.release) &&
        (!s.route || row.dataset.route === s.route) &&
        (!s.party || (" " + row.dataset.parties + " ").indexOf(" " + s.party + " ") >= 0) &&
        (!q || row.textContent.toLowerCase().indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    var column = parseInt(s.sort, 10);
    var ordered = rows.slice();
    var chosen = !isNaN(column) && headers[column];
    // No column chosen: by next key date, soonest first (the page's order, by id, breaks ties).
    var by = chosen ? column : defaultColumn;
    if (by >= 0) {
      var sign = chosen && s.dir === "desc" ? -1 : 1;
      ordered.sort(function (a, b) {
        var x = sortKey(a, by), y = sortKey(b, by);
        if (x === "" || y === "") return x === y ? 0 : (x === "" ? 1 : -1);  // blanks last, either way
        var nx = Number(x), ny = Number(y);
        if (!isNaN(nx) && !isNaN(ny)) return sign * (nx - ny);
        return sign * x.localeCompare(y, "en", { numeric: true });
      });  // Array.prototype.sort is stable: equal keys keep the page's order
    }
    ordered.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(headers, function (th, i) {
      th.setAttribute("aria-sort", i === column ? (s.dir === "desc" ? "descending" : "ascending") : "none");
    });
    var of = activeOnly ? rows.filter(function (r) { return r.dataset.active === "yes"; }).length : rows.length;
    form.elements.count.value = shown + " of " + of + (activeOnly ? " active" : "") + " shown";
  }

  function fromForm() {
    var s = state();
    inputs.forEach(function (f) { s[f] = form.elements[f].value; });
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
  inputs.forEach(function (f) { form.elements[f].value = initial[f]; });
  form.hidden = false;
  form.addEventListener("input", function () { var s = fromForm(); save(s); apply(s); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply(initial);
})();
