// Copy buttons for calendar addresses (Subscribe page). Uses the Clipboard API where the browser
// allows it (https or localhost); otherwise selects the address on the page and tries the older
// copy command, which also works on phones, and says so when the reader must copy it themselves.
// Without JavaScript the buttons stay hidden and the addresses are plain, selectable text.
(function () {
  "use strict";
  function say(status, text) { status.textContent = text; }
  function fallback(address, status) {
    var selection = window.getSelection();
    var range = document.createRange();
    range.selectNodeContents(address);
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    say(status, ok ? "Copied" : "Selected: copy it with your device's Copy command");
  }
  Array.prototype.forEach.call(document.querySelectorAll(".sec-copy"), function (box) {
    var address = box.querySelector(".sec-address");
    var button = box.querySelector(".sec-copy-button");
    var status = box.querySelector(".sec-copy-status");
    if (!address || !button || !status) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = address.textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say(status, "Copied"); },
          function () { fallback(address, status); });
      } else {
        fallback(address, status);
      }
    });
  });
})();
