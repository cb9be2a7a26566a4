/* hsg-cds workbench: a chosen suggestion: the draft orders (or proposed appointments) before and after its actions. */

import { humanDate, humanPeriod } from '../dates.js';
import { $, clear, el, pretty } from '../dom.js';
import { state } from '../state.js';

function referenceOf(resource) {
  return resource.id ? resource.resourceType + '/' + resource.id : resource.resourceType + ' (new, no id yet)';
}

/* the resources a suggestion acts on: the draft orders, or for appointment-book the proposed appointments */
function draftOrders(request) {
  var context = (request && request.context) || {};
  var bundle = context.draftOrders || context.appointments || {};
  return (bundle.entry || []).map(function (entry) { return entry.resource; }).filter(Boolean);
}

function applyActions(orders, actions) {
  var after = orders.map(function (resource) { return JSON.parse(JSON.stringify(resource)); });
  (actions || []).forEach(function (action) {
    if (action.type === 'delete') {
      var ids = [].concat(action.resourceId || []);
      after = after.filter(function (resource) {
        return !resource.id || (ids.indexOf(referenceOf(resource)) < 0 && ids.indexOf(resource.id) < 0);
      });
    } else if (action.type === 'update' && action.resource) {
      var replaced = false;
      after = after.map(function (resource) {
        if (resource.id && referenceOf(resource) === referenceOf(action.resource)) { replaced = true; return action.resource; }
        return resource;
      });
      if (!replaced) { after.push(action.resource); }
    } else if (action.type === 'create' && action.resource) {
      after.push(action.resource);
    }
  });
  return after;
}

function codeText(resource) {
  var concept = resource.code || resource.medicationCodeableConcept || (resource.serviceType || [])[0] || {};
  var coding = (concept.coding || [])[0] || {};
  var text = concept.text || coding.display || coding.code || 'no code';
  return coding.code ? text + ' [' + coding.code + ']' : text;
}

function whenText(resource) {
  if (resource.occurrenceDateTime) { return 'on ' + humanDate(resource.occurrenceDateTime); }
  if (resource.start) { return humanPeriod(resource.start, resource.end); }
  if (resource.requestedPeriod && resource.requestedPeriod.length) {
    return 'requested ' + humanPeriod(resource.requestedPeriod[0].start, resource.requestedPeriod[0].end);
  }
  if (resource.occurrencePeriod) { return humanPeriod(resource.occurrencePeriod.start, resource.occurrencePeriod.end); }
  if (resource.authoredOn) { return 'no date set (authored ' + humanDate(resource.authoredOn) + ')'; }
  return 'no date set';
}

function orderItem(resource, mark) {
  var words = { removed: 'Removed: ', added: 'New: ', changed: 'Changed: ' };
  return el('li', { 'class': mark || null, 'data-reference': referenceOf(resource) }, [
    el('strong', { text: (words[mark] || '') + resource.resourceType }),
    ' ' + codeText(resource) + ', ' + whenText(resource) + ', status ' + (resource.status || 'none') + ' (' + referenceOf(resource) + ')'
  ]);
}

export function showOrderChange(card, suggestion) {
  var before = draftOrders(state.lastRequest);
  var after = applyActions(before, suggestion.actions);
  var afterByRef = {};
  after.forEach(function (resource) { afterByRef[referenceOf(resource)] = resource; });
  var beforeByRef = {};
  before.forEach(function (resource) { beforeByRef[referenceOf(resource)] = resource; });
  var beforeList = $('orders-before');
  var afterList = $('orders-after');
  clear(beforeList);
  clear(afterList);
  before.forEach(function (resource) {
    beforeList.appendChild(orderItem(resource, afterByRef[referenceOf(resource)] ? null : 'removed'));
  });
  after.forEach(function (resource) {
    var old = beforeByRef[referenceOf(resource)];
    var mark = !old ? 'added' : (JSON.stringify(old) === JSON.stringify(resource) ? null : 'changed');
    afterList.appendChild(orderItem(resource, mark));
  });
  if (!before.length) { beforeList.appendChild(el('li', { text: 'No draft orders or appointments' })); }
  if (!after.length) { afterList.appendChild(el('li', { text: 'No draft orders or appointments' })); }
  $('order-change-label').textContent = 'Suggestion "' + suggestion.label + '" on the card "' + card.summary + '":';
  $('order-change-json').textContent = pretty(suggestion.actions || []);
  $('order-change').hidden = false;
  $('order-change-heading').focus();
}
