/* hsg-cds workbench: the Conformance view: every response checked against CDS Hooks 2.0 and, apart, against this service's house rules. */

import { $, clear, el, setStatus } from '../dom.js';
import { call, problemText } from '../http.js';
import { resultBadge } from '../indicators.js';
import { state } from '../state.js';

export function setUpConformance() {
  $('conformance-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var parsed;
    try {
      parsed = JSON.parse($('conformance-input').value);
    } catch (error) {
      setStatus('conformance-status', 'The JSON does not parse: ' + error.message, true);
      return;
    }
    call('POST', '/workbench/api/conformance', parsed).then(function (result) {
      if (!result.ok) { setStatus('conformance-status', 'Could not check: ' + problemText(result), true); return; }
      result.json.problems = result.json.problems || [];  // the service leaves empty lists out
      var house = result.json.houseRules || {};
      setStatus('conformance-status', (result.json.conforms ? 'The response conforms to CDS Hooks 2.0'
        : 'The response does not conform to CDS Hooks 2.0 (' + result.json.problems.length + ' problem(s))')
        + (house.conforms ? '; it also keeps this service\'s house rules.'
          : '; it breaks ' + (house.problems || []).length + ' of this service\'s house rules, which other services need not keep.'),
        !result.json.conforms);
      logConformance('pasted', parsed, result.json);
    });
  });
}

/* two verdicts: CDS Hooks 2.0 itself, and this service's stricter house rules (another service need not keep them) */
export function renderConformance(target, result) {
  clear(target);
  if (!result) { return; }
  var house = result.houseRules || { conforms: true, problems: [], checks: [] };
  var box = el('div', { 'class': 'conformance-result', 'data-conforms': String(result.conforms) }, [
    resultBadge(result.conforms, 'Conforms to CDS Hooks 2.0', 'Does not conform to CDS Hooks 2.0')
  ]);
  problemList(box, result.problems);
  target.appendChild(box);
  var houseBox = el('div', { 'class': 'conformance-result house-result', 'data-kept': String(house.conforms) }, [
    resultBadge(house.conforms, 'Keeps this service\'s house rules', 'Breaks this service\'s house rules (not a CDS Hooks error)')
  ]);
  problemList(houseBox, house.problems);
  target.appendChild(houseBox);
  fillChecks($('checks'), result.checks);
  fillChecks($('house-checks'), house.checks);
}

function problemList(box, problems) {
  if (!problems || !problems.length) { return; }
  var list = el('ul');
  problems.forEach(function (problem) { list.appendChild(el('li', { text: problem })); });
  box.appendChild(list);
}

function fillChecks(list, checks) {
  if (!list.childNodes.length && checks) {
    checks.forEach(function (check) { list.appendChild(el('li', { text: check })); });
  }
}

export function logConformance(source, response, result) {
  if (!result) { return; }
  state.conformanceCount += 1;
  $('conformance-empty').hidden = true;
  var cards = (response && response.cards) || [];
  var item = el('li', null, [
    el('span', { text: new Date().toISOString().slice(11, 19) + ' UTC, ' + source + ', ' + cards.length + ' card(s): ' })
  ]);
  var box = el('div');
  renderConformance(box, result);
  item.appendChild(box);
  $('conformance-log').appendChild(item);
}
