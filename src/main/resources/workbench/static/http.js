/* hsg-cds workbench: calls to this service (the page's policy allows no other origin). */

export function call(method, path, body) {
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

export function problemText(result) {
  if (result.json && result.json.message) { return result.status + ' ' + (result.json.error || '') + ': ' + result.json.message; }
  return 'HTTP ' + result.status;
}
