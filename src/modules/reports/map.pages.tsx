// The public overviews' pages: the world map of reporting for a norm and cycle, with the UN regional groups,
// and chosen States side by side. Both read published reports only; demo States are never counted with the
// Member States, and the map says so and lists them apart, so a demo report published is seen to be published.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { AppError } from '../../platform/errors.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { countryPaths, HEIGHT as MAP_HEIGHT, WIDTH as MAP_WIDTH } from './map.ts';
import { ComparePage, MapPage } from './map.views.tsx';
import { hidden, one, pageKit, type ReportsPagesDeps, strings } from './pages.common.ts';

/** The most State codes a comparison's address is read for (the service refuses more than it compares). */
const MAX_ASKED = 100;

export function mapPages(deps: ReportsPagesDeps) {
  const { reports } = deps;
  const { send, ctxOf, stateChoices, titles, inLanguage } = pageKit(deps);
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { norm?: unknown; cycle?: unknown } }>('/map', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const cycles = await reports.allCycles();
      const norm = one(req.query.norm) ?? 'c';
      const cycle = one(req.query.cycle) ?? String(cycles[0]);
      const data = await reports.mapData(norm, cycle);
      const measures = new Map(data.map((d) => [d.state_code, d.measures]));
      const all = await stateChoices(ctx.locale);
      const members = new Set((await deps.registry.listStates({ status: 'member' }, ctx.locale)).map((s) => s.code));
      const states = all
        .filter((s) => members.has(s.code))
        .map((s) => ({ code: s.code, name: s.name, group: s.group, measures: measures.get(s.code) ?? null }));
      const demo = all
        .filter((s) => s.demo)
        .map((s) => ({ code: s.code, name: s.name, group: null, measures: measures.get(s.code) ?? null }));
      const paths = await countryPaths(states.map((s) => s.code));
      return send(
        reply,
        h(MapPage, {
          ctx,
          norm,
          cycle: Number(cycle),
          cycles,
          states,
          demo,
          titles: await titles(ctx.locale),
          paths,
          width: MAP_WIDTH,
          height: MAP_HEIGHT,
        }),
      );
    });

    app.get<{ Querystring: { states?: unknown; cycle?: unknown } }>('/compare', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const cycles = await reports.allCycles();
      const cycleRaw = one(req.query.cycle) ?? String(cycles[0]);
      // Ticked boxes repeat the field; an address typed by hand may list codes separated by commas.
      const asked = strings(req.query.states)
        .flatMap((s) => s.split(/[\s,]+/))
        .filter(Boolean)
        .slice(0, MAX_ASKED);
      const choices = await stateChoices(ctx.locale);
      const common = { ctx, cycles, choices, titles: await titles(ctx.locale) };
      const empty = { states: [], published: [], measures: {} };
      if (!asked.length) return send(reply, h(ComparePage, { ...common, ...empty, cycle: Number(cycleRaw), asked }));
      try {
        const c = await reports.compare(asked, cycleRaw, (qs) => inLanguage(qs, ctx.locale));
        const names = Object.fromEntries(choices.map((s) => [s.code, s.name]));
        return send(
          reply,
          h(ComparePage, {
            ...common,
            cycle: c.cycle,
            asked: c.states,
            states: c.states.map((s) => ({ code: s, name: names[s] ?? s })),
            published: c.published,
            measures: c.measures,
          }),
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        const problems = formProblems(ctx.t, err).map((p) => p.message);
        return send(reply, h(ComparePage, { ...common, ...empty, cycle: Number(cycleRaw), asked, problems }), 400);
      }
    });
  };
}
