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

async function api(method, path, body, version) {
  const headers = { Authorization: 'Bearer ' + sessionStorage.getItem(KEY) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // Changes to a webhook name the version shown, so a change made meanwhile elsewhere is not overwritten.
  if (version !== undefined) headers['If-Match'] = '"' + version + '"';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    sessionStorage.removeItem(KEY);
    location.hash = '#/';
    throw new Error('That key was not accepted. Paste the admin key or an app API key.');
  }
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) {
    const e = data && data.error ? data.error : { message: res.statusText };
    if (res.status === 409 && e.code === 'version_conflict') throw new Error('This webhook changed meanwhile; reload the page and try again.');
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

function appList(apps) {
  return apps.length === 0
    ? h('p', { class: 'empty', id: 'apps-empty' }, 'No apps yet. Create one to add webhooks.')
    : h('table', { id: 'apps-table' },
      h('caption', { class: 'muted' }, 'Your apps'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'App id'), h('th', { scope: 'col' }, 'Created'))),
      h('tbody', {}, apps.map((a) => h('tr', {},
        h('td', {}, h('a', { href: '#/apps/' + a.id, class: 'app-link' }, a.name || a.id)),
        h('td', { class: 'mono' }, a.id), h('td', {}, time(a.created_at))))));
}

async function viewApps() {
  crumbs([['Apps']]);
  const listBox = h('div', { id: 'apps-list' }, appList((await api('GET', '/v1/apps')).apps));
  const nameInput = h('input', { id: 'app-name', type: 'text', maxlength: '100' });
  const created = h('div', { id: 'app-created' });
  const form = h('form', { id: 'create-app-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const app = await api('POST', '/v1/apps', { name: nameInput.value });
      created.replaceChildren(shownOnce('App created: ' + (app.name || app.id), 'API key', app.api_key, 'new-api-key'),
        h('a', { href: '#/apps/' + app.id }, 'Open ' + (app.name || app.id) + ' →'));
      // The list above shows the new app at once, instead of a stale "No apps yet".
      listBox.replaceChildren(appList((await api('GET', '/v1/apps')).apps));
      notice('App created.');
    } catch (err) { notice(err.message, true); }
  } },
  h('label', { for: 'app-name' }, 'Name'), nameInput,
  h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit', id: 'create-app' }, 'Create app')));
  main().replaceChildren(h('h1', {}, 'Apps'), listBox,
    isAppKey() ? '' : h('section', { class: 'card' }, h('h2', {}, 'Create an app'), form, created));
}

/** A secret shown this once, with a copy button. */
function shownOnce(title, what, value, id) {
  return h('section', { class: 'card' },
    h('h2', {}, title),
    h('p', {}, 'Its ' + what + ' is shown this once. Store it now:'),
    h('div', { class: 'row' }, h('code', { class: 'secret', id }, value),
      h('button', { type: 'button', onclick: () => copy(value, what) }, 'Copy ' + what)));
}

// App keys (rck_…) cannot create or delete apps: only the admin key sees those controls.
function isAppKey() {
  return (sessionStorage.getItem(KEY) || '').startsWith('rck_');
}

