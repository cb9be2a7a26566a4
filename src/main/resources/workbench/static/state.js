/* hsg-cds workbench: what the views share: the mode, the rule content, the examples, the last request and response, the open override. */

export const state = {
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

export function whereFrom(location) {
  return location === 'classpath:' ? 'the jar (bundled content)' : location;
}

export function topicDisplay(code) {
  var topics = (state.rules && state.rules.topics) || [];
  for (var i = 0; i < topics.length; i++) { if (topics[i].topic === code) { return topics[i].display; } }
  return code;
}
