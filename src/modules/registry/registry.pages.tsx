// The registry's public pages.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { UnGroup } from '../../content/registry.ts';
import type { Actor } from '../../platform/access.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { renderDocument } from '../../views/render.ts';
import { type RegistryService, UN_GROUPS } from './registry.service.ts';
import { OrganisationPage, OrganisationsPage, StatePage, StatesPage } from './registry.views.tsx';
import type { StateIncidentLists } from './state-incidents.views.tsx';

const hidden = { schema: { hide: true } };

/** What the public State page says of a State's reporting and directory participation (never a contact). */
export interface StateProfile {
  reports: { cycle: number; submitted_at: Date; updated_at: Date }[];
  participates: boolean;
  lastUpdate: Date | null;
}

export function registryPages(deps: {
  registry: RegistryService;
  assetVersion: string;
  profile?: (code: string) => Promise<StateProfile>;
  /** Whether the actor may see the State's officials (identity's rule, wired by app.ts): the page links to them. */
  canSeePeople?: (actor: Actor, state: string) => boolean;
  /** The published incidents the State attributed, was attributed or was targeted by (the incidents module's face). */
  incidents?: (code: string, locale: string) => Promise<StateIncidentLists>;
}) {
  const { registry } = deps;
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { group?: string } }>('/states', hidden, async (req, reply) => {
      const ctx = pageContext(req, deps.assetVersion);
      const group = UN_GROUPS.includes(req.query.group as UnGroup) ? (req.query.group as UnGroup) : null;
      if (req.query.group !== undefined && !group)
        throw errors.badInput([fieldProblem('group', 'choice', { options: UN_GROUPS.join(', ') })]);
      const [states, organisations] = await Promise.all([
        registry.listStates(group ? { group } : {}, ctx.locale),
        registry.listOrganisations(ctx.locale),
      ]);
      return reply.type('text/html; charset=utf-8').send(renderDocument(h(StatesPage, { ctx, states, group, organisations })));
    });

    app.get<{ Params: { code: string } }>('/states/:code', hidden, async (req, reply) => {
      const ctx = pageContext(req, deps.assetVersion);
      const state = /^[A-Z]{3}$/.test(req.params.code) ? await registry.getState(req.params.code, ctx.locale) : null;
      if (!state) throw errors.notFound(`The State ${req.params.code.slice(0, 20)}`);
      const organisations = await registry.listOrganisations(ctx.locale);
      const canSeePeople = deps.canSeePeople?.(req.actor, state.code) ?? false;
      const [profile, incidents] = await Promise.all([deps.profile?.(state.code), deps.incidents?.(state.code, ctx.locale)]);
      return reply
        .type('text/html; charset=utf-8')
        .send(renderDocument(h(StatePage, { ctx, state, organisations, canSeePeople, profile, incidents })));
    });

    app.get('/organisations', hidden, async (req, reply) => {
      const ctx = pageContext(req, deps.assetVersion);
      const organisations = await registry.listOrganisations(ctx.locale);
      return reply.type('text/html; charset=utf-8').send(renderDocument(h(OrganisationsPage, { ctx, organisations })));
    });

    app.get<{ Params: { code: string } }>('/organisations/:code', hidden, async (req, reply) => {
      const ctx = pageContext(req, deps.assetVersion);
      const organisation = /^[A-Z]{2,10}$/.test(req.params.code)
        ? await registry.getOrganisation(req.params.code, ctx.locale)
        : null;
      if (!organisation) throw errors.notFound(`The organisation ${req.params.code.slice(0, 20)}`);
      return reply.type('text/html; charset=utf-8').send(renderDocument(h(OrganisationPage, { ctx, organisation })));
    });
  };
}