async function viewApp(appId) {
  const [app, { webhooks }, types] = await Promise.all([
    api('GET', '/v1/apps/' + appId), api('GET', '/v1/apps/' + appId + '/webhooks'), loadEventTypes()]);
  const title = app.name || app.id;
  crumbs([['Apps', '#/apps'], [title]]);
  const list = webhooks.length === 0
    ? h('p', { class: 'empty', id: 'webhooks-empty' }, 'No webhooks yet. Add one below to start receiving events.')
    : h('table', { id: 'webhooks-table' },
      h('thead', {}, h('tr', {}, ['URL', 'Events', 'State', 'Last hour', 'Description'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, webhooks.map((w) => h('tr', { 'data-webhook-id': w.id },
        h('td', {}, h('a', { href: '#/apps/' + appId + '/webhooks/' + w.id, class: 'webhook-link' }, w.url)),
        h('td', {}, w.events.join(', ')),
        h('td', {}, stateBadge(w), w.operational ? [' ', h('span', { class: 'badge s-operational' }, 'operational')] : ''),
        h('td', { class: 'spark-cell', 'data-spark': w.id }, '…'),
        h('td', {}, w.description)))));
  main().replaceChildren(h('h1', {}, title, ' ', h('span', { class: 'muted mono' }, app.id)),
    h('h2', {}, 'Webhooks'), list, addWebhookForm(appId, types.filter((t) => !t.operational)), operationalWebhook(app), appKeys(app));
  // One small chart per webhook: deliveries per minute over the last hour, drawn from the history.
  for (const w of webhooks) {
    api('GET', '/v1/apps/' + appId + '/webhooks/' + w.id + '/series?range=1h').then((series) => {
      const cell = document.querySelector('[data-spark="' + w.id + '"]');
      if (cell) cell.replaceChildren(sparkline(series));
    }).catch(() => {});
  }
}

function appKeys(app) {
  const revoke = h('input', { id: 'revoke-old-key', type: 'checkbox' });
  const result = h('div', { id: 'key-rotated' });
  const rotate = h('button', { type: 'button', id: 'rotate-key', onclick: () => confirmBox(
    revoke.checked ? 'Rotate the API key and revoke the current one now? Clients still using it will be refused at once.'
      : 'Rotate the API key? The current one keeps working for the overlap window (24 h by default).',
    'Rotate', async () => {
      try {
        const body = revoke.checked ? { previous_key_valid_seconds: 0 } : {};
        const rotated = await api('POST', '/v1/apps/' + app.id + '/keys/rotate', body);
        result.replaceChildren(shownOnce('New API key', 'API key', rotated.api_key, 'rotated-api-key'),
          rotated.previous_key_expires_at ? h('p', { class: 'muted' }, 'The previous key works until ' + time(rotated.previous_key_expires_at) + '.') : '');
        if (isAppKey() && revoke.checked) sessionStorage.setItem(KEY, rotated.api_key);
        notice('API key rotated.');
      } catch (err) { notice(err.message, true); }
    }) }, 'Rotate API key');
  const remove = isAppKey() ? '' : h('button', { type: 'button', class: 'danger', id: 'delete-app', onclick: () => confirmBox(
    'Delete ' + (app.name || app.id) + '? Its webhooks are deleted and receive nothing further; its keys stop working. Dead letters stay until retention ends.',
    'Delete app', async () => {
      try {
        await api('DELETE', '/v1/apps/' + app.id);
        // The page's own hashchange listener clears the notice; this one runs after it, so the notice stays.
        window.addEventListener('hashchange', () => notice('App deleted.'), { once: true });
        location.hash = '#/apps';
      } catch (err) { notice(err.message, true); }
    }) }, 'Delete app');
  return h('section', { class: 'card', id: 'app-keys' }, h('h2', {}, 'API key'),
    h('p', { class: 'muted' }, 'Rotate a key that may have leaked. The new one is shown once.'),
    h('div', { class: 'row' }, h('label', { class: 'inline', for: 'revoke-old-key' }, revoke, 'Revoke the current key at once'), rotate, remove),
    result);
}

function stateBadge(w) {
  if (w.enabled && w.failing) return h('span', { class: 'badge s-failing', title: 'Failing since ' + time(w.failing.since) }, 'Failing');
  return w.enabled ? h('span', { class: 'badge s-enabled' }, 'Enabled')
    : h('span', { class: 'badge s-disabled', title: w.disabled_reason || '' }, w.disabled_reason ? 'Disabled (' + w.disabled_reason.split(':')[0] + ')' : 'Disabled');
}

/** The app's operational webhook: where RealCast sends webhook.disabled when it disables one of the app's webhooks. */
function operationalWebhook(app) {
  const path = '/v1/apps/' + app.id;
  const url = h('input', { id: 'operational-url', type: 'url', placeholder: 'https://yourdomain.com/webhooks/realcast-ops', value: app.operational_webhook_url || '' });
  const save = async (value, done) => {
    try { await api('PATCH', path, { operational_webhook_url: value }); await route(); notice(done); } catch (err) { notice(err.message, true); }
  };
  const form = h('form', { id: 'operational-form', onsubmit: (e) => { e.preventDefault(); save(url.value, 'Operational webhook saved.'); } },
    h('label', { for: 'operational-url' }, 'Operational webhook URL'), url,
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'operational-save' }, 'Save'),
      app.operational_webhook_url ? h('button', { type: 'button', class: 'danger', id: 'operational-remove',
        onclick: () => save(null, 'Operational webhook removed.') }, 'Remove') : ''));
  return h('section', { class: 'card', id: 'operational-card' }, h('h2', {}, 'Operational webhook'),
    h('p', { class: 'muted' }, 'When RealCast disables one of this app\'s webhooks (it answered 410 Gone, or failed for a day), it POSTs a signed webhook.disabled event here.'),
    form,
    app.operational_webhook_id ? h('p', {}, h('a', { href: '#/apps/' + app.id + '/webhooks/' + app.operational_webhook_id, id: 'operational-open' },
      'Open it: its secret, test event and deliveries →')) : '');
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
  const [app, w, types, lifetime] = await Promise.all([api('GET', '/v1/apps/' + appId), api('GET', base), loadEventTypes(),
    api('GET', base + '/stats')]);
  crumbs([['Apps', '#/apps'], [app.name || app.id, '#/apps/' + appId], [w.url]]);
  const secretBox = h('div', { id: 'secret-box' });
  // Operational events for the webhooks that receive them; stream events for the others.
  const itsTypes = types.filter((t) => !t.operational || w.events.includes(t.name));
  const typeSelect = h('select', { id: 'test-event-type' }, itsTypes.map((t) => h('option', { value: t.name }, t.name)));
  if (w.operational) typeSelect.value = w.events[0];
  const statsBox = h('div', { id: 'stats', class: 'stats', 'aria-live': 'polite' });
  const chartsBox = h('div', { id: 'charts' });
  const deliveriesBox = h('div', { id: 'deliveries' });
  const filters = deliveryFilters(itsTypes, () => { pages = []; refresh(); });
  const rangeSelect = h('select', { id: 'chart-range', onchange: () => refreshCharts() },
    h('option', { value: '1h' }, 'Last hour'), h('option', { value: '24h' }, 'Last day'));
  let pages = [];
  const older = h('button', { type: 'button', id: 'older-page', disabled: true, onclick: () => { pages.push(older.dataset.cursor); refresh(); } }, 'Older →');
  const newest = h('button', { type: 'button', id: 'newest-page', onclick: () => { pages = []; refresh(); } }, 'Newest');

  let shown = '';
  async function refresh() {
    const q = filters.query();
    const cursor = pages[pages.length - 1];
    if (cursor) q.set('cursor', cursor);
    const [stats, page] = await Promise.all([api('GET', base + '/stats'), api('GET', base + '/deliveries?' + q.toString())]);
    older.disabled = !page.next_cursor;
    older.dataset.cursor = page.next_cursor || '';
    // Re-render only on change: keeps keyboard focus on a Redeliver button and avoids flicker.
    const now = JSON.stringify([stats, page]);
    if (now === shown) return;
    shown = now;
    renderStats(statsBox, stats);
    renderDeliveries(deliveriesBox, page.deliveries, appId, refresh, pages.length > 0);
    // Something happened: the charts show it too.
    refreshCharts().catch(() => {});
  }
  async function refreshCharts() {
    renderCharts(chartsBox, await api('GET', base + '/series?range=' + rangeSelect.value));
  }

  main().replaceChildren(
    h('h1', {}, w.url),
    h('p', {}, stateBadge(w), ' ', h('span', { class: 'muted' }, w.events.join(', ')), w.description ? ' — ' + w.description : ''),
    disabledBanner(base, w, lifetime), failingBanner(w),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'toggle-enabled', onclick: async () => {
        try { await api('PATCH', base, { enabled: !w.enabled }, w.version); route(); } catch (err) { notice(err.message, true); }
      } }, w.enabled ? 'Disable' : 'Enable'),
      h('button', { type: 'button', class: 'danger', id: 'delete-webhook', onclick: () => confirmBox('Delete this webhook? It will receive nothing further.',
        'Delete', async () => {
          try { await api('DELETE', base, undefined, w.version); location.hash = '#/apps/' + appId; notice('Webhook deleted.'); } catch (err) { notice(err.message, true); }
        }) }, 'Delete')),
    h('section', { class: 'card' }, h('h2', {}, 'Webhook Secret'),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'show-secret', onclick: async () => {
          try { renderSecret(secretBox, await api('GET', base + '/secret')); } catch (err) { notice(err.message, true); }
        } }, 'Show the Webhook Secret'),
        h('button', { type: 'button', id: 'rotate-secret', onclick: () => confirmBox('Rotate the secret? The old one keeps signing during the overlap window.',
          'Rotate', async () => {
            try { renderSecret(secretBox, await api('POST', base + '/secret/rotate')); notice('Secret rotated.'); } catch (err) { notice(err.message, true); }
          }) }, 'Rotate')),
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
    h('h2', {}, 'Charts'),
    h('div', { class: 'row' }, h('label', { class: 'inline', for: 'chart-range' }, 'Window'), rangeSelect), chartsBox,
    h('h2', {}, 'Deliveries'), filters.form,
    h('div', { class: 'row' }, newest, older, h('button', { type: 'button', id: 'refresh', onclick: () => refresh() }, 'Refresh')),
    deliveriesBox,
    replayForm(base, itsTypes, refresh),
    // Settings changed now and then: below what is looked at every day.
    optionsForm(base, w));
  await refresh();
  refreshTimer = setInterval(() => refresh().catch(() => {}), 3000);
}

