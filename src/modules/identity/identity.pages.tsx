// The identity pages, composed from their parts: signing in, registering and e-mail links
// (sign-in.pages.tsx), a State's people, invitations and the administrator's accounts page
// (people.pages.tsx), the account, its second factor and tokens (account.pages.tsx) and the audit log
// (audit-log.pages.tsx). Forms work without JavaScript; a refused form comes back with the problems named,
// in the reader's language, and what was typed (never a password).
import type { FastifyInstance } from 'fastify';
import { accountPages } from './account.pages.tsx';
import { auditLogPages } from './audit-log.pages.tsx';
import { type IdentityPagesDeps, pageKit } from './pages.common.ts';
import { peoplePages } from './people.pages.tsx';
import { signInPages } from './sign-in.pages.tsx';

export function identityPages(deps: IdentityPagesDeps) {
  const kit = pageKit(deps);
  return async (app: FastifyInstance) => {
    signInPages(app, kit);
    peoplePages(app, kit);
    accountPages(app, kit);
    auditLogPages(app, kit);
  };
}
