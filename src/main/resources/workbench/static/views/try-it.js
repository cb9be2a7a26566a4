/* hsg-cds workbench: the Try it view: an example or pasted JSON becomes a hook request (built on the server), is sent to the CDS endpoint as an EHR would, and its cards are shown with their detail, links, suggestions and checks. */

import { disableCard, outcome, sendFeedback } from '../card-feedback.js';
import { humanDate } from '../dates.js';
import { $, clear, el, pretty, setStatus } from '../dom.js';
import { call, problemText } from '../http.js';
import { INDICATORS, indicatorBadge } from '../indicators.js';
import { detailFragment, safeHref } from '../safe-detail.js';
import { state, topicDisplay } from '../state.js';
import { logConformance, renderConformance } from '../views/conformance.js';
import { showOrderChange } from '../views/order-change.js';
import { openOverride } from '../views/override-dialog.js';

export function loadExamples() {
  return call('GET', '/workbench/api/examples').then(function (result) {
    if (!result.ok) { throw new Error(problemText(result)); }
    state.examples = result.json;
    var select = $('example');
    var patients = el('optgroup', { label: 'Example patients (FHIR Bundle + a draft HSG order)' });
    var requests = el('optgroup', { label: 'Example hook requests' });
    state.examples.forEach(function (example) {
      var date = example.plannedDate ? ', ' + humanDate(example.plannedDate) : '';
      var option = el('option', { value: example.name, text: example.label + ' (' + example.name + date + ')' });
      (example.kind === 'patient' ? patients : requests).appendChild(option);
    });
    select.appendChild(patients);
    select.appendChild(requests);
  });
}

function exampleNamed(name) {
  for (var i = 0; i < state.examples.length; i++) { if (state.examples[i].name === name) { return state.examples[i]; } }
  return null;
}

function chooseExample() {
  var example = exampleNamed($('example').value);
  if (!example) { return Promise.resolve(); }
  var asked = state.exampleAsked = (state.exampleAsked || 0) + 1;
  return call('GET', '/workbench/api/examples/' + encodeURIComponent(example.name)).then(function (result) {
    // arrowing through the list asks for several: only the last one chosen may fill the box
    if (asked !== state.exampleAsked) { return; }
    if (!result.ok) { setStatus('try-status', 'Could not load the example: ' + problemText(result), true); return; }
    $('source').value = pretty(result.json);
    if (example.hook) {
      state.services.forEach(function (service) { if (service.hook === example.hook) { $('service').value = service.id; } });
    }
    $('planned-date').value = example.plannedDate || '';
    setStatus('try-status', 'Loaded ' + example.name + '.');
  });
}

function readFile(file) {
  if (!file) { return; }
  var reader = new FileReader();
  reader.onload = function () {
    $('source').value = String(reader.result);
    $('example').value = '';
    setStatus('try-status', 'Read ' + file.name + ' (' + file.size + ' bytes).');
  };
  reader.onerror = function () { setStatus('try-status', 'Could not read ' + file.name, true); };
  reader.readAsText(file);
}

export function setUpTryIt() {
  $('example').addEventListener('change', chooseExample);
  $('source-file').addEventListener('change', function (event) { readFile(event.target.files[0]); });
  var source = $('source');
  source.addEventListener('dragover', function (event) { event.preventDefault(); source.classList.add('drop-target'); });
  source.addEventListener('dragleave', function () { source.classList.remove('drop-target'); });
  source.addEventListener('drop', function (event) {
    event.preventDefault();
    source.classList.remove('drop-target');
    if (event.dataTransfer && event.dataTransfer.files.length) { readFile(event.dataTransfer.files[0]); }
  });
  $('try-form').addEventListener('submit', function (event) {
    event.preventDefault();
    send();
  });
}

function send() {
  var started = performance.now();
  var parsed;
  try {
    parsed = JSON.parse($('source').value);
  } catch (error) {
    resetResult();
    showFailure('the JSON in the box does not parse');
    setStatus('try-status', 'The JSON in the box does not parse: ' + error.message, true);
    $('source').focus();
    return Promise.resolve();
  }
  var serviceId = $('service').value;
  var button = $('send');
  button.disabled = true;
  resetResult();
  setStatus('try-status', 'Sending…');
  var timing = {};
  return call('POST', '/workbench/api/request', { source: parsed, service: serviceId, plannedDate: $('planned-date').value || null })
    .then(function (built) {
      timing.build = built.ms;
      if (!built.ok) { throw new Error('The request could not be built: ' + problemText(built)); }
      state.lastRequest = built.json;
      state.lastService = serviceId;
      return call('POST', '/cds-services/' + encodeURIComponent(serviceId), built.json);
    })
    .then(function (hook) {
      timing.hook = hook.ms;
      state.lastResponse = hook.json;
      $('request-json').textContent = pretty(state.lastRequest);
      $('response-json').textContent = hook.json ? pretty(hook.json) : hook.text;
      if (!hook.ok) {
        showResult([], null, hook);
        throw new Error('The service answered ' + problemText(hook));
      }
      var checked = performance.now();
      return Promise.all([call('POST', '/workbench/api/render', hook.json), call('POST', '/workbench/api/conformance', hook.json)])
        .then(function (both) {
          timing.inspect = performance.now() - checked;
          showResult(hook.json.cards || [], both[0].ok ? both[0].json.details : [], hook, both[1].json);
          logConformance(serviceId, hook.json, both[1].json);
          var total = performance.now() - started;
          var summary = $('result-summary');
          summary.setAttribute('data-round-trip-ms', total.toFixed(1));
          summary.setAttribute('data-hook-ms', timing.hook.toFixed(1));
          summary.textContent = (hook.json.cards || []).length + ' card(s) from ' + serviceId + '. Round trip '
            + Math.round(total) + ' ms: building the request ' + Math.round(timing.build) + ' ms, the hook call '
            + Math.round(timing.hook) + ' ms, rendering and checking ' + Math.round(timing.inspect) + ' ms.';
          setStatus('try-status', 'The service answered with ' + (hook.json.cards || []).length + ' card(s).');
          focusResult();
        });
    })
    .catch(function (error) {
      showFailure(error.message);
      setStatus('try-status', error.message, true);
      focusResult();
    })
    .then(function () { button.disabled = false; });
}

