// An OpenAI-compatible chat completions upstream for whole-process benchmarks: answers every POST
// .../chat/completions after LATENCY_MS (0: at once) with a fixed completion and usage. One event loop, so a
// thousand concurrent calls cost it little CPU. Prints "listening PORT" once it accepts.
// Usage: node openai-upstream.mjs LATENCY_MS
import http from 'node:http';

const latency = Number(process.argv[2] ?? '100');
const body = JSON.stringify({
  id: 'bench', object: 'chat.completion', created: 1, model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Looks good; two nits.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 40, completion_tokens: 8, total_tokens: 48 },
});

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const answer = () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    // setTimeout(…, 0) still waits about a millisecond: an instant upstream answers at once
    if (latency > 0) setTimeout(answer, latency); else answer();
  });
});
server.keepAliveTimeout = 60_000;
server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
  console.log(`listening ${server.address().port}`);
});
process.on('SIGTERM', () => process.exit(0));
