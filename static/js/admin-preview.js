// The admin's preview page (core/admin/preview.py): its buttons show one language's page and set
// the width of the frames to a phone's, a tablet's or a desktop's.
(function () {
  "use strict";
  function press(buttons, chosen) {
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", button === chosen ? "true" : "false");
    });
  }
  const languages = Array.from(document.querySelectorAll("[data-preview-language]"));
  const widths = Array.from(document.querySelectorAll("[data-preview-width]"));
  languages.forEach(function (button) {
    button.addEventListener("click", function () {
      press(languages, button);
      document.querySelectorAll(".preview-page").forEach(function (page) {
        page.hidden = page.dataset.language !== button.dataset.previewLanguage;
      });
    });
  });
  widths.forEach(function (button) {
    button.addEventListener("click", function () {
      press(widths, button);
      document.querySelectorAll(".preview-frame").forEach(function (frame) {
        frame.style.width = button.dataset.previewWidth + "px";
        frame.width = button.dataset.previewWidth;
      });
    });
  });
})();
