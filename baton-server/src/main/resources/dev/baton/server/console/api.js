// The REST API, as the console calls it: the key (if any) from this tab's session storage on
// every request, errors turned into ApiError with Baton's error document.

const KEY = 'baton.apiKey';

export class ApiError extends Error {
  constructor(status, doc) {
    const e = (doc && doc.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || String(status);
    this.problems = e.problems || [];
    this.suggestion = e.suggestion || null;
  }
}

export const auth = {
  key: () => sessionStorage.getItem(KEY),
  set: (k) => sessionStorage.setItem(KEY, k),
  clear: () => sessionStorage.removeItem(KEY),
};

let onUnauthorized = () => {};
export function whenUnauthorized(fn) { onUnauthorized = fn; }

function headers(extra) {
  const h = { Accept: 'application/json', ...extra };
  const k = auth.key();
  if (k) h.Authorization = 'Bearer ' + k;
  return h;
}

export async function api(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch('/api/v1' + path, init);
  if (res.status === 204) return null;
  const text = await res.text();
  let doc = null;
  try { doc = text ? JSON.parse(text) : null; } catch { doc = null; }
  if (!res.ok) {
    if (res.status === 401) onUnauthorized();
    throw new ApiError(res.status, doc);
  }
  return doc;
}

export const get = (p) => api('GET', p);
export const post = (p, b) => api('POST', p, b === undefined ? {} : b);
export const put = (p, b) => api('PUT', p, b);

/**
 * Follows a run's events (SSE over fetch, so the key goes in a header as everywhere else).
 * Reconnects with Last-Event-ID after a dropped connection until the run completes or stop() is
 * called; onEvent gets each event's parsed data with its id.
 */
export function followEvents(runId, onEvent, onEnd) {
  let lastId = 0;
  let stopped = false;
  let controller = null;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const h = headers({ Accept: 'text/event-stream' });
        if (lastId > 0) h['Last-Event-ID'] = String(lastId);
        const res = await fetch(`/api/v1/runs/${encodeURIComponent(runId)}/events`, { headers: h, signal: controller.signal });
        if (!res.ok) { if (res.status === 401) onUnauthorized(); throw new ApiError(res.status, null); }
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buf = '';
        let done = false;
        while (!done) {
          const chunk = await reader.read();
          if (chunk.done) break;
          buf += decoder.decode(chunk.value, { stream: true });
          let cut;
          while ((cut = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            let id = null; const data = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('id:')) id = Number(line.slice(3).trim());
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            if (data.length === 0) continue;
            if (id !== null) lastId = id;
            const event = JSON.parse(data.join('\n'));
            event.id = id;
            onEvent(event);
            if (event.type === 'run_completed') done = true;
          }
        }
        if (done) { stopped = true; if (onEnd) onEnd(); return; }
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && (e.status === 404 || e.status === 401)) { stopped = true; if (onEnd) onEnd(e); return; }
      }
      if (!stopped) await new Promise((r) => setTimeout(r, 1000));
    }
  };
  run();
  return { stop() { stopped = true; if (controller) controller.abort(); } };
}
