// Admin: tool calls waiting for approval (approve/deny), API keys (create — the secret shown
// once —, list, revoke), providers' health, the profiles (and the project's config.yaml, edited
// and checked by the server before it is saved) and the scripts (viewed, edited the same way, tried).
import { get, post, put } from './api.js';
import { fileEditor } from './editor.js';
import { clear, errorBox, h, when } from './util.js';

export async function adminView(main) {
  const approvals = h('div', { id: 'approvals', 'aria-live': 'polite' });
  const keys = h('div', { id: 'keys' });
  const providers = h('div', { id: 'providers' });
  const profiles = h('div', { id: 'profiles' });
  const scripts = h('div', { id: 'scripts' });
  main.append(h('h1', {}, 'Admin'),
    h('h2', {}, 'Tool calls waiting for approval'), approvals,
    h('h2', {}, 'API keys'), keys,
    h('h2', {}, 'Providers'), providers,
    h('h2', {}, 'Profiles'), profiles,
    h('h2', {}, 'Scripts'), scripts);
  const refreshApprovals = async () => {
    try { showApprovals(approvals, (await get('/approvals')).approvals, refreshApprovals); } catch (e) { clear(approvals).append(errorBox(e)); }
  };
  await Promise.all([refreshApprovals(), showKeys(keys), showProviders(providers), showProfiles(profiles), showScripts(scripts)]);
  const timer = setInterval(refreshApprovals, 2000);
  return { stop: () => clearInterval(timer) };
}

