// RealCast Webhooks dashboard: plain JavaScript over the REST API (/v1). The key lives in sessionStorage,
// so it is forgotten when the tab closes. All user data is inserted as text, never as HTML.
'use strict';

const KEY = 'realcast.key';
const main = () => document.getElementById('main');
let eventTypes = null;
let refreshTimer = null;

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function notice(message, isError) {
  const box = document.getElementById('notice');
  box.replaceChildren(message ? h('p', { class: isError ? 'error' : '' , text: message }) : '');
}

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + sessionStorage.getItem(KEY) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    sessionStorage.removeItem(KEY);
    location.hash = '#/';
    throw new Error('That key was not accepted. Paste the admin key or an app API key.');
  }
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) {
    const e = data && data.error ? data.error : { message: res.statusText };
    throw new Error(e.message + (e.field ? ' (field: ' + e.field + ')' : ''));
  }
  return data;
}

function crumbs(items) {
  document.getElementById('crumbs').replaceChildren(...items.map(([label, href]) =>
    h('li', {}, href ? h('a', { href }, label) : h('span', { 'aria-current': 'page' }, label))));
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    notice(what + ' copied to the clipboard.');
  } catch (e) {
    notice('Select the text and copy it by hand: the browser refused clipboard access.', true);
  }
}

// --- Views -------------------------------------------------------------------------------------------

function viewKey() {
  crumbs([['Sign in']]);
  const input = h('input', { id: 'key-input', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'key-help' });
  main().replaceChildren(
    h('h1', {}, 'Sign in'),
    h('form', { id: 'key-form', onsubmit: (e) => {
      e.preventDefault();
      sessionStorage.setItem(KEY, input.value.trim());
      location.hash = '#/apps';
    } },
    h('label', { for: 'key-input' }, 'API key'),
    input,
    h('p', { id: 'key-help', class: 'muted' }, 'The admin key (REALCAST_ADMIN_KEY) or an app\'s API key. Kept in this tab only.'),
    h('button', { id: 'key-save', class: 'primary', type: 'submit' }, 'Continue')));
  input.focus();
}

async function viewApps() {
  crumbs([['Apps']]);
  const { apps } = await api('GET', '/v1/apps');
  const list = apps.length === 0
    ? h('p', { class: 'empty', id: 'apps-empty' }, 'No apps yet. Create one to add webhooks.')
    : h('table', { id: 'apps-table' },
      h('caption', { class: 'muted' }, 'Your apps'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'App id'), h('th', { scope: 'col' }, 'Created'))),
      h('tbody', {}, apps.map((a) => h('tr', {},
        h('td', {}, h('a', { href: '#/apps/' + a.id, class: 'app-link' }, a.name || a.id)),
        h('td', { class: 'mono' }, a.id), h('td', {}, time(a.created_at))))));
  const nameInput = h('input', { id: 'app-name', type: 'text', maxlength: '100' });
  const created = h('div', { id: 'app-created' });
  const form = h('form', { id: 'create-app-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const app = await api('POST', '/v1/apps', { name: nameInput.value });
      created.replaceChildren(h('section', { class: 'card' },
        h('h2', {}, 'App created: ' + (app.name || app.id)),
        h('p', {}, 'Its API key is shown this once. Store it now:'),
        h('div', { class: 'row' }, h('code', { class: 'secret', id: 'new-api-key' }, app.api_key),
          h('button', { type: 'button', onclick: () => copy(app.api_key, 'API key') }, 'Copy API key')),
        h('a', { href: '#/apps/' + app.id }, 'Open ' + (app.name || app.id) + ' →')));
      notice('App created.');
    } catch (err) { notice(err.message, true); }
  } },
  h('label', { for: 'app-name' }, 'Name'), nameInput,
  h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit', id: 'create-app' }, 'Create app')));
  // App keys (rck_…) cannot create apps: only the admin key sees the form.
  const isAppKey = (sessionStorage.getItem(KEY) || '').startsWith('rck_');
  main().replaceChildren(h('h1', {}, 'Apps'), list,
    isAppKey ? '' : h('section', { class: 'card' }, h('h2', {}, 'Create an app'), form, created));
}

