// The page at /ui: plain JavaScript over the API's JSON endpoints, same origin only (relative URLs).
// Each view polls while it is shown, so a running replay moves it.
'use strict';

const POLL_MS = { user: 2000, experiment: 3000, system: 3000, products: 5000 };
const LIST_REFRESH_MS = 15000;
const KEY_STORAGE = 'shopreco.apiKey';

const state = {
  view: null, timer: null, generation: 0,
  catalog: new Map(), config: null,
  user: { id: null, signature: null, listsAt: 0 },
  similarOf: null,
};

// ---------- helpers ----------
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

function replace(id, ...children) { $(id).replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined)); }

const fmt = {
  n: (x) => (x === null || x === undefined ? '–' : Number(x).toLocaleString('en-US')),
  rate: (x) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(3)),
  p: (x) => (x === null || x === undefined ? '–' : (x < 1e-4 ? Number(x).toExponential(1) : Number(x).toFixed(4))),
  score: (x) => (x === null || x === undefined ? '–' : Number(x).toFixed(4)),
  perSec: (x) => (x === null || x === undefined ? '–' : Number(x).toFixed(1) + '/s'),
  time: (ms) => (ms === null || ms === undefined ? '–' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19)),
  iso: (s) => (s ? s.replace('T', ' ').replace('Z', '').slice(0, 19) : '–'),
  price: (x) => (x === null || x === undefined ? '–' : Number(x).toFixed(2)),
};

class ApiError extends Error {
  constructor(status, detail) { super(detail || ('HTTP ' + status)); this.status = status; }
}

async function api(path) {
  const headers = { Accept: 'application/json' };
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) headers['X-API-Key'] = key;
  const response = await fetch(path, { headers, cache: 'no-store' });
  if (response.status === 401 || response.status === 403) {
    showKeyForm(response.status === 403 ? 'The key was refused.' : '');
    throw new ApiError(response.status, 'an API key is needed');
  }
  if (!response.ok) {
    let detail = '';
    try { detail = (await response.json()).detail || ''; } catch (e) { /* not JSON */ }
    throw new ApiError(response.status, detail || ('HTTP ' + response.status));
  }
  return response.json();
}

function showKeyForm(message) {
  $('key-form').hidden = false;
  $('key-error').textContent = message || '';
}

function product(id) {
  return state.catalog.get(Number(id)) || { product_id: Number(id), name: 'product ' + id, category: '', price: null };
}

function lastLevel(category) {
  if (!category) return '';
  const levels = category.split(';');
  return levels[levels.length - 1];
}

function productCell(id) {
  const p = product(id);
  return el('span', { class: 'product', 'data-product': id, title: p.category || '' },
    el('span', { class: 'name', text: p.name }), ' ', el('span', { class: 'meta', text: '#' + id }));
}

// ---------- bars ----------
// rows: [{label, value, max, text, low, high, alt}]; value and whisker drawn in [0, max], the value also as text
function bars(rows, caption) {
  const grid = el('div', { class: 'bars', role: 'table', 'aria-label': caption || '' });
  for (const r of rows) {
    const max = r.max > 0 ? r.max : 1;
    const track = el('div', { class: 'bar-track', 'aria-hidden': 'true' },
      el('div', { class: 'bar-fill' + (r.alt ? ' alt' : ''), style: 'width:' + Math.min(100, 100 * r.value / max) + '%' }));
    if (r.low !== undefined && r.high !== undefined && r.low !== null) {
      track.append(el('div', { class: 'whisker',
        style: 'left:' + (100 * r.low / max) + '%;width:' + Math.max(0.5, 100 * (r.high - r.low) / max) + '%' }));
    }
    grid.append(el('span', { class: 'bar-label', text: r.label }), track, el('span', { class: 'bar-value', text: r.text }));
  }
  return grid;
}

// ---------- views ----------
const views = {
  user: { refresh: refreshUser },
  experiment: { refresh: refreshExperiment },
  system: { refresh: refreshSystem },
  products: { refresh: refreshProducts },
};

