/*
 * hsg-cds workbench. Talks to this service only (the page's policy allows nothing else): the CDS
 * endpoints as an EHR would, and /workbench/api for examples, request building, the CDS Hooks checks
 * and card detail rendered on the server. Data from requests and responses reaches the page as text
 * (textContent) only; the one piece of HTML, card detail rendered on the server with HTML escaped, is
 * rebuilt element by element from an allow-list before it is shown.
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var INDICATORS = {
    critical: { word: 'Critical', shape: 'octagon' },
    warning: { word: 'Warning', shape: 'triangle' },
    info: { word: 'Info', shape: 'circle' }
  };

  var state = {
    mode: null,
    rules: null,
    services: [],
    examples: [],
    lastRequest: null,
    lastService: null,
    lastResponse: null,
    overrideCard: null,
    overrideButton: null,
    overrideArticle: null,
    conformanceCount: 0
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, attributes, children) {
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

  function svg(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function pretty(value) { return JSON.stringify(value, null, 2); }

  function todayUtc(offsetDays) {
    var date = new Date(Date.now() + (offsetDays || 0) * 86400000);
    return date.toISOString().slice(0, 10);
  }

  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var ISO = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

  /* a FHIR date or dateTime as people write it, as the cards do: "10 Dec 2026", "10 Dec 2026, 09:00 +01:00" */
  function humanDate(text) {
    var m = ISO.exec(String(text || ''));
    if (!m) { return text; }
    var day = (m[3] ? Number(m[3]) + ' ' : '') + MONTHS[Number(m[2]) - 1] + ' ' + m[1];
    if (!m[4]) { return day; }
    return day + ', ' + m[4] + ':' + m[5] + (m[6] ? (m[6] === 'Z' ? ' UTC' : ' ' + m[6]) : '');
  }

  /* a period; the end without its day when it falls on the start's day */
  function humanPeriod(start, end) {
    var from = start ? humanDate(start) : '?';
    if (!end) { return 'from ' + from; }
    var to = humanDate(end);
    var a = ISO.exec(String(start || ''));
    var b = ISO.exec(String(end));
    if (a && b && a[4] && b[4] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3]) {
      to = b[4] + ':' + b[5] + (b[6] ? (b[6] === 'Z' ? ' UTC' : ' ' + b[6]) : '');
    }
    return 'from ' + from + ' to ' + to;
  }

  /* ---------- HTTP ---------- */

  function call(method, path, body) {
    var options = { method: method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    var started = performance.now();
    return fetch(path, options).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: response.status, ok: response.ok, json: json, text: text, ms: performance.now() - started };
      });
    });
  }

  function problemText(result) {
    if (result.json && result.json.message) { return result.status + ' ' + (result.json.error || '') + ': ' + result.json.message; }
    return 'HTTP ' + result.status;
  }

  function setStatus(id, message, isError) {
    var node = $(id);
    node.textContent = message;
    node.classList.toggle('error', !!isError);
  }

  /* ---------- indicator: colour AND icon AND word ---------- */

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

  function indicatorBadge(indicator) {
    var known = INDICATORS[indicator] ? indicator : 'info';
    return el('span', { 'class': 'badge badge-' + known, 'data-indicator': indicator },
      [indicatorIcon(known), INDICATORS[known].word]);
  }

  function resultBadge(ok, okWord, badWord) {
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

  /* ---------- safe rendering of server-rendered detail ---------- */

  var ALLOWED = { P: 1, UL: 1, OL: 1, LI: 1, STRONG: 1, EM: 1, CODE: 1, PRE: 1, BLOCKQUOTE: 1, BR: 1, HR: 1, A: 1, SPAN: 1 };
  var HEADINGS = { H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1 };

  function safeHref(href) {
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
        copy = el('p', null, [rebuild(node, el('strong'))]);
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

  function detailFragment(html) {
    var container = el('div', { 'class': 'card-detail' });
    if (!html) { return container; }
    var parsed = new DOMParser().parseFromString(html, 'text/html');
    return rebuild(parsed.body, container);
  }

  /* ---------- tabs ---------- */

  function tabs() { return Array.prototype.slice.call(document.querySelectorAll('[role="tab"]')); }

  function selectTab(tab, focus) {
    tabs().forEach(function (other) {
      var selected = other === tab;
      other.setAttribute('aria-selected', selected ? 'true' : 'false');
      other.setAttribute('tabindex', selected ? '0' : '-1');
      $(other.getAttribute('aria-controls')).hidden = !selected;
    });
    if (focus) { tab.focus(); }
    var view = tab.id.replace('tab-', '');
    if (history.replaceState) { history.replaceState(null, '', '#' + view); }
    if (view === 'overrides') { loadOverrides(); }
  }

  function setUpTabs() {
    var list = tabs();
    list.forEach(function (tab, index) {
      tab.addEventListener('click', function () { selectTab(tab, false); });
      tab.addEventListener('keydown', function (event) {
        var next = null;
        if (event.key === 'ArrowRight') { next = list[(index + 1) % list.length]; }
        if (event.key === 'ArrowLeft') { next = list[(index - 1 + list.length) % list.length]; }
        if (event.key === 'Home') { next = list[0]; }
        if (event.key === 'End') { next = list[list.length - 1]; }
        if (next) {
          event.preventDefault();
          selectTab(next, true);
        }
      });
    });
    var wanted = $('tab-' + location.hash.replace('#', ''));
    if (wanted && wanted.getAttribute('role') === 'tab') { selectTab(wanted, false); }
  }

  /* ---------- start-up ---------- */

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

  function loadRules() {
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

  function whereFrom(location) {
    return location === 'classpath:' ? 'the jar (bundled content)' : location;
  }

  function topicDisplay(code) {
    var topics = (state.rules && state.rules.topics) || [];
    for (var i = 0; i < topics.length; i++) { if (topics[i].topic === code) { return topics[i].display; } }
    return code;
  }

  /* ---------- Try it ---------- */

  function loadExamples() {
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

  function setUpTryIt() {
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

  function outcome(article, text, isError) {
    var node = article.querySelector('.card-outcome');
    node.textContent = text;
    node.classList.toggle('error-text', !!isError);
  }

  function disableCard(article) {
    Array.prototype.forEach.call(article.querySelectorAll('.card-actions button'), function (button) { button.disabled = true; });
  }

  function sendFeedback(item) {
    return call('POST', '/cds-services/' + encodeURIComponent(state.lastService) + '/feedback', { feedback: [item] });
  }

  /* ---------- suggestions: the draft orders before and after ---------- */

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

  function showOrderChange(card, suggestion) {
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

  /* ---------- override ---------- */

  function setUpDialog() {
    var dialog = $('override-dialog');
    $('override-cancel').addEventListener('click', function () { dialog.close(); });
    dialog.addEventListener('close', function () {
      if (state.overrideButton && !state.overrideButton.disabled) { state.overrideButton.focus(); }
    });
    $('override-form').addEventListener('submit', function (event) {
      event.preventDefault();
      sendOverride();
    });
  }

  function openOverride(card, button, article) {
    state.overrideCard = card;
    state.overrideArticle = article;
    state.overrideButton = button;
    var reasons = card.overrideReasons || [];
    var select = $('override-reason');
    clear(select);
    reasons.forEach(function (reason, index) {
      select.appendChild(el('option', { value: String(index), text: reason.display || reason.code }));
    });
    $('override-reason-field').hidden = !reasons.length;
    $('override-no-reasons').hidden = !!reasons.length;
    $('override-comment').value = '';
    $('override-card').textContent = (INDICATORS[card.indicator] ? INDICATORS[card.indicator].word : card.indicator) + ': ' + card.summary;
    $('override-dialog').showModal();
    (reasons.length ? select : $('override-comment')).focus();
  }

  function sendOverride() {
    var card = state.overrideCard;
    var article = state.overrideArticle;
    var reasons = card.overrideReasons || [];
    var item = { card: card.uuid, outcome: 'overridden', outcomeTimestamp: new Date().toISOString() };
    var comment = $('override-comment').value.trim();
    if (reasons.length) {
      var reason = reasons[Number($('override-reason').value)];
      item.overrideReason = { reason: { system: reason.system, code: reason.code } };
      if (reason.display) { item.overrideReason.reason.display = reason.display; }
      if (comment) { item.overrideReason.userComment = comment; }
    } else if (comment) {
      setStatus('try-status', 'The comment was not sent: CDS Hooks carries a comment only with an override reason.');
    }
    $('override-send').disabled = true;
    return sendFeedback(item).then(function (result) {
      $('override-send').disabled = false;
      $('override-dialog').close();
      if (result.ok) {
        disableCard(article);
        outcome(article, 'Overridden' + (item.overrideReason ? ': ' + (item.overrideReason.reason.display || item.overrideReason.reason.code) : '')
          + ' (feedback sent, ' + result.json.stored + ' stored).');
        setStatus('try-status', 'Override sent as CDS Hooks feedback.');
      } else {
        outcome(article, 'Feedback failed: ' + problemText(result), true);
      }
    });
  }

  /* ---------- Overrides ---------- */

  function setUpOverrides() {
    $('overrides-from').value = todayUtc(-29);
    $('overrides-to').value = todayUtc(0);
    $('overrides-form').addEventListener('submit', function (event) {
      event.preventDefault();
      loadOverrides();
    });
  }

  function loadOverrides() {
    if (!state.mode || !state.mode.tryIt) { return Promise.resolve(); }
    var query = '?from=' + encodeURIComponent($('overrides-from').value) + '&to=' + encodeURIComponent($('overrides-to').value);
    setStatus('overrides-status', 'Loading…');
    return call('GET', '/analytics/overrides' + query).then(function (result) {
      if (!result.ok) { setStatus('overrides-status', 'Could not load the analytics: ' + problemText(result), true); return; }
      result.json.topics = result.json.topics || [];  // the service leaves empty lists out
      renderOverrides(result.json);
      var issued = result.json.topics.reduce(function (sum, row) { return sum + row.issued; }, 0);
      var overridden = result.json.topics.reduce(function (sum, row) { return sum + row.overridden; }, 0);
      setStatus('overrides-status', humanDate(result.json.from) + ' to ' + humanDate(result.json.to) + ': ' + issued + ' card(s) issued, '
        + overridden + ' overridden.');
      document.getElementById('overrides-table').setAttribute('data-loaded', String(Date.now()));
    });
  }

  function percent(rate) { return Math.round(Number(rate || 0) * 1000) / 10 + ' %'; }

  function renderOverrides(report) {
    var rows = $('overrides-rows');
    clear(rows);
    report.topics.forEach(function (row) {
      var reasons = (row.topOverrideReasons || []).map(function (reason) {
        return (reason.display || reason.code) + ' (' + reason.count + ')';
      }).join('; ');
      rows.appendChild(el('tr', { 'data-topic': row.topic, 'data-overridden': String(row.overridden), 'data-issued': String(row.issued) }, [
        el('th', { scope: 'row', text: topicDisplay(row.topic) + ' (' + row.topic + ')' }),
        el('td', { 'class': 'number', text: String(row.issued) }),
        el('td', { 'class': 'number', text: String(row.accepted) }),
        el('td', { 'class': 'number', text: String(row.overridden) }),
        el('td', { 'class': 'number', text: percent(row.overrideRate) }),
        el('td', { text: reasons || 'none' })
      ]));
    });
    if (!report.topics.length) {
      rows.appendChild(el('tr', null, [el('td', { colspan: '6', text: 'No cards issued in this period.' })]));
    }
    $('overrides-unknown').textContent = report.feedbackForUnknownCards
      ? report.feedbackForUnknownCards + ' feedback item(s) about cards this service has no record of issuing.' : '';
    renderChart(report.topics);
  }

  function renderChart(topics) {
    var holder = $('overrides-chart');
    clear(holder);
    var rowHeight = 30;
    var labelWidth = 260;
    var barWidth = 380;
    var height = Math.max(1, topics.length) * rowHeight + 28;
    var description = topics.map(function (row) {
      return topicDisplay(row.topic) + ' ' + percent(row.overrideRate) + ' (' + row.overridden + ' of ' + row.issued + ')';
    }).join('; ');
    var chart = svg('svg', {
      viewBox: '0 0 ' + (labelWidth + barWidth + 150) + ' ' + height,
      width: String(labelWidth + barWidth + 150),
      height: String(height),
      role: 'img',
      'aria-labelledby': 'overrides-chart-title'
    });
    var title = svg('title', { id: 'overrides-chart-title' });
    title.textContent = 'Override rate per topic: ' + (description || 'no cards issued in this period');
    chart.appendChild(title);
    [0, 0.5, 1].forEach(function (tick) {
      var x = labelWidth + tick * barWidth;
      chart.appendChild(svg('line', { x1: x, x2: x, y1: 0, y2: height - 22, stroke: '#8a949e', 'stroke-dasharray': '3 3' }));
      var label = svg('text', { x: x, y: height - 6, 'text-anchor': 'middle' });
      label.textContent = (tick * 100) + ' %';
      chart.appendChild(label);
    });
    topics.forEach(function (row, index) {
      var y = index * rowHeight + 4;
      var rate = Math.min(1, Math.max(0, Number(row.overrideRate || 0)));
      var name = svg('text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end' });
      name.textContent = topicDisplay(row.topic);
      chart.appendChild(name);
      chart.appendChild(svg('rect', { 'class': 'bar-bg', x: labelWidth, y: y, width: barWidth, height: rowHeight - 10 }));
      chart.appendChild(svg('rect', {
        'class': rate >= 0.5 ? 'bar bar-high' : 'bar', x: labelWidth, y: y,
        width: Math.max(rate > 0 ? 2 : 0, rate * barWidth), height: rowHeight - 10
      }));
      var value = svg('text', { x: labelWidth + barWidth + 8, y: y + 16 });
      value.textContent = percent(row.overrideRate) + ' (' + row.overridden + '/' + row.issued + ')';
      chart.appendChild(value);
    });
    holder.appendChild(chart);
  }

  /* ---------- Conformance ---------- */

  function setUpConformance() {
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
  function renderConformance(target, result) {
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

  function logConformance(source, response, result) {
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

  /* ---------- Rules ---------- */

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

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
