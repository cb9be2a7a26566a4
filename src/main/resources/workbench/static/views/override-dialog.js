/* hsg-cds workbench: the override dialog: a reason from the card's list and an optional comment, sent as CDS Hooks feedback. */

import { disableCard, outcome, sendFeedback } from '../card-feedback.js';
import { $, clear, el, setStatus } from '../dom.js';
import { problemText } from '../http.js';
import { INDICATORS } from '../indicators.js';
import { state } from '../state.js';

export function setUpDialog() {
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

export function openOverride(card, button, article) {
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
