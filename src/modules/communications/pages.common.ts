// What the communications pages share: their dependencies, reading a form's fields, the notices a redirect
// names, and sending a rendered page. The pages themselves are in communications.pages.tsx (boxes, live
// changes, figures), compose.pages.tsx (composing and drafts) and thread.pages.tsx (a thread and its steps).
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { AppError } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { renderDocument } from '../../views/render.ts';
import type { RegistryService } from '../registry/index.ts';
import type { CommunicationsService } from './communications.service.ts';

export interface PagesDeps {
  communications: CommunicationsService;
  registry: RegistryService;
  events: EventBus;
  assetVersion: string;
  maxAttachmentBytes: number;
}

/** A form as the body parser gives it: each field a string, or a list when repeated. */
export type Body = Record<string, string | string[] | undefined>;

/** Pages are not in the OpenAPI document. */
export const hidden = { schema: { hide: true } };

/** A field as text, cut at `max` characters; anything else is empty. */
export const str = (v: unknown, max = 1000) => (typeof v === 'string' ? v.slice(0, max) : '');

/** A repeated field (checkboxes, a multiple select) as a list of strings. */
export const list = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string');

/** The notice a page shows after a redirect, by the `?notice=` it names. */
export const NOTICES: Record<string, MessageKey> = {
  sent: 'comm.sent.notice',
  ack: 'comm.ack.done',
  reply: 'comm.reply.done',
  closed: 'comm.closed.done',
  withdrawn: 'comm.withdrawn.done',
  shared: 'comm.shared.done',
  draft: 'comm.draft.saved',
  linked: 'comm.links.linked',
  unlinked: 'comm.links.unlinked',
};

/** A refusal of the person (signed out, a read-only token, a lost role) rather than of what the form says. */
export const isRefusal = (err: unknown) => err instanceof AppError && (err.status === 401 || err.status === 403);

/** The helpers every communications page uses, bound to the app's dependencies. */
export function pageKit(deps: PagesDeps) {
  return {
    send: (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
      reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode)),
    ctxOf: (req: FastifyRequest) => pageContext(req, deps.assetVersion),
    /** Refuses a signed-out visitor (the error page sends them to sign in), for any address alike. */
    signedIn: (req: FastifyRequest) => {
      if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
    },
    /** The States' names in the reader's language, by code. */
    names: async (locale: string) =>
      Object.fromEntries((await deps.registry.listStates({}, locale as never)).map((s) => [s.code, s.name])),
    /** A fresh idempotency key for a form, so a double submit sends once. */
    newKey: () => `form-${randomBytes(12).toString('base64url')}`,
  };
}

export type PageKit = ReturnType<typeof pageKit>;
