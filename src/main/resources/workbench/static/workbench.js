/*
 * hsg-cds workbench, the page's entry module (native ES modules from this origin, no bundler). Talks to this
 * service only (the page's policy allows nothing else): the CDS endpoints as an EHR would, and /workbench/api for
 * examples, request building, the CDS Hooks checks and card detail rendered on the server. Data from requests and
 * responses reaches the page as text (textContent) only; the one piece of HTML, card detail rendered on the server
 * with HTML escaped, is rebuilt element by element from an allow-list before it is shown (safe-detail.js).
 *
 * Modules: dom, dates, http, state, indicators, safe-detail and card-feedback are shared helpers; tabs switches
 * the views; views/ holds one module per view (try-it, overrides, conformance, rules) and the parts of Try it
 * that stand alone (order-change: a suggestion's draft orders before and after; override-dialog).
 */

import { $, clear, el, setStatus } from './dom.js';
import { call, problemText } from './http.js';
import { state } from './state.js';
import { setUpTabs } from './tabs.js';
import { setUpConformance } from './views/conformance.js';
import { setUpDialog } from './views/override-dialog.js';
import { setUpOverrides } from './views/overrides.js';
import { loadRules } from './views/rules.js';
import { loadExamples, setUpTryIt } from './views/try-it.js';

function start() {
  setUpTabs();
  setUpTryIt();
  setUpOverrides();
  setUpConformance();
  setUpDialog();
  call('GET', '/workbench/api/mode').then(function (result) {
    if (!result.ok) { throw new Error(problemText(result)); }
    state.mode = result.json;
    var full = state.mode.tryIt;
    var line = $('mode-line');
    clear(line);
    line.appendChild(el('strong', { text: full ? 'Open mode (loopback only). ' : 'Read-only. ' }));
    line.appendChild(document.createTextNode(full
      ? 'This page calls the CDS endpoints as an EHR would; no client is authenticated in this mode.'
      : 'CDS clients must sign a JWT: trying hooks and the override analytics are off; rules and conformance checks work.'));
    $('try-off').hidden = full;
    $('try-form').hidden = !full;
    $('overrides-off').hidden = full;
    $('overrides-form').hidden = !full;
    return loadRules().then(function () { return full ? loadExamples() : null; });
  }).then(function () {
    document.body.setAttribute('data-ready', 'true');
  }).catch(function (error) {
    setStatus('try-status', 'The workbench could not start: ' + error.message, true);
    document.body.setAttribute('data-ready', 'error');
  });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