/**
 * Shown when RealCast disabled the webhook: why and when, and a button that enables it again (through the version
 * shown) and then recovers the dead letters of the failing period: those created since its last success (or its creation).
 */
function disabledBanner(base, w, stats) {
  if (w.enabled || !w.disabled_reason) return '';
  const recover = h('input', { id: 'recover-dead', type: 'checkbox', checked: true });
  const since = h('input', { id: 'recover-since', type: 'datetime-local', value: localMinute(stats.last_success_at || w.created_at) });
  const enable = h('button', { type: 'button', class: 'primary', id: 'reenable', onclick: async () => {
    if (recover.checked && !since.value) { notice('Say since when to recover dead letters, or untick the box.', true); return; }
    try {
      await api('PATCH', base, { enabled: true }, w.version);
      let done = 'Webhook enabled again.';
      if (recover.checked) {
        const r = await api('POST', base + '/recover', { since: new Date(since.value).toISOString() });
        done += ' ' + r.recovered + ' dead letters queued again.';
      }
      await route();
      notice(done);
    } catch (err) { notice(err.message, true); }
  } }, 'Enable again');
  return h('section', { class: 'banner bad', id: 'disabled-banner', role: 'alert' },
    h('h2', {}, 'RealCast disabled this webhook'),
    h('p', { id: 'disabled-reason' }, time(w.updated_at) + ': ' + w.disabled_reason),
    h('p', { class: 'muted' }, 'It receives nothing until it is enabled again. Fix the endpoint first; its dead letters are kept and can be sent again.'),
    h('div', { class: 'row' }, h('label', { class: 'inline', for: 'recover-dead' }, recover, 'Also recover the dead letters created since'),
      h('label', { class: 'sr-only', for: 'recover-since' }, 'Start of the failing period'), since),
    h('div', { class: 'row' }, enable));
}

