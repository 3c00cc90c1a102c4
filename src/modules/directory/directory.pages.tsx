// The directory's pages: browsing, a State's directory and its contacts (nominate, update, remove, history,
// vCard and export), the public participation figures. Reading needs the same rights as the API (the
// services decide); forms come back with each problem named. The communication checks' pages are in
// pings.pages.tsx, registered from here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { decide } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { type FormProblem, fieldMessage, formProblems } from '../../platform/http/form-problems.ts';
import type { RegistryService } from '../registry/index.ts';
import { ContactFormPage, HistoryPage } from './contact.views.tsx';
import { contactsCsv, vcard } from './directory.exports.ts';
import { directoryActions } from './directory.policy.ts';
import type { DirectoryService } from './directory.service.ts';
import type { ContactInput } from './directory.validate.ts';
import { DirectoryPage, StateDirectoryPage } from './directory.views.tsx';
import { type Body, contactFromForm, filterFromQuery, hidden, pageKit, STATE, str, UUID } from './pages.common.ts';
import { pingPages } from './pings.pages.tsx';
import type { PingService } from './pings.service.ts';
import { ParticipationPage } from './pings.views.tsx';

export function directoryPages(deps: {
  directory: DirectoryService;
  pings: PingService;
  registry: RegistryService;
  assetVersion: string;
}) {
  const { directory, registry } = deps;
  const kit = pageKit(deps);
  const { send, ctxOf, stateOf } = kit;

  return async (app: FastifyInstance) => {
    app.get<{ Querystring: Record<string, unknown> }>('/directory', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const { filter, languageRefused } = filterFromQuery(req.query);
      const problems: FormProblem[] = languageRefused
        ? [{ field: 'language', message: fieldMessage(ctx.t, 'language', 'languageIso') }]
        : [];
      const contacts = await directory.browse(req.actor, filter, ctx.locale, originOf(req));
      const states = (await registry.listStates({}, ctx.locale)).map((s) => ({ code: s.code, name: s.name }));
      return send(reply, h(DirectoryPage, { ctx, contacts, filter, states, problems }), problems.length ? 400 : 200);
    });

    app.get('/directory/participation', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const p = await directory.participation();
      // Named on the page as not counted, as the map does: a demo State's contacts are not a State taking part.
      const demo = (await registry.listStates({ status: 'demo' }, ctx.locale)).map((s) => s.name);
      return send(reply, h(ParticipationPage, { ctx, byGroup: p.byGroup, rounds: p.rounds, demo }));
    });

    const statePage = async (req: FastifyRequest, reply: FastifyReply, code: string, notice?: string) => {
      const ctx = ctxOf(req);
      const state = await stateOf(code, ctx.locale);
      const contacts = await directory.browse(req.actor, { state: code }, ctx.locale, originOf(req));
      const canEdit = decide(req.actor, directoryActions['directory.write'], { state: code }).ok;
      const canExport = decide(req.actor, directoryActions['directory.export'], { state: code }).ok;
      const pending = canEdit ? await directory.pendingChanges(req.actor, code) : [];
      const stale = decide(req.actor, directoryActions['directory.stale'], { state: code }).ok
        ? await directory.stale(req.actor, code, ctx.locale)
        : null;
      return send(
        reply,
        h(StateDirectoryPage, { ctx, csrf: csrfToken(req, reply), state, contacts, canEdit, canExport, pending, stale, notice }),
      );
    };

    app.get<{ Params: { code: string } }>('/directory/states/:code', hidden, (req, reply) =>
      statePage(req, reply, req.params.code),
    );

    app.get<{ Params: { code: string } }>('/directory/states/:code/contacts/new', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const state = await stateOf(req.params.code, ctx.locale);
      if (!decide(req.actor, directoryActions['directory.write'], { state: state.code }).ok) {
        // The same refusal as the write itself would give (sign in, second factor, or not allowed).
        await directory.pendingChanges(req.actor, state.code);
      }
      return send(
        reply,
        h(ContactFormPage, {
          ctx,
          csrf: csrfToken(req, reply),
          state,
          action: `/directory/states/${state.code}/contacts`,
          value: { kind: 'technical', networks: ['GLOBAL'] },
          editing: false,
        }),
      );
    });

    app.post<{ Params: { code: string }; Body: Body }>('/directory/states/:code/contacts', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const state = await stateOf(req.params.code, ctx.locale);
      const input = contactFromForm(req.body);
      const effectiveFrom = str(req.body?.effectiveFrom, 40);
      try {
        const made = await directory.nominate(req.actor, state.code, input, effectiveFrom, originOf(req), ctx.t);
        return statePage(
          req,
          reply,
          state.code,
          ctx.t(made.account === 'invited' ? 'dir.nominated.invited' : 'dir.nominated.linked', {
            name: input.name,
            email: input.email,
          }),
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        const problems = formProblems(ctx.t, err);
        const value = {
          ...input,
          languages: input.languages,
          effectiveFrom,
        } as Partial<ContactInput> & { effectiveFrom?: string };
        return send(
          reply,
          h(ContactFormPage, {
            ctx,
            csrf: csrfToken(req, reply),
            state,
            action: `/directory/states/${state.code}/contacts`,
            value,
            problems,
            editing: false,
          }),
          400,
        );
      }
    });

    app.get<{ Params: { id: string } }>('/directory/contacts/:id/edit', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!UUID.test(req.params.id)) throw errors.notFound('The contact');
      const c = await directory.getContact(req.actor, req.params.id, ctx.locale, originOf(req));
      if (!decide(req.actor, directoryActions['directory.write'], { state: c.state }).ok)
        await directory.pendingChanges(req.actor, c.state);
      const state = await stateOf(c.state, ctx.locale);
      return send(
        reply,
        h(ContactFormPage, {
          ctx,
          csrf: csrfToken(req, reply),
          state,
          action: `/directory/contacts/${c.id}`,
          value: { ...c, effectiveFrom: undefined },
          editing: true,
          removeAction: `/directory/contacts/${c.id}/remove`,
          removalEffect: await directory.removalEffect(req.actor, c.id).catch(() => null),
        }),
      );
    });

    app.post<{ Params: { id: string }; Body: Body }>('/directory/contacts/:id', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!UUID.test(req.params.id)) throw errors.notFound('The contact');
      const input = contactFromForm(req.body);
      const effectiveFrom = str(req.body?.effectiveFrom, 40);
      try {
        const done = await directory.update(req.actor, req.params.id, input, effectiveFrom, originOf(req), ctx.t);
        const c = await directory.history(req.actor, req.params.id, originOf(req));
        return statePage(req, reply, c.state, ctx.t(done.changed ? 'dir.updated' : 'dir.unchanged', { name: input.name }));
      } catch (err) {
        if (err instanceof AppError && err.code !== 'BAD_INPUT') throw err;
        const h0 = await directory.history(req.actor, req.params.id, originOf(req));
        const state = await stateOf(h0.state, ctx.locale);
        const value = {
          ...input,
          languages: input.languages,
          effectiveFrom,
        } as Partial<ContactInput> & { effectiveFrom?: string };
        return send(
          reply,
          h(ContactFormPage, {
            ctx,
            csrf: csrfToken(req, reply),
            state,
            action: `/directory/contacts/${req.params.id}`,
            value,
            problems: formProblems(ctx.t, err),
            editing: true,
          }),
          400,
        );
      }
    });

    app.post<{ Params: { id: string }; Body: Body }>('/directory/contacts/:id/remove', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!UUID.test(req.params.id)) throw errors.notFound('The contact');
      const h0 = await directory.history(req.actor, req.params.id, originOf(req));
      await directory.remove(req.actor, req.params.id, str(req.body?.effectiveFrom, 40), originOf(req));
      return statePage(req, reply, h0.state, ctx.t('dir.removed'));
    });

    app.get<{ Params: { id: string } }>('/directory/contacts/:id/history', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!UUID.test(req.params.id)) throw errors.notFound('The contact');
      const hist = await directory.history(req.actor, req.params.id, originOf(req));
      const state = await stateOf(hist.state, ctx.locale);
      return send(reply, h(HistoryPage, { ctx, state, versions: hist.versions }));
    });

    app.get<{ Params: { id: string } }>('/directory/contacts/:id/vcard', hidden, async (req, reply) => {
      if (!UUID.test(req.params.id)) throw errors.notFound('The contact');
      const c = await directory.getContact(req.actor, req.params.id, req.locale, originOf(req));
      return reply
        .type('text/vcard; charset=utf-8')
        .header('content-disposition', `attachment; filename="contact-${c.id}.vcf"`)
        .header('cache-control', 'no-store')
        .send(vcard(c));
    });

    app.get<{ Params: { code: string }; Querystring: { format?: string } }>(
      '/directory/states/:code/export',
      hidden,
      async (req, reply) => {
        const format = req.query.format === 'json' ? 'json' : req.query.format === 'csv' ? 'csv' : null;
        if (!format) throw errors.badInput([fieldProblem('format', 'choice', { options: 'csv, json' })]);
        if (!STATE.test(req.params.code)) throw errors.notFound(`The State ${req.params.code.slice(0, 20)}`);
        const contacts = await directory.exportState(req.actor, req.params.code, req.locale, originOf(req));
        const stamp = new Date().toISOString().slice(0, 10);
        reply
          .header('content-disposition', `attachment; filename="poc-${req.params.code}-${stamp}.${format}"`)
          .header('cache-control', 'no-store');
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(contactsCsv(contacts));
        return reply.type('application/json; charset=utf-8').send(JSON.stringify({ data: contacts }));
      },
    );

    await pingPages({ ...deps, kit })(app);
  };
}
