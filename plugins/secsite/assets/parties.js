// The Party Category a reader chose, remembered in this browser (localStorage) so the home page
// can offer it next time. A Party page remembers its Party when visited; the home page then says
// "Your Party Category: …" with a link, and a click on another Party's link changes the choice.
// Without JavaScript (or storage) the links work the same and nothing is remembered.
(function () {
  "use strict";
  var KEY = "secsite-party";
  function get() { try { return window.localStorage.getItem(KEY) || ""; } catch (e) { return ""; } }
  function set(value) { try { window.localStorage.setItem(KEY, value); } catch (e) { /* storage off */ } }

  var page = document.querySelector(".sec-party-page[data-party]");
  if (page) set(page.getAttribute("data-party"));

  var nav = document.getElementById("sec-parties");
  if (!nav) return;
  var links = nav.querySelectorAll("a[data-party]");
  Array.prototype.forEach.call(links, function (a) {
    a.addEventListener("click", function () { set(a.getAttribute("data-party")); });
  });
  var chosen = get();
  var match = Array.prototype.filter.call(links, function (a) { return a.getAttribute("data-party") === chosen; })[0];
  var note = nav.querySelector(".sec-party-remembered");
  if (!match || !note) return;
  match.setAttribute("aria-current", "true");
  note.textContent = "Your Party Category: ";
  var link = document.createElement("a");
  link.href = match.getAttribute("href");
  link.textContent = match.textContent;
  note.appendChild(link);
  note.hidden = false;
})();
