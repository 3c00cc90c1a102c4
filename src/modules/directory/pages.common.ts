// What the directory's pages share (directory.pages.tsx, pings.pages.tsx): reading a posted form or a query
// into what the services take, drawing a page, and the State a page is about. No rules here: the services
// check what the forms give them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { errors } from '../../platform/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { renderDocument } from '../../views/render.ts';
import type { RegistryService } from '../registry/index.ts';
import { CONTACT_KINDS, NETWORKS } from './directory.validate.ts';
import type { BrowseFilter } from './directory.views.tsx';
import { GROUPS } from './pings.validate.ts';

/** Pages are not in the API's contract. */
export const hidden = { schema: { hide: true } };
export type Body = Record<string, string | string[] | undefined>;
export const STATE = /^[A-Z]{3}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A form's text field, cut at `max` characters; anything else is empty. */
export const str = (v: unknown, max = 1000) => (typeof v === 'string' ? v.slice(0, max) : '');
/** A form's repeated field (checkboxes) as a list of texts. */
export const list = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string');

/** The contact form's fields, as the directory service takes them (it checks them). */
export function contactFromForm(body: Body | undefined) {
  return {
    kind: str(body?.kind, 20),
    name: str(body?.name, 400),
    position: str(body?.position, 400),
    institution: str(body?.institution, 400),
    email: str(body?.email, 400),
    phone: str(body?.phone, 80),
    languages: list(body?.languages),
    timeZone: str(body?.timeZone, 100),
    allDay: str(body?.allDay, 10) === 'true',
    hours: str(body?.hours, 400),
    networks: list(body?.networks),
  };
}

/**
 * The directory page's filter from its query: a value that is not one of the choices is left out; a
 * language that is not an ISO 639 code is left out too, and said (`languageRefused`).
 */
export function filterFromQuery(q: Record<string, unknown>): { filter: BrowseFilter; languageRefused: boolean } {
  const pick = <T extends string>(v: string, options: readonly T[]) =>
    (options as readonly string[]).includes(v) ? v : undefined;
  const language = str(q.language, 10).trim().toLowerCase() || undefined;
  const languageRefused = language !== undefined && !/^[a-z]{2,3}$/.test(language);
  return {
    filter: {
      state: STATE.test(str(q.state, 3)) ? str(q.state, 3) : undefined,
      group: pick(str(q.group, 40), GROUPS),
      network: pick(str(q.network, 10), NETWORKS),
      kind: pick(str(q.kind, 20), CONTACT_KINDS),
      language: languageRefused ? undefined : language,
      allDay: q.allDay === 'true' ? true : undefined,
    },
    languageRefused,
  };
}

/**
 * The round form as typed (shown again with its problems), and the round the ping service is asked for. The
 * form names its scope as one choice (`all`, `group:<group>`, `network:<network>` or `states`, with the
 * States ticked); the service checks it as the API's scope, and a refusal of `scope…` is shown at the
 * form's field (`roundFieldOf`).
 */
export function roundFromForm(body: Body | undefined) {
  const states = list(body?.states).slice(0, 400);
  const value = {
    title: str(body?.title, 400),
    // States ticked while the list was left unchosen mean those States.
    who: str(body?.who, 60) || (states.length ? 'states' : ''),
    states,
    deadline: str(body?.deadline, 40),
    reminderHours: str(body?.reminderHours, 10),
  };
  const [kind, choice = ''] = value.who.split(':');
  const scope =
    kind === 'group'
      ? { kind, group: choice }
      : kind === 'network'
        ? { kind, network: choice }
        : kind === 'states'
          ? { kind, states: value.states.map((s) => s.trim().toUpperCase()) }
          : { kind };
  // A date alone means the end of that day, UTC.
  const deadline = /^\d{4}-\d{2}-\d{2}$/.test(value.deadline) ? `${value.deadline}T23:59:00Z` : value.deadline;
  return { value, round: { title: value.title, scope, deadline, reminderHours: value.reminderHours } };
}

/** The round form's field where a refusal of the scope is shown: the States picked, or the one list. */
export const roundFieldOf = (field: string) => (field === 'scope.states' ? 'states' : field.startsWith('scope') ? 'who' : field);

/** Drawing a directory page, and the State it is about. */
export function pageKit(deps: { registry: RegistryService; assetVersion: string }) {
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  const ctxOf = (req: FastifyRequest) => pageContext(req, deps.assetVersion);

  /** The State of a page, with the networks its contacts may serve; 404 for no such State. */
  async function stateOf(code: string, locale: string) {
    const s = STATE.test(code) ? await deps.registry.getState(code, locale as never) : null;
    if (!s) throw errors.notFound(`The State ${code.slice(0, 20)}`);
    return {
      code: s.code,
      name: s.name,
      networks: ['GLOBAL', ...s.organisations.filter((o) => (NETWORKS as readonly string[]).includes(o))],
    };
  }

  return { send, ctxOf, stateOf };
}

export type PageKit = ReturnType<typeof pageKit>;
