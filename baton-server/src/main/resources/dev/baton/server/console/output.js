// An agent's output as the console shows it: JSON pretty-printed, text rendered as Markdown and
// sanitized (DOMPurify) before it reaches the page.
import { marked } from './vendor/marked/marked.esm.js';
import DOMPurify from './vendor/dompurify/purify.es.mjs';
import { h } from './util.js';

export function renderOutput(output) {
  if (output === null || output === undefined) return h('p', { class: 'muted' }, 'no output');
  if (typeof output === 'object') return h('pre', { class: 'json' }, JSON.stringify(output, null, 2));
  const text = String(output);
  const trimmed = text.trim();
  if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
    try { return h('pre', { class: 'json' }, JSON.stringify(JSON.parse(trimmed), null, 2)); } catch { /* not JSON: Markdown */ }
  }
  const div = h('div', { class: 'markdown' });
  div.innerHTML = DOMPurify.sanitize(marked.parse(text, { async: false }), { USE_PROFILES: { html: true } });
  return div;
}
