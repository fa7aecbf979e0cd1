// Runs: start one (ensemble + input), and the server's runs, newest first, filterable, refreshed every 2 s.
import { get, post } from './api.js';
import { clear, errorBox, h, ms, statusBadge, tokens, usd, when } from './util.js';

const STATUSES = ['', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled'];

export async function runsView(main) {
  const ensembles = (await get('/ensembles')).ensembles.filter((e) => !e.error);
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  main.append(h('h1', {}, 'Runs'), startForm(ensembles, params.get('ensemble')));

  const ensembleFilter = h('select', { id: 'filter-ensemble' }, h('option', { value: '' }, 'all'),
    ensembles.map((e) => h('option', { value: e.name }, e.name)));
  const statusFilter = h('select', { id: 'filter-status' }, STATUSES.map((s) => h('option', { value: s }, s || 'all')));
  const body = h('tbody');
  const note = h('p', { class: 'muted', 'aria-live': 'polite' });
  main.append(
    h('h2', {}, 'Runs on this server'),
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'filter-ensemble' }, 'Ensemble'), ensembleFilter),
      h('div', { class: 'field' }, h('label', { for: 'filter-status' }, 'Status'), statusFilter)),
    h('table', { id: 'runs' },
      h('thead', {}, h('tr', {}, ['Status', 'Ensemble', 'Started', 'Duration', 'Tokens', 'Cost', 'Key', 'Run']
        .map((t, i) => h('th', { class: i >= 3 && i <= 5 ? 'num' : null, scope: 'col' }, t))))),
    note);
  main.querySelector('#runs').append(body);

  const refresh = async () => {
    const q = new URLSearchParams({ limit: '200' });
    if (ensembleFilter.value) q.set('ensemble', ensembleFilter.value);
    if (statusFilter.value) q.set('status', statusFilter.value);
    try {
      const page = await get('/runs?' + q);
      clear(body);
      for (const r of page.runs) body.append(row(r));
      note.textContent = page.runs.length === 0 ? 'No runs yet: start one above.' : '';
    } catch (e) {
      clear(note).append(errorBox(e));
    }
  };
  ensembleFilter.addEventListener('change', refresh);
  statusFilter.addEventListener('change', refresh);
  await refresh();
  const timer = setInterval(refresh, 2000);
  return { stop: () => clearInterval(timer) };
}

function row(r) {
  const open = () => { location.hash = '#/runs/' + encodeURIComponent(r.run_id); };
  const duration = r.duration_ms ?? (Date.now() - new Date(r.created_at).getTime());
  return h('tr', { class: 'link', dataset: { run: r.run_id, status: r.status } },
    h('td', {}, statusBadge(r.status)),
    h('td', {}, r.ensemble),
    h('td', {}, when(r.created_at)),
    h('td', { class: 'num' }, ms(duration)),
    h('td', { class: 'num' }, tokens(r.totals)),
    h('td', { class: 'num' }, r.totals ? usd(r.totals.cost_usd) : ''),
    h('td', {}, r.key_name || r.key_id || ''),
    h('td', {}, h('a', { href: '#/runs/' + encodeURIComponent(r.run_id), onclick: (ev) => { ev.preventDefault(); open(); } },
      r.run_id.slice(0, 12))));
}

function startForm(ensembles, preset) {
  const select = h('select', { id: 'start-ensemble', required: true },
    ensembles.map((e) => h('option', { value: e.name, selected: e.name === preset }, e.name + (e.description ? ' — ' + e.description : ''))));
  const input = h('textarea', { id: 'start-input', rows: 2, cols: 60, title: 'the input the ensemble gets' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'toolbar panel', id: 'start-run' },
    h('div', { class: 'field' }, h('label', { for: 'start-ensemble' }, 'Ensemble'), select),
    h('div', { class: 'field' }, h('label', { for: 'start-input' }, 'Input'), input),
    h('button', { type: 'submit', class: 'primary' }, 'Start run'), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(out);
    try {
      const run = await post('/runs', { ensemble: select.value, input: input.value });
      location.hash = '#/runs/' + encodeURIComponent(run.run_id);
    } catch (e) {
      out.append(errorBox(e));
    }
  });
  return form;
}
