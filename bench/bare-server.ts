// The baseline for the page throughput benchmark: a bare node:http server returning fixed bytes, the
// Brotli ones to a request that accepts br. With a headers file (JSON: { plain, br }) it sends the headers
// the app sent with those bytes (its security headers, vary, content-language, cache-control…), so that it
// answers with the same response; without one, only content-type, content-encoding, vary and length.
import { readFileSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders } from 'node:http';

const [plainFile, brFile, port, headersFile] = process.argv.slice(2);
const plain = readFileSync(plainFile);
const br = readFileSync(brFile);
const minimal: { plain: OutgoingHttpHeaders; br: OutgoingHttpHeaders } = {
  plain: { 'content-type': 'text/html; charset=utf-8' },
  br: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br', vary: 'accept-encoding' },
};
const headers: typeof minimal = headersFile ? JSON.parse(readFileSync(headersFile, 'utf8')) : minimal;
createServer((req, res) => {
  const asBr = req.headers['accept-encoding']?.includes('br');
  res.writeHead(200, { ...(asBr ? headers.br : headers.plain), 'content-length': asBr ? br.length : plain.length });
  res.end(asBr ? br : plain);
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
// An orderly exit on SIGINT, so that node --cpu-prof writes its profile.
process.on('SIGINT', () => process.exit(0));