function route() {
  const hash = location.hash.replace(/^#/, '');
  const [name, arg] = hash.split('=');
  const view = views[name] ? name : 'user';
  if (view === 'user' && arg && /^\d+$/.test(arg)) {
    if (state.user.id !== arg) {
      state.user = { id: arg, signature: null, listsAt: 0 };
      $('user-id').value = arg;
      clearUser();
    }
  }
  show(view);
}

function show(view) {
  state.view = view;
  state.generation++;
  for (const name of Object.keys(views)) $('view-' + name).hidden = name !== view;
  document.querySelectorAll('nav a').forEach((a) => {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  if (state.timer) clearTimeout(state.timer);
  tick(state.generation);
}

async function tick(generation) {
  try {
    await views[state.view].refresh();
    const clock = await api('/state/clock');
    setStatus('event time ' + fmt.time(clock.event_time) + ' · instance ' + clock.instance + ' · updated '
      + new Date().toLocaleTimeString('en-GB'));
  } catch (e) {
    setStatus('not updated: ' + e.message);
  }
  if (generation === state.generation) {
    state.timer = setTimeout(() => tick(generation), POLL_MS[state.view]);
  }
}

function setStatus(text) { $('status').textContent = text; }

// ---------- user ----------
function clearUser() {
  for (const id of ['user-assignment', 'user-profile', 'user-events', 'user-lists', 'user-error']) replace(id);
}

async function refreshUser() {
  const id = state.user.id;
  if (!id) {
    replace('user-error', 'Type a user id and press Show.');
    return;
  }
  replace('user-error');
  const [events, profile, assignment] = await Promise.all([
    api('/users/' + id + '/events?n=20'), api('/users/' + id + '/profile'), api('/users/' + id + '/assignment')]);
  if (state.user.id !== id) return;
  renderAssignment(assignment);
  renderProfile(profile);
  renderEvents(events, profile);
  const touched = new Map(profile.interactions.map((i) => [i.product_id, i.purchased ? 'bought' : 'viewed']));
  const signature = JSON.stringify([events.events.length && events.events[0], profile.interactions.map(
    (i) => [i.product_id, i.strength_sum])]);
  const now = Date.now();
  if (signature !== state.user.signature || now - state.user.listsAt > LIST_REFRESH_MS) {
    await renderLists(id, touched);
    state.user.signature = signature;
    state.user.listsAt = now;
  } else {
    markTouched(touched);
  }
}

function renderAssignment(a) {
  const rows = [['experiment', a.experiment], ['rule', a.rule], ['variant', a.variant], ['model', a.model],
    ['why', a.reason]];
  const content = [el('dl', { class: 'kv', id: 'assignment-kv' }, rows.map(([k, v]) => [el('dt', { text: k }),
    el('dd', { 'data-field': k, text: v })]))];
  if (a.draws) {
    content.push(el('div', { class: 'scroll' }, el('table', { id: 'draws-table' },
      el('thead', {}, el('tr', {}, ['variant', 'model', 'weight', 'u', '−ln(u)/weight'].map(
        (h, i) => el('th', { class: i > 1 ? 'num' : '', text: h })))),
      el('tbody', {}, a.draws.map((d) => el('tr', {},
        el('td', {}, d.variant, d.variant === a.variant ? el('span', { class: 'tag ok', text: 'CHOSEN' }) : null),
        el('td', { text: d.model }), el('td', { class: 'num', text: d.weight }),
        el('td', { class: 'num', text: d.uniform.toFixed(4) }),
        el('td', { class: 'num', text: d.time === null ? 'off' : d.time.toFixed(4) })))))));
  }
  replace('user-assignment', content);
}

function renderProfile(profile) {
  if (!profile.categories.length) {
    replace('user-profile', el('p', { class: 'hint', text: 'No interactions yet: no profile.' }));
    return;
  }
  const max = profile.categories[0].relevance;
  replace('user-profile', bars(profile.categories.map((c) => ({
    label: c.category, value: c.relevance, max, text: c.relevance.toFixed(3) })), 'category profile'));
}

function renderEvents(events, profile) {
  $('user-events-note').textContent = '(the last ' + events.kept_for + ' h of event time; older: one line per product, '
    + 'from the profile)';
  const rows = events.events.map((e) => ({ time: fmt.iso(e.time), id: e.product_id,
    type: e.type === 'BUY_PRODUCT' ? 'buy' : 'view', source: 'event' }));
  const recent = new Set(rows.map((r) => r.id));
  const older = profile.interactions.filter((i) => !recent.has(i.product_id))
    .sort((a, b) => b.last_event.localeCompare(a.last_event)).slice(0, Math.max(0, 20 - rows.length))
    .map((i) => ({ time: fmt.iso(i.last_event), id: i.product_id, type: i.purchased ? 'bought' : 'viewed',
      source: 'history (' + i.strength_sum + ' × weight)' }));
  const all = rows.concat(older);
  if (!all.length) {
    replace('user-events', el('p', { class: 'hint', text: 'No events for this user.' }));
    return;
  }
  replace('user-events', el('table', { id: 'events-table' },
    el('thead', {}, el('tr', {}, ['time (UTC)', 'product', 'category', 'event', 'from'].map((h) => el('th', { text: h })))),
    el('tbody', {}, all.map((r) => el('tr', { 'data-product': r.id, 'data-type': r.type },
      el('td', { text: r.time }), el('td', {}, productCell(r.id)), el('td', { text: lastLevel(product(r.id).category) }),
      el('td', { text: r.type }), el('td', { class: 'hint', text: r.source }))))));
}

async function renderLists(id, touched) {
  const models = state.config.models;
  const answers = await Promise.all(models.map((m) => api('/models/' + m + '/user/' + id + '?n=10')
    .then((answer) => api('/models/' + (answer.fallback ? 'POPULARITY' : m) + '/user/' + id + '/scores?products='
      + answer.products.join(',')).then((scores) => ({ answer, scores })))
    .catch((error) => ({ error, model: m }))));
  if (state.user.id !== id) return;
  replace('user-lists', answers.map((r) => {
    if (r.error) {
      return el('section', { class: 'model', 'data-model': r.model }, el('h3', { text: r.model }),
        el('p', { class: 'error', text: r.error.message }));
    }
    const score = new Map(r.scores.scores.map((s) => [s.product_id, s.score]));
    return el('section', { class: 'model', 'data-model': r.answer.model, 'data-fallback': r.answer.fallback },
      el('h3', {}, r.answer.model, r.answer.fallback
        ? el('span', { class: 'tag warn', text: 'FALLBACK: popularity list' }) : null),
      el('ol', {}, r.answer.products.map((p) => {
        const prod = product(p);
        return el('li', { 'data-product': p },
          el('span', { class: 'touched-mark' }), productCell(p), el('br'),
          el('span', { class: 'meta', text: lastLevel(prod.category) + ' · price ' + fmt.price(prod.price)
            + ' · score ' + fmt.score(score.get(p)) + (r.answer.fallback ? ' (popularity)' : '') }));
      })));
  }));
  markTouched(touched);
}

function markTouched(touched) {
  document.querySelectorAll('#user-lists li[data-product]').forEach((li) => {
    const how = touched.get(Number(li.dataset.product));
    li.classList.toggle('touched', Boolean(how));
    li.querySelector('.touched-mark').textContent = how ? '✓ ' + how + ' · ' : '';
  });
}

// ---------- experiment ----------
async function refreshExperiment() {
  const name = state.config.experiment;
  const [readout, history] = await Promise.all([api('/experiments/' + encodeURIComponent(name)),
    api('/experiments/' + encodeURIComponent(name) + '/history')]);
  renderReadout(readout);
  renderHistory(history, readout.variants.map((v) => v.variant));
}

function renderReadout(r) {
  $('exp-title').textContent = 'Experiment ' + r.experiment;
  $('exp-meta').textContent = 'rule ' + r.rule + ' · attribution window ' + r.window_hours + ' h of event time'
    + (r.weights ? ' · weights ' + Object.entries(r.weights).map(([k, v]) => k + '=' + v).join(', ') : '');
  const srm = r.sample_ratio;
  replace('exp-srm', srm === null
    ? el('span', { class: 'hint', text: 'Sample-ratio check: not applicable (the threshold rule splits by id, not by weights).' })
    : el('span', {}, 'Sample-ratio check: χ² = ' + srm.chi_squared.toFixed(2) + ', ' + srm.degrees_of_freedom
      + ' degrees of freedom, p = ' + fmt.p(srm.p_value) + ' ',
      srm.mismatch ? el('span', { class: 'tag warn', id: 'srm-flag', text: 'MISMATCH: do not trust the comparison' })
        : el('span', { class: 'tag ok', id: 'srm-flag', text: 'OK' })));
  replace('exp-arms', el('table', { id: 'arms-table' },
    el('thead', {}, el('tr', {}, ['arm', 'users exposed', 'lists served', 'clicked', 'converted', 'click-through [95 %]',
      'conversion [95 %]'].map((h, i) => el('th', { class: i ? 'num' : '', text: h })))),
    el('tbody', {}, r.variants.map((v) => el('tr', { 'data-variant': v.variant },
      el('td', { text: v.variant }), el('td', { class: 'num', 'data-field': 'users_exposed', text: fmt.n(v.users_exposed) }),
      el('td', { class: 'num', 'data-field': 'lists_served', text: fmt.n(v.lists_served) }),
      el('td', { class: 'num', 'data-field': 'lists_clicked', text: fmt.n(v.lists_clicked) }),
      el('td', { class: 'num', 'data-field': 'lists_converted', text: fmt.n(v.lists_converted) }),
      el('td', { class: 'num', 'data-field': 'click_through', text: interval(v.click_through) }),
      el('td', { class: 'num', 'data-field': 'conversion', text: interval(v.conversion) }))))));
  const groups = [['Click-through', 'click_through', false], ['Conversion', 'conversion', true]].map(([title, field, alt]) => {
    const max = Math.max(0.05, ...r.variants.map((v) => v[field].high || 0));
    return el('div', { class: 'metric-group' }, el('h3', { text: title + ' per list served' }),
      bars(r.variants.map((v) => ({ label: v.variant, value: v[field].rate || 0, low: v[field].low, high: v[field].high,
        max, alt, text: interval(v[field]) })), title));
  });
  const served = Math.max(1, ...r.variants.map((v) => v.lists_served));
  const users = Math.max(1, ...r.variants.map((v) => v.users_exposed));
  groups.unshift(el('div', { class: 'metric-group' }, el('h3', { text: 'Lists served' }),
    bars(r.variants.map((v) => ({ label: v.variant, value: v.lists_served, max: served, text: fmt.n(v.lists_served) })))),
  el('div', { class: 'metric-group' }, el('h3', { text: 'Users exposed' }),
    bars(r.variants.map((v) => ({ label: v.variant, value: v.users_exposed, max: users, alt: true,
      text: fmt.n(v.users_exposed) })))));
  replace('exp-bars', groups);
  replace('exp-comparisons', r.comparisons.length === 0 ? el('p', { class: 'hint', text: 'One arm: nothing to compare.' })
    : el('table', { id: 'comparisons-table' },
      el('thead', {}, el('tr', {}, ['a', 'b', 'click-through a − b', 'p', 'conversion a − b', 'p'].map(
        (h, i) => el('th', { class: i > 1 ? 'num' : '', text: h })))),
      el('tbody', {}, r.comparisons.map((c) => el('tr', { 'data-pair': c.a + '|' + c.b },
        el('td', { text: c.a }), el('td', { text: c.b }),
        el('td', { class: 'num', text: signed(c.click_through.difference) }),
        el('td', { class: 'num', text: pText(c.click_through.p_value) }),
        el('td', { class: 'num', text: signed(c.conversion.difference) }),
        el('td', { class: 'num', text: pText(c.conversion.p_value) }))))));
}

function interval(p) {
  if (!p || !p.trials) return 'no lists yet';
  return fmt.rate(p.rate) + ' [' + fmt.rate(p.low) + ', ' + fmt.rate(p.high) + ']';
}
function signed(x) { return x === null || x === undefined || Number.isNaN(x) ? '–' : (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(4); }
function pText(p) { return p === null || p === undefined || Number.isNaN(p) ? '–' : fmt.p(p) + (p < 0.05 ? ' (significant at 5 %)' : ''); }

const DASHES = ['', '6 4', '2 3', '10 3 2 3', '1 6'];

function renderHistory(history, variants) {
  const points = history.points.filter((p) => Object.values(p.variants).some((c) => c.lists > 0));
  if (points.length < 2) {
    replace('exp-history', el('p', { class: 'hint', text: 'Not enough points yet: the instance owning the experiment ('
      + history.instance + ') records the counts each time they change while it runs.' }));
    return;
  }
  const W = 560; const H = 260; const L = 44; const R = 120; const T = 10; const B = 36;
  const t0 = points[0].event_time; const t1 = points[points.length - 1].event_time;
  const series = variants.map((v) => points.filter((p) => p.variants[v] && p.variants[v].lists > 0)
    .map((p) => [p.event_time, p.variants[v].clicked / p.variants[v].lists]));
  const yMax = Math.min(1, Math.max(0.1, ...series.flat().map((s) => s[1])) * 1.1);
  const x = (t) => L + (t1 === t0 ? 0 : (t - t0) / (t1 - t0)) * (W - L - R);
  const y = (v) => T + (1 - v / yMax) * (H - T - B);
  const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img',
    'aria-label': 'cumulative click-through per arm over event time' });
  for (let i = 0; i <= 4; i++) {
    const v = yMax * i / 4;
    chart.append(svg('line', { class: 'grid-line', x1: L, x2: W - R, y1: y(v), y2: y(v) }),
      svg('text', { x: L - 4, y: y(v) + 4, 'text-anchor': 'end' }, v.toFixed(2)));
  }
  chart.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }),
    svg('text', { x: L, y: H - B + 14 }, fmt.time(t0).slice(0, 16)),
    svg('text', { x: W - R, y: H - B + 14, 'text-anchor': 'end' }, fmt.time(t1).slice(0, 16)),
    svg('text', { x: (L + W - R) / 2, y: H - 4, 'text-anchor': 'middle' }, 'event time (UTC) → click-through'));
  const labels = [];
  series.forEach((s, i) => {
    if (!s.length) return;
    chart.append(svg('polyline', { class: 'series', 'stroke-dasharray': DASHES[i % DASHES.length],
      points: s.map(([t, v]) => x(t).toFixed(1) + ',' + y(v).toFixed(1)).join(' ') }));
    const [, vl] = s[s.length - 1];
    labels.push({ y: y(vl) + 4, text: variants[i] + ' ' + vl.toFixed(3) });
  });
  // the end labels, pushed apart so that close lines keep readable names
  labels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) labels[i].y = Math.max(labels[i].y, labels[i - 1].y + 12);
  for (const label of labels) chart.append(svg('text', { x: W - R + 4, y: label.y, class: 'series-label' }, label.text));
  const legend = el('p', { class: 'hint' }, 'Lines: ', variants.map((v, i) => v + ' (' + ['solid', 'dashed', 'dotted',
    'dash-dot', 'sparse dots'][i % 5] + ')').join(', '), ' · ' + points.length + ' points kept by ' + history.instance);
  replace('exp-history', chart, legend);
}

