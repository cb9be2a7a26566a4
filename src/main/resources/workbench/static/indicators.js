/* hsg-cds workbench: a card's indicator shown by colour AND icon AND word, and the pass/fail badge of the checks. */

import { el, svg } from './dom.js';

export const INDICATORS = {
  critical: { word: 'Critical', shape: 'octagon' },
  warning: { word: 'Warning', shape: 'triangle' },
  info: { word: 'Info', shape: 'circle' }
};

function indicatorIcon(indicator) {
  var icon = svg('svg', { viewBox: '0 0 20 20', 'aria-hidden': 'true', focusable: 'false' });
  var shape = (INDICATORS[indicator] || INDICATORS.info).shape;
  if (shape === 'octagon') {
    icon.appendChild(svg('polygon', { points: '6,1 14,1 19,6 19,14 14,19 6,19 1,14 1,6', fill: 'currentColor' }));
    icon.appendChild(svg('rect', { x: '5', y: '8.5', width: '10', height: '3', fill: '#fff' }));
  } else if (shape === 'triangle') {
    icon.appendChild(svg('polygon', { points: '10,1 19,18 1,18', fill: 'currentColor' }));
    icon.appendChild(svg('rect', { x: '9', y: '6', width: '2', height: '6', fill: '#fff' }));
    icon.appendChild(svg('rect', { x: '9', y: '14', width: '2', height: '2', fill: '#fff' }));
  } else {
    icon.appendChild(svg('circle', { cx: '10', cy: '10', r: '9', fill: 'currentColor' }));
    icon.appendChild(svg('rect', { x: '9', y: '8', width: '2', height: '7', fill: '#fff' }));
    icon.appendChild(svg('rect', { x: '9', y: '4.5', width: '2', height: '2', fill: '#fff' }));
  }
  return icon;
}

export function indicatorBadge(indicator) {
  var known = INDICATORS[indicator] ? indicator : 'info';
  return el('span', { 'class': 'badge badge-' + known, 'data-indicator': indicator },
    [indicatorIcon(known), INDICATORS[known].word]);
}

export function resultBadge(ok, okWord, badWord) {
  var badge = el('span', { 'class': 'badge ' + (ok ? 'badge-ok' : 'badge-bad') });
  var icon = svg('svg', { viewBox: '0 0 20 20', 'aria-hidden': 'true', focusable: 'false' });
  icon.appendChild(svg('circle', { cx: '10', cy: '10', r: '9', fill: 'currentColor' }));
  icon.appendChild(svg('path', {
    d: ok ? 'M5.5 10.5l3 3 6-7' : 'M6.5 6.5l7 7M13.5 6.5l-7 7',
    stroke: '#fff', 'stroke-width': '2.2', fill: 'none', 'stroke-linecap': 'round'
  }));
  badge.appendChild(icon);
  badge.appendChild(document.createTextNode(ok ? okWord : badWord));
  return badge;
}
