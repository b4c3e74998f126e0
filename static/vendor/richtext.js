// Starts the admin's rich-text editor (django-prose-editor) on every textarea marked with
// data-iomcz-richtext. The package's own loader needs an inline import map, which our
// Content-Security-Policy forbids, so this module imports the editor by a relative URL instead.
//
// On top of the package it makes the editor safe for text (a link never swallows what is typed
// next), spell-checked in the tab's language, able to take lists and tables pasted from Word,
// and translated: the package's dialogs ask window.gettext (Django's JavaScript catalog), its
// button titles do not, so they are translated here.
import * as editor from "../django_prose_editor/editor.js";
import { translateMenu } from "./richtext-messages.js";
import { cleanPastedHtml } from "./richtext-paste.js";

const ATTRIBUTE = "data-iomcz-richtext";
const gettext = window.gettext || ((text) => text);

// The package's link command leaves the linked words selected when its dialog closes, so the
// next key typed replaces them. This one puts the caret after the link instead, whether the
// dialog was submitted or cancelled, and the text typed next is not part of the link.
const Link = editor.Link.extend({
  addCommands() {
    const name = this.name;
    return {
      ...this.parent?.(),
      addLink:
        () =>
        ({ editor: tiptap }) => {
          if (tiptap.state.selection.empty && !tiptap.isActive(name)) {
            return false;
          }
          const editing = tiptap.isActive(name);
          const { from, to } = tiptap.state.selection;
          const current = tiptap.getAttributes(name);
          const fields = {
            href: { type: "string", title: gettext("URL") },
            title: { type: "string", title: gettext("Title") },
          };
          editor
            .updateAttrsDialog(fields, { title: gettext("Edit Link") })(tiptap, {
              href: current.href || "",
              title: current.title || "",
            })
            .then((attributes) => {
              let chain = tiptap.chain().focus().setTextSelection({ from, to });
              const href = (attributes?.href || "").trim();
              if (href) {
                const values = { href, title: (attributes.title || "").trim() || null };
                chain = editing
                  ? chain.extendMarkRange(name).updateAttributes(name, values)
                  : chain.setMark(name, values);
              }
              chain
                .command(({ tr, state }) => {
                  const end = editing && href ? linkEnd(tr, name) : tr.selection.to;
                  tr.setSelection(state.selection.constructor.near(tr.doc.resolve(end)));
                  tr.removeStoredMark(state.schema.marks[name]);
                  return true;
                })
                .run();
            });
          return true;
        },
    };
  },
});

// The end of the link the (extended) selection covers.
function linkEnd(tr, name) {
  const type = tr.doc.type.schema.marks[name];
  let end = tr.selection.to;
  tr.doc.nodesBetween(tr.selection.from, tr.selection.to, (node, pos) => {
    if (node.isText && type.isInSet(node.marks)) {
      end = Math.max(end, pos + node.nodeSize);
    }
  });
  return end;
}

const OWN_EXTENSIONS = { Link };

// Spell checking in the language of the field's tab (body_cs is Czech), and pasted HTML cleaned
// before the editor's schema reads it.
function languageOf(textarea) {
  const match = /_([a-z]{2})$/.exec(textarea.name);
  return match ? match[1] : document.documentElement.lang || "en";
}

function textSupport(language) {
  return editor.Extension.create({
    name: "iomczTextSupport",
    addProseMirrorPlugins() {
      return [
        new editor.Plugin({
          props: {
            attributes: { spellcheck: "true", lang: language },
            transformPastedHTML: cleanPastedHtml,
          },
        }),
      ];
    },
  });
}

function extensionsFrom(config) {
  const extensions = [];
  for (const [name, options] of Object.entries(config)) {
    const extension = OWN_EXTENSIONS[name] || editor[name];
    if (!options) {
      continue;
    }
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
  const extensions = [...extensionsFrom(config), textSupport(languageOf(textarea))];
  const instance = editor.createTextareaEditor(textarea, extensions);
  // The menu is built when the editor announces itself created, just after this.
  instance.on("create", () => translateMenu(instance.options.element));
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
