// The incident record's pages: parse → the service → render. Forms post back here; a refusal shows the
// form again with each problem beside its field, in the reader's language.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { type Actor, decide, effectiveGrants } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import type { FormProblem } from '../../platform/http/form-problems.ts';
import type { FormFile } from '../../platform/http/multipart-body.ts';
import { type PageContext, pageContext } from '../../platform/http/request-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { reasonText } from '../../platform/i18n/reasons.ts';
import { renderDocument } from '../../views/render.ts';
import type { StateChoice } from '../../views/state-picker.tsx';
import { type CommentsService, discussionSection } from '../discussion/index.ts';
import type { RegistryService } from '../registry/index.ts';
import { EditPage, ReviewPage, valuesOf } from './incidents.form.views.tsx';
import { IncidentHistoryLinks } from './incidents.history.views.tsx';
import { IncidentsPage } from './incidents.list.views.tsx';
import { incidentActions, mayApprove } from './incidents.policy.ts';
import { positionPages, type ReaderExtra, type ThreadsOn } from './incidents.positions.pages.tsx';
import { revisionsPages } from './incidents.revisions.pages.tsx';
import { filterOf, readFilter } from './incidents.schemas.ts';
import type { IncidentsService, IncidentView } from './incidents.service.ts';
import { translationPages } from './incidents.translations.pages.tsx';
import { listLanguages } from './incidents.translations.views.tsx';
import { IncidentPage } from './incidents.views.tsx';
import { INCIDENT_TYPES, SECTORS } from './incidents.vocab.ts';

const hidden = { schema: { hide: true } };
type Body = Record<string, string | string[] | undefined>;

const codes = (s: unknown) =>
  String(s ?? '')
    .split(/[\s,;]+/)
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);