async function viewApp(appId) {
  const [app, { webhooks }, types] = await Promise.all([
    api('GET', '/v1/apps/' + appId), api('GET', '/v1/apps/' + appId + '/webhooks'), loadEventTypes()]);
  const title = app.name || app.id;
  crumbs([['Apps', '#/apps'], [title]]);
  const list = webhooks.length === 0
    ? h('p', { class: 'empty', id: 'webhooks-empty' }, 'No webhooks yet. Add one below to start receiving events.')
    : h('table', { id: 'webhooks-table' },
      h('thead', {}, h('tr', {}, ['URL', 'Events', 'State', 'Description'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, webhooks.map((w) => h('tr', { 'data-webhook-id': w.id },
        h('td', {}, h('a', { href: '#/apps/' + appId + '/webhooks/' + w.id, class: 'webhook-link' }, w.url)),
        h('td', {}, w.events.join(', ')),
        h('td', {}, stateBadge(w)),
        h('td', {}, w.description)))));
  main().replaceChildren(h('h1', {}, title, ' ', h('span', { class: 'muted mono' }, app.id)),
    h('h2', {}, 'Webhooks'), list, addWebhookForm(appId, types));
}

function stateBadge(w) {
  return w.enabled ? h('span', { class: 'badge s-enabled' }, 'Enabled')
    : h('span', { class: 'badge s-disabled', title: w.disabled_reason || '' }, w.disabled_reason ? 'Disabled (' + w.disabled_reason.split(':')[0] + ')' : 'Disabled');
}

function addWebhookForm(appId, types) {
  const url = h('input', { id: 'webhook-url', type: 'url', required: true, placeholder: 'https://yourdomain.com/webhooks/realcast' });
  const description = h('input', { id: 'webhook-description', type: 'text', maxlength: '500' });
  const enabled = h('input', { id: 'webhook-enabled', type: 'checkbox', checked: true });
  const boxes = types.map((t) => h('label', {}, h('input', { type: 'checkbox', name: 'events', value: t.name }), t.name));
  const result = h('div', { id: 'webhook-created' });
  const form = h('form', { id: 'add-webhook-form', onsubmit: async (e) => {
    e.preventDefault();
    const events = [...form.querySelectorAll('input[name=events]:checked')].map((b) => b.value);
    try {
      const w = await api('POST', '/v1/apps/' + appId + '/webhooks',
        { url: url.value, events, enabled: enabled.checked, description: description.value });
      result.replaceChildren(h('section', { class: 'card' },
        h('h2', {}, 'Webhook added'),
        h('p', {}, 'Copy the Webhook Secret: your server needs it to verify X-RealCast-Signature.'),
        h('div', { class: 'row' }, h('code', { class: 'secret', id: 'new-secret' }, w.secret),
          h('button', { type: 'button', id: 'copy-new-secret', onclick: () => copy(w.secret, 'Webhook Secret') }, 'Copy the Webhook Secret')),
        h('a', { href: '#/apps/' + appId + '/webhooks/' + w.id, id: 'open-webhook' }, 'Open the webhook →')));
      notice('Webhook added.');
      result.querySelector('button').focus();
    } catch (err) { notice(err.message, true); }
  } },
  h('label', { for: 'webhook-url' }, 'URL'), url,
  h('fieldset', {}, h('legend', {}, 'Events'), boxes),
  h('label', { for: 'webhook-description' }, 'Description (optional)'), description,
  h('div', { class: 'row' }, h('label', { class: 'inline', for: 'webhook-enabled' }, enabled, 'Enabled')),
  h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit', id: 'webhook-submit' }, 'Add Webhook')));
  return h('section', { class: 'card' }, h('h2', {}, 'Add Webhook'), form, result);
}

async function viewWebhook(appId, webhookId) {
  const base = '/v1/apps/' + appId + '/webhooks/' + webhookId;
  const [app, w, types] = await Promise.all([api('GET', '/v1/apps/' + appId), api('GET', base), loadEventTypes()]);
  crumbs([['Apps', '#/apps'], [app.name || app.id, '#/apps/' + appId], [w.url]]);
  const secretBox = h('div', { id: 'secret-box' });
  const typeSelect = h('select', { id: 'test-event-type' }, types.map((t) => h('option', { value: t.name }, t.name)));
  const statusFilter = h('select', { id: 'status-filter', onchange: () => refresh() },
    ['all', 'pending', 'retrying', 'delivered', 'dead'].map((s) => h('option', { value: s }, s)));
  const statsBox = h('div', { id: 'stats', class: 'stats', 'aria-live': 'polite' });
  const deliveriesBox = h('div', { id: 'deliveries' });

  let shown = '';
  async function refresh() {
    const q = statusFilter.value === 'all' ? '' : '?status=' + statusFilter.value;
    const [stats, { deliveries }] = await Promise.all([api('GET', base + '/stats'), api('GET', base + '/deliveries' + q)]);
    // Re-render only on change: keeps keyboard focus on a Redeliver button and avoids flicker.
    const now = JSON.stringify([stats, deliveries]);
    if (now === shown) return;
    shown = now;
    renderStats(statsBox, stats);
    renderDeliveries(deliveriesBox, deliveries, appId, refresh);
  }

  main().replaceChildren(
    h('h1', {}, w.url),
    h('p', {}, stateBadge(w), ' ', h('span', { class: 'muted' }, w.events.join(', ')), w.description ? ' — ' + w.description : ''),
    w.disabled_reason ? h('p', { class: 'muted' }, 'Disabled by the platform: ' + w.disabled_reason) : '',
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'toggle-enabled', onclick: async () => {
        try { await api('PATCH', base, { enabled: !w.enabled }); route(); } catch (err) { notice(err.message, true); }
      } }, w.enabled ? 'Disable' : 'Enable'),
      h('button', { type: 'button', class: 'danger', id: 'delete-webhook', onclick: async () => {
        if (!confirm('Delete this webhook? It will receive nothing further.')) return;
        try { await api('DELETE', base); location.hash = '#/apps/' + appId; notice('Webhook deleted.'); } catch (err) { notice(err.message, true); }
      } }, 'Delete')),
    h('section', { class: 'card' }, h('h2', {}, 'Webhook Secret'),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'show-secret', onclick: async () => {
          try { renderSecret(secretBox, await api('GET', base + '/secret')); } catch (err) { notice(err.message, true); }
        } }, 'Show the Webhook Secret'),
        h('button', { type: 'button', id: 'rotate-secret', onclick: async () => {
          if (!confirm('Rotate the secret? The old one keeps signing during the overlap window.')) return;
          try { renderSecret(secretBox, await api('POST', base + '/secret/rotate')); notice('Secret rotated.'); } catch (err) { notice(err.message, true); }
        } }, 'Rotate')),
      secretBox),
    h('section', { class: 'card' }, h('h2', {}, 'Send Test Event'),
      h('label', { for: 'test-event-type' }, 'Event type'), typeSelect,
      h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', id: 'send-test', onclick: async () => {
        try {
          const r = await api('POST', base + '/test', { event: typeSelect.value });
          notice('Test ' + r.event + ' queued as ' + r.delivery_id + '.');
          await refresh();
        } catch (err) { notice(err.message, true); }
      } }, 'Send Test Event'))),
    h('h2', {}, 'Stats'), statsBox,
    h('h2', {}, 'Deliveries'),
    h('div', { class: 'row' }, h('label', { class: 'inline', for: 'status-filter' }, 'Status'), statusFilter,
      h('button', { type: 'button', id: 'refresh', onclick: () => refresh() }, 'Refresh')),
    deliveriesBox);
  await refresh();
  refreshTimer = setInterval(() => refresh().catch(() => {}), 3000);
}

