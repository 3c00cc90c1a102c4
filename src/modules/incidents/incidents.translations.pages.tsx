// The editors' translation of a published incident in the browser (decision 77): parse → the service → render.
// A refusal shows the form again with what was typed, each problem beside its field, in the reader's language.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { type PageContext, pageContext } from '../../platform/http/request-context.ts';
import { reasonText } from '../../platform/i18n/reasons.ts';
import { renderDocument } from '../../views/render.ts';
import type { IncidentsService, IncidentView } from './incidents.service.ts';
import { isTranslated, type TranslatedLocale } from './incidents.translations.ts';
import { type FormUnit, TranslatePage, unitLabel } from './incidents.translations.views.tsx';
import type { Names } from './incidents.views.tsx';

const hidden = { schema: { hide: true } };
type Body = Record<string, string | string[] | undefined>;

/** The States a form's labels name (the responses'), in the reader's language. */
const namesOf = (incidents: IncidentsService, view: IncidentView, ctx: PageContext): Promise<Names> =>
  incidents.names(
    view.claims.flatMap((c) => c.responses.map((r) => r.state_code)),
    ctx.locale,
  );

export function translationPages(deps: { incidents: IncidentsService; assetVersion: string }) {
  const { incidents } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    lang: unknown,
    more: { values?: Record<string, string>; problems?: { field: string; message: string }[]; saved?: boolean } = {},
    status = 200,
  ) => {
    const ctx = pageContext(req, deps.assetVersion);
    const form = await incidents.translations.form(req.actor, id, lang);
    const names = await namesOf(incidents, form.view, ctx);
    const units: FormUnit[] = form.units;
    const page = h(TranslatePage, {
      ctx,
      csrf: csrfToken(req, reply),
      id: form.view.incident.id,
      title: form.view.incident.title,
      lang: form.lang,
      units,
      names,
      saved: more.saved ?? false,
      values: more.values,
      problems: more.problems,
    });
    return send(reply, page, status);
  };

  return async (app: FastifyInstance) => {
    // The language asked for (?to=), else the reader's own when it is one of the five, else French.
    app.get<{ Params: { id: string }; Querystring: { to?: string; saved?: string } }>(
      '/incidents/:id/translate',
      hidden,
      (req, reply) => {
        const to = req.query.to ?? (isTranslated(req.locale) ? req.locale : 'fr');
        return render(req, reply, req.params.id, to, { saved: req.query.saved === '1' });
      },
    );

    app.post<{ Params: { id: string }; Body: Body }>('/incidents/:id/translate', hidden, async (req, reply) => {
      const body = req.body ?? {};
      const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
      const fields = Object.fromEntries(
        Object.entries(body)
          .filter(([key]) => key.startsWith('fields.'))
          .map(([key, v]) => [key.slice('fields.'.length), one(v) ?? '']),
      );
      const lang = one(body.lang);
      const confirm = body.confirm;
      try {
        const done = await incidents.translations.save(req.actor, req.params.id, { lang, fields, confirm }, originOf(req));
        return reply.redirect(`/incidents/${req.params.id}/translate?to=${done.lang}&saved=1`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT' || !isTranslated(lang)) throw err;
        const ctx = pageContext(req, deps.assetVersion);
        const form = await incidents.translations.form(req.actor, req.params.id, lang as TranslatedLocale);
        const names = await namesOf(incidents, form.view, ctx);
        const problems = err.fields.map((f) => {
          const unit = form.units.find((x) => `fields.${x.key}` === f.field);
          const label = unit ? unitLabel(ctx, names, unit) : f.field;
          return { field: f.field, message: `${label}: ${reasonText(ctx.locale, f.code, f.params)}` };
        });
        const values = Object.fromEntries(Object.entries(fields).map(([key, v]) => [`fields.${key}`, String(v)]));
        return render(req, reply, req.params.id, lang, { values, problems }, 400);
      }
    });
  };
}
