/* hsg-cds workbench: dates for people, as the cards write them. */


export function todayUtc(offsetDays) {
  var date = new Date(Date.now() + (offsetDays || 0) * 86400000);
  return date.toISOString().slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const ISO = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/* a FHIR date or dateTime as people write it, as the cards do: "10 Dec 2026", "10 Dec 2026, 09:00 +01:00" */
export function humanDate(text) {
  var m = ISO.exec(String(text || ''));
  if (!m) { return text; }
  var day = (m[3] ? Number(m[3]) + ' ' : '') + MONTHS[Number(m[2]) - 1] + ' ' + m[1];
  if (!m[4]) { return day; }
  return day + ', ' + m[4] + ':' + m[5] + (m[6] ? (m[6] === 'Z' ? ' UTC' : ' ' + m[6]) : '');
}

/* a period; the end without its day when it falls on the start's day */
export function humanPeriod(start, end) {
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