function renderSecret(box, s) {
  box.replaceChildren(
    h('div', { class: 'row' }, h('code', { class: 'secret', id: 'webhook-secret' }, s.secret),
      h('button', { type: 'button', id: 'copy-secret', onclick: () => copy(s.secret, 'Webhook Secret') }, 'Copy the Webhook Secret')),
    s.previous_secret ? h('p', { class: 'muted' }, 'The previous secret still signs (X-RealCast-Signature-Previous) until ' + time(s.previous_secret_expires_at) + '.') : '');
}

function renderStats(box, s) {
  const latency = (v) => (v === null ? '—' : v + ' ms');
  const items = [['received', s.received], ['processed', s.processed], ['failed attempts', s.failed], ['pending', s.pending],
    ['retrying', s.retrying], ['dead', s.dead], ['p50 latency', latency(s.latency_ms.p50)], ['p99 latency', latency(s.latency_ms.p99)],
    ['last success', time(s.last_success_at)], ['last failure', s.last_failure ? s.last_failure + ', ' + time(s.last_failure_at) : '—']];
  box.replaceChildren(...items.map(([label, value]) => h('div', { class: 'stat', 'data-stat': label },
    h('b', { class: label.startsWith('last') ? 'when' : null }, String(value)), h('span', {}, label))));
}

