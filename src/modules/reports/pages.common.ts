// What the report, map and questionnaire pages share: their dependencies, sending a page, the page context, a
// State's name, every State as a choice named in the reader's language, and the norms' titles.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { errors } from '../../platform/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { renderDocument } from '../../views/render.ts';
import type { StateChoice } from '../../views/state-picker.tsx';
import type { RegistryService } from '../registry/index.ts';
import type { NormTitles } from './part.views.tsx';
import type { ReportsService } from './reports.service.ts';

export interface ReportsPagesDeps {
  reports: ReportsService;
  registry: RegistryService;
  assetVersion: string;
  /** The norms' titles in a language, from the knowledge base's face (app.ts hands it over). */
  normTitles: (locale: Locale) => Promise<{ letter: string; title: string }[]>;
}

export const hidden = { schema: { hide: true } };

/** The first string of a form or query value (a repeated field gives a list). */
export const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

/** Every string of a form or query value. */
export const strings = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string');

export function pageKit(deps: ReportsPagesDeps) {
  const { registry } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  const ctxOf = (req: FastifyRequest) => pageContext(req, deps.assetVersion);
  const stateName = async (code: string, locale: Locale) => {
    const s = /^[A-Z]{3}$/.test(code) ? await registry.getState(code, locale) : null;
    if (!s) throw errors.notFound(`The State ${code.slice(0, 10)}`);
    return s.name;
  };
  /** Every State in the registry, named in the reader's language and searchable in all six. */
  const stateChoices = async (locale: Locale): Promise<StateChoice[]> =>
    (await registry.listStates({}, locale)).map((s) => ({
      code: s.code,
      name: s.name,
      names: [...new Set(Object.values(s.names))],
      group: s.unGroup,
      demo: s.status === 'demo',
    }));
  const titles = async (locale: Locale): Promise<NormTitles> =>
    Object.fromEntries((await deps.normTitles(locale)).map((n) => [n.letter, n.title]));
  return { send, ctxOf, stateName, stateChoices, titles };
}