function showApprovals(el, list, refresh) {
  if (el.contains(document.activeElement) && list.length && el.dataset.ids === list.map((a) => a.approval_id).join(',')) return;
  el.dataset.ids = list.map((a) => a.approval_id).join(',');
  clear(el);
  if (list.length === 0) { el.append(h('p', { class: 'muted' }, 'None waiting.')); return; }
  el.append(h('table', {}, h('thead', {}, h('tr', {}, ['Run', 'Agent', 'Tool', 'Arguments', 'Why', 'Expires', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((a) => {
      const reason = h('input', { type: 'text', 'aria-label': `reason to deny ${a.tool} of ${a.agent}`, title: 'reason (optional)' });
      const decide = async (verb) => {
        try { await post(`/approvals/${encodeURIComponent(a.approval_id)}/${verb}`, verb === 'deny' && reason.value ? { reason: reason.value } : {}); }
        catch (e) { el.append(errorBox(e)); }
        refresh();
      };
      return h('tr', { dataset: { approval: a.approval_id } },
        h('td', {}, h('a', { href: '#/runs/' + encodeURIComponent(a.run_id) }, a.run_id.slice(0, 12))), h('td', {}, a.agent), h('td', {}, a.tool),
        h('td', {}, h('pre', { class: 'json' }, JSON.stringify(a.arguments, null, 2))), h('td', {}, a.why || ''), h('td', {}, when(a.expires_at)),
        h('td', {}, h('button', { type: 'button', class: 'primary', onclick: () => decide('approve') }, 'Approve'), ' ',
          reason, ' ', h('button', { type: 'button', class: 'danger', onclick: () => decide('deny') }, 'Deny')));
    }))));
}

async function showKeys(el) {
  clear(el);
  let list;
  try { list = (await get('/keys')).keys; } catch (e) { el.append(errorBox(e)); return; }
  const name = h('input', { id: 'key-name', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._-]{0,63}', autocomplete: 'off' });
  const budget = h('input', { id: 'key-budget', type: 'number', min: '0', step: 'any' });
  const period = h('select', { id: 'key-period' }, ['total', 'day', 'week', 'month'].map((p) => h('option', { value: p }, p)));
  const created = h('div', { 'aria-live': 'polite', id: 'key-created' });
  const form = h('form', { class: 'toolbar panel', id: 'create-key' },
    h('div', { class: 'field' }, h('label', { for: 'key-name' }, 'Name'), name),
    h('div', { class: 'field' }, h('label', { for: 'key-budget' }, 'Budget (USD, optional)'), budget),
    h('div', { class: 'field' }, h('label', { for: 'key-period' }, 'Period'), period),
    h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { name: name.value.trim() };
    if (budget.value !== '') { body.budget_usd = Number(budget.value); body.period = period.value; }
    try {
      const k = await post('/keys', body);
      await showKeys(el);
      el.querySelector('#key-created').append(h('p', {}, `Key ${k.name} (${k.id}) — copy it now, it is not shown again:`),
        h('p', { class: 'secret', id: 'key-secret' }, k.secret));
    } catch (e) {
      created.append(errorBox(e));
    }
  });
  el.append(form, created, h('table', { id: 'key-list' },
    h('thead', {}, h('tr', {}, ['Name', 'Id', 'Created', 'Budget', 'Limits', 'Profiles', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((k) => h('tr', { dataset: { key: k.id, name: k.name } },
      h('td', {}, k.name), h('td', {}, h('code', {}, k.id)), h('td', {}, when(k.created_at)),
      h('td', {}, k.budget_usd !== null && k.budget_usd !== undefined ? `$${k.budget_usd} / ${k.period}` : ''),
      h('td', {}, [k.rpm ? `${k.rpm} rpm` : '', k.tpm ? `${k.tpm} tpm` : ''].filter(Boolean).join(', ')),
      h('td', {}, (k.profiles || []).join(', ') || 'all'),
      h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `revoke key ${k.name}`, onclick: async () => {
        if (!confirm(`Revoke key ${k.name}? Its callers are refused from now on.`)) return;
        try { await post(`/keys/${encodeURIComponent(k.id)}/revoke`); await showKeys(el); } catch (e) { el.append(errorBox(e)); }
      } }, 'Revoke')))))));
}

async function showProviders(el) {
  try {
    const list = (await get('/providers')).providers;
    el.append(h('table', {}, h('thead', {}, h('tr', {}, ['Provider', 'Kind', 'State', 'Credential', 'Detail', 'Circuit'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map((p) => h('tr', {}, h('td', {}, p.name), h('td', {}, p.kind), h('td', {}, p.state), h('td', {}, p.credential),
        h('td', {}, p.detail || ''), h('td', {}, p.circuit || ''))))));
  } catch (e) { el.append(errorBox(e)); }
}

async function showProfiles(el) {
  try {
    const list = (await get('/profiles')).profiles;
    el.append(h('table', {}, h('thead', {}, h('tr', {}, ['Profile', 'Provider', 'Model', 'Context window', 'Fallback', 'Origin'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map((p) => h('tr', {}, h('td', {}, p.name), h('td', {}, p.provider || ''), h('td', {}, p.model || p.error || ''),
        h('td', { class: 'num' }, p.context_window ?? ''), h('td', {}, (p.fallback || []).join(' → ')), h('td', {}, p.origin || ''))))));
  } catch (e) { el.append(errorBox(e)); }
  const source = h('section', { id: 'config-source', 'aria-live': 'polite' });
  const edit = async () => {
    clear(source);
    let file;
    try { file = await get('/config/source'); } catch (e) { source.append(errorBox(e)); return; }
    source.append(h('p', { class: 'muted' }, `${file.file}${file.exists ? '' : ' (new)'} — checked as Baton loads it before it is saved; a restart of the server applies it.`),
      fileEditor({ id: 'config-yaml', label: 'project config.yaml', text: file.yaml,
        send: (yaml, dryRun) => put('/config/source', { yaml, dry_run: dryRun }) }));
  };
  el.append(h('div', { class: 'toolbar' }, h('button', { type: 'button', id: 'config-edit', onclick: edit }, 'Edit config.yaml')), source);
}

async function showScripts(el) {
  let list;
  try { list = (await get('/scripts')).scripts; } catch (e) { el.append(errorBox(e)); return; }
  if (list.length === 0) { el.append(h('p', { class: 'muted' }, 'No scripts in .baton/scripts or the user tier.')); return; }
  const detail = h('section', { class: 'panel', id: 'script-detail', 'aria-live': 'polite' });
  const open = async (s) => {
    clear(detail);
    let full;
    try { full = await get('/scripts/' + encodeURIComponent(s.name)); } catch (e) { detail.append(errorBox(e)); return; }
    const input = h('textarea', { id: 'script-input', rows: 2, cols: 50 });
    const params = h('textarea', { id: 'script-params', rows: 3, cols: 50, spellcheck: 'false' });
    params.value = '{}';
    const result = h('div', { id: 'script-result' });
    const form = h('form', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'script-input' }, 'Input'), input),
      h('div', { class: 'field' }, h('label', { for: 'script-params' }, 'Parameters (JSON object)'), params),
      h('button', { type: 'submit', class: 'primary' }, 'Try it'));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clear(result);
      let parameters;
      try { parameters = JSON.parse(params.value || '{}'); } catch (e) { result.append(errorBox({ message: 'Parameters: ' + e.message })); return; }
      try {
        const r = await post(`/scripts/${encodeURIComponent(s.name)}/test`, { input: input.value, parameters });
        result.append(h('p', {}, r.ok ? 'ran fine' : `failed: ${r.failure}`, ` (exit ${r.exit_code}, ${r.duration_ms} ms)`),
          h('pre', { class: 'json' }, r.stdout), r.stderr_tail ? h('pre', { class: 'json' }, r.stderr_tail) : '');
      } catch (e) { result.append(errorBox(e)); }
    });
    const content = h('div', { id: 'script-content' }, h('pre', { class: 'json' }, full.content));
    const edit = () => {
      clear(content).append(fileEditor({ id: 'script-text', label: `text of ${s.name}`, text: full.content,
        send: (text, dryRun) => put('/scripts/' + encodeURIComponent(s.name), { content: text, dry_run: dryRun }) }));
    };
    detail.append(h('h3', {}, s.name, ' ', h('button', { type: 'button', id: 'script-edit', onclick: edit }, 'Edit')),
      h('p', { class: 'muted' }, `${full.file} — ${full.interpreter || 'not runnable'}`), content, form, result);
  };
  el.append(h('table', {}, h('thead', {}, h('tr', {}, ['Script', 'Tier', 'Runs with', 'Description'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((s) => h('tr', {}, h('td', {}, h('button', { type: 'button', onclick: () => open(s) }, s.name)), h('td', {}, s.tier + (s.shadowed ? ' (shadowed)' : '')),
      h('td', {}, s.interpreter || 'not runnable'), h('td', {}, s.description || ''))))), detail);
}
