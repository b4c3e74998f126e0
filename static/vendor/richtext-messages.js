// The rich-text editor's own words, for Django's JavaScript catalog (locale/*/djangojs.po).
//
// django-prose-editor passes its dialogs' words through window.gettext but ships no Czech or
// Ukrainian catalog, and writes its buttons' titles in English. The words are listed here with
// gettext_noop so that `makemessages -d djangojs` finds them; translateMenu translates the
// titles once the menu exists, and the "Yes"/"No" choices of its dialogs as they open.
const gettext = window.gettext || ((text) => text);
const interpolate = window.interpolate || ((format, values) => format.replace("%s", values[0]));
const gettext_noop = window.gettext_noop || ((text) => text);

export const BUTTON_TITLES = new Set([
  gettext_noop("paragraph"),
  gettext_noop("unordered list"),
  gettext_noop("ordered list"),
  gettext_noop("List properties"),
  gettext_noop("blockquote"),
  gettext_noop("figure"),
  gettext_noop("bold"),
  gettext_noop("italic"),
  gettext_noop("insert link"),
  gettext_noop("remove link"),
  gettext_noop("undo"),
  gettext_noop("redo"),
  gettext_noop("Insert table"),
  gettext_noop("Add column"),
  gettext_noop("Add row"),
  gettext_noop("Delete column"),
  gettext_noop("Delete row"),
  gettext_noop("Delete table"),
  gettext_noop("Toggle header cell"),
  gettext_noop("Merge cells"),
  gettext_noop("Split cell"),
]);

export const BLOCK_TYPES = new Set([gettext_noop("Paragraph")]);

// The words the package itself looks up with window.gettext.
export const DIALOG_WORDS = [
  gettext_noop("URL"),
  gettext_noop("Title"),
  gettext_noop("Edit Link"),
  gettext_noop("Image URL"),
  gettext_noop("Browse..."),
  gettext_noop("Alternative Text"),
  gettext_noop("Caption"),
  gettext_noop("Edit Figure"),
  gettext_noop("Edit Image"),
  gettext_noop("Insert Figure"),
  gettext_noop("Add caption"),
  gettext_noop("Remove caption"),
  gettext_noop("Update"),
  gettext_noop("Insert"),
  gettext_noop("Cancel"),
  gettext_noop("List type"),
  gettext_noop("Start at"),
  gettext_noop("Bullets"),
  gettext_noop("Decimal numbers"),
  gettext_noop("Lowercase letters"),
  gettext_noop("Uppercase letters"),
  gettext_noop("Lowercase Roman numerals"),
  gettext_noop("Uppercase Roman numerals"),
  gettext_noop("Rows"),
  gettext_noop("Columns"),
  gettext_noop("Include header row"),
  gettext_noop("Table Properties"),
  gettext_noop("Insert Table"),
];

const CHOICES = new Set([gettext_noop("Yes"), gettext_noop("No")]);

function translateTitle(title) {
  const heading = /^heading (\d)$/.exec(title);
  if (heading) {
    return interpolate(gettext("heading %s"), [heading[1]]);
  }
  return BUTTON_TITLES.has(title) ? gettext(title) : title;
}

function translateBlockType(label) {
  const heading = /^Heading (\d)$/.exec(label);
  if (heading) {
    return interpolate(gettext("Heading %s"), [heading[1]]);
  }
  return BLOCK_TYPES.has(label) ? gettext(label) : label;
}

export function translateMenu(root) {
  for (const button of root.querySelectorAll(".prose-menubar__button[title]")) {
    const title = translateTitle(button.getAttribute("title"));
    button.setAttribute("title", title);
    button.setAttribute("aria-label", title);
  }
  for (const label of root.querySelectorAll(".prose-menubar__option > *")) {
    label.textContent = translateBlockType(label.textContent);
  }
}

// A dialog's <select> reads its options' values, so only the words shown change.
function translateChoices(dialog) {
  for (const option of dialog.querySelectorAll("option")) {
    if (CHOICES.has(option.textContent) && !option.hasAttribute("value")) {
      option.value = option.textContent;
      option.textContent = gettext(option.textContent);
    }
  }
}

new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.matches("dialog, :has(dialog)")) {
        translateChoices(node);
      }
    }
  }
}).observe(document.body, { childList: true, subtree: true });
