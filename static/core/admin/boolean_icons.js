// Django's admin marks a yes/no value with an icon whose alt text is Python's "True", "False" or
// "None", untranslated; give the icons the words of the admin's language instead.
"use strict";
{
  const words = document.currentScript.dataset;
  const icons = { "icon-yes.svg": words.yes, "icon-no.svg": words.no, "icon-unknown.svg": words.unknown };
  document.addEventListener("DOMContentLoaded", () => {
    for (const image of document.querySelectorAll("img[alt='True'], img[alt='False'], img[alt='None']")) {
      const word = icons[image.getAttribute("src").split("/").pop()];
      if (word) {
        image.alt = word;
      }
    }
  });
}
