// What the identity pages share: their dependencies, rendering a page, reading a form's fields, and the
// problems a page finds itself (before asking the service), said in the reader's language.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { AppError } from '../../platform/errors.ts';
import { fieldMessage } from '../../platform/http/form-problems.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import type { FormProblem } from '../../views/forms.tsx';
import { renderDocument } from '../../views/render.ts';
import type { AuditService } from '../audit/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { IdentityService } from './identity.service.ts';
import { ThrottledError } from './throttle.ts';

export interface IdentityPagesDeps {
  identity: IdentityService;
  registry: RegistryService;
  audit: AuditService;
  assetVersion: string;
  sessionMaxHours: number;
}

export const hidden = { schema: { hide: true } };
export type Body = Record<string, string | string[] | undefined>;

/** The status of a refused form; a throttled one also says, in Retry-After, when to try again. */
export function refusalStatus(reply: FastifyReply, err: unknown): number {
  if (err instanceof ThrottledError) reply.header('retry-after', String(err.retryAfter));
  return err instanceof AppError ? err.status : 400;
}

export const str = (v: unknown, max = 1000) => (typeof v === 'string' ? v.slice(0, max) : '');
export const list = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string');

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;
/** Whether a typed address looks like one (the service decides the rest). */
export const emailLooksValid = (email: string) => EMAIL.test(email) && email.length <= 320;

export const badEmail = (t: Translate): FormProblem[] => [{ field: 'email', message: fieldMessage(t, 'email', 'email') }];

/** A local path to go to after signing in; anything else (another site, a scheme) becomes the account page. */
export function safeNext(next: unknown): string | undefined {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && next.length <= 500 ? next : undefined;
}

/** The dependencies, with rendering a page and the request's page context. */
export function pageKit(deps: IdentityPagesDeps) {
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  const ctxOf = (req: FastifyRequest): PageContext => pageContext(req, deps.assetVersion);
  return { ...deps, send, ctxOf };
}

export type PageKit = ReturnType<typeof pageKit>;
