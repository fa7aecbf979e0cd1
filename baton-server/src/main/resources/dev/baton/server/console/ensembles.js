// Ensembles: the list with descriptions; a page per ensemble with its graph, its YAML (edited and
// validated by the server — problems shown at their line — before it is saved), its recent runs
// and their figures.
import { ApiError, get, put } from './api.js';
import { drawGraph } from './graph.js';
import { clear, errorBox, h, ms, statusBadge, usd, when } from './util.js';

export async function ensemblesView(main) {
  const list = (await get('/ensembles')).ensembles;
  main.append(h('h1', {}, 'Ensembles'), h('table', { id: 'ensembles' },
    h('thead', {}, h('tr', {}, ['Name', 'Description', 'Agents', 'Tier', 'Problems'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((e) => h('tr', {},
      h('td', {}, h('a', { href: '#/ensembles/' + encodeURIComponent(e.name) }, e.name)),
      h('td', {}, e.description || e.error || ''), h('td', { class: 'num' }, e.agents), h('td', {}, e.tier),
      h('td', { class: e.problems ? 'error' : '' }, e.problems ? String(e.problems) : ''))))));
}

export async function ensembleView(main, name) {
  const e = await get('/ensembles/' + encodeURIComponent(name));
  main.append(h('h1', {}, 'Ensemble ', h('code', {}, name)),
    h('p', {}, e.description || '', ' ', h('span', { class: 'muted' }, `${e.file} (${e.tier})`)),
    h('p', {}, h('a', { href: '#/runs?ensemble=' + encodeURIComponent(name) }, 'Start a run of it')));
  const metrics = h('div', { class: 'cards', id: 'ensemble-metrics' });
  const graphEl = h('div', { class: 'graph', id: 'ensemble-graph' });
  main.append(metrics, h('h2', {}, 'Graph'), graphEl);
  const graph = drawGraph(graphEl, (e.agents || []).map((a) => ({ name: a.name, depends_on: a.depends_on || [], fan_out: a.fan_out })), null);
  main.append(h('h2', {}, 'YAML'), editor(name, e.yaml, e.problems || []));
  const runs = h('div', { id: 'ensemble-runs' });
  main.append(h('h2', {}, 'Recent runs'), runs);
  await recentRuns(name, runs, metrics);
  return { stop: () => graph.cy.destroy() };
}

async function recentRuns(name, el, metrics) {
  const q = encodeURIComponent(name);
  const [live, recorded] = await Promise.all([get('/runs?limit=50&ensemble=' + q), get('/artifacts?limit=50&ensemble=' + q).catch(() => ({ runs: [] }))]);
  const rows = recorded.runs;
  const finished = rows.filter((r) => r.status !== 'running');
  const ok = finished.filter((r) => r.status === 'completed').length;
  const avg = (f) => finished.length ? finished.reduce((s, r) => s + Number(f(r) || 0), 0) / finished.length : null;
  const card = (label, value) => h('div', { class: 'card' }, h('span', { class: 'muted' }, label), h('b', {}, value));
  metrics.append(card('Recorded runs', String(rows.length)),
    card('Success rate', finished.length ? Math.round((100 * ok) / finished.length) + ' %' : '—'),
    card('Average duration', finished.length ? ms(Math.round(avg((r) => r.duration_ms))) : '—'),
    card('Average cost', finished.length ? usd(avg((r) => r.cost_usd)) : '—'));
  el.append(h('table', {},
    h('thead', {}, h('tr', {}, ['Status', 'Started', 'Duration', 'Tokens', 'Cost', 'Run'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {},
      live.runs.filter((r) => r.status === 'running').map((r) => h('tr', {}, h('td', {}, statusBadge(r.status)), h('td', {}, when(r.created_at)),
        h('td', {}), h('td', {}), h('td', {}), h('td', {}, h('a', { href: '#/runs/' + encodeURIComponent(r.run_id) }, r.run_id.slice(0, 12))))),
      rows.map((r) => h('tr', {}, h('td', {}, statusBadge(r.status)), h('td', {}, when(r.started_at)), h('td', { class: 'num' }, ms(r.duration_ms)),
        h('td', { class: 'num' }, (r.total_tokens || 0).toLocaleString()), h('td', { class: 'num' }, usd(r.cost_usd)),
        h('td', {}, live.runs.some((l) => l.run_id === r.run_id)
          ? h('a', { href: '#/runs/' + encodeURIComponent(r.run_id) }, r.run_id.slice(0, 12)) : h('code', {}, r.execution)))))));
}

/** A YAML editor: line numbers, Validate (the server checks it as it would a save), Save once valid. */
function editor(name, yaml, initialProblems) {
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const area = h('textarea', { id: 'yaml', spellcheck: 'false', 'aria-label': `YAML of ${name}`, 'aria-describedby': 'yaml-problems' });
  area.value = yaml || '';
  const problemsEl = h('ul', { class: 'problems', id: 'yaml-problems', 'aria-live': 'polite' });
  const status = h('p', { 'aria-live': 'polite', id: 'yaml-status' });
  const validateBtn = h('button', { type: 'button', id: 'yaml-validate' }, 'Validate');
  const saveBtn = h('button', { type: 'button', class: 'primary', id: 'yaml-save', disabled: true }, 'Save');
  let bad = new Set();
  const paint = () => {
    clear(gutter);
    const n = area.value.split('\n').length;
    for (let i = 1; i <= n; i++) gutter.append(h('span', { class: bad.has(i) ? 'bad' : null }, String(i)), '\n');
    gutter.scrollTop = area.scrollTop;
  };
  const showProblems = (problems) => {
    clear(problemsEl);
    bad = new Set(problems.filter((p) => p.line).map((p) => p.line));
    for (const p of problems) {
      problemsEl.append(h('li', { class: 'error' }, p.line ? h('button', { type: 'button', onclick: () => goTo(p.line) }, `line ${p.line}`) : '', ' ',
        p.agent ? `agent ${p.agent}: ` : '', p.message));
    }
    paint();
  };
  const goTo = (line) => {
    const lines = area.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((s, l) => s + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1] || '').length);
  };
  const send = async (dryRun) => {
    status.textContent = dryRun ? 'Validating…' : 'Saving…';
    try {
      const out = await put('/ensembles/' + encodeURIComponent(name), { yaml: area.value, dry_run: dryRun });
      showProblems(out.problems || []);
      status.textContent = dryRun ? 'Valid: it can be saved.' : 'Saved.';
      saveBtn.disabled = !dryRun;
    } catch (e) {
      saveBtn.disabled = true;
      if (e instanceof ApiError && e.problems.length) {
        showProblems(e.problems);
        status.textContent = `Not valid (${e.problems.length} problem${e.problems.length > 1 ? 's' : ''}): not saved.`;
      } else {
        showProblems([]);
        clear(status).append(errorBox(e));
      }
    }
  };
  area.addEventListener('input', () => { saveBtn.disabled = true; paint(); });
  area.addEventListener('scroll', () => { gutter.scrollTop = area.scrollTop; });
  validateBtn.addEventListener('click', () => send(true));
  saveBtn.addEventListener('click', () => send(false));
  showProblems(initialProblems);
  return h('div', {}, h('div', { class: 'editor' }, gutter, area), h('div', { class: 'toolbar' }, validateBtn, saveBtn), status, problemsEl);
}
