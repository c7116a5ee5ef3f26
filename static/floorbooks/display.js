// The screen by a room's door reloads itself every data-refresh seconds (default 60), so new
// posts appear and a withdrawn consent removes a photo. A file, not an inline script: strict CSP.
// (A <meta http-equiv="refresh"> would do it without script, but axe rightly flags timed
// refreshes as a WCAG 2.2.1 failure on ordinary pages; this one is for an unattended screen.)
(function () {
  "use strict";
  var root = document.querySelector("[data-refresh]");
  var seconds = root ? parseInt(root.getAttribute("data-refresh"), 10) : 60;
  if (!(seconds > 0)) { seconds = 60; }
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
