// The front cache: a signed-out reader's repeat request for a cached page is answered before Fastify, with
// the bytes and headers the app itself answered the same request with the first time. Only a page the app
// already keeps whole (an EncodedPage, the same for every signed-out reader of that path and language) is
// remembered, only while that page is still the one its cache holds, and only from a request that no
// session, token, condition or shutdown concerns: everything else goes through Fastify as before.
// See docs/decisions.md (56) for what this changes and why it is safe.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type EncodedPage, negotiateEncoding } from '../cache.ts';
import { SESSION_COOKIE } from './auth.ts';

interface Entry {
  /** The headers the app sent, without those that depend on the encoding or the moment. */
  headers: OutgoingHttpHeaders;
  page: EncodedPage;
  /** Pages the answer was made from: it is only good while each is still current. */
  sources: EncodedPage[];
}

/** Headers that are made per response (or per encoding) and never replayed. */
const PER_RESPONSE = new Set(['content-length', 'content-encoding', 'date', 'connection', 'keep-alive', 'transfer-encoding']);
const SESSION = `${SESSION_COOKIE}=`;

export class FrontCache {
  private readonly entries = new Map<string, Entry>();
  /** Answers given from here, for /metrics. */
  hits = 0;
  /** Set once shutdown starts: from then on Fastify answers (503 for new connections). */
  closing = false;

  constructor(private readonly maxEntries = 500) {}

  /** The request's key, or null when the front cache must not answer it. */
  private static key(req: IncomingMessage): string | null {
    if (req.method !== 'GET') return null;
    const h = req.headers;
    if (h.authorization !== undefined || h['if-none-match'] !== undefined || h['if-modified-since'] !== undefined) return null;
    if (h.range !== undefined) return null;
    const cookie = h.cookie;
    if (cookie?.includes(SESSION)) return null;
    // Everything the app's answer to a signed-out reader depends on: the URL (and its ?lang), the language
    // cookie and Accept-Language. The encoding is chosen per request from the kept page.
    return `${req.url}\n${h['accept-language'] ?? ''}\n${cookie ?? ''}`;
  }

  /** Answers from the cache when it can; false sends the request on to Fastify. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.closing || this.entries.size === 0) return false;
    const key = FrontCache.key(req);
    if (key === null) return false;
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (!entry.page.current || !entry.sources.every((s) => s.current)) {
      this.entries.delete(key);
      return false;
    }
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    const body = entry.page.made(encoding);
    // Not compressed in that encoding yet: Fastify's route makes it once, then it is here.
    if (!body) return false;
    const headers: OutgoingHttpHeaders = { ...entry.headers, 'content-length': body.length };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    res.writeHead(200, headers);
    res.end(body);
    this.hits++;
    return true;
  }

  /**
   * Called when Fastify has answered: keeps the answer when the route marked it as a whole cached page for
   * signed-out readers, it succeeded, and it set no cookie.
   */
  remember(req: FastifyRequest, reply: FastifyReply): void {
    const marked = req.frontPage;
    if (!marked || reply.statusCode !== 200 || req.actor?.userId) return;
    const key = FrontCache.key(req.raw);
    if (key === null) return;
    const sent = reply.getHeaders();
    if (sent['set-cookie'] !== undefined) return;
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(sent)) {
      if (value !== undefined && !PER_RESPONSE.has(name)) headers[name] = value;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { headers, page: marked.page, sources: marked.sources });
  }

  /** How many answers are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }
}
