// A small in-process memo for content that changes only when editors publish or the seed runs.
// Any content write calls invalidate(); with several instances, each drops its copy on the same signal.
// A cached page is kept as an EncodedPage: its bytes compressed once per encoding a browser asks for,
// not again on every request.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by sendEncoded: the page this answer is, and what it was made from, for the front cache. */
    frontPage?: { page: EncodedPage; sources: EncodedPage[] };
  }
}

export class ContentCache {
  private entries = new Map<string, Promise<unknown>>();
  /** Counts the times everything was dropped: a page kept from an earlier generation is no longer current. */
  generation = 0;

  constructor(private readonly maxEntries = 2000) {}

  /** Returns the cached value for key, computing it once; a failed computation is not kept. */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) return hit as Promise<T>;
    if (this.entries.size >= this.maxEntries) this.invalidate();
    const generation = this.generation;
    const value = compute().then((v) => {
      if (v instanceof EncodedPage) v.keptBy(this, generation);
      return v;
    });
    this.entries.set(key, value);
    value.catch(() => this.entries.delete(key));
    return value;
  }

  invalidate(): void {
    this.entries.clear();
    this.generation++;
  }
}

export type Encoding = 'br' | 'gzip' | 'identity';

const compressors = {
  // Compressed once and kept, so the slowest, smallest settings pay: 15–25 % fewer bytes than the quality
  // 4 that @fastify/compress uses per request, for a few milliseconds once per page and language.
  br: (bytes: Buffer) =>
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  gzip: (bytes: Buffer) => promisify(gzip)(bytes, { level: constants.Z_BEST_COMPRESSION }),
};

let made = 0;

/** A rendered page and its bytes in each encoding, each made the first time someone asks for it. */
export class EncodedPage {
  readonly html: string;
  /** This page among all made in this process: what is composed from it is kept under this, never beside another. */
  readonly serial = ++made;
  private readonly bodies: Partial<Record<Encoding, Buffer>> = {};
  private readonly pending: Partial<Record<Encoding, Promise<Buffer>>> = {};

  private cache: ContentCache | null = null;
  private generation = 0;

  constructor(html: string) {
    this.html = html;
    this.bodies.identity = Buffer.from(html);
  }

  /** Records the cache that keeps this page, so that `current` can tell when the cache dropped it. */
  keptBy(cache: ContentCache, generation: number): void {
    this.cache = cache;
    this.generation = generation;
  }

  /** False once the cache that kept this page has dropped it (content changed): it must not be served again. */
  get current(): boolean {
    return this.cache !== null && this.cache.generation === this.generation;
  }

  /** The bytes for encoding if they were made already, without making them. */
  made(encoding: Encoding): Buffer | undefined {
    return this.bodies[encoding];
  }

  /** The bytes for encoding: at once when made before, else compressed now (off the main thread) and kept. */
  body(encoding: Encoding): Buffer | Promise<Buffer> {
    const made = this.bodies[encoding];
    if (made) return made;
    if (encoding === 'identity') throw new Error('unreachable: the plain bytes are made at construction');
    this.pending[encoding] ??= compressors[encoding](this.bodies.identity as Buffer).then((bytes) => {
      this.bodies[encoding] = bytes;
      return bytes;
    });
    return this.pending[encoding];
  }
}

const negotiated = new Map<string, Encoding>();

/**
 * The encoding to answer an Accept-Encoding header with: the accepted one with the highest weight, Brotli
 * before gzip on a tie (RFC 9110 §12.5.3; `*` stands for any not named, `x-gzip` for gzip), else none.
 * Browsers send a handful of distinct headers, so answers are remembered (for at most 100 of them).
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const known = negotiated.get(header);
  if (known) return known;
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gz = weightOf('gzip');
  const answer: Encoding = br > 0 && br >= gz ? 'br' : gz > 0 ? 'gzip' : 'identity';
  if (negotiated.size < 100) negotiated.set(header, answer);
  return answer;
}

/**
 * Answers with page in the encoding the request accepts, compressed at most once per page and encoding.
 * `sources` are the cached pages it was made from; with them it marks the answer for the front cache
 * (platform/http/front-cache.ts), which repeats it to the next signed-out reader while all are current.
 */
export async function sendEncoded(req: FastifyRequest, reply: FastifyReply, page: EncodedPage, sources: EncodedPage[] = []) {
  req.frontPage = { page, sources };
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  const vary = reply.getHeader('vary');
  reply.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  // A content-encoding set here tells @fastify/compress the body is already compressed.
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  const body = page.body(encoding);
  return reply.type('text/html; charset=utf-8').send(body instanceof Buffer ? body : await body);
}
