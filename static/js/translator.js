// The translator screen: "Copy the English" puts a field's source text into its translation. A
// rich-text field's editor is told to read its textarea again (see static/vendor/richtext.js).
// A translation already written is only replaced once the translator confirms it.
function hasText(field) {
  if (field.tagName !== "TEXTAREA" || !field.value.includes("<")) {
    return field.value.trim() !== "";
  }
  const parsed = new DOMParser().parseFromString(field.value, "text/html");
  return parsed.body.textContent.trim() !== "" || parsed.body.querySelector("img, table") !== null;
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy-source");
  if (!button) {
    return;
  }
  const target = document.getElementById(button.dataset.copyTo);
  if (!target) {
    return;
  }
  const source = button.dataset.source;
  if (target.value !== source && hasText(target) && !window.confirm(button.dataset.confirm)) {
    return;
  }
  target.value = source;
  target.dispatchEvent(new Event("input", { bubbles: true }));
  target.dispatchEvent(new CustomEvent("iomcz:content-replaced"));
  target.focus();
});