/* before each send: nothing of the previous answer (another patient's cards) may stay on screen */
function resetResult() {
  clear($('cards'));
  clear($('result-conformance'));
  $('order-change').hidden = true;
  $('request-json').textContent = '';
  $('response-json').textContent = '';
  var summary = $('result-summary');
  summary.removeAttribute('data-round-trip-ms');
  summary.removeAttribute('data-hook-ms');
  summary.textContent = '';
  $('result').removeAttribute('data-failed');
}

function showFailure(reason) {
  $('result').hidden = false;
  $('result-placeholder').hidden = true;
  $('result').setAttribute('data-failed', 'true');
  clear($('cards'));
  $('cards').appendChild(el('p', { 'class': 'no-cards error-text', text: 'No cards: ' + reason }));
  if (!$('result-summary').textContent) { $('result-summary').textContent = 'The request failed; no cards are shown.'; }
}

/* the answer is where the user looks next: focus its heading, which also scrolls it into view (narrow layouts) */
function focusResult() {
  $('result-heading').focus({ preventScroll: true });
  $('result').scrollIntoView({ block: 'start' });
}

function showResult(cards, details, hook, conformance) {
  $('result').hidden = false;
  $('result-placeholder').hidden = true;
  $('order-change').hidden = true;
  var list = $('cards');
  clear(list);
  if (!hook.ok) {
    $('result-summary').textContent = 'No cards: the service answered ' + problemText(hook) + '.';
    clear($('result-conformance'));
    return;
  }
  if (!cards.length) {
    list.appendChild(el('p', { text: 'No cards (the answer is {"cards": []}: no HSG order among the draft orders).' }));
  }
  cards.forEach(function (card, index) { list.appendChild(cardElement(card, (details || [])[index])); });
  renderConformance($('result-conformance'), conformance);
}

function cardElement(card, detailHtml) {
  var indicator = card.indicator || 'info';
  var topic = (card.source && card.source.topic) || {};
  var article = el('article', {
    'class': 'card card-' + (INDICATORS[indicator] ? indicator : 'info'),
    'data-topic': topic.code || '',
    'data-indicator': indicator,
    'data-uuid': card.uuid || '',
    'aria-label': (INDICATORS[indicator] ? INDICATORS[indicator].word : indicator) + ': ' + (card.summary || '')
  });
  article.appendChild(el('div', { 'class': 'card-header' }, [
    indicatorBadge(indicator),
    el('h4', { 'class': 'card-summary', text: card.summary || '' })
  ]));
  var source = card.source || {};
  article.appendChild(el('p', {
    'class': 'card-source',
    text: 'Source: ' + (source.label || 'none') + ' · Topic: ' + (topic.display || topicDisplay(topic.code)) + ' (' + (topic.code || 'none') + ')'
  }));
  article.appendChild(detailFragment(detailHtml));
  if (card.links && card.links.length) {
    var links = el('ul', { 'class': 'card-links' });
    card.links.forEach(function (link) {
      var href = safeHref(link.url);
      var label = link.label + (link.type === 'smart' ? ' (SMART app)' : '');
      links.appendChild(el('li', null, [href
        ? el('a', { href: href, target: '_blank', rel: 'noopener noreferrer', text: label })
        : el('span', { text: label + ' (link not shown: ' + link.url + ')' })]));
    });
    article.appendChild(links);
  }
  var actions = el('div', { 'class': 'card-actions' });
  (card.suggestions || []).forEach(function (suggestion) {
    var button = el('button', {
      type: 'button',
      'class': 'suggestion' + (suggestion.isRecommended ? ' suggestion-recommended primary' : ''),
      'data-suggestion': suggestion.uuid,
      text: suggestion.label
    });
    button.addEventListener('click', function () { acceptSuggestion(card, suggestion, article); });
    actions.appendChild(button);
  });
  if (indicator !== 'info') {  // an info card (checklist, all-clear, advice) asks for nothing to override
    var override = el('button', { type: 'button', 'class': 'override', text: 'Override…' });
    override.addEventListener('click', function () { openOverride(card, override, article); });
    actions.appendChild(override);
  }
  if (actions.childNodes.length) { article.appendChild(actions); }
  article.appendChild(el('p', { 'class': 'card-outcome', 'aria-live': 'polite' }));
  return article;
}

function acceptSuggestion(card, suggestion, article) {
  showOrderChange(card, suggestion);
  disableCard(article);
  return sendFeedback({
    card: card.uuid,
    outcome: 'accepted',
    acceptedSuggestions: [{ id: suggestion.uuid }],
    outcomeTimestamp: new Date().toISOString()
  }).then(function (result) {
    if (result.ok) {
      outcome(article, 'Accepted: ' + suggestion.label + ' (feedback sent, ' + result.json.stored + ' stored).');
    } else {
      outcome(article, 'Feedback failed: ' + problemText(result), true);
    }
  });
}
