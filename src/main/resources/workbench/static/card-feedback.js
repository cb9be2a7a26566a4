/* hsg-cds workbench: CDS Hooks feedback on a shown card (accepted or overridden) and the card's outcome line. */

import { call } from './http.js';
import { state } from './state.js';

export function outcome(article, text, isError) {
  var node = article.querySelector('.card-outcome');
  node.textContent = text;
  node.classList.toggle('error-text', !!isError);
}

export function disableCard(article) {
  Array.prototype.forEach.call(article.querySelectorAll('.card-actions button'), function (button) { button.disabled = true; });
}

export function sendFeedback(item) {
  return call('POST', '/cds-services/' + encodeURIComponent(state.lastService) + '/feedback', { feedback: [item] });
}
