// Starts the admin's rich-text editor (django-prose-editor) on every textarea marked with
// data-iomcz-richtext. The package's own loader needs an inline import map, which our
// Content-Security-Policy forbids, so this module imports the editor by a relative URL instead.
import * as editor from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-iomcz-richtext";

function extensionsFrom(config) {
  const extensions = [];
  for (const [name, options] of Object.entries(config)) {
    const extension = editor[name];
    if (!extension) {
      console.error(`Rich-text editor: unknown extension ${name}`);
      continue;
    }
    extensions.push(typeof options === "object" ? extension.configure(options) : extension);
  }
  return extensions;
}

function start(textarea) {
  if (textarea.closest(".prose-editor")) {
    return;
  }
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
  const instance = editor.createTextareaEditor(textarea, extensionsFrom(config));
  // The editable area is named by the textarea's label, as the textarea was.
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  if (label) {
    label.id ||= `${textarea.id}-label`;
    instance.view.dom.setAttribute("aria-labelledby", label.id);
  }
  // Whoever replaces the textarea's text (the translator screen's "copy") asks the editor to show it.
  textarea.addEventListener("iomcz:content-replaced", () => instance.commands.setContent(textarea.value));
}

editor.initializeEditors(start, `[${ATTRIBUTE}]`);
