/* hsg-cds workbench: the Rules view (services, card topics, value sets and the site protocol in force); loading the
 * rules also fills the Try it service list and the header's content line. */

import { humanDate } from '../dates.js';
import { $, clear, el } from '../dom.js';
import { call, problemText } from '../http.js';
import { indicatorBadge } from '../indicators.js';
import { state, whereFrom } from '../state.js';

export function loadRules() {
  return call('GET', '/workbench/api/rules').then(function (result) {
    if (!result.ok) { throw new Error(problemText(result)); }
    state.rules = result.json;
    state.services = state.rules.services;
    renderRules(state.rules);
    var select = $('service');
    clear(select);
    state.services.forEach(function (service) {
      select.appendChild(el('option', { value: service.id, text: service.hook + ': ' + service.title + ' (' + service.id + ')' }));
    });
    $('content-line').textContent = 'Rules ' + state.rules.ruleLibrary + ' ' + state.rules.ruleLibraryVersion
      + ', loaded ' + humanDate(state.rules.loadedAt) + ' from ' + whereFrom(state.rules.loadedFrom);
  });
}

function renderRules(rules) {
  $('rules-version').textContent = 'Rule library ' + rules.ruleLibrary + ' version ' + rules.ruleLibraryVersion
    + ', content generation ' + rules.generation + ', loaded from ' + whereFrom(rules.loadedFrom) + ' at ' + humanDate(rules.loadedAt) + '.';
  var services = $('rules-services');
  clear(services);
  rules.services.forEach(function (service) {
    services.appendChild(el('tr', null, [
      el('th', { scope: 'row', text: service.id }), el('td', { text: service.hook }),
      el('td', { text: service.title }), el('td', { text: service.description })
    ]));
  });
  var topics = $('rules-topics');
  clear(topics);
  rules.topics.forEach(function (topic) {
    var cards = el('ul', { 'class': 'rule-cards' });
    topic.cards.forEach(function (card) {
      cards.appendChild(el('li', null, [indicatorBadge(card.indicator), ' ' + card.summary
        + (card.raisedByService ? ' (raised by the service)' : '')]));
    });
    topics.appendChild(el('tr', { 'data-topic': topic.topic }, [
      el('th', { scope: 'row', text: topic.display + ' (' + topic.topic + ')' }),
      el('td', { text: topic.contraindication ? 'Yes: rules out the all-clear' : 'No' }),
      el('td', null, [cards])
    ]));
  });
  var valueSets = $('rules-valuesets');
  clear(valueSets);
  rules.valueSets.forEach(function (valueSet) {
    valueSets.appendChild(el('tr', null, [
      el('th', { scope: 'row', text: valueSet.url }),
      el('td', { 'class': 'number', text: String(valueSet.codes) }),
      el('td', { 'class': 'number', text: String(valueSet.icd10cmPrefixes) })
    ]));
  });
  $('rules-protocol-source').textContent = 'From: ' + rules.protocolSource;
  var protocol = $('rules-protocol');
  clear(protocol);
  Object.keys(rules.protocol).forEach(function (key) {
    var value = rules.protocol[key];
    protocol.appendChild(el('tr', null, [
      el('th', { scope: 'row', text: key }),
      el('td', null, [typeof value === 'string' && value.indexOf('\n') >= 0 ? el('pre', { text: value }) : String(value)])
    ]));
  });
}
