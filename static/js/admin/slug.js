/* The site's slug rule in the admin: fills in slugs as an editor types, exactly as the server
   makes them (core/transliteration.py, whose table arrives as window.iomczSlugRule from
   core/admin/slugs.py). Replaces Django's URLify, which prepopulate.js calls. */
"use strict";
(function () {
  const rule = window.iomczSlugRule;
  if (!rule) {
    return;
  }
  const letterRe = /\p{L}/u;
  const markRe = /\p{Mn}/gu;

  function inCaseOf(text, original) {
    return original !== original.toLowerCase() ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  }

  function transliterate(text) {
    const chars = Array.from(text);
    const out = [];
    let inWord = false;
    let i = 0;
    while (i < chars.length) {
      const char = chars[i];
      const pair = (char + (chars[i + 1] || "")).toLowerCase();
      if (Object.hasOwn(rule.pairs, pair)) {
        out.push(inCaseOf(rule.pairs[pair], char));
        inWord = true;
        i += 2;
        continue;
      }
      const lower = char.toLowerCase();
      if (Object.hasOwn(rule.letters, lower)) {
        out.push(inCaseOf(rule.letters[lower][inWord ? 1 : 0], char));
        if (!rule.apostrophes.includes(char)) {
          inWord = true;
        }
      } else {
        out.push(char.normalize("NFKD").replace(markRe, ""));
        inWord = letterRe.test(char);
      }
      i += 1;
    }
    return out.join("");
  }

  function slug(text, maxLength) {
    const result = transliterate(text || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return result.slice(0, maxLength || 200).replace(/-+$/, "");
  }

  window.iomczSlug = slug;
  window.URLify = function (text, maxLength) {
    return slug(text, maxLength);
  };
})();
