#!/usr/bin/env node
// Evaluates the FHIRPath invariants that HL7's CDS Hooks implementation guide declares on its logical
// models (CDSHooksResponse, CDSHooksRequest, CDSHooksFeedback) with fhirpath.js, over the JSON bodies
// a test run wrote: <dir>/responses/*.json, <dir>/requests/*.json, <dir>/feedback/*.json.
// Each invariant is evaluated on every element it is declared on (every card, suggestion, action, link,
// override reason, feedback item ...). Prints one JSON summary on stdout; exits 1 when any invariant
// evaluates to false (or does not evaluate at all), 2 on a usage error.
'use strict';

const fs = require('fs');
const path = require('path');
const fhirpath = require('fhirpath');

// The expressions as the IG states them (HL7/cds-hooks, input/fsh/invariants and _fsh/invariants),
// with the element each one is declared on. Evaluated with the element as the input collection.
const INVARIANTS = {
  'cds-resp-1': "(selectionBehavior = 'at-most-one') implies suggestions.where(isRecommended).count() <= 1",
  'cds-resp-2': "(type = 'delete') implies (resourceId.exists() and resource.empty())",
  'cds-resp-3': "(type != 'smart') implies (appContext.empty())",
  'cds-resp-4': 'all(display.exists())',
  'cds-resp-5': 'actions.all(description.exists())',
  'cds-resp-6': 'suggestions.exists() implies selectionBehavior.exists()',
  'cds-resp-7':
    "actionSelectionBehavior.empty() or actionSelectionBehavior = 'all' or actionSelectionBehavior = 'any' or actionSelectionBehavior = 'at-most-one'",
  'cds-r-1': 'fhirAuthorization.exists() implies fhirServer.exists()',
  'cds-r-2': "scope.contains('Patient/') implies patient.exists()",
  'cds-fb-1': "outcome = 'accepted' or outcome = 'overridden'",
  'cds-fb-2': "(outcome = 'accepted') implies acceptedSuggestions.exists()",
  'cds-fb-3': 'reason.exists() or userComment.exists()',
};

const compiled = Object.fromEntries(
  Object.entries(INVARIANTS).map(([id, expression]) => [id, fhirpath.compile(expression)])
);

const arr = (v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** [invariant id, element, where] for every element of a body that an invariant is declared on. */
function targets(kind, body) {
  const out = [];
  if (kind === 'responses') {
    const actions = (where, list) =>
      arr(list).forEach((a, k) => out.push(['cds-resp-2', a, `${where}.actions[${k}]`]));
    arr(body.cards).forEach((card, i) => {
      const at = `cards[${i}]`;
      out.push(['cds-resp-1', card, at], ['cds-resp-6', card, at]);
      arr(card.suggestions).forEach((s, j) => {
        const sat = `${at}.suggestions[${j}]`;
        out.push(['cds-resp-5', s, sat], ['cds-resp-7', s, sat]);
        actions(sat, s.actions);
      });
      arr(card.links).forEach((l, j) => out.push(['cds-resp-3', l, `${at}.links[${j}]`]));
      arr(card.overrideReasons).forEach((r, j) => out.push(['cds-resp-4', r, `${at}.overrideReasons[${j}]`]));
    });
    arr(body.systemActions).forEach((a, k) => out.push(['cds-resp-2', a, `systemActions[${k}]`]));
  } else if (kind === 'requests') {
    out.push(['cds-r-1', body, '$']);
    if (body.fhirAuthorization !== undefined) out.push(['cds-r-2', body.fhirAuthorization, 'fhirAuthorization']);
  } else if (kind === 'feedback') {
    arr(body.feedback).forEach((item, i) => {
      out.push(['cds-fb-1', item, `feedback[${i}]`], ['cds-fb-2', item, `feedback[${i}]`]);
      if (item.overrideReason !== undefined) {
        out.push(['cds-fb-3', item.overrideReason, `feedback[${i}].overrideReason`]);
      }
    });
  }
  return out;
}

function main(dir) {
  const summary = { files: {}, evaluations: {}, empty: {}, failures: [] };
  Object.keys(INVARIANTS).forEach((id) => {
    summary.evaluations[id] = 0;
    summary.empty[id] = 0;
  });
  for (const kind of ['responses', 'requests', 'feedback']) {
    const folder = path.join(dir, kind);
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort() : [];
    summary.files[kind] = files.length;
    for (const file of files) {
      const body = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
      for (const [id, element, where] of targets(kind, body)) {
        summary.evaluations[id]++;
        let result;
        try {
          result = compiled[id](element);
        } catch (e) {
          summary.failures.push({ invariant: id, file: `${kind}/${file}`, at: where, error: String(e.message || e) });
          continue;
        }
        if (result.length === 0) {
          summary.empty[id]++; // no value: nothing to hold against the element (e.g. an absent field)
        } else if (!(result.length === 1 && result[0] === true)) {
          summary.failures.push({ invariant: id, file: `${kind}/${file}`, at: where, result });
        }
      }
    }
  }
  summary.total = Object.values(summary.evaluations).reduce((a, b) => a + b, 0);
  process.stdout.write(JSON.stringify(summary) + '\n');
  return summary.failures.length === 0 ? 0 : 1;
}

if (process.argv.length !== 3) {
  process.stderr.write('usage: node invariants.js <directory with responses/, requests/, feedback/>\n');
  process.exit(2);
}
process.exit(main(process.argv[2]));
