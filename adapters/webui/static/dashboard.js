// tpsession dashboard: the one script, an enhancement only — every page
// works without it. After a refused form, move the keyboard focus to the
// summary of its errors, so that a screen reader announces them and the
// first link leads to the first field at fault.
(function () {
  "use strict";
  var summary = document.querySelector(".resume-erreurs");
  if (summary) {
    var details = summary.closest("details");
    if (details) { details.open = true; }
    summary.focus();
  }
})();
