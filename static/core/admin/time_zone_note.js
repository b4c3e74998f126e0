// The admin's date-time widgets warn "You are N hours behind server time" when the browser's clock
// and the admin's time zone differ. The admin's zone is each user's own choice (Preferences), not
// the server's, so say which zone the times are in instead: under Django's date and time fields,
// and under the date-and-time pickers (`<input type="datetime-local">`), which Django leaves alone.
"use strict";
{
  const note = document.currentScript.dataset.note;
  const shortcuts = window.DateTimeShortcuts;
  const className = shortcuts ? shortcuts.timezoneWarningClass : "timezonewarning";

  function addNote(input) {
    if (input.parentNode.querySelector("." + className)) {
      return;
    }
    const warning = document.createElement("div");
    warning.classList.add("help", className);
    warning.textContent = note;
    input.parentNode.appendChild(warning);
  }

  if (shortcuts && note) {
    shortcuts.addTimezoneWarning = function (input) {
      if (shortcuts.timezoneOffset) {
        addNote(input);
      }
    };
  }

  function notePickers() {
    // The admin's offset from UTC in seconds, as Django's DateTimeShortcuts reads it.
    const adminOffset = Number(document.body.dataset.adminUtcOffset);
    const browserOffset = new Date().getTimezoneOffset() * -60;
    if (!note || Number.isNaN(adminOffset) || adminOffset === browserOffset) {
      return;
    }
    document.querySelectorAll('input[type="datetime-local"]').forEach(addNote);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", notePickers);
  } else {
    notePickers();
  }
}
