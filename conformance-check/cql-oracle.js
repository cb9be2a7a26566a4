'use strict';
// A second CQL engine as an oracle: cql-execution with cql-exec-fhir (the engine behind AHRQ CQL Services), which
// shares no code with the service's engine (cqframework's Java engine), evaluates the build's JSON ELM over every
// case a test wrote, and writes each expression's value in a normalised shape the test compares with its own.
//
// Usage: node cql-oracle.js <ELM directory> <value sets file> <cases directory> <output file>
//   ELM directory: one JSON ELM file per library (the rule library, HSGCommon, FHIRHelpers), as the build writes them.
//   value sets file: {"<url>": {"": [{"system": ..., "code": ...}, ...]}} (cql-execution's CodeService input).
//   cases directory: one <case>.json per evaluation:
//     {"library": name, "expressions": [...], "executionDateTime": ISO,
//      "parameters": {name: {"type": "Date"|"Boolean"|"Integer"|"Decimal", "value": ...}}, "bundle": FHIR Bundle}
// Output: {"cases": {"<case>": {"<expression>": {"value": normalised} | {"error": message}}, ...},
//          "adaptations": {"matchesInlineFlags": how many Matches calls had their inline flags given as RegExp flags}}
// One process evaluates every case (a node start per case would cost more than the evaluations).
const fs = require('fs');
const path = require('path');
const cql = require('cql-execution');
const cqlfhir = require('cql-exec-fhir');
const { Matches } = require('cql-execution/lib/elm/string');

// The one adaptation of the oracle, a regular-expression dialect (hazard log H-25): CQL leaves the dialect of Matches
// to the platform, the rules write their flags inline at the start of a pattern ("(?is)...", Java's and PCRE's way),
// and JavaScript's RegExp rejects inline flags. A leading inline flag group is given to RegExp as flags instead (i:
// ignore case, s: dot matches newlines); the rest of the pattern, and cql-execution's own "^" + pattern + "$", are
// kept. Every use is counted, and the count is reported.
const INLINE_FLAGS = /^\(\?([is]+)\)/;
const adaptations = { matchesInlineFlags: 0 };
Matches.prototype.exec = async function exec(ctx) {
  const [string, pattern] = await this.execArgs(ctx);
  if (string == null || pattern == null) {
    return null;
  }
  const flags = INLINE_FLAGS.exec(pattern);
  if (!flags) {
    return new RegExp('^' + pattern + '$').test(string);
  }
  adaptations.matchesInlineFlags++;
  return new RegExp('^' + pattern.slice(flags[0].length) + '$', flags[1]).test(string);
};

function main(argv) {
  if (argv.length !== 4) {
    console.error('usage: node cql-oracle.js <ELM directory> <value sets file> <cases directory> <output file>');
    process.exit(2);
  }
  const [elmDir, valueSetsFile, casesDir, outFile] = argv;
  const elm = {};
  for (const file of fs.readdirSync(elmDir).filter((f) => f.endsWith('.json'))) {
    const json = JSON.parse(fs.readFileSync(path.join(elmDir, file), 'utf8'));
    elm[json.library.identifier.id] = json;
  }
  const repository = new cql.Repository(elm);
  const codeService = new cql.CodeService(JSON.parse(fs.readFileSync(valueSetsFile, 'utf8')));
  const libraries = {};
  return run(casesDir, repository, codeService, libraries).then((results) => {
    fs.writeFileSync(outFile, JSON.stringify({ cases: results, adaptations }));
    console.log(JSON.stringify({ cases: Object.keys(results).length, adaptations }));
  });
}

async function run(casesDir, repository, codeService, libraries) {
  const results = {};
  // One patient source for all cases: making one parses FHIR's model info (most of the time of a small case).
  const source = cqlfhir.PatientSource.FHIRv401();
  const files = fs.readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const name = file.slice(0, -'.json'.length);
    const input = JSON.parse(fs.readFileSync(path.join(casesDir, file), 'utf8'));
    if (!libraries[input.library]) {
      libraries[input.library] = repository.resolve(input.library);
    }
    results[name] = await evaluate(source, libraries[input.library], codeService, input);
  }
  return results;
}

async function evaluate(source, library, codeService, input) {
  const out = {};
  let context;
  try {
    source.reset();
    source.loadBundles([input.bundle]);
    const patient = source.currentPatient();
    if (!patient) {
      throw new Error('cql-exec-fhir found no Patient in the bundle');
    }
    context = new cql.PatientContext(
      library,
      patient,
      codeService,
      parameters(input.parameters),
      cql.DateTime.parse(input.executionDateTime),
    );
  } catch (e) {
    for (const expression of input.expressions) {
      out[expression] = { error: message(e) };
    }
    return out;
  }
  for (const expression of input.expressions) {
    const def = library.expressions[expression];
    if (!def) {
      out[expression] = { error: 'no such expression in the ELM' };
      continue;
    }
    try {
      out[expression] = { value: normalise(await def.execute(context)) };
    } catch (e) {
      out[expression] = { error: message(e) };
    }
  }
  return out;
}

function parameters(typed) {
  const values = {};
  for (const [name, { type, value }] of Object.entries(typed)) {
    if (value === null || value === undefined) {
      values[name] = null;
    } else if (type === 'Date') {
      values[name] = cql.Date.parse(value);
    } else {
      values[name] = value; // Boolean, Integer, Decimal: JSON already has them
    }
  }
  return values;
}

// The innermost error, with where cql-execution met it (its AnnotatedError names the expression and locator).
function message(e) {
  let where = '';
  let cause = e;
  while (cause && cause.cause && cause.cause !== cause) {
    if (cause.expressionName) {
      where = `${cause.libraryName}.${cause.expressionName}${cause.locator ? ' @' + cause.locator : ''}: `;
    }
    cause = cause.cause;
  }
  const text = cause && cause.message ? cause.message : String(cause);
  return (where + text.split('\n')[0]).slice(0, 300);
}

// The shapes the Java side writes too: dates and times as ISO text under a tag, resources as Type/id.
function normalise(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return { number: String(v) };
  if (Array.isArray(v)) return v.map(normalise);
  if (v.isDate) return { date: v.toString() };
  if (v.isDateTime) return { dateTime: v.toString() };
  if (v.isInterval) {
    return { interval: [normalise(v.low), normalise(v.high)], lowClosed: v.lowClosed, highClosed: v.highClosed };
  }
  if (v.isQuantity) return { quantity: String(v.value), unit: v.unit == null ? null : v.unit };
  if (v.isCode) return { code: `${v.system}|${v.code}` };
  if (v.isConcept) return { concept: (v.codes || []).map((c) => `${c.system}|${c.code}`) };
  if (typeof v.getTypeInfo === 'function' && v._json) {
    const type = v._json.resourceType || v.getTypeInfo().name;
    return v._json.resourceType ? { resource: `${type}/${v._json.id}` } : { element: type };
  }
  if (typeof v === 'object' && v.constructor === Object) {
    const tuple = {};
    for (const key of Object.keys(v).sort()) tuple[key] = normalise(v[key]);
    return { tuple };
  }
  return { unknown: String(v) };
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