/** Shown while every attempt fails: how long, and what happens if it goes on. */
function failingBanner(w) {
  if (!w.enabled || !w.failing) return '';
  const f = w.failing;
  return h('section', { class: 'banner warn', id: 'failing-banner', role: 'status' },
    h('p', {}, 'Failing since ' + time(f.since) + ': ' + f.dead_letters + ' dead letters so far; the last attempt ended with ' + f.last_failure + ' at ' + time(f.last_failure_at) + '.'),
    h('p', { class: 'muted' }, 'RealCast disables a webhook whose attempts have all failed for 24 hours with at least 10 dead letters (the defaults), and tells the app\'s operational webhook.'));
}

/** An ISO time as a datetime-local value, in this browser's time zone, to the minute (rounded down). */
function localMinute(iso) {
  const d = new Date(iso);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

/** The webhook's delivery options: order per stream, pace, concurrency and extra request headers. */
function optionsForm(base, w) {
  const ordering = h('select', { id: 'opt-ordering' },
    h('option', { value: 'none' }, 'none: as fast as possible, in any order'),
    h('option', { value: 'stream' }, 'stream: each stream\'s events in order, numbered (sequence)'));
  ordering.value = w.ordering;
  const count = (id, max, value, placeholder) => h('input', { id, type: 'number', min: '1', max: String(max), step: '1', placeholder,
    value: value === null ? null : String(value) });
  const rate = count('opt-rate', 100000, w.rate_limit_per_second, 'no limit');
  const inFlight = count('opt-in-flight', 1024, w.max_in_flight, 'the service\'s adaptive limit');
  const rows = h('div', { id: 'opt-headers' });
  let next = 0;
  const addRow = (name, value) => {
    const n = next++;
    const nameInput = h('input', { id: 'opt-header-name-' + n, class: 'header-name', type: 'text', maxlength: '256', value: name });
    const valueInput = h('input', { id: 'opt-header-value-' + n, class: 'header-value', type: 'text', maxlength: '1024', value });
    const row = h('div', { class: 'row header-row' },
      h('label', { class: 'inline', for: nameInput.id }, 'Name'), nameInput,
      h('label', { class: 'inline', for: valueInput.id }, 'Value'), valueInput,
      h('button', { type: 'button', class: 'link', onclick: () => row.remove() }, 'Remove'));
    rows.append(row);
  };
  Object.entries(w.headers).forEach(([name, value]) => addRow(name, value));
  const number = (input) => (input.value.trim() === '' ? null : Number(input.value));
  const form = h('form', { id: 'options-form', onsubmit: async (e) => {
    e.preventDefault();
    const headers = {};
    for (const row of rows.querySelectorAll('.header-row')) {
      const name = row.querySelector('.header-name').value.trim();
      const value = row.querySelector('.header-value').value;
      if (name !== '' || value !== '') headers[name] = value;
    }
    try {
      await api('PATCH', base, { ordering: ordering.value, rate_limit_per_second: number(rate), max_in_flight: number(inFlight), headers }, w.version);
      await route();
      notice('Delivery options saved.');
    } catch (err) { notice(err.message, true); }
  } },
  h('label', { for: 'opt-ordering' }, 'Ordering'), ordering,
  h('label', { for: 'opt-rate' }, 'Rate limit (requests per second)'), rate,
  h('label', { for: 'opt-in-flight' }, 'Requests in flight at most'), inFlight,
  h('fieldset', {}, h('legend', {}, 'Extra request headers (up to 20; never ours: X-RealCast-*, webhook-*, Content-Type, …)'), rows,
    h('button', { type: 'button', id: 'opt-add-header', onclick: () => addRow('', '') }, 'Add header')),
  h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'options-save' }, 'Save delivery options')));
  return h('section', { class: 'card', id: 'options-card' }, h('h2', {}, 'Delivery options'),
    h('p', { class: 'muted' }, 'An ordered webhook gets each stream\'s events one at a time, in order, with a "sequence" number in the body: a gap is a superseded viewer count or a dead letter. Waiting for the rate limit is not a failed attempt.'),
    form);
}

