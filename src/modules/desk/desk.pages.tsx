// GET /desk: the signed-in person's home. Each source (given by app.ts, one per module) says what waits for
// them there, or nothing when they hold no role for it; the page lists the sections that have something, the
// most urgent first, each item with its deadline and a link. Nothing here changes anything.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { type Actor, authorize, defineRules } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { originOf } from '../../platform/http/auth.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { Origin } from '../../platform/kernel.ts';
import { renderDocument } from '../../views/render.ts';
import { DeskPage } from './desk.views.tsx';

export const deskActions = defineRules({
  // Anyone signed in has a home; what it lists follows their roles (each source checks its own rule).
  'desk.read': { self: true },
});

/** One thing that waits for the person: what it is, where to act on it, and by when. */
export interface DeskItem {
  label: string;
  href: string;
  /** When it is due (ISO), if it has a deadline. */
  due?: string | null;
  /** Said beside the label, already in the reader's language (a State, a status, an urgency). */
  meta?: string;
  urgent?: boolean;
}

export interface DeskSection {
  id: string;
  title: MessageKey;
  items: DeskItem[];
  /** Where the whole list is. */
  more?: { href: string; label: MessageKey };
}

/** What one module has waiting for the person; null when they hold no role for it. */
export type DeskSource = (actor: Actor, ctx: { locale: Locale; origin: Origin; now: Date }) => Promise<DeskSection | null>;

/** Refusals that only mean "not your work": the section is left off the desk. */
const SKIPPED = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'SECOND_FACTOR_REQUIRED']);

export function deskPages(deps: { sources: DeskSource[]; assetVersion: string; clock: () => Date }) {
  return async (app: FastifyInstance) => {
    app.get('/desk', { schema: { hide: true } }, async (req, reply) => {
      authorize(req.actor, deskActions['desk.read']);
      const now = deps.clock();
      const origin = originOf(req);
      const sections = (
        await Promise.all(
          deps.sources.map((source) =>
            source(req.actor, { locale: req.locale, origin, now }).catch((err) => {
              // A role the person does not hold (or no longer holds) is simply not on their desk.
              if (err instanceof AppError && SKIPPED.has(err.code)) return null;
              throw err;
            }),
          ),
        )
      ).filter((s): s is DeskSection => s !== null);
      const ctx = pageContext(req, deps.assetVersion);
      reply.header('cache-control', 'no-store');
      return reply.type('text/html; charset=utf-8').send(renderDocument(h(DeskPage, { ctx, sections, now })));
    });
  };
}
