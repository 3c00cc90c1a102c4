// The registry through the API: States (filter by UN regional group, organisation, status) and organisations.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UnGroup } from '../../content/registry.ts';
import { errors } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import * as s from './registry.schemas.ts';
import type { RegistryService, StateView } from './registry.service.ts';

const langQuery = z.object({ lang: z.string().optional() });

export const presentState = (v: StateView) => ({
  code: v.code,
  alpha2: v.alpha2,
  status: v.status,
  un_group: v.unGroup,
  name: v.name,
  names: v.names,
  organisations: v.organisations,
  url: `/states/${v.code}`,
});

export function registryRoutes(registry: RegistryService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['registry'];
    r.get(
      '/api/v1/states',
      {
        schema: {
          tags,
          summary: 'UN Member States, observer States and others in the registry',
          querystring: s.statesQuery,
          response: { 200: z.object({ data: z.array(s.state) }), ...problemResponses(400) },
        },
      },
      async (req) => ({
        data: (
          await registry.listStates(
            { group: req.query.group as UnGroup | undefined, organisation: req.query.organisation, status: req.query.status },
            req.locale,
          )
        ).map(presentState),
      }),
    );
    r.get(
      '/api/v1/states/:code',
      {
        schema: {
          tags,
          summary: 'One State',
          params: s.stateCodeParams,
          querystring: langQuery,
          response: { 200: s.state, ...problemResponses(400, 404) },
        },
      },
      async (req) => {
        const v = await registry.getState(req.params.code, req.locale);
        if (!v) throw errors.notFound(`The State ${req.params.code}`);
        return presentState(v);
      },
    );
    r.get(
      '/api/v1/organisations',
      {
        schema: {
          tags,
          summary: 'Regional organisations and their number of member States',
          querystring: langQuery,
          response: { 200: z.object({ data: z.array(s.organisation) }) },
        },
      },
      async (req) => ({ data: await registry.listOrganisations(req.locale) }),
    );
    r.get(
      '/api/v1/organisations/:code',
      {
        schema: {
          tags,
          summary: 'One organisation with its member States',
          params: s.orgCodeParams,
          querystring: langQuery,
          response: { 200: s.organisationDetail, ...problemResponses(400, 404) },
        },
      },
      async (req) => {
        const org = await registry.getOrganisation(req.params.code, req.locale);
        if (!org) throw errors.notFound(`The organisation ${req.params.code}`);
        return { ...org, states: org.states.map(presentState) };
      },
    );
  };
}
