// A text editor for a file the server checks before it saves it: line numbers, Check (the server
// validates without writing), Save — enabled only after a clean check of the text as it is —, and
// the problems listed and marked at their line.
import { ApiError } from './api.js';
import { clear, errorBox, h } from './util.js';

/**
 * `send(text, dryRun)` asks the server; it answers `{ problems?, warnings?, applies? }` or throws an
 * ApiError whose `problems` carry lines. Element ids start with `id` (`id`, `id-validate`, `id-save`,
 * `id-problems`, `id-status`).
 */
export function fileEditor({ id, label, text, problems = [], checkLabel = 'Check', send }) {
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const area = h('textarea', { id, spellcheck: 'false', 'aria-label': label, 'aria-describedby': `${id}-problems` });
  area.value = text || '';
  const problemsEl = h('ul', { class: 'problems', id: `${id}-problems`, 'aria-live': 'polite' });
  const status = h('p', { 'aria-live': 'polite', id: `${id}-status` });
  const checkBtn = h('button', { type: 'button', id: `${id}-validate` }, checkLabel);
  const saveBtn = h('button', { type: 'button', class: 'primary', id: `${id}-save`, disabled: true }, 'Save');
  let bad = new Set();
  const paint = () => {
    clear(gutter);
    const n = area.value.split('\n').length;
    for (let i = 1; i <= n; i++) gutter.append(h('span', { class: bad.has(i) ? 'bad' : null }, String(i)), '\n');
    gutter.scrollTop = area.scrollTop;
  };
  const goTo = (line) => {
    const lines = area.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((s, l) => s + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1] || '').length);
  };
  const showProblems = (errors, warnings = []) => {
    clear(problemsEl);
    bad = new Set(errors.filter((p) => p.line).map((p) => p.line));
    const item = (p, kind) => h('li', { class: kind }, p.line ? h('button', { type: 'button', onclick: () => goTo(p.line) }, `line ${p.line}`) : '', ' ',
      kind === 'warning' ? 'warning: ' : '', p.agent ? `agent ${p.agent}: ` : '', p.message);
    for (const p of errors) problemsEl.append(item(p, 'error'));
    for (const p of warnings) problemsEl.append(item(p, 'warning'));
    paint();
  };
  const run = async (dryRun) => {
    status.textContent = dryRun ? 'Checking…' : 'Saving…';
    try {
      const out = await send(area.value, dryRun);
      showProblems(out.problems || [], out.warnings || []);
      status.textContent = dryRun ? 'Valid: it can be saved.' : ['Saved.', out.applies || ''].join(' ').trim();
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
  checkBtn.addEventListener('click', () => run(true));
  saveBtn.addEventListener('click', () => run(false));
  showProblems(problems);
  return h('div', {}, h('div', { class: 'editor' }, gutter, area), h('div', { class: 'toolbar' }, checkBtn, saveBtn), status, problemsEl);
}
