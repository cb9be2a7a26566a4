/*
 * hsg-cds workbench: card detail, rendered on the server from the card's Markdown with HTML escaped, rebuilt
 * element by element from an allow-list before it is shown. Only these elements survive; no attribute is copied
 * except a link's href, and only when it is http(s), mailto or a path on this origin (the link then opens in a new
 * tab without an opener or referrer). A heading becomes a bold paragraph; any other element is dropped and its
 * text kept. The HTML is parsed in an inert document (DOMParser): nothing in it runs or loads.
 * It depends on nothing else in the page, so the browser test imports it alone.
 */

const ALLOWED = { P: 1, UL: 1, OL: 1, LI: 1, STRONG: 1, EM: 1, CODE: 1, PRE: 1, BLOCKQUOTE: 1, BR: 1, HR: 1, A: 1, SPAN: 1 };
const HEADINGS = { H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1 };

/** the href as given when it may be shown as a link, otherwise null */
export function safeHref(href) {
  if (!href) { return null; }
  var text = String(href).trim();
  if (/^https?:\/\//i.test(text) || /^mailto:/i.test(text)) { return text; }
  if (text.charAt(0) === '/' && text.charAt(1) !== '/' && text.charAt(1) !== '\\') { return text; }
  return null;
}

function rebuild(source, target) {
  Array.prototype.forEach.call(source.childNodes, function (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      target.appendChild(document.createTextNode(node.nodeValue));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) { return; }
    var tag = node.tagName;
    var copy;
    if (HEADINGS[tag]) {
      copy = document.createElement('p');
      copy.appendChild(rebuild(node, document.createElement('strong')));
      target.appendChild(copy);
      return;
    }
    if (!ALLOWED[tag]) {
      rebuild(node, target);  // unknown element: keep its text, drop the element
      return;
    }
    copy = document.createElement(tag.toLowerCase());
    if (tag === 'A') {
      var href = safeHref(node.getAttribute('href'));
      if (href) {
        copy.setAttribute('href', href);
        copy.setAttribute('rel', 'noopener noreferrer');
        copy.setAttribute('target', '_blank');
      }
    }
    target.appendChild(rebuild(node, copy));
  });
  return target;
}

/** a <div class="card-detail"> holding the allowed part of the HTML (empty for none) */
export function detailFragment(html) {
  var container = document.createElement('div');
  container.setAttribute('class', 'card-detail');
  if (!html) { return container; }
  var parsed = new DOMParser().parseFromString(html, 'text/html');
  return rebuild(parsed.body, container);
}