/** The search form of the deliveries list; query() gives its parameters. */
function deliveryFilters(types, apply) {
  const status = h('select', { id: 'status-filter' },
    ['', 'pending', 'retrying', 'delivered', 'dead', 'superseded'].map((s) => h('option', { value: s }, s || 'any')));
  const event = h('select', { id: 'event-filter' }, h('option', { value: '' }, 'any'), types.map((t) => h('option', { value: t.name }, t.name)));
  const since = h('input', { id: 'since-filter', type: 'datetime-local' });
  const until = h('input', { id: 'until-filter', type: 'datetime-local' });
  const eventId = h('input', { id: 'event-id-filter', type: 'text', maxlength: '200' });
  const streamId = h('input', { id: 'stream-id-filter', type: 'text', maxlength: '200' });
  const deliveryId = h('input', { id: 'delivery-id-filter', type: 'text', maxlength: '200' });
  const field = (label, input) => h('div', { class: 'filter' }, h('label', { for: input.id }, label), input);
  const form = h('form', { id: 'filters', class: 'filters', onsubmit: (e) => { e.preventDefault(); apply(); } },
    field('Status', status), field('Event type', event), field('Created since', since), field('Created before', until),
    field('Event id', eventId), field('Stream id', streamId), field('Delivery id', deliveryId),
    h('div', { class: 'filter' }, h('button', { type: 'submit', id: 'apply-filters' }, 'Search')));
  return {
    form,
    query() {
      const q = new URLSearchParams();
      if (status.value) q.set('status', status.value);
      if (event.value) q.set('event_type', event.value);
      if (since.value) q.set('since', new Date(since.value).toISOString());
      if (until.value) q.set('until', new Date(until.value).toISOString());
      if (eventId.value.trim()) q.set('event_id', eventId.value.trim());
      if (streamId.value.trim()) q.set('stream_id', streamId.value.trim());
      if (deliveryId.value.trim()) q.set('delivery_id', deliveryId.value.trim());
      return q;
    },
  };
}