// ---------- system ----------
async function refreshSystem() {
  const system = await api('/state/system');
  const instances = system.instances;
  const totals = { events: 0, eventsPerSec: 0, lists: 0, listsPerSec: 0 };
  const lag = new Map();
  const dead = new Map();
  for (const i of instances) {
    if (!i.throughput) continue;
    totals.events += i.throughput.events_processed;
    totals.eventsPerSec += i.throughput.events_per_second;
    totals.lists += i.throughput.lists_served;
    totals.listsPerSec += i.throughput.lists_per_second;
    for (const [topic, n] of Object.entries(i.lag || {})) lag.set(topic, (lag.get(topic) || 0) + n);
    for (const d of i.dead_letters || []) {
      const key = d.stage + ' · ' + d.reason;
      dead.set(key, (dead.get(key) || 0) + d.count);
    }
  }
  const fits = instances.filter((i) => i.item_ease).map((i) => i.item_ease).sort((a, b) => b.at - a.at);
  const fit = fits[0];
  const deadRows = [...dead.entries()].sort((a, b) => b[1] - a[1]);
  const deadMax = Math.max(1, ...deadRows.map((d) => d[1]));
  replace('sys-totals',
    el('dl', { class: 'kv', id: 'sys-totals-kv' },
      el('dt', { text: 'instances' }), el('dd', { 'data-field': 'instances', text: instances.length + ' (page served by '
        + system.collected_by + ')' }),
      el('dt', { text: 'events processed' }), el('dd', { 'data-field': 'events', text: fmt.n(totals.events) + ' · '
        + fmt.perSec(totals.eventsPerSec) }),
      el('dt', { text: 'lists served' }), el('dd', { 'data-field': 'lists', text: fmt.n(totals.lists) + ' · '
        + fmt.perSec(totals.listsPerSec) }),
      el('dt', { text: 'last ITEM_EASE fit' }), el('dd', { 'data-field': 'item_ease', text: fit
        ? fmt.time(fit.at) + ' UTC: ' + fit.fitted + ' products fitted of ' + fit.gram_products + ' with Gram rows, '
          + fit.millis + ' ms' : 'none yet (ITEM_EASE answers with the popularity list, flagged fallback)' })),
    el('h3', { text: 'Lag per input topic (records waiting, all instances)' }),
    lag.size ? bars([...lag.entries()].map(([t, n]) => ({ label: t, value: n,
      max: Math.max(1, ...lag.values()), text: fmt.n(n) })), 'lag') : el('p', { class: 'hint', text: 'no consumer metrics yet' }),
    el('h3', { text: 'Dead letters by reason (written by the topology)' }),
    deadRows.length ? bars(deadRows.map(([k, n]) => ({ label: k, value: n, max: deadMax, alt: true, text: fmt.n(n) })),
      'dead letters') : el('p', { class: 'hint', id: 'no-dead-letters', text: 'none' }));
  replace('sys-instances', instances.map((i) => el('article', { class: 'panel instance', 'data-instance': i.instance },
    el('h2', {}, i.instance + ' ', el('span', { class: 'tag ' + (i.state === 'RUNNING' ? 'ok' : 'warn'),
      'data-field': 'state', text: i.state })),
    i.error ? el('p', { class: 'error', text: i.error }) : null,
    el('dl', { class: 'kv' },
      i.event_time !== undefined ? [el('dt', { text: 'event time' }), el('dd', { text: fmt.time(i.event_time) })] : null,
      i.throughput ? [el('dt', { text: 'events' }), el('dd', { text: fmt.n(i.throughput.events_processed) + ' · '
        + fmt.perSec(i.throughput.events_per_second) }),
      el('dt', { text: 'lists served' }), el('dd', { text: fmt.n(i.throughput.lists_served) + ' · '
        + fmt.perSec(i.throughput.lists_per_second) })] : null,
      (i.threads || []).map((t) => [el('dt', { text: t.name.replace(/^.*-(StreamThread-\d+)$/, '$1') }),
        el('dd', { text: t.state + ' · active tasks ' + (t.active_tasks.join(', ') || 'none') + ' · standby '
          + (t.standby_tasks.join(', ') || 'none') })])),
    el('h3', { text: 'Input partitions (active)' }), partitionTable(i.partitions),
    Object.keys(i.standby_partitions || {}).length ? [el('h3', { text: 'Standby partitions' }),
      partitionTable(i.standby_partitions)] : null,
    el('h3', { text: 'Stores' }), el('div', { class: 'chips' }, (i.stores || []).map((s) => el('span', { class: 'chip', text: s }))),
    i.lag ? [el('h3', { text: 'Lag per input topic' }), el('div', { class: 'chips' },
      Object.entries(i.lag).map(([t, n]) => el('span', { class: 'chip', text: t + ': ' + fmt.n(n) })))] : null)));
}

