// The console's shell: theme, the API key prompt, and the hash router that shows one view at a time.
import { ApiError, auth, get, whenUnauthorized } from './api.js';
import { clear, errorBox } from './util.js';
import { runsView } from './runs.js';
import { runView } from './run.js';
import { ensemblesView, ensembleView } from './ensembles.js';
import { usageView } from './usage.js';
import { adminView } from './admin.js';

const main = document.getElementById('main');
const login = document.getElementById('login');
let current = null; // the shown view's cleanup

const routes = [
  [/^#\/runs\/([^/]+)$/, (m) => runView(main, decodeURIComponent(m[1])), 'runs'],
  [/^#\/runs$/, () => runsView(main), 'runs'],
  [/^#\/ensembles\/([^/]+)$/, (m) => ensembleView(main, decodeURIComponent(m[1])), 'ensembles'],
  [/^#\/ensembles$/, () => ensemblesView(main), 'ensembles'],
  [/^#\/usage$/, () => usageView(main), 'usage'],
  [/^#\/admin$/, () => adminView(main), 'admin'],
];

async function show() {
  if (current && current.stop) current.stop();
  current = null;
  const hash = location.hash || '#/runs';
  for (const [re, view, section] of routes) {
    const m = hash.match(re);
    if (!m) continue;
    for (const a of document.querySelectorAll('.top nav a')) {
      if (a.dataset.section === section) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
    clear(main);
    try {
      current = await view(m);
    } catch (e) {
      main.append(errorBox(e));
    }
    return;
  }
  location.hash = '#/runs';
}

function theme() {
  const saved = localStorage.getItem('baton.theme');
  const dark = saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.getElementById('theme').addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    localStorage.setItem('baton.theme', next);
    show(); // charts and graph take the theme's colours when drawn
  });
}

function askForKey(message) {
  document.getElementById('login-error').textContent = message || '';
  if (!login.open) login.showModal();
  document.getElementById('login-key').focus();
}

async function start() {
  theme();
  whenUnauthorized(() => askForKey(auth.key() ? 'That key was refused (unknown or revoked).' : ''));
  document.getElementById('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const input = document.getElementById('login-key');
    auth.set(input.value.trim());
    try {
      await get('/profiles');
      input.value = '';
      login.close();
      document.getElementById('signout').hidden = false;
      show();
    } catch (e) {
      document.getElementById('login-error').textContent = e instanceof ApiError && e.status === 401
        ? 'That key was refused (unknown or revoked).' : String(e.message);
    }
  });
  login.addEventListener('cancel', (ev) => ev.preventDefault()); // nothing works without a key
  document.getElementById('signout').addEventListener('click', () => { auth.clear(); location.reload(); });
  window.addEventListener('hashchange', () => { if (!login.open) show(); });
  try {
    await get('/profiles');
    document.getElementById('signout').hidden = !auth.key();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return; // the dialog is open; the view shows after the key
  }
  show();
}

start();
