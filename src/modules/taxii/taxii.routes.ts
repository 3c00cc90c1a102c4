// The TAXII 2.1 server's HTTP face (OASIS taxii-v2.1-os): discovery at /taxii2/, one API root, its read-only
// collections. Every answer, errors included, is `application/taxii+json;version=2.1`: an Accept that cannot
// take it is a 406 and a request body of another type a 415 (§1.6.8), before anything else is read. Kept out of
// the OpenAPI document (TAXII is its own published contract), as pages are. Parse → call the service → present.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, problemTitleKey } from '../../platform/errors.ts';
import { isDatabaseUnavailable } from '../../platform/http/error-handler.ts';
import { acceptsTaxii, isTaxiiBody, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './taxii.schemas.ts';
import type { Page, TaxiiService } from './taxii.service.ts';

export const TAXII_ROOT = '/taxii2/cybernorms/';

/** A refusal TAXII names that the platform's catalogue has no code for (406). */
class TaxiiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

const hide = { schema: { hide: true } };

/** Sends the media type exactly as TAXII writes it: as bytes, which Fastify sends without adding a charset. */
function sendJson(reply: FastifyReply, json: string, status = 200) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('content-type', TAXII_MEDIA_TYPE)
    .send(Buffer.from(json));
}
const send = (reply: FastifyReply, body: unknown, status = 200) => sendJson(reply, JSON.stringify(body), status);

/** A TAXII error message (§3.6.1) in the TAXII media type, whatever went wrong. */
function sendError(req: FastifyRequest, reply: FastifyReply, err: FastifyError | AppError | TaxiiError) {
  let status = 500;
  let title = 'Internal error';
  let description = 'Something went wrong on our side; it has been logged.';
  let code: string | undefined = 'INTERNAL';
  let details: unknown;
  if (err instanceof TaxiiError) {
    ({ status, title } = err);
    description = err.message;
    code = undefined;
  } else if (err instanceof AppError) {
    status = err.status;
    code = err.code;
    title = req.t ? req.t(problemTitleKey(err.code)) : err.code;
    description = err.message;
    if (err.fields.length) details = { errors: err.fields };
    if (err.retryAfter) reply.header('retry-after', String(err.retryAfter));
  } else if (isDatabaseUnavailable(err)) {
    [status, title, code, description] = [503, 'Unavailable', 'UNAVAILABLE', 'The database is unreachable; try again shortly.'];
    reply.header('retry-after', '5');
  } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    [status, title, description] = [err.statusCode, 'Bad request', err.message];
    code = err.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_INPUT';
  } else req.log.error({ err }, 'TAXII request failed');
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="cybernorms"');
  return send(
    reply,
    {
      title,
      description,
      http_status: String(status),
      ...(code && { error_code: code }),
      ...(details !== undefined ? { details } : {}),
    },
    status,
  );
}

/** The envelope (§3.7) or versions resource (§5.7) of a page, with the dates of its first and last objects (§3.3.1). */
function sendPage(reply: FastifyReply, page: Page, list: 'objects' | 'manifest' | 'versions') {
  const { rows, more, next } = page;
  if (rows.length) {
    reply.header('x-taxii-date-added-first', rows[0].date_added);
    reply.header('x-taxii-date-added-last', rows[rows.length - 1].date_added);
  }
  // TAXII lists may not be empty: an empty page is `{"more": false}`.
  const head = JSON.stringify({ more, ...(next && { next }) });
  if (!rows.length) return sendJson(reply, head);
  // Objects go out as the database wrote their JSON, never parsed and written again (half a page's time).
  if (list === 'objects') return sendJson(reply, `${head.slice(0, -1)},"objects":[${rows.map((r) => r.object).join(',')}]}`);
  const items =
    list === 'manifest'
      ? rows.map((r) => ({ id: r.stix_id, date_added: r.date_added, version: r.version, media_type: STIX_MEDIA_TYPE }))
      : rows.map((r) => r.version);
  return send(reply, { more, ...(next && { next }), [list === 'manifest' ? 'objects' : list]: items });
}

type CollectionParams = { Params: { id: string } };
type ObjectParams = { Params: { id: string; objectId: string } };

export function taxiiRoutes(deps: { taxii: TaxiiService }) {
  const { taxii } = deps;
  return async (app: FastifyInstance) => {
    // The one body TAXII defines; read only to be refused (every collection is read-only).
    app.addContentTypeParser('application/taxii+json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    app.setErrorHandler((err: FastifyError, req, reply) => sendError(req, reply, err));
    app.addHook('onRequest', async (req) => {
      if (!acceptsTaxii(req.headers.accept))
        throw new TaxiiError(406, 'Not Acceptable', `This server answers ${TAXII_MEDIA_TYPE} only.`);
      // Only a body is refused for its type: clients that send a Content-Type on a GET are still answered.
      const type = req.headers['content-type'];
      if (req.method !== 'GET' && req.method !== 'HEAD' && type !== undefined && !isTaxiiBody(type))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, `A request body must be ${TAXII_MEDIA_TYPE}.`);
    });

    app.get('/taxii2/', hide, async (req, reply) =>
      send(reply, {
        title: 'cybernorms TAXII 2.1',
        description:
          'The public record of ICT incidents, and for the officials of each State the indicators of its own communications.',
        default: `${req.publicUrl}${TAXII_ROOT}`,
        api_roots: [`${req.publicUrl}${TAXII_ROOT}`],
      }),
    );
    app.get(TAXII_ROOT, hide, async (_req, reply) =>
      send(reply, {
        title: 'cybernorms',
        description: 'Read-only collections of STIX 2.1 objects.',
        versions: [TAXII_MEDIA_TYPE],
        max_content_length: 1_048_576,
      }),
    );
    app.get(`${TAXII_ROOT}collections/`, hide, async (req, reply) =>
      send(reply, { collections: await taxii.collections(req.actor) }),
    );
    app.get<CollectionParams>(`${TAXII_ROOT}collections/:id/`, hide, async (req, reply) =>
      send(reply, await taxii.collection(req.actor, req.params.id)),
    );
    app.get<CollectionParams>(`${TAXII_ROOT}collections/:id/objects/`, hide, async (req, reply) =>
      sendPage(reply, await taxii.objects(req.actor, req.params.id, req.query), 'objects'),
    );
    app.post<CollectionParams>(`${TAXII_ROOT}collections/:id/objects/`, hide, async (req) =>
      taxii.refuseWrite(req.actor, req.params.id),
    );
    app.get<ObjectParams>(`${TAXII_ROOT}collections/:id/objects/:objectId/`, hide, async (req, reply) =>
      sendPage(reply, await taxii.object(req.actor, req.params.id, req.params.objectId, req.query), 'objects'),
    );
    app.get<ObjectParams>(`${TAXII_ROOT}collections/:id/objects/:objectId/versions/`, hide, async (req, reply) =>
      sendPage(reply, await taxii.versions(req.actor, req.params.id, req.params.objectId, req.query), 'versions'),
    );
    app.get<CollectionParams>(`${TAXII_ROOT}collections/:id/manifest/`, hide, async (req, reply) =>
      sendPage(reply, await taxii.manifest(req.actor, req.params.id, req.query), 'manifest'),
    );
    // Anything else under /taxii2/ is a TAXII 404, not a web page.
    app.get('/taxii2/*', hide, async (req, reply) =>
      sendError(req, reply, new AppError('NOT_FOUND', 404, `${req.url.split('?')[0]} is not a TAXII resource here.`)),
    );
  };
}
