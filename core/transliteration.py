"""The site's one transliteration rule, used for slugs on the server and, through `RULE` sent as
JSON, by the admin's script that fills in slugs as an editor types (static/js/admin/slug.js).

Ukrainian follows the national romanisation (Cabinet of Ministers of Ukraine, resolution No. 55
of 27 January 2010): є, ї, й, ю, я are ye, yi, y, yu, ya at the start of a word and ie, i, i, iu,
ia elsewhere; "зг" is "zgh" (Zghurskyi, not Zhurskyi); ь and the apostrophe are dropped. The
Russian letters ё, ы, э, ъ, if a text has them, are read the same way (ё: yo / io). Czech and
other Latin letters lose their diacritics (Unicode decomposition, the marks dropped); the few
Latin letters that do not decompose (ß, ł, ø…) are in the table too.

Both implementations walk the text the same way, so they agree character for character:
1. a pair in `RULE["pairs"]` is replaced whole;
2. a letter in `RULE["letters"]` is replaced by its word-start or its other form, in the case of
   the original's first letter; a word starts where the previous character is not a letter
   (the apostrophes inside a word, `RULE["apostrophes"]`, do not end it);
3. anything else is decomposed (NFKD) and loses its combining marks (category Mn).
A slug is then that text in lower case, every run of characters other than a-z and 0-9 turned
into one hyphen, cut to the field's length, with no hyphen at either end.
"""

import re
import unicodedata

APOSTROPHES = "'\u2019\u02bc\u2018`"

# letter -> (at the start of a word, elsewhere); a plain string is the same in both places.
LETTERS = {
    # Ukrainian, resolution No. 55 of 27 January 2010
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": ("ye", "ie"),
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
    # Russian letters that Ukrainian does not have
    "ё": ("yo", "io"),
    "ы": "y",
    "э": "e",
    "ъ": "",
    # Latin letters without a decomposition
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    **{mark: "" for mark in APOSTROPHES},
}
PAIRS = {"зг": "zgh"}

RULE = {
    "letters": {letter: list(forms) if isinstance(forms, tuple) else [forms] * 2 for letter, forms in LETTERS.items()},
    "pairs": PAIRS,
    "apostrophes": APOSTROPHES,
}

NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")


def _in_case_of(text, original):
    return text[:1].upper() + text[1:] if original != original.lower() else text


def transliterate(text):
    """Latin letters for Cyrillic ones and none of the diacritics: "Згурський Čáp" -> "Zghurskyi Cap"."""
    letters = RULE["letters"]
    out = []
    in_word = False
    i = 0
    while i < len(text):
        char = text[i]
        pair = text[i : i + 2].lower()
        if pair in PAIRS:
            out.append(_in_case_of(PAIRS[pair], char))
            in_word = True
            i += 2
            continue
        lower = char.lower()
        if lower in letters:
            out.append(_in_case_of(letters[lower][1 if in_word else 0], char))
            if char not in APOSTROPHES:
                in_word = True
        else:
            out.append("".join(c for c in unicodedata.normalize("NFKD", char) if unicodedata.category(c) != "Mn"))
            in_word = char.isalpha()
        i += 1
    return "".join(out)


def slug(text, max_length=200):
    """The slug of a text by the site's rule: "Підтримка біженців" -> "pidtrymka-bizhentsiv"."""
    return NOT_SLUG_RE.sub("-", transliterate(text or "").lower()).strip("-")[:max_length].strip("-")
