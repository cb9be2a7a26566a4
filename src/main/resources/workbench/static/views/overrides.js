/* hsg-cds workbench: the Overrides view: cards issued, accepted and overridden per topic over a period, as a table and a chart. */

import { humanDate, todayUtc } from '../dates.js';
import { $, clear, el, setStatus, svg } from '../dom.js';
import { call, problemText } from '../http.js';
import { state, topicDisplay } from '../state.js';

export function setUpOverrides() {
  $('overrides-from').value = todayUtc(-29);
  $('overrides-to').value = todayUtc(0);
  $('overrides-form').addEventListener('submit', function (event) {
    event.preventDefault();
    loadOverrides();
  });
}

export function loadOverrides() {
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
