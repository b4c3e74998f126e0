// The image library as the rich-text editor's chooser: a click on an image hands its address and
// description to the figure dialog that opened this window (django-prose-editor's picker
// protocol, CKEditor's: window.opener.CKEDITOR.tools.callFunction), then closes the window.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest(".image-library button[data-url]");
  const number = new URLSearchParams(window.location.search).get("CKEditorFuncNum");
  const opener = window.opener;
  if (!button || !number || !opener || !opener.CKEDITOR) {
    return;
  }
  opener.CKEDITOR.tools.callFunction(Number(number), button.dataset.url, {
    alternative_text: button.dataset.alt || "",
  });
  window.close();
});
