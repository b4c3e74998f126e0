"""Word-level differences between two versions of a text, for people to read: what the history's
compare view and the translator screen show.

A text is read as a person sees it: rich text is sanitised, then split into its blocks (paragraphs,
headings, list items, quotes, captions) and each block into words; plain text is split into
paragraphs at blank lines. Python's difflib lines the blocks of both versions up, then the words of
each pair of blocks. The result is new HTML written here from the text alone, every piece of text
escaped, so nothing of the compared markup but its block structure reaches the page:

    word_diff(old, new)            -> one text, removed words in <del>, inserted words in <ins>
    side_by_side(old, new)         -> (old text with <del>, new text with <ins>)
    formatted(value, rich=True)    -> one version shown as text, no marks

Inline formatting (bold, links) is not compared and not shown in a difference: a changed link
target shows as an unchanged text.
"""

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

from .text import sanitise_html

# Blocks of the site's rich text (core.text.RICH_TEXT_TAGS), each shown with its own tag again.
BLOCK_TAGS = {"p", "h2", "h3", "h4", "li", "blockquote", "figcaption"}
LIST_TAGS = {"ul", "ol"}
# Words, runs of white space, and each other character (punctuation) on its own.
TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")
PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")

EQUAL, INSERTED, REMOVED = "equal", "inserted", "removed"


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or list item: its tag, the list it sits in ('' outside lists), its text."""

    tag: str
    text: str
    list_tag: str = ""

    def words(self):
        return TOKEN_RE.findall(self.text)


class _BlockReader(HTMLParser):
    """Splits sanitised rich text into Blocks; text outside any block becomes a paragraph."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.lists = []
        self.open = None  # (tag, [text pieces]) of the block being read
        self.depth = 0  # blocks opened inside the open block (a <p> in an <li>)

    def handle_starttag(self, tag, attrs):
        if tag in LIST_TAGS:
            self.close()
            self.lists.append(tag)
        elif tag in BLOCK_TAGS:
            if self.open is not None and self.open[0] in ("li", "blockquote"):
                self.depth += 1
                self.open[1].append(" ")
            else:
                self.close()
                self.open = (tag, [])
        elif tag == "br":
            self.handle_data(" ")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.handle_data(f" [{alt}] ")

    def handle_endtag(self, tag):
        if tag in LIST_TAGS:
            self.close()
            if self.lists:
                self.lists.pop()
        elif tag in BLOCK_TAGS:
            if self.depth:
                self.depth -= 1
            else:
                self.close()

    def handle_data(self, data):
        if self.open is None:
            if not data.strip():
                return
            self.open = ("p", [])
        self.open[1].append(data)

    def close(self):
        if self.open is not None:
            text = " ".join("".join(self.open[1]).split())
            if text:
                tag = self.open[0]
                self.blocks.append(Block(tag, text, self.lists[-1] if tag == "li" and self.lists else ""))
        self.open, self.depth = None, 0


def blocks_of(value, rich=True):
    """The blocks of a text as a reader sees them; rich text is sanitised first."""
    if not value:
        return []
    if not rich:
        return [Block("p", " ".join(part.split())) for part in PARAGRAPH_BREAK_RE.split(str(value)) if part.strip()]
    reader = _BlockReader()
    reader.feed(sanitise_html(str(value)))
    reader.close()
    return reader.blocks


def _word_changes(old, new):
    """[(kind, text)] for the words of two texts: equal, removed or inserted runs, in reading order."""
    old_words, new_words = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            changes.append((EQUAL, "".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            changes.append((REMOVED, "".join(old_words[i1:i2])))
        if j2 > j1:
            changes.append((INSERTED, "".join(new_words[j1:j2])))
    return changes


def block_changes(old, new, rich=True):
    """[(old Block or None, new Block or None, [(kind, text)])]: the blocks of both versions lined up."""
    old_blocks, new_blocks = blocks_of(old, rich), blocks_of(new, rich)
    matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    pairs = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.extend((block, block, [(EQUAL, block.text)]) for block in old_blocks[i1:i2])
            continue
        olds, news = old_blocks[i1:i2], new_blocks[j1:j2]
        for index in range(max(len(olds), len(news))):
            before = olds[index] if index < len(olds) else None
            after = news[index] if index < len(news) else None
            if before and after:
                pairs.append((before, after, _word_changes(before.text, after.text)))
            elif before:
                pairs.append((before, None, [(REMOVED, before.text)]))
            else:
                pairs.append((None, after, [(INSERTED, after.text)]))
    return pairs


def _render(blocks):
    """HTML for [(Block, [(kind, text)])], each list item inside its list again."""
    parts, open_list = [], ""
    for block, changes in blocks:
        if block.list_tag != open_list:
            if open_list:
                parts.append(f"</{open_list}>")
            if block.list_tag:
                parts.append(f"<{block.list_tag}>")
            open_list = block.list_tag
        inner = "".join(_mark(kind, text) for kind, text in changes)
        parts.append(f"<{block.tag}>{inner}</{block.tag}>")
    if open_list:
        parts.append(f"</{open_list}>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped by _mark; the tags are our own


def _mark(kind, text):
    if kind == INSERTED:
        return f"<ins>{escape(text)}</ins>"
    if kind == REMOVED:
        return f"<del>{escape(text)}</del>"
    return escape(text)


def word_diff(old, new, rich=True) -> SafeString:
    """One text with the words removed from `old` in <del> and those inserted in `new` in <ins>."""
    return _render([(after or before, changes) for before, after, changes in block_changes(old, new, rich)])


def side_by_side(old, new, rich=True) -> tuple[SafeString, SafeString]:
    """Both versions, each whole: `old` with its removed words in <del>, `new` with its inserted words in <ins>."""
    pairs = block_changes(old, new, rich)
    left = [(before, [c for c in changes if c[0] != INSERTED]) for before, _after, changes in pairs if before]
    right = [(after, [c for c in changes if c[0] != REMOVED]) for _before, after, changes in pairs if after]
    return _render(left), _render(right)


def formatted(value, rich=True) -> SafeString:
    """One version as a reader sees it: rich text sanitised, plain text escaped with its line breaks."""
    if not value:
        return mark_safe("")
    if rich:
        return mark_safe(sanitise_html(str(value)))  # noqa: S308 - sanitised to the site's allow-list
    return mark_safe(linebreaks(str(value), autoescape=True))  # noqa: S308 - escaped by linebreaks