function renderDeliveries(box, deliveries, appId, refresh) {
  if (deliveries.length === 0) {
    box.replaceChildren(h('p', { class: 'empty', id: 'deliveries-empty' }, 'No deliveries yet. Send a test event, or wait for your streams to produce events.'));
    return;
  }
  box.replaceChildren(h('table', { id: 'deliveries-table' },
    h('thead', {}, h('tr', {}, ['Event', 'Status', 'HTTP', 'Attempts', 'Latency', 'Error', 'Last activity', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, deliveries.map((d) => {
      const last = d.attempts[d.attempts.length - 1];
      return h('tr', { 'data-delivery-id': d.id, 'data-status': d.status },
        h('td', {}, h('details', {}, h('summary', {}, d.event), h('div', { class: 'mono' }, d.id),
          d.attempts.map((a) => h('div', { class: 'muted' }, '#' + a.number + ' ' + time(a.started_at) + ': ' + (a.status_code || a.error || a.result) + ' in ' + a.latency_ms + ' ms')))),
        h('td', {}, h('span', { class: 'badge s-' + d.status }, d.status)),
        h('td', { class: 'num status-code' }, d.last_status_code || '—'),
        h('td', { class: 'num' }, String(d.attempts.length)),
        h('td', { class: 'num' }, d.last_latency_ms === null ? '—' : d.last_latency_ms + ' ms'),
        h('td', {}, (last && last.error) || d.dead_reason || ''),
        h('td', {}, time(d.last_activity_at)),
        h('td', {}, h('button', { type: 'button', class: 'redeliver', 'aria-label': 'Redeliver ' + d.event + ' ' + d.id, onclick: async () => {
          try { await api('POST', '/v1/apps/' + appId + '/deliveries/' + d.id + '/redeliver'); notice('Redelivery of ' + d.id + ' queued.'); await refresh(); } catch (err) { notice(err.message, true); }
        } }, 'Redeliver')));
    }))));
}

async function loadEventTypes() {
  if (!eventTypes) eventTypes = (await api('GET', '/v1/event-types')).event_types;
  return eventTypes;
}

// --- Routing -----------------------------------------------------------------------------------------

async function route() {
  clearInterval(refreshTimer);
  const signedIn = !!sessionStorage.getItem(KEY);
  document.getElementById('sign-out').hidden = !signedIn;
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  try {
    if (!signedIn) viewKey();
    else if (parts[0] === 'apps' && parts[1] && parts[2] === 'webhooks' && parts[3]) await viewWebhook(parts[1], parts[3]);
    else if (parts[0] === 'apps' && parts[1]) await viewApp(parts[1]);
    else await viewApps();
  } catch (err) {
    notice(err.message, true);
  }
}

window.addEventListener('hashchange', () => { notice(''); route(); });
window.addEventListener('DOMContentLoaded', () => {
  document.getElementById('sign-out').addEventListener('click', () => { sessionStorage.removeItem(KEY); eventTypes = null; location.hash = '#/'; route(); });
  route();
});