/** Replay a window: a dry run first, then a confirmation that shows its count. */
function replayForm(base, types, refresh) {
  const since = h('input', { id: 'replay-since', type: 'datetime-local', required: true });
  const until = h('input', { id: 'replay-until', type: 'datetime-local' });
  const statuses = ['dead', 'delivered', 'superseded'].map((s) =>
    h('label', {}, h('input', { type: 'checkbox', name: 'replay-status', value: s, checked: s === 'dead' }), s));
  const events = types.map((t) => h('label', {}, h('input', { type: 'checkbox', name: 'replay-event', value: t.name }), t.name));
  const form = h('form', { id: 'replay-form', onsubmit: async (e) => {
    e.preventDefault();
    const body = { since: new Date(since.value).toISOString() };
    if (until.value) body.until = new Date(until.value).toISOString();
    body.status = [...form.querySelectorAll('input[name=replay-status]:checked')].map((b) => b.value);
    const chosen = [...form.querySelectorAll('input[name=replay-event]:checked')].map((b) => b.value);
    if (chosen.length > 0) body.event_types = chosen;
    try {
      const dry = await api('POST', base + '/replay', Object.assign({ dry_run: true }, body));
      const extra = [dry.already_queued ? dry.already_queued + ' already sent again by this same replay' : '',
        dry.expired ? dry.expired + ' no longer in Kafka' : ''].filter(Boolean).join(', ');
      if (dry.queued === 0) { notice('Nothing to replay in that window' + (extra ? ' (' + extra + ').' : '.')); return; }
      confirmBox('Replay ' + dry.queued + ' deliveries with their original ids?' + (extra ? ' (' + extra + ')' : ''),
        'Replay ' + dry.queued, async () => {
          try {
            const done = await api('POST', base + '/replay', body);
            notice('Replay queued ' + done.queued + ' deliveries.');
            await refresh();
          } catch (err) { notice(err.message, true); }
        });
    } catch (err) { notice(err.message, true); }
  } },
  h('div', { class: 'filters' },
    h('div', { class: 'filter' }, h('label', { for: 'replay-since' }, 'Created since'), since),
    h('div', { class: 'filter' }, h('label', { for: 'replay-until' }, 'Created before (optional)'), until)),
  h('fieldset', {}, h('legend', {}, 'Statuses'), statuses),
  h('fieldset', {}, h('legend', {}, 'Event types (none: all)'), events),
  h('div', { class: 'row' }, h('button', { type: 'submit', id: 'replay-preview' }, 'Preview replay')));
  return h('section', { class: 'card' }, h('h2', {}, 'Replay'),
    h('p', { class: 'muted' }, 'Send a window of deliveries again — delivered ones too — with their original ids. You see how many before anything is sent.'),
    form);
}

/** An in-page confirmation: the question, a confirm and a cancel button. */
function confirmBox(question, confirmLabel, onConfirm) {
  const dialog = h('dialog', { id: 'confirm-dialog', 'aria-labelledby': 'confirm-text' });
  const close = () => { dialog.close(); dialog.remove(); };
  dialog.append(h('p', { id: 'confirm-text' }, question),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'confirm-yes', onclick: async () => { close(); await onConfirm(); } }, confirmLabel),
      h('button', { type: 'button', id: 'confirm-no', onclick: close }, 'Cancel')));
  document.body.append(dialog);
  dialog.showModal();
  dialog.querySelector('#confirm-no').focus();
}

function renderSecret(box, s) {
  box.replaceChildren(
    h('div', { class: 'row' }, h('code', { class: 'secret', id: 'webhook-secret' }, s.secret),
      h('button', { type: 'button', id: 'copy-secret', onclick: () => copy(s.secret, 'Webhook Secret') }, 'Copy the Webhook Secret')),
    s.previous_secret ? h('p', { class: 'muted' }, 'The previous secret still signs (X-RealCast-Signature-Previous) until ' + time(s.previous_secret_expires_at) + '.') : '');
}