/** The form's flat fields (`claims.0.responses.1.state`) as the record the service checks. */
export function recordOfForm(body: Body) {
  const one = (key: string) => {
    const v = body[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const indices = (prefix: string) =>
    [
      ...new Set(
        Object.keys(body).flatMap((key) => {
          const m = new RegExp(`^${prefix.replace(/\./g, '\\.')}(\\d+)\\.`).exec(key);
          return m ? [Number(m[1])] : [];
        }),
      ),
    ].sort((a, b) => a - b);
  /** Every State of a field: the picker's boxes (a value each), or codes typed in one box. */
  const all = (key: string) => [body[key]].flat().flatMap((v) => codes(v));
  const filled = (prefix: string, fields: string[]) => fields.some((f) => (one(`${prefix}${f}`) ?? '').trim() !== '');
  const claims = indices('claims.')
    .map((n) => `claims.${n}.`)
    .filter((p) => filled(p, ['claimantKind', 'claimantStates', 'claimantName', 'claimedOn', 'sourceUrl', 'attributedKind']))
    .map((p) => ({
      id: one(`${p}id`),
      claimantKind: one(`${p}claimantKind`),
      claimantStates: all(`${p}claimantStates`),
      claimantName: one(`${p}claimantName`),
      claimedOn: one(`${p}claimedOn`),
      basis: one(`${p}basis`),
      attributedKind: one(`${p}attributedKind`),
      attributedState: all(`${p}attributedState`)[0] ?? '',
      attributedActor: one(`${p}attributedActor`),
      summary: one(`${p}summary`),
      sourceUrl: one(`${p}sourceUrl`),
      sourceTitle: one(`${p}sourceTitle`),
      unconfirmed: one(`${p}unconfirmed`) === 'on',
      responses: indices(`${p}responses.`)
        .map((m) => `${p}responses.${m}.`)
        .filter((q) => filled(q, ['state', 'stance', 'statedOn', 'summary', 'sourceUrl']))
        .map((q) => ({
          id: one(`${q}id`),
          state: all(`${q}state`)[0] ?? '',
          stance: one(`${q}stance`),
          statedOn: one(`${q}statedOn`),
          summary: one(`${q}summary`),
          sourceUrl: one(`${q}sourceUrl`),
          unconfirmed: one(`${q}unconfirmed`) === 'on',
        })),
    }));
  return {
    title: one('title'),
    summary: one('summary'),
    types: INCIDENT_TYPES.filter((x) => one(`types.${x}`) === 'on'),
    started: one('started'),
    ended: one('ended'),
    disclosed: one('disclosed'),
    targets: all('targets'),
    sectors: SECTORS.filter((x) => one(`sectors.${x}`) === 'on'),
    effects: one('effects'),
    sources: String(one('sources') ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        // "title | link", with "| ?" at the end when the sources available here do not confirm it.
        const parts = line.split('|').map((x) => x.trim());
        const unconfirmed = parts.length > 2 && parts[parts.length - 1] === '?';
        const [title, url] = parts.length > 1 ? parts : [line, line];
        return { title, url, unconfirmed };
      }),
    claims,
    norms: indices('norms.')
      .map((n) => `norms.${n}.`)
      .filter((p) => filled(p, ['norm', 'rationale']))
      .map((p) => ({
        norm: one(`${p}norm`),
        basis: one(`${p}basis`),
        invokedBy: all(`${p}invokedBy`)[0] ?? '',
        rationale: one(`${p}rationale`),
      })),
  };
}

/** A refusal's problems, each named by its form field (`claims[0].sourceUrl` → `claims.0.sourceUrl`). */
export function problemsOf(ctx: PageContext, err: unknown, strip: string | RegExp = ''): FormProblem[] {
  if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
  return err.fields.map((f) => {
    const field = f.field.replace(/\[(\d+)\]/g, '.$1').replace(strip, '');
    const last = field.split('.').pop() ?? field;
    const label = `incidents.field.${last}` as MessageKey;
    const name = (ctx.t(label) as string | undefined) ?? last;
    return { field, message: `${name}: ${reasonText(ctx.locale, f.code, f.params)}` };
  });
}

const focalState = (actor: Actor) => effectiveGrants(actor).find((g) => g.role === 'focal_point' && g.state)?.state ?? null;

export function incidentsPages(deps: {
  incidents: IncidentsService;
  assetVersion: string;
  /** The States, for the editors' form to choose them by name (decision 75). */
  registry?: RegistryService;
  threads?: ThreadsOn;
  comments?: CommentsService;
}) {
  const { incidents } = deps;
  /** Every State, named in the reader's language and found by name in all six (views/state-picker.tsx). */
  const states = async (locale: Locale): Promise<StateChoice[] | undefined> =>
    (await deps.registry?.listStates({}, locale))?.map((s) => {
      const names = [...new Set(Object.values(s.names))];
      return { code: s.code, name: s.name, names, group: s.unGroup, demo: s.status === 'demo' };
    });
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  const namesFor = (views: IncidentView[], ctx: PageContext) =>
    incidents.names(
      views.flatMap((v) => [
        ...v.incident.targets,
        ...v.claims.flatMap((c) => [...c.claimant_states, c.attributed_state ?? '', ...c.responses.map((r) => r.state_code)]),
        ...v.norms.map((n) => n.invoked_by),
      ]),
      ctx.locale,
    );

  // A POC's positions waiting for the focal point, and what an incident page draws for its reader alone.
  const positions = positionPages(deps);
  const incidentPage = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: object = {}, status = 200) => {
    const ctx = pageContext(req, deps.assetVersion);
    const view = await incidents.get(req.actor, id);
    const isEditor = decide(req.actor, incidentActions['incidents.edit']).ok;
    const i = view.incident;
    const own = !mayApprove(req.actor.userId ?? '', i);
    const editor = isEditor
      ? { canPropose: i.status === 'draft', canApprove: i.status === 'proposed' && !own, ownChange: own }
      : null;
    const focal = focalState(req.actor);
    const focalOf = focal && decide(req.actor, incidentActions['incidents.position'], { state: focal }).ok ? focal : null;
    const names = await namesFor([view], ctx);
    if (focalOf) names.set(focalOf, (await incidents.names([focalOf], ctx.locale)).get(focalOf) ?? focalOf);
    if (focalOf) extra = { states: await states(ctx.locale), ...extra };
    // The reader's own part, never shared: their State's drafted positions, the linked threads they are party to.
    extra = { ...extra, reader: await positions.readerPart(req, reply, ctx, view, names, extra as ReaderExtra) };
    // A published incident: its history (and for editors a change to propose), and its discussion.
    const published = i.status === 'published';
    const waiting = published && isEditor && (await incidents.history(req.actor, i.id)).change !== null;
    const revisions = published ? h(IncidentHistoryLinks, { ctx, id: i.id, editor: isEditor, waiting }) : undefined;
    const discussion =
      published && deps.comments
        ? await discussionSection(
            deps.comments,
            req,
            reply,
            { kind: 'incident', id: i.id },
            `/incidents/${i.id}`,
            deps.assetVersion,
          )
        : undefined;
    const csrf = csrfToken(req, reply);
    // The record in the reader's language where translated, each text marked (incidents.translations.ts).
    const [shown] = await incidents.translations.inLanguage([view], ctx.locale);
    const rest = { names, editor, focalOf, revisions, discussion, ...extra };
    const page = h(IncidentPage, { ctx, csrf, view: shown.view, shown, ...rest });
    return send(reply, page, status);
  };

  return async (app: FastifyInstance) => {
    await app.register(positions.routes(incidentPage));
    // Changes to published incidents and their history (incidents.revisions.pages.tsx).
    await revisionsPages({ incidents, assetVersion: deps.assetVersion, states })(app);
    // Editors translate a published incident (incidents.translations.pages.tsx).
    await translationPages({ incidents, assetVersion: deps.assetVersion })(app);
    app.get('/incidents', hidden, async (req, reply) => {
      const ctx = pageContext(req, deps.assetVersion);
      // The API's schema reads the filter: a malformed one is named and refused (400), the others still apply.
      const { filter, refused } = readFilter(req.query);
      const [found, choices] = await Promise.all([incidents.page(filterOf(filter), filter.page ?? 1), incidents.choices()]);
      // Titles in the reader's language where translated (incidents.translations.ts).
      const shown = await incidents.translations.inLanguage(found.views, ctx.locale);
      const views = shown.map((s) => s.view);
      const names = new Map([
        ...(await namesFor(views, ctx)),
        ...(await incidents.names([...choices.targets, ...choices.attributors, ...choices.attributed], ctx.locale)),
      ]);
      const canEdit = decide(req.actor, incidentActions['incidents.drafts']).ok;
      const page = { ctx, views, total: found.total, perPage: found.perPage, filter, names, choices, canEdit, refused };
      const languages = listLanguages(ctx, shown);
      return send(reply, h(IncidentsPage, { ...page, languages }), refused.length ? 400 : 200);
    });

    app.get('/incidents/review', hidden, async (req, reply) => {
      const [views, changes] = await Promise.all([incidents.pending(req.actor), incidents.waiting(req.actor)]);
      return send(
        reply,
        h(ReviewPage, { ctx: pageContext(req, deps.assetVersion), views, changes, csrf: csrfToken(req, reply) }),
      );
    });

    // A bundle pasted or sent as a file: a draft for review, or the review page again naming each refused field.
    app.post<{ Body: Record<string, unknown> }>('/incidents/import', hidden, async (req, reply) => {
      const body = req.body ?? {};
      const file = body.file as FormFile | null | undefined;
      const pasted = typeof body.bundle === 'string' ? body.bundle : '';
      const text = file?.data?.length ? file.data.toString('utf8') : pasted;
      try {
        let bundle: unknown;
        try {
          bundle = JSON.parse(text);
        } catch {
          throw errors.badInput([fieldProblem(file?.data?.length ? 'file' : 'bundle', 'json')]);
        }
        const done = await incidents.importStix(req.actor, bundle, originOf(req));
        return reply.redirect(`/incidents/${done.id}?notice=imported`, 303);
      } catch (err) {
        // A malformed bundle (400), or the bundle of a record already here (409, with a link to that record).
        const here = err instanceof AppError && err.code === 'CONFLICT' ? err.fields[0]?.params : undefined;
        if (!(err instanceof AppError) || (err.code !== 'BAD_INPUT' && !here)) throw err;
        const ctx = pageContext(req, deps.assetVersion);
        const views = await incidents.pending(req.actor);
        const problems = err.fields.map((f) => ({
          field: f.field === 'file' ? 'file' : 'bundle',
          message: `${f.field}: ${reasonText(ctx.locale, f.code, f.params)}`,
        }));
        const existing = here && { id: String(here.id), title: String(here.title) };
        return send(reply, h(ReviewPage, { ctx, views, csrf: csrfToken(req, reply), problems, pasted, existing }), err.status);
      }
    });

    app.get('/incidents/new', hidden, async (req, reply) => {
      await incidents.pending(req.actor);
      const ctx = pageContext(req, deps.assetVersion);
      const choices = await states(ctx.locale);
      return send(reply, h(EditPage, { ctx, csrf: csrfToken(req, reply), id: null, values: {}, problems: [], states: choices }));
    });

    app.get<{ Params: { id: string } }>('/incidents/:id', hidden, (req, reply) => {
      const notice = (req.query as { notice?: string }).notice;
      const ctx = pageContext(req, deps.assetVersion);
      const known = ['saved', 'proposed', 'published', 'position', 'imported', 'drafted'];
      return incidentPage(req, reply, req.params.id, {
        notice: notice && known.includes(notice) ? ctx.t(`incidents.notice.${notice}` as MessageKey) : undefined,
      });
    });

    app.get<{ Params: { id: string } }>('/incidents/:id/edit', hidden, async (req, reply) => {
      await incidents.pending(req.actor);
      const ctx = pageContext(req, deps.assetVersion);
      const view = await incidents.get(req.actor, req.params.id);
      const csrf = csrfToken(req, reply);
      const page = { ctx, csrf, id: view.incident.id, values: valuesOf(view), problems: [], states: await states(ctx.locale) };
      return send(reply, h(EditPage, page));
    });

    const save = async (req: FastifyRequest<{ Body: Body }>, reply: FastifyReply, id: string | null) => {
      const ctx = pageContext(req, deps.assetVersion);
      try {
        const record = recordOfForm(req.body ?? {});
        const done = id
          ? await incidents.update(req.actor, id, record, originOf(req))
          : await incidents.create(req.actor, record, originOf(req));
        return reply.redirect(`/incidents/${done.id}?notice=saved`, 303);
      } catch (err) {
        const problems = problemsOf(ctx, err);
        // A picker's several boxes come back as one value, the States it holds.
        const values = Object.fromEntries(Object.entries(req.body ?? {}).map(([key, v]) => [key, [v].flat().join(' ')]));
        const choices = await states(ctx.locale);
        return send(reply, h(EditPage, { ctx, csrf: csrfToken(req, reply), id, values, problems, states: choices }), 400);
      }
    };
    app.post<{ Body: Body }>('/incidents', hidden, (req, reply) => save(req, reply, null));
    app.post<{ Params: { id: string }; Body: Body }>('/incidents/:id', hidden, (req, reply) => save(req, reply, req.params.id));

    app.post<{ Params: { id: string } }>('/incidents/:id/propose', hidden, async (req, reply) => {
      await incidents.propose(req.actor, req.params.id, originOf(req));
      return reply.redirect(`/incidents/${req.params.id}?notice=proposed`, 303);
    });
    app.post<{ Params: { id: string } }>('/incidents/:id/approve', hidden, async (req, reply) => {
      await incidents.approve(req.actor, req.params.id, originOf(req));
      return reply.redirect(`/incidents/${req.params.id}?notice=published`, 303);
    });

    app.post<{ Params: { id: string; code: string }; Body: Body }>(
      '/incidents/:id/states/:code/positions',
      hidden,
      async (req, reply) => {
        try {
          const done = await incidents.position(req.actor, req.params.id, req.params.code, req.body ?? {}, originOf(req));
          // A point of contact's position waits for the focal point (incidents.positions.ts).
          if (done.status === 'pending') return reply.redirect(`/incidents/${req.params.id}?notice=drafted#positions`, 303);
        } catch (err) {
          const ctx = pageContext(req, deps.assetVersion);
          const problems = problemsOf(ctx, err, /^(claim|response)\./);
          return incidentPage(req, reply, req.params.id, { problems }, 400);
        }
        return reply.redirect(`/incidents/${req.params.id}?notice=position#claims`, 303);
      },
    );
  };
}
