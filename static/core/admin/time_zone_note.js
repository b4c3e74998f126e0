// The admin's date-time widgets warn "You are N hours behind server time" when the browser's clock
// and the admin's time zone differ. The admin's zone is each user's own choice (Preferences), not
// the server's, so say which zone the times are in instead.
"use strict";
{
  const note = document.currentScript.dataset.note;
  const shortcuts = window.DateTimeShortcuts;
  if (shortcuts && note) {
    shortcuts.addTimezoneWarning = function (input) {
      if (!shortcuts.timezoneOffset) {
        return;
      }
      const className = shortcuts.timezoneWarningClass;
      if (input.parentNode.querySelector("." + className)) {
        return;
      }
      const warning = document.createElement("div");
      warning.classList.add("help", className);
      warning.textContent = note;
      input.parentNode.appendChild(warning);
    };
  }
}
