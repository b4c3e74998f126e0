// The translator screen: "Copy the English" puts a field's source text into its translation. A
// rich-text field's editor is told to read its textarea again (see static/vendor/richtext.js).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy-source");
  if (!button) {
    return;
  }
  const target = document.getElementById(button.dataset.copyTo);
  if (!target) {
    return;
  }
  target.value = button.dataset.source;
  target.dispatchEvent(new Event("input", { bubbles: true }));
  target.dispatchEvent(new CustomEvent("iomcz:content-replaced"));
  target.focus();
});