function partitionTable(partitions) {
  const entries = Object.entries(partitions || {});
  if (!entries.length) return el('p', { class: 'hint', text: 'none' });
  return el('table', { class: 'partitions' }, el('tbody', {}, entries.map(([topic, list]) => el('tr', {},
    el('td', { text: topic }), el('td', { text: list.join(', ') })))));
}

// ---------- products ----------
async function refreshProducts() {
  const popular = await api('/products/popular?n=20');
  const max = Math.max(1e-9, ...popular.products.map((p) => p.popularity));
  replace('prod-popular', el('table', { id: 'popular-table' },
    el('thead', {}, el('tr', {}, ['#', 'product', 'category', 'popularity', ''].map((h, i) => el('th', { class: i === 3 ? 'num' : '', text: h })))),
    el('tbody', {}, popular.products.map((p, rank) => el('tr', { 'data-product': p.product_id },
      el('td', { text: rank + 1 }), el('td', {}, productCell(p.product_id)),
      el('td', { text: lastLevel(product(p.product_id).category) }),
      el('td', { class: 'num' }, el('div', { class: 'bar-track', style: 'min-width:5rem', 'aria-hidden': 'true' },
        el('div', { class: 'bar-fill', style: 'width:' + (100 * p.popularity / max) + '%' })), p.popularity.toFixed(2)),
      el('td', {}, el('button', { type: 'button', 'data-similar': p.product_id, text: 'similar' })))))));
  if (state.similarOf) await renderSimilar(state.similarOf);
}

