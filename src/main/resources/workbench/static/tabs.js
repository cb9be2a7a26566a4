/* hsg-cds workbench: the view tabs (ARIA tabs: arrows, Home and End move between them; the URL fragment names the view). */

import { $ } from './dom.js';
import { loadOverrides } from './views/overrides.js';

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

export function setUpTabs() {
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