function renderStats(box, s) {
  const latency = (v) => (v === null ? '—' : v + ' ms');
  const age = (v) => (v === null ? '—' : v < 120 ? v + ' s' : Math.round(v / 60) + ' min');
  const items = [['received', s.received], ['processed', s.processed], ['failed', s.failed], ['pending', s.pending],
    ['retrying', s.retrying], ['superseded', s.superseded], ['attempts', s.attempts], ['failed attempts', s.failed_attempts],
    ['waiting now', s.lag.deliveries], ['oldest waiting', age(s.lag.oldest_age_seconds)],
    ['p50 latency', latency(s.latency_ms.p50)], ['p99 latency', latency(s.latency_ms.p99)],
    ['last success', time(s.last_success_at)], ['last failure', s.last_failure ? s.last_failure + ', ' + time(s.last_failure_at) : '—']];
  box.replaceChildren(...items.map(([label, value]) => h('div', { class: 'stat', 'data-stat': label },
    h('b', { class: label.startsWith('last') ? 'when' : null }, String(value)), h('span', {}, label))));
}

// --- Charts: inline SVG drawn here, no chart library or CDN, so the page works offline ----------------

const SVG = 'http://www.w3.org/2000/svg';
// Colours come from classes in app.css (o-delivered, l-p50, …).
const OUTCOMES = ['delivered', 'retrying', 'dead', 'superseded'];

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function clock(iso, withDay) {
  const d = new Date(iso);
  return (withDay ? d.toLocaleDateString([], { weekday: 'short' }) + ' ' : '') + d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function renderCharts(box, series) {
  const points = series.points;
  const total = (p) => p.delivered + p.retrying + p.dead + p.superseded;
  const count = points.reduce((n, p) => n + total(p), 0);
  const day = series.range === '24h';
  box.replaceChildren(
    h('figure', { class: 'chart', id: 'chart-outcomes' },
      h('figcaption', {}, 'Attempts per ' + (day ? '15 minutes' : 'minute') + ' by outcome'),
      barChart(points, total, day, count + ' attempts in the ' + (day ? 'last day' : 'last hour')),
      legend(OUTCOMES.map((o) => ['o-' + o, o]))),
    h('figure', { class: 'chart', id: 'chart-latency' },
      h('figcaption', {}, 'Latency p50 and p99'),
      lineChart(points, day),
      legend([['l-p50', 'p50'], ['l-p99', 'p99']])));
}

function legend(items) {
  return h('p', { class: 'legend' }, items.map(([cls, name]) => {
    const swatch = s('svg', { width: 10, height: 10, 'aria-hidden': 'true' }, s('rect', { width: 10, height: 10, class: cls }));
    return h('span', {}, swatch, ' ' + name);
  }));
}

const W = 640; const H = 160; const PAD = 28;

function axis(svg, points, max, unit, day) {
  svg.append(s('line', { x1: PAD, y1: H - PAD, x2: W - 4, y2: H - PAD, class: 'axis' }),
    s('text', { x: 2, y: 12, class: 'tick' }, max + unit),
    s('text', { x: 2, y: H - PAD, class: 'tick' }, '0'));
  [[0, 'start'], [Math.floor(points.length / 2), 'middle'], [points.length - 1, 'end']].forEach(([i, anchor]) => {
    const x = anchor === 'start' ? PAD : anchor === 'end' ? W - 4 : PAD + (i + 0.5) * (W - PAD - 4) / points.length;
    svg.append(s('text', { x, y: H - 8, 'text-anchor': anchor, class: 'tick' }, clock(points[i].at, day)));
  });
}

function barChart(points, total, day, summary) {
  const max = Math.max(1, ...points.map(total));
  const svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': summary, class: 'bars' }, s('title', {}, summary));
  const step = (W - PAD - 4) / points.length;
  points.forEach((p, i) => {
    let y = H - PAD;
    for (const name of OUTCOMES) {
      if (!p[name]) continue;
      const height = p[name] / max * (H - PAD - 16);
      y -= height;
      svg.append(s('rect', { x: PAD + i * step + 1, y, width: Math.max(1, step - 2), height, class: 'o-' + name, 'data-outcome': name },
        s('title', {}, clock(p.at, day) + ': ' + p[name] + ' ' + name)));
    }
  });
  axis(svg, points, max, '', day);
  return svg;
}

function lineChart(points, day) {
  const values = points.flatMap((p) => [p.latency_ms.p50, p.latency_ms.p99]).filter((v) => v !== null);
  const max = Math.max(1, ...values);
  const summary = values.length === 0 ? 'No attempts in this window' : 'Latency up to ' + max + ' ms';
  const svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': summary, class: 'lines' }, s('title', {}, summary));
  const step = (W - PAD - 4) / points.length;
  for (const key of ['p50', 'p99']) {
    const xy = points.map((p, i) => [PAD + (i + 0.5) * step, p.latency_ms[key]]).filter(([, v]) => v !== null)
      .map(([x, v]) => [x.toFixed(1), (H - PAD - v / max * (H - PAD - 16)).toFixed(1)]);
    if (xy.length > 0) {
      svg.append(s('polyline', { points: xy.map((c) => c.join(',')).join(' '), class: 'l-' + key, 'data-line': key }));
      // A dot per step with attempts, so a lone step shows too.
      xy.forEach(([x, y]) => svg.append(s('circle', { cx: x, cy: y, r: 2.5, class: 'l-' + key })));
    }
  }
  axis(svg, points, max, ' ms', day);
  return svg;
}

/** The app page's small chart: deliveries per minute over the last hour, without axes. */
function sparkline(series) {
  const points = series.points;
  const total = (p) => p.delivered + p.retrying + p.dead + p.superseded;
  const max = Math.max(1, ...points.map(total));
  const failures = points.reduce((n, p) => n + p.retrying + p.dead, 0);
  const count = points.reduce((n, p) => n + total(p), 0);
  const summary = count + ' attempts in the last hour, ' + failures + ' failed';
  const svg = s('svg', { viewBox: '0 0 120 24', width: 120, height: 24, role: 'img', 'aria-label': summary, class: 'spark' }, s('title', {}, summary));
  points.forEach((p, i) => {
    let y = 24;
    for (const name of OUTCOMES) {
      if (!p[name]) continue;
      const height = p[name] / max * 22;
      y -= height;
      svg.append(s('rect', { x: i * 2, y, width: 1.6, height, class: 'o-' + name }));
    }
  });
  return svg;
}

function renderDeliveries(box, deliveries, appId, refresh, paging) {
  if (deliveries.length === 0) {
    box.replaceChildren(h('p', { class: 'empty', id: 'deliveries-empty' }, paging ? 'No older deliveries.'
      : 'No deliveries match. Send a test event, wait for your streams to produce events, or change the search.'));
    return;
  }
  box.replaceChildren(h('table', { id: 'deliveries-table' },
    h('thead', {}, h('tr', {}, ['Event', 'Status', 'HTTP', 'Attempts', 'Latency', 'Error', 'Created', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, deliveries.map((d) => {
      const last = d.attempts[d.attempts.length - 1];
      return h('tr', { 'data-delivery-id': d.id, 'data-status': d.status, 'data-event': d.event },
        h('td', {}, h('details', {}, h('summary', {}, d.event), h('div', { class: 'mono' }, d.id),
          d.stream_id ? h('div', { class: 'muted' }, 'stream ' + d.stream_id) : '',
          d.trace_id ? h('div', { class: 'mono trace-id', title: 'OpenTelemetry trace of the last attempt' }, 'trace ' + d.trace_id) : '',
          d.attempts.map((a) => h('div', { class: 'muted' }, '#' + a.number + ' ' + time(a.started_at) + ': ' + (a.status_code || a.error || a.result) + ' in ' + a.latency_ms + ' ms'
            + (a.trace_id && a.trace_id !== d.trace_id ? ' · trace ' + a.trace_id : ''))))),
        h('td', {}, h('span', { class: 'badge s-' + d.status }, d.status)),
        h('td', { class: 'num status-code' }, d.last_status_code || '—'),
        h('td', { class: 'num' }, String(d.attempts.length)),
        h('td', { class: 'num' }, d.last_latency_ms === null ? '—' : d.last_latency_ms + ' ms'),
        h('td', {}, (last && last.error) || d.dead_reason || ''),
        h('td', {}, time(d.created_at)),
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