async function renderSimilar(id) {
  state.similarOf = id;
  $('prod-similar-of').textContent = 'to ' + product(id).name + ' (#' + id + ')';
  try {
    const similar = await api('/products/' + id + '/similar?n=10');
    const list = similar.products || [];
    replace('prod-similar', el('ol', { id: 'similar-list' }, list.map((s) => {
      const pid = typeof s === 'object' ? s.product_id : s;
      return el('li', { 'data-product': pid }, productCell(pid),
        typeof s === 'object' && s.score !== undefined ? el('span', { class: 'meta', text: ' · score ' + fmt.score(s.score) }) : null);
    })), similar.fallback ? el('p', {}, el('span', { class: 'tag warn', text: 'FALLBACK: popularity list' })) : null);
  } catch (e) {
    replace('prod-similar', el('p', { class: 'hint', text: e.status === 404
      ? 'Not available: ' + e.message : 'Cannot load similar products: ' + e.message }));
  }
}

// ---------- start ----------
async function loadConfig() {
  const [instance, catalog] = await Promise.all([api('/state/instance'), api('/products')]);
  state.config = { models: instance.models, experiment: instance.experiment };
  state.catalog = new Map(catalog.products.map((p) => [p.product_id, p]));
}

function setUpControls() {
  $('user-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('user-id').value.trim();
    if (/^\d+$/.test(value)) location.hash = 'user=' + value;
  });
  const step = (delta) => {
    const current = Number($('user-id').value || state.user.id || 100);
    location.hash = 'user=' + Math.max(0, current + delta);
  };
  $('user-prev').addEventListener('click', () => step(-1));
  $('user-next').addEventListener('click', () => step(1));
  $('prod-popular').addEventListener('click', (event) => {
    const id = event.target.dataset && event.target.dataset.similar;
    if (id) renderSimilar(Number(id));
  });
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORAGE, $('key-input').value);
    $('key-form').hidden = true;
    start();
  });
  window.addEventListener('hashchange', route);
}

let retry = null;

async function start() {
  clearTimeout(retry);
  try {
    await loadConfig();
  } catch (e) {
    setStatus('cannot load the catalog and settings: ' + e.message + ' (retrying)');
    retry = setTimeout(start, 2000);
    return;
  }
  route();
}

setUpControls();
start();
