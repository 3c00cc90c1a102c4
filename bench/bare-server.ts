// The baseline for the page throughput benchmark: a bare node:http server returning fixed bytes, the
// Brotli ones (with the same content-encoding and vary headers as the app) to a request that accepts br.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [plainFile, brFile, port] = process.argv.slice(2);
const plain = readFileSync(plainFile);
const br = readFileSync(brFile);
createServer((req, res) => {
  if (req.headers['accept-encoding']?.includes('br'))
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-encoding': 'br',
      vary: 'accept-encoding',
      'content-length': br.length,
    });
  else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': plain.length });
  res.end(req.headers['accept-encoding']?.includes('br') ? br : plain);
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
// An orderly exit on SIGINT, so that node --cpu-prof writes its profile.
process.on('SIGINT', () => process.exit(0));
