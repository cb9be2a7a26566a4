/* hsg-cds workbench: the page's DOM helpers: elements built from tag, attributes and children (text set as textContent only), SVG, status lines. */

const SVG = 'http://www.w3.org/2000/svg';

export function $(id) { return document.getElementById(id); }

export function el(tag, attributes, children) {
  var node = document.createElement(tag);
  if (attributes) {
    Object.keys(attributes).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === 'text') { node.textContent = value; } else { node.setAttribute(name, value === true ? '' : value); }
    });
  }
  (children || []).forEach(function (child) {
    if (child === null || child === undefined) { return; }
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  });
  return node;
}

export function svg(tag, attributes) {
  var node = document.createElementNS(SVG, tag);
  Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
  return node;
}

export function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

export function pretty(value) { return JSON.stringify(value, null, 2); }

export function setStatus(id, message, isError) {
  var node = $(id);
  node.textContent = message;
  node.classList.toggle('error', !!isError);
}
