// HTML pasted into the rich-text editor, made readable for its schema.
//
// Word does not write lists as <ul>/<ol>: each item is a paragraph (class MsoListParagraph...,
// style "mso-list:l0 level1 lfo1") that starts with its bullet or number in a span styled
// "mso-list:Ignore". Those paragraphs become real, nested lists here; Word's <o:p> and
// conditional comments go, and so do all styles and classes. Headings are moved into the levels
// the site uses (h2-h4). Tables, lists and headings from web pages pass through as they are.

const LIST_LEVEL = /mso-list:\s*l(\d+)\s+level(\d+)/i;
const ORDERED_MARKER = /^\(?([0-9]+|[a-z]|[ivxlcdm]+)[.)]$/i;
const BULLET_TEXT = /^[\s\u00a0]*[·•▪◦o§\-–][\s\u00a0]+/;

function isWordListParagraph(element) {
  if (element.tagName !== "P") {
    return false;
  }
  const style = element.getAttribute("style") || "";
  return LIST_LEVEL.test(style) || /^MsoListParagraph/i.test(element.className);
}

// The marker's text ("·", "o", "1.", "a)") and the paragraph without it.
function takeMarker(paragraph) {
  const ignored = paragraph.querySelector("[style*='mso-list:Ignore' i], [style*='mso-list: Ignore' i]");
  if (ignored) {
    const marker = ignored.textContent.replace(/[\s\u00a0]+/g, "");
    ignored.remove();
    return marker;
  }
  // Without the span (some browsers drop Word's styles), the marker is the text's first word.
  const walker = paragraph.ownerDocument.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  const first = walker.nextNode();
  if (!first) {
    return "";
  }
  const bullet = BULLET_TEXT.exec(first.data);
  if (bullet) {
    first.data = first.data.slice(bullet[0].length);
    return bullet[0].trim();
  }
  const number = /^[\s\u00a0]*(\(?[0-9a-z]+[.)])[\s\u00a0]+/i.exec(first.data);
  if (number && ORDERED_MARKER.test(number[1])) {
    first.data = first.data.slice(number[0].length);
    return number[1];
  }
  return "";
}

function levelOf(paragraph) {
  const match = LIST_LEVEL.exec(paragraph.getAttribute("style") || "");
  return match ? Math.max(1, Number(match[2])) : 1;
}

// Consecutive Word list paragraphs, as lists (more than one where bullets and numbers take
// turns) with nested lists for the deeper levels.
function buildLists(doc, paragraphs) {
  const lists = doc.createDocumentFragment();
  const stack = [];
  for (const paragraph of paragraphs) {
    const level = levelOf(paragraph);
    const marker = takeMarker(paragraph);
    const tag = ORDERED_MARKER.test(marker) ? "ol" : "ul";
    while (stack.length > level) {
      stack.pop();
    }
    if (stack.length === level && stack.at(-1).list.localName !== tag) {
      stack.pop();
    }
    while (stack.length < level) {
      const list = doc.createElement(tag);
      const parent = stack.at(-1);
      if (parent) {
        if (!parent.item) {
          parent.item = doc.createElement("li");
          parent.list.append(parent.item);
        }
        parent.item.append(list);
      } else {
        lists.append(list);
      }
      stack.push({ list, item: null });
    }
    const item = doc.createElement("li");
    const text = doc.createElement("p");
    text.append(...paragraph.childNodes);
    item.append(text);
    stack.at(-1).list.append(item);
    stack.at(-1).item = item;
  }
  return lists;
}

function convertWordLists(doc) {
  const paragraphs = [...doc.body.querySelectorAll("p")].filter(isWordListParagraph);
  const done = new Set();
  for (const paragraph of paragraphs) {
    if (done.has(paragraph)) {
      continue;
    }
    const run = [paragraph];
    let next = paragraph.nextElementSibling;
    while (next && isWordListParagraph(next)) {
      run.push(next);
      next = next.nextElementSibling;
    }
    run.forEach((each) => done.add(each));
    paragraph.before(buildLists(doc, run));
    run.forEach((each) => each.remove());
  }
}

function removeWordLeftovers(doc) {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) {
    comments.push(walker.currentNode);
  }
  comments.forEach((comment) => comment.remove());
  for (const element of doc.body.querySelectorAll("*")) {
    if (element.tagName.includes(":")) {
      element.remove();
    }
  }
  for (const element of doc.body.querySelectorAll("style, script, meta, link, title")) {
    element.remove();
  }
  for (const element of doc.body.querySelectorAll("[style], [class]")) {
    element.removeAttribute("style");
    element.removeAttribute("class");
  }
}

function moveHeadings(doc) {
  const levels = { H1: "h2", H5: "h4", H6: "h4" };
  for (const heading of doc.body.querySelectorAll("h1, h5, h6")) {
    const replacement = doc.createElement(levels[heading.tagName]);
    replacement.append(...heading.childNodes);
    heading.replaceWith(replacement);
  }
}

export function cleanPastedHtml(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  convertWordLists(doc);
  removeWordLeftovers(doc);
  moveHeadings(doc);
  return doc.body.innerHTML;
}
