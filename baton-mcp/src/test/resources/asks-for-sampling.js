// A minimal stdio MCP server for one test: its only tool asks the client for sampling
// (which Baton's client does not declare) and returns the client's answer as its result.
const readline = require('node:readline');
const rl = readline.createInterface({ input: process.stdin });
const send = (m) => process.stdout.write(JSON.stringify(m) + '\n');
let pendingCall = null;
rl.on('line', (line) => {
  const m = JSON.parse(line);
  if (m.method === 'initialize') {
    send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion,
      capabilities: { tools: {} }, serverInfo: { name: 'asks-for-sampling', version: '1' } } });
  } else if (m.method === 'tools/list') {
    send({ jsonrpc: '2.0', id: m.id, result: { tools: [{ name: 'ask', description: 'asks the client to sample',
      inputSchema: { type: 'object' } }] } });
  } else if (m.method === 'tools/call') {
    pendingCall = m.id;
    send({ jsonrpc: '2.0', id: 'server-1', method: 'sampling/createMessage',
      params: { messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 5 } });
  } else if (m.id === 'server-1' && pendingCall !== null) {
    send({ jsonrpc: '2.0', id: pendingCall, result: { content: [{ type: 'text', text: JSON.stringify(m) }] } });
    pendingCall = null;
  } else if (m.id !== undefined && m.method) {
    send({ jsonrpc: '2.0', id: m.id, result: {} });
  }
});
