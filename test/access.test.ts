// Every route of the app is declared here with who may use it, and every declaration is tried: for each
// role, signed out, and for State-scoped routes both the actor's own State and another State. A route
// without a declaration fails the first test; a route that lets the wrong person in fails the second.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { stateCollectionId, TAXII_ROOT } from '../src/modules/taxii/index.ts';
import { uuidv5 } from '../src/platform/stix.ts';
import { type TestApp, testApp } from './support/app.ts';
import { anonymous, FORM, form, sessionFor, type TestSession, tokenFor } from './support/auth.ts';

/** Who may: everyone, any signed-in user, nobody without a pending sign-in, or these roles. */
type Allow = 'administrator' | 'editor' | 'directory_manager' | 'focal_point@own' | 'poc@own' | 'rapporteur@own' | 'official@any';
/** `tokens`: any signed-in user, but one holding roles only once two-factor sign-in is in use. */
/** `session`: any signed-in user in a browser session, never with a token (managing the second factor). */
type Access = 'public' | 'signed-in' | 'tokens' | 'session' | 'pending' | Allow[];

const STATE_READERS: Allow[] = ['administrator', 'focal_point@own', 'poc@own', 'rapporteur@own'];
const STATE_INVITERS: Allow[] = ['administrator', 'focal_point@own'];
const ADMIN: Allow[] = ['administrator'];
/** The directory: the manager, and officials of any participating State (both demo States take part). */
const DIRECTORY_READERS: Allow[] = ['directory_manager', 'official@any'];
const FOCAL: Allow[] = ['focal_point@own'];
const STATE_CONTACTS: Allow[] = ['directory_manager', 'focal_point@own', 'poc@own'];
const MANAGER: Allow[] = ['directory_manager'];
/** A thread: officials who act for a State party to it; to anyone else it does not exist (404). */
const PARTY: Allow[] = ['focal_point@own', 'poc@own'];
const OFFICIALS: Allow[] = ['official@any'];
/** Routes that answer 404, not 401/403, to those who may not know the resource exists. */
const HIDDEN = new Set<string>();
const hidden = (route: string, allow: Allow[] = PARTY) => {
  HIDDEN.add(route);
  return allow;
};
/** A State's report: its officials read it; the rapporteur and focal point write it. */
const REPORT_READERS: Allow[] = ['focal_point@own', 'poc@own', 'rapporteur@own'];
const REPORT_WRITERS: Allow[] = ['focal_point@own', 'rapporteur@own'];

const DECLARED: Record<string, Access> = {
  'GET /': 'public',
  'GET /norms': 'public',
  'GET /norms/:letter': 'public',
  'GET /pillars': 'public',
  'GET /cbms': 'public',
  'GET /frameworks': 'public',
  'GET /actors': 'public',
  'GET /forums': 'public',
  'GET /sectors': 'public',
  'GET /glossary': 'public',
  'GET /timeline': 'public',
  'GET /search': 'public',
  'GET /api/v1/norms': 'public',
  'GET /api/v1/norms/:letter': 'public',
  'GET /api/v1/pillars': 'public',
  'GET /api/v1/cbms': 'public',
  'GET /api/v1/frameworks': 'public',
  'GET /api/v1/actors': 'public',
  'GET /api/v1/forums': 'public',
  'GET /api/v1/sectors': 'public',
  'GET /api/v1/glossary': 'public',
  'GET /api/v1/timeline': 'public',
  'GET /api/v1/search': 'public',
  'GET /api/openapi.json': 'public',
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  // Only to the configured METRICS_TOKEN (none here): 404 to everyone, as if it did not exist.
  'GET /metrics': hidden('GET /metrics', []),
  'GET /static/*': 'public',
  // The registry is public reference data.
  'GET /states': 'public',
  'GET /states/:code': 'public',
  'GET /organisations': 'public',
  'GET /organisations/:code': 'public',
  'GET /api/v1/states': 'public',
  'GET /api/v1/states/:code': 'public',
  'GET /api/v1/organisations': 'public',
  'GET /api/v1/organisations/:code': 'public',
  // Signing in, registering and following e-mail links are for anyone.
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'GET /sign-in/code': 'public',
  'POST /sign-in/code': 'pending',
  'POST /sign-out': 'public',
  'GET /register': 'public',
  'POST /register': 'public',
  'GET /verify/:token': 'public',
  'GET /password/forgot': 'public',
  'POST /password/forgot': 'public',
  'GET /password/reset/:token': 'public',
  'POST /password/reset/:token': 'public',
  'GET /invitations/:token': 'public',
  'POST /invitations/:token': 'public',
  // One's own account.
  'GET /account': 'signed-in',
  'GET /desk': 'signed-in',
  'POST /account/sign-out-everywhere': 'signed-in',
  'POST /account/language': 'signed-in',
  'GET /account/two-factor': 'session',
  'POST /account/two-factor': 'session',
  'POST /account/recovery-codes': 'session',
  'GET /account/tokens': 'signed-in',
  'POST /account/tokens': 'tokens',
  'POST /account/tokens/:id/revoke': 'signed-in',
  'GET /api/v1/me': 'signed-in',
  'PATCH /api/v1/me': 'signed-in',
  'GET /api/v1/tokens': 'signed-in',
  'POST /api/v1/tokens': 'tokens',
  'DELETE /api/v1/tokens/:id': 'signed-in',
  // A State's people: confidential to the State's officials (and administrators).
  'GET /states/:code/people': STATE_READERS,
  'GET /api/v1/states/:code/people': STATE_READERS,
  'POST /invitations': STATE_INVITERS,
  'POST /api/v1/invitations': STATE_INVITERS,
  // Taking roles back: the focal point for its State's POCs and rapporteurs, the administrator for anyone.
  'DELETE /api/v1/states/:code/people/:userId': STATE_INVITERS,
  'DELETE /api/v1/states/:code/people/:userId/roles/:role': STATE_INVITERS,
  'POST /states/:code/people/:userId/remove': STATE_INVITERS,
  'POST /states/:code/people/:userId/roles/:role/remove': STATE_INVITERS,
  'DELETE /api/v1/users/:id/roles/:role': ['administrator'],
  'POST /admin/users/:id/roles/:role/remove': ['administrator'],
  // Another State's invitation is answered as if it did not exist.
  'DELETE /api/v1/invitations/:id': hidden('DELETE /api/v1/invitations/:id', STATE_INVITERS),
  'POST /api/v1/invitations/:id/resend': hidden('POST /api/v1/invitations/:id/resend', STATE_INVITERS),
  'POST /invitations/:id/revoke': hidden('POST /invitations/:id/revoke', STATE_INVITERS),
  'POST /invitations/:id/resend': hidden('POST /invitations/:id/resend', STATE_INVITERS),
  // Administration.
  'GET /admin': ADMIN,
  'GET /admin/audit': ADMIN,
  'GET /admin/audit/export': ADMIN,
  'GET /api/v1/audit': ADMIN,
  'GET /api/v1/audit/checkpoint': ADMIN,
  'GET /admin/audit/checkpoint': ADMIN,
  // Backups of the whole database (taken for real on the embedded database; 409 on PostgreSQL, after access).
  'GET /admin/backup': ADMIN,
  'GET /admin/backup/download': ADMIN,
  'GET /api/v1/backup': ADMIN,
  // Mail that could not be sent: administrators see it and send it again.
  'GET /admin/mail': ADMIN,
  'POST /admin/mail/:id/send-again': ADMIN,
  'POST /admin/mail/send-again': ADMIN,
  'GET /api/v1/mail/undelivered': ADMIN,
  'POST /api/v1/mail/undelivered/:id/send-again': ADMIN,
  'POST /api/v1/mail/undelivered/send-again': ADMIN,
  // The points-of-contact directory and its communication checks.
  'GET /directory': DIRECTORY_READERS,
  'GET /directory/participation': 'public',
  'GET /directory/states/:code': DIRECTORY_READERS,
  'GET /directory/states/:code/contacts/new': FOCAL,
  'POST /directory/states/:code/contacts': FOCAL,
  'GET /directory/contacts/:id/edit': FOCAL,
  'POST /directory/contacts/:id': FOCAL,
  'POST /directory/contacts/:id/remove': FOCAL,
  'GET /directory/contacts/:id/history': STATE_CONTACTS,
  'GET /directory/contacts/:id/vcard': DIRECTORY_READERS,
  'GET /directory/states/:code/export': STATE_CONTACTS,
  'GET /directory/rounds': MANAGER,
  'POST /directory/rounds': MANAGER,
  'GET /directory/rounds/:id': MANAGER,
  'GET /directory/states/:code/pings': ['directory_manager', 'focal_point@own', 'poc@own', 'rapporteur@own'],
  'GET /directory/tasks': 'signed-in',
  'POST /directory/tasks/:id/confirm': 'signed-in',
  'GET /ping/:token': 'public',
  'POST /ping/:token': 'public',
  'GET /api/v1/directory': DIRECTORY_READERS,
  'GET /api/v1/directory/participation': 'public',
  'POST /api/v1/directory/states/:code/contacts': FOCAL,
  'PUT /api/v1/directory/contacts/:id': FOCAL,
  'DELETE /api/v1/directory/contacts/:id': FOCAL,
  'GET /api/v1/directory/contacts/:id/history': STATE_CONTACTS,
  'GET /api/v1/directory/contacts/:id/vcard': DIRECTORY_READERS,
  'POST /api/v1/ping-rounds': MANAGER,
  'GET /api/v1/ping-rounds/:id': MANAGER,
  'POST /api/v1/ping-tasks/:id/confirm': 'signed-in',
  'GET /api/v1/directory/states/:code/pings': ['directory_manager', 'focal_point@own', 'poc@own', 'rapporteur@own'],
  // National implementation reports (a draft is 404 to other States).
  'GET /api/v1/questionnaire': 'public',
  'GET /questionnaire.pdf': 'public',
  'GET /questionnaire': 'public',
  'GET /questionnaire.csv': 'public',
  'GET /questionnaire.json': 'public',
  'POST /questionnaire/versions': ['editor'],
  'POST /api/v1/questionnaire/versions': ['editor'],
  'GET /map': 'public',
  'GET /capacity': 'public',
  'GET /api/v1/capacity/needs': 'public',
  'POST /capacity/offers': OFFICIALS,
  'POST /api/v1/capacity/offers': OFFICIALS,
  'GET /states/:code/capacity': REPORT_READERS,
  'GET /api/v1/states/:code/capacity-offers': REPORT_READERS,
  'POST /capacity/offers/:id/accept': FOCAL,
  'POST /api/v1/capacity/offers/:id/accept': FOCAL,
  'GET /compare': 'public',
  'GET /states/:code/reports/:cycle/diff': hidden('GET /states/:code/reports/:cycle/diff', REPORT_READERS),
  'GET /states/:code/reports/:cycle/export': hidden('GET /states/:code/reports/:cycle/export', REPORT_READERS),
  'GET /api/v1/states/:code/reports/:cycle/export': hidden('GET /api/v1/states/:code/reports/:cycle/export', REPORT_READERS),
  'GET /states/:code/reports': REPORT_READERS,
  'GET /states/:code/reports/:cycle': hidden('GET /states/:code/reports/:cycle', REPORT_READERS),
  'POST /states/:code/reports/:cycle/answers': hidden('POST /states/:code/reports/:cycle/answers', REPORT_WRITERS),
  'POST /states/:code/reports/:cycle/submit': REPORT_WRITERS,
  'POST /states/:code/reports/:cycle/reopen': REPORT_WRITERS,
  'POST /states/:code/reports/:cycle/start-from': REPORT_WRITERS,
  'POST /states/:code/reports/:cycle/visibility': FOCAL,
  'GET /api/v1/states/:code/reports/:cycle': hidden('GET /api/v1/states/:code/reports/:cycle', REPORT_READERS),
  'PUT /api/v1/states/:code/reports/:cycle/answers': REPORT_WRITERS,
  'POST /api/v1/states/:code/reports/:cycle/submit': REPORT_WRITERS,
  'POST /api/v1/states/:code/reports/:cycle/reopen': REPORT_WRITERS,
  'POST /api/v1/states/:code/reports/:cycle/start-from': REPORT_WRITERS,
  'PUT /api/v1/states/:code/reports/:cycle/visibility': FOCAL,
  // State-to-State communications.
  'GET /communications': [...OFFICIALS, 'directory_manager'],
  'GET /communications/new': OFFICIALS,
  'GET /communications/events': OFFICIALS,
  'POST /communications': OFFICIALS,
  'GET /communications/stats': [...OFFICIALS, 'directory_manager'],
  'GET /communications/overview': MANAGER,
  'GET /communications/:id': hidden('GET /communications/:id'),
  'GET /communications/:id/edit': hidden('GET /communications/:id/edit'),
  'POST /communications/:id': hidden('POST /communications/:id'),
  'POST /communications/:id/acknowledge': hidden('POST /communications/:id/acknowledge'),
  'POST /communications/:id/messages': hidden('POST /communications/:id/messages'),
  'POST /communications/:id/close': hidden('POST /communications/:id/close'),
  'POST /communications/:id/withdraw': hidden('POST /communications/:id/withdraw'),
  'POST /communications/:id/share': hidden('POST /communications/:id/share'),
  'GET /api/v1/communications': OFFICIALS,
  'POST /api/v1/communications': OFFICIALS,
  'PUT /api/v1/communications/:id': hidden('PUT /api/v1/communications/:id'),
  'POST /api/v1/communications/:id/send': hidden('POST /api/v1/communications/:id/send'),
  'GET /api/v1/communications/:id': hidden('GET /api/v1/communications/:id'),
  'GET /api/v1/communications/:id/stix': hidden('GET /api/v1/communications/:id/stix'),
  'GET /api/v1/communications/:id/attachments/:file': hidden('GET /api/v1/communications/:id/attachments/:file'),
  'GET /communications/:id/attachments/:file': hidden('GET /communications/:id/attachments/:file'),
  'GET /api/v1/communications/:id/pdf': hidden('GET /api/v1/communications/:id/pdf'),
  'GET /communications/:id/stix': hidden('GET /communications/:id/stix'),
  'GET /communications/:id/pdf': hidden('GET /communications/:id/pdf'),
  'POST /api/v1/communications/:id/acknowledge': hidden('POST /api/v1/communications/:id/acknowledge'),
  'POST /api/v1/communications/:id/messages': hidden('POST /api/v1/communications/:id/messages'),
  'POST /api/v1/communications/:id/close': hidden('POST /api/v1/communications/:id/close'),
  'POST /api/v1/communications/:id/withdraw': hidden('POST /api/v1/communications/:id/withdraw'),
  'POST /api/v1/communications/:id/share': hidden('POST /api/v1/communications/:id/share'),
  'GET /api/v1/communications-metadata': MANAGER,
  'GET /api/v1/communications-stats': MANAGER,
  // A thread linked to incident records: its parties (the link is the thread's: 404 to anyone else).
  'GET /api/v1/communications/:id/incidents': hidden('GET /api/v1/communications/:id/incidents'),
  'POST /api/v1/communications/:id/incidents': hidden('POST /api/v1/communications/:id/incidents'),
  'DELETE /api/v1/communications/:id/incidents/:incident': hidden('DELETE /api/v1/communications/:id/incidents/:incident'),
  'POST /communications/:id/incidents': hidden('POST /communications/:id/incidents'),
  'POST /communications/:id/incidents/:incident/unlink': hidden('POST /communications/:id/incidents/:incident/unlink'),
  // The threads linked to an incident that the reader is party to: any signed-in reader, none for most.
  'GET /api/v1/incidents/:id/threads': 'signed-in',
  'GET /api/v1/states/:code/communications-stats': ['directory_manager', 'focal_point@own', 'poc@own'],
  // Learning: open to everyone; progress is one's own.
  'GET /learn': 'public',
  'GET /learn/:module': 'public',
  'GET /learn/:module/:lesson': 'public',
  'POST /learn/:module/:lesson/check': 'public',
  'GET /api/v1/learning/modules': 'public',
  'GET /api/v1/learning/modules/:module': 'public',
  'GET /api/v1/learning/modules/:module/lessons/:lesson': 'public',
  'POST /api/v1/learning/modules/:module/lessons/:lesson/check': 'public',
  'GET /api/v1/learning/progress': 'signed-in',
  'GET /feeds/norms.atom': 'public',
  'GET /feeds/lessons.atom': 'public',
  'GET /feeds/incidents.atom': 'public',
  // Discussion: anyone reads; anyone signed in writes (an author edits their own); editors moderate.
  'GET /api/v1/comments': 'public',
  'GET /comments/:id': 'public',
  'POST /comments': 'signed-in',
  'POST /api/v1/comments': 'signed-in',
  'GET /comments/:id/edit': 'signed-in',
  'GET /comments/:id/reply': 'signed-in',
  'POST /comments/:id/edit': 'signed-in',
  'PATCH /api/v1/comments/:id': 'signed-in',
  'POST /comments/:id/report': 'signed-in',
  'POST /api/v1/comments/:id/reports': 'signed-in',
  'GET /moderation': ['editor'],
  'GET /api/v1/moderation/queue': ['editor'],
  'POST /moderation/comments/:id/approve': ['editor'],
  'POST /api/v1/comments/:id/approve': ['editor'],
  'POST /moderation/comments/:id/hide': ['editor'],
  'POST /api/v1/comments/:id/hide': ['editor'],
  'POST /moderation/bans': ['editor'],
  'POST /api/v1/moderation/bans': ['editor'],
  // Editing knowledge content: editors.
  'GET /editor': ['editor'],
  'GET /editor/:kind/:id': ['editor'],
  'POST /editor/:kind/:id': ['editor'],
  'GET /editor/:kind/:id/history': ['editor'],
  'GET /editor/:kind/:id/diff': ['editor'],
  'POST /editor/:kind/:id/restore': ['editor'],
  'GET /api/v1/content/:kind/:id': ['editor'],
  'PUT /api/v1/content/:kind/:id': ['editor'],
  'GET /api/v1/content/:kind/:id/revisions': ['editor'],
  'GET /api/v1/content/:kind/:id/diff': ['editor'],
  'POST /api/v1/content/:kind/:id/restore': ['editor'],
  'POST /api/v1/content/preview': ['editor'],
  // The incident record: anyone reads what is published; editors keep it (four eyes); a State's focal point
  // publishes its own State's position.
  'GET /incidents': 'public',
  'GET /incidents/:id': 'public',
  'GET /api/v1/incidents': 'public',
  'GET /api/v1/incidents/:id': 'public',
  'GET /api/v1/incidents/stix': 'public',
  'GET /api/v1/incidents/csv': 'public',
  'GET /api/v1/incidents/:id/stix': 'public',
  'GET /incidents/review': ['editor'],
  'GET /incidents/new': ['editor'],
  'GET /incidents/:id/edit': ['editor'],
  'GET /api/v1/incidents/pending': ['editor'],
  'POST /incidents': ['editor'],
  'POST /api/v1/incidents': ['editor'],
  'POST /api/v1/incidents/import': ['editor'],
  'POST /incidents/import': ['editor'],
  'POST /incidents/:id': ['editor'],
  'PUT /api/v1/incidents/:id': ['editor'],
  'POST /incidents/:id/propose': ['editor'],
  'POST /api/v1/incidents/:id/propose': ['editor'],
  'POST /incidents/:id/approve': ['editor'],
  'POST /api/v1/incidents/:id/approve': ['editor'],
  // Changes to published incidents and their history (decision 73): the history for anyone, changes for editors.
  'GET /incidents/:id/history': 'public',
  'GET /incidents/:id/diff': 'public',
  'GET /api/v1/incidents/:id/history': 'public',
  'GET /api/v1/incidents/:id/diff': 'public',
  'GET /incidents/:id/change': ['editor'],
  'POST /incidents/:id/change': ['editor'],
  'GET /incidents/:id/change/review': ['editor'],
  'POST /incidents/:id/changes/:change/approve': ['editor'],
  'POST /incidents/:id/changes/:change/return': ['editor'],
  'POST /incidents/:id/changes/:change/discard': ['editor'],
  'POST /incidents/:id/restore': ['editor'],
  'GET /api/v1/incidents/:id/change': ['editor'],
  'POST /api/v1/incidents/:id/change': ['editor'],
  'POST /api/v1/incidents/:id/changes/:change/approve': ['editor'],
  'POST /api/v1/incidents/:id/changes/:change/return': ['editor'],
  'POST /api/v1/incidents/:id/changes/:change/discard': ['editor'],
  'POST /api/v1/incidents/:id/restore': ['editor'],
  // Translating a published incident (decision 77): editors.
  'GET /incidents/:id/translate': ['editor'],
  'POST /incidents/:id/translate': ['editor'],
  'GET /api/v1/incidents/:id/translations/:lang': ['editor'],
  'PUT /api/v1/incidents/:id/translations/:lang': ['editor'],
  // A State's position: its focal point publishes it, its POC drafts it for the focal point (decision 74).
  'POST /incidents/:id/states/:code/positions': ['focal_point@own', 'poc@own'],
  'POST /api/v1/incidents/:id/states/:code/positions': ['focal_point@own', 'poc@own'],
  // The drafts: the State's focal point decides; the POC who drafted it reads and withdraws it; 404 to other States.
  'GET /incidents/positions': OFFICIALS,
  'GET /api/v1/incidents/positions': OFFICIALS,
  'GET /api/v1/incidents/positions/:draft': hidden('GET /api/v1/incidents/positions/:draft', ['focal_point@own', 'poc@own']),
  'POST /api/v1/incidents/positions/:draft/approve': hidden('POST /api/v1/incidents/positions/:draft/approve', FOCAL),
  'POST /api/v1/incidents/positions/:draft/decline': hidden('POST /api/v1/incidents/positions/:draft/decline', FOCAL),
  'POST /api/v1/incidents/positions/:draft/withdraw': hidden('POST /api/v1/incidents/positions/:draft/withdraw', ['poc@own']),
  'POST /incidents/positions/:draft/approve': hidden('POST /incidents/positions/:draft/approve', FOCAL),
  'POST /incidents/positions/:draft/decline': hidden('POST /incidents/positions/:draft/decline', FOCAL),
  'POST /incidents/positions/:draft/withdraw': hidden('POST /incidents/positions/:draft/withdraw', ['poc@own']),
  // TAXII 2.1: discovery, the API root and the public record for anyone; a State's collection (the indicators
  // of its communications) for its officials who act on them, to anyone else as if it did not exist.
  'GET /taxii2/': 'public',
  'GET /taxii2/*': 'public',
  'GET /taxii2/cybernorms/': 'public',
  'GET /taxii2/cybernorms/collections/': 'public',
  'GET /taxii2/cybernorms/collections/:id/': hidden('GET /taxii2/cybernorms/collections/:id/'),
  'GET /taxii2/cybernorms/collections/:id/objects/': hidden('GET /taxii2/cybernorms/collections/:id/objects/'),
  'GET /taxii2/cybernorms/collections/:id/objects/:objectId/': hidden(
    'GET /taxii2/cybernorms/collections/:id/objects/:objectId/',
  ),
  'GET /taxii2/cybernorms/collections/:id/objects/:objectId/versions/': hidden(
    'GET /taxii2/cybernorms/collections/:id/objects/:objectId/versions/',
  ),
  'GET /taxii2/cybernorms/collections/:id/manifest/': hidden('GET /taxii2/cybernorms/collections/:id/manifest/'),
  // Every collection is read-only: a write is refused to everyone.
  'POST /taxii2/cybernorms/collections/:id/objects/': hidden('POST /taxii2/cybernorms/collections/:id/objects/', []),
};

/** A comment by the user (or, signed out, by the member), written directly: published unless said. */
async function commentBy(userId: string, status = 'published'): Promise<string> {
  const [m] = await t.db.query<{ id: string }>("select id from users where email_key = 'member@demo.cybernorms.example'");
  const [c] = await t.db.query<{ id: string }>(
    `insert into comments (target_kind, target_id, author_id, body, status, created_at) values ('norm', 'c', $1, 'Fixture', $2, now()) returning id::text`,
    [userId || m.id, status],
  );
  return c.id;
}

/** A given-up mail, written directly, to send again. */
async function givenUpMail(): Promise<string> {
  const [m] = await t.db.query<{ id: string }>(
    `insert into outbox (recipient, subject, body, created_at, attempts, last_error, given_up_at)
     values ('lost@example.org', 'Fixture', 'x', now() - interval '4 days', 100, 'ECONNREFUSED', now()) returning id::text`,
  );
  return m.id;
}

/** A new member to ban. */
async function newMember(): Promise<string> {
  const email = fresh();
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, email_verified_at) values ($1, $1, 'Spammer', now()) returning id`,
    [email],
  );
  return u.id;
}

/** A revision of the glossary entry unlike its current text, to restore. */
async function revisionToRestore(): Promise<string> {
  const [r] = await t.db.query<{ n: number }>(
    `insert into content_revisions (kind, entity_id, lang, number, fields, note, created_at)
     select 'glossary', 'poc', 'en', coalesce(max(number), 0) + 1, $1, 'Fixture', now() from content_revisions
     where kind = 'glossary' and entity_id = 'poc' and lang = 'en' returning number as n`,
    [JSON.stringify({ term: 'Point of contact', definition: `Restorable ${randomBytes(4).toString('hex')}` })],
  );
  return String(r.n);
}
const unique = () => `Access check ${randomBytes(4).toString('hex')}`;
const CHECK = { 'answers.un-process-origins-1': '0', 'answers.un-process-origins-2': '1' };

/** A contact of each demo State, and a communication-check round, made in before(). */
const fixtures: {
  contact: Record<string, string>;
  round: string;
  thread: Record<string, string>;
  attachment: Record<string, string>;
} = {
  contact: {},
  round: '',
  thread: {},
  attachment: {},
};

/** A communication from the State to Kenya (party to nothing else here), written directly. */
async function threadFrom(state: string): Promise<string> {
  const [u] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [
    `poc@${state.toLowerCase()}.demo.cybernorms.example`,
  ]);
  const [th] = await t.db.query<{ id: string }>(
    `insert into threads (sender_state, created_by, type, urgency, tlp, subject, status, created_at, sent_at)
     values ($1, $2, 'notification', 'routine', 'amber', 'Fixture', 'open', now(), now()) returning id`,
    [state, u.id],
  );
  await t.db.query(
    `insert into thread_recipients (thread_id, state_code, status, ack_due, sent_at) values ($1, 'KEN', 'sent', now() + interval '3 days', now())`,
    [th.id],
  );
  await t.db.query(
    `insert into thread_messages (thread_id, seq, kind, author_id, author_state, body, created_at) values ($1, 1, 'initial', $2, $3, 'Fixture body', now())`,
    [th.id, u.id, state],
  );
  return th.id;
}

/** A fresh official of the State (or a platform official when state is null) holding these roles, to remove. */
async function officialOf(state: string | null, roles: string[]): Promise<string> {
  const email = fresh();
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at) values ($1, $1, 'Removable', $2, now(), now()) returning id`,
    [email, state],
  );
  for (const role of roles)
    await t.db.query(`insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, $3, 'test')`, [
      u.id,
      role,
      state,
    ]);
  return u.id;
}

/** An open invitation of the State for a POC, to revoke or re-send. */
async function invitationFor(state: string): Promise<string> {
  const [admin] = await t.db.query<{ id: string }>("select id from users where email_key = 'admin@demo.cybernorms.example'");
  const [i] = await t.db.query<{ id: string }>(
    `insert into invitations (token_hash, email, state_code, roles, invited_by, created_at, expires_at)
     values ($1, $2, $3, '{poc_technical}', $4, now(), now() + interval '7 days') returning id`,
    [randomBytes(16).toString('hex'), fresh(), state, admin.id],
  );
  return i.id;
}

/** An open capacity-building offer to the State (from Kenya's official, made in before()). */
async function offerTo(state: string): Promise<string> {
  const [u] = await t.db.query<{ id: string }>("select id from users where email_key = 'new-admin@example.org'");
  const [o] = await t.db.query<{ id: string }>(
    `insert into capacity_offers (need_state, cycle, question, offered_by_state, offered_by, message, created_at)
     values ($1, 2025, 'norm.c.gaps', 'KEN', $2, 'Fixture', now()) returning id`,
    [state, u.id],
  );
  return o.id;
}

/** A change waiting on a published incident, proposed by nobody who signs in here (so any editor may approve it). */
async function changeOn(): Promise<{ id: string; change: string }> {
  const id = await incidentIn('published');
  const record = { title: 'Changed fixture', summary: '', types: [], started: null, ended: null, disclosed: null, targets: [] };
  const [c] = await t.db.query<{ id: string }>(
    `insert into incident_revisions (incident_id, status, record, note, created_at, updated_at)
     values ($1, 'proposed', $2::jsonb, 'Fixture', now(), now()) returning id`,
    [id, JSON.stringify({ ...record, sectors: [], effects: '', sources: [], claims: [], norms: [] })],
  );
  return { id, change: c.id };
}

/** An incident in this status, changed by nobody who signs in here (so the demo editor may approve it). */
async function incidentIn(status: 'draft' | 'proposed' | 'published'): Promise<string> {
  const [i] = await t.db.query<{ id: string }>(
    `insert into incidents (title, status, started_on, started_precision, created_at, updated_at, published_at)
     values ('Fixture incident', $1, '2024-01-02', 'day', now(), now(), case when $1 = 'published' then now() end) returning id`,
    [status],
  );
  return i.id;
}
/** A pending position of the State on a published incident, drafted by the State's demo POC. */
async function positionDraftOf(state: string): Promise<string> {
  const [d] = await t.db.query<{ id: string }>(
    `insert into incident_position_drafts (incident_id, state_code, kind, body, drafted_by, drafted_at)
     select $1, $2, 'comments', '{"kind":"comments"}', id, now() from users where email_key = $3 returning id`,
    [await incidentIn('published'), state, `poc@${state.toLowerCase()}.demo.cybernorms.example`],
  );
  return d.id;
}
/** The State's fixture thread linked to a fresh published incident (to unlink); the incident's id. */
async function linkedIncident(state: string): Promise<string> {
  const incident = await incidentIn('published');
  await t.db.query(
    `insert into thread_incidents (thread_id, incident_id, linked_by, linked_at)
     select $1, $2, id, now() from users where email_key = 'admin@demo.cybernorms.example'`,
    [fixtures.thread[state], incident],
  );
  return incident;
}
/** An indicator on the State's fixture thread, in the State's TAXII collection once the server hears of it. */
async function taxiiIndicator(state: string): Promise<string> {
  const thread = fixtures.thread[state];
  await t.db.query(
    `insert into message_indicators (message_id, position, type, value)
     select id, 0, 'ipv4', '192.0.2.1' from thread_messages where thread_id = $1 on conflict do nothing`,
    [thread],
  );
  // Heard back before the request: on PostgreSQL the event comes through NOTIFY, a moment later.
  let off = () => {};
  const heard = new Promise<void>((resolve) => {
    off = t.app.events.subscribe((e) => e.id === thread && resolve());
  });
  await t.app.events.publish({ topic: 'communication', id: thread, states: [state] });
  await heard;
  off();
  return `indicator--${uuidv5(`${thread}:ipv4:192.0.2.1`)}`;
}
const taxiiCollection = (state: string) => `${TAXII_ROOT}collections/${stateCollectionId(state)}/`;
const INCIDENT = { title: 'Access check', types: ['disruption'], started: '2024' };

const COMMUNICATION = {
  type: 'information',
  urgency: 'routine',
  tlp: 'green',
  recipients: ['KEN'],
  subject: 'Access check',
  body: 'A request for information.',
};

/** A fresh contact for the target State (for the routes that remove one). */
async function freshContact(state: string): Promise<string> {
  const [c] = await t.db.query<{ id: string }>(
    "insert into contacts (state_code, created_at, created_by) values ($1, now(), 'test') returning id",
    [state],
  );
  await t.db.query(
    `insert into contact_versions (contact_id, version, effective_from, kind, name, position, institution, email, phone, languages, time_zone, all_day, hours, networks, changed_by, changed_at)
     values ($1, 1, now() - interval '1 minute', 'technical', 'Temp', '', 'CERT', 'temp@example.org', '+41229171234', '{en}', 'UTC', true, '', '{GLOBAL}', 'test', now())`,
    [c.id],
  );
  return c.id;
}

const CONTACT = {
  kind: 'technical',
  name: 'Access Test',
  institution: 'National CERT',
  phone: '+41 22 917 12 34',
  languages: 'en, fr',
  timeZone: 'Europe/Zurich',
  allDay: 'true',
  networks: 'GLOBAL',
};

interface Example {
  url: string;
  payload?: string;
  json?: unknown;
}

const fresh = () => `invitee-${randomBytes(5).toString('hex')}@example.org`;
const noToken = 'x'.repeat(43);

/** A request that satisfies the route's own validation, so only access decides; `state` is the target State. */
const EXAMPLES: Record<string, (state: string, s: TestSession) => Example | Promise<Example>> = {
  'GET /norms/:letter': () => ({ url: '/norms/c' }),
  'GET /api/v1/norms/:letter': () => ({ url: '/api/v1/norms/c' }),
  'GET /api/v1/search': () => ({ url: '/api/v1/search?q=norm' }),
  'GET /search': () => ({ url: '/search?q=norm' }),
  'GET /static/*': () => ({ url: '/static/app.css' }),
  'GET /states/:code': (st) => ({ url: `/states/${st}` }),
  'GET /organisations/:code': () => ({ url: '/organisations/OSCE' }),
  'GET /api/v1/states/:code': (st) => ({ url: `/api/v1/states/${st}` }),
  'GET /api/v1/organisations/:code': () => ({ url: '/api/v1/organisations/ASEAN' }),
  'POST /sign-in': (_, s) => ({
    url: '/sign-in',
    payload: form(s, { email: 'member@demo.cybernorms.example', password: 'demo-password-2026' }),
  }),
  'POST /sign-in/code': (_, s) => ({ url: '/sign-in/code', payload: form(s, { code: '123456' }) }),
  'POST /sign-out': (_, s) => ({ url: '/sign-out', payload: form(s) }),
  'POST /register': (_, s) => ({
    url: '/register',
    payload: form(s, { displayName: 'New Member', email: fresh(), password: 'a long and unusual passphrase' }),
  }),
  'GET /verify/:token': () => ({ url: `/verify/${noToken}` }),
  'POST /password/forgot': (_, s) => ({ url: '/password/forgot', payload: form(s, { email: fresh() }) }),
  'GET /password/reset/:token': () => ({ url: `/password/reset/${noToken}` }),
  'POST /password/reset/:token': (_, s) => ({
    url: `/password/reset/${noToken}`,
    payload: form(s, { password: 'a long and unusual passphrase' }),
  }),
  'GET /invitations/:token': () => ({ url: `/invitations/${noToken}` }),
  'POST /invitations/:token': (_, s) => ({
    url: `/invitations/${noToken}`,
    payload: form(s, { displayName: 'X', password: 'a long and unusual passphrase' }),
  }),
  'POST /account/sign-out-everywhere': (_, s) => ({ url: '/account/sign-out-everywhere', payload: form(s) }),
  'POST /account/language': (_, s) => ({ url: '/account/language', payload: form(s, { language: 'en' }) }),
  'PATCH /api/v1/me': () => ({ url: '/api/v1/me', json: { language: 'en' } }),
  'POST /account/two-factor': (_, s) => ({ url: '/account/two-factor', payload: form(s, { code: '000000' }) }),
  'POST /account/recovery-codes': (_, s) => ({ url: '/account/recovery-codes', payload: form(s, { code: '000000' }) }),
  'POST /account/tokens': (_, s) => ({
    url: '/account/tokens',
    payload: form(s, { name: 'script', scope: 'read', expiresInDays: '30' }),
  }),
  'POST /account/tokens/:id/revoke': (_, s) => ({
    url: '/account/tokens/00000000-0000-4000-8000-000000000000/revoke',
    payload: form(s),
  }),
  'POST /api/v1/tokens': () => ({ url: '/api/v1/tokens', json: { name: 'script', scope: 'read', expiresInDays: 30 } }),
  'DELETE /api/v1/tokens/:id': () => ({ url: '/api/v1/tokens/00000000-0000-4000-8000-000000000000' }),
  'GET /states/:code/people': (st) => ({ url: `/states/${st}/people` }),
  'GET /api/v1/states/:code/people': (st) => ({ url: `/api/v1/states/${st}/people` }),
  'POST /invitations': (st, s) => ({
    url: '/invitations',
    payload: form(s, { state: st, email: fresh(), roles: 'poc_technical' }),
  }),
  'POST /api/v1/invitations': (st) => ({
    url: '/api/v1/invitations',
    json: { state: st, email: fresh(), roles: ['poc_technical'] },
  }),
  'GET /admin/audit/export': () => ({ url: '/admin/audit/export?format=csv' }),
  'POST /admin/mail/:id/send-again': async (_, s) => ({ url: `/admin/mail/${await givenUpMail()}/send-again`, payload: form(s) }),
  'POST /admin/mail/send-again': (_, s) => ({ url: '/admin/mail/send-again', payload: form(s) }),
  'POST /api/v1/mail/undelivered/:id/send-again': async () => ({
    url: `/api/v1/mail/undelivered/${await givenUpMail()}/send-again`,
    json: {},
  }),
  'POST /api/v1/mail/undelivered/send-again': () => ({ url: '/api/v1/mail/undelivered/send-again', json: {} }),
  'DELETE /api/v1/states/:code/people/:userId': async (st) => ({
    url: `/api/v1/states/${st}/people/${await officialOf(st, ['poc_technical', 'rapporteur'])}`,
  }),
  'DELETE /api/v1/states/:code/people/:userId/roles/:role': async (st) => ({
    url: `/api/v1/states/${st}/people/${await officialOf(st, ['poc_technical'])}/roles/poc_technical`,
  }),
  'POST /states/:code/people/:userId/remove': async (st, s) => ({
    url: `/states/${st}/people/${await officialOf(st, ['poc_technical', 'rapporteur'])}/remove`,
    payload: form(s),
  }),
  'POST /states/:code/people/:userId/roles/:role/remove': async (st, s) => ({
    url: `/states/${st}/people/${await officialOf(st, ['poc_diplomatic'])}/roles/poc_diplomatic/remove`,
    payload: form(s),
  }),
  'DELETE /api/v1/users/:id/roles/:role': async () => ({
    url: `/api/v1/users/${await officialOf(null, ['editor'])}/roles/editor`,
  }),
  'POST /admin/users/:id/roles/:role/remove': async (_, s) => ({
    url: `/admin/users/${await officialOf(null, ['editor'])}/roles/editor/remove`,
    payload: form(s),
  }),
  'DELETE /api/v1/invitations/:id': async (st) => ({ url: `/api/v1/invitations/${await invitationFor(st)}` }),
  'POST /api/v1/invitations/:id/resend': async (st) => ({
    url: `/api/v1/invitations/${await invitationFor(st)}/resend`,
    json: {},
  }),
  'POST /invitations/:id/revoke': async (st, s) => ({ url: `/invitations/${await invitationFor(st)}/revoke`, payload: form(s) }),
  'POST /invitations/:id/resend': async (st, s) => ({ url: `/invitations/${await invitationFor(st)}/resend`, payload: form(s) }),
  'GET /directory/states/:code': (st) => ({ url: `/directory/states/${st}` }),
  'GET /directory/states/:code/contacts/new': (st) => ({ url: `/directory/states/${st}/contacts/new` }),
  'POST /directory/states/:code/contacts': (st, s) => ({
    url: `/directory/states/${st}/contacts`,
    payload: form(s, { ...CONTACT, email: fresh() }),
  }),
  'GET /directory/contacts/:id/edit': (st) => ({ url: `/directory/contacts/${fixtures.contact[st]}/edit` }),
  'POST /directory/contacts/:id': (st, s) => ({
    url: `/directory/contacts/${fixtures.contact[st]}`,
    payload: form(s, { ...CONTACT, email: fresh() }),
  }),
  'POST /directory/contacts/:id/remove': async (st, s) => ({
    url: `/directory/contacts/${await freshContact(st)}/remove`,
    payload: form(s),
  }),
  'GET /directory/contacts/:id/history': (st) => ({ url: `/directory/contacts/${fixtures.contact[st]}/history` }),
  'GET /directory/contacts/:id/vcard': (st) => ({ url: `/directory/contacts/${fixtures.contact[st]}/vcard` }),
  'GET /directory/states/:code/export': (st) => ({ url: `/directory/states/${st}/export?format=csv` }),
  'POST /directory/rounds': (st, s) => ({
    url: '/directory/rounds',
    payload: form(s, { title: 'Access check', who: 'states', states: st, deadline: '2099-01-01', reminderHours: '24' }),
  }),
  'GET /directory/rounds/:id': () => ({ url: `/directory/rounds/${fixtures.round}` }),
  'GET /directory/states/:code/pings': (st) => ({ url: `/directory/states/${st}/pings` }),
  'POST /directory/tasks/:id/confirm': (_, s) => ({
    url: '/directory/tasks/00000000-0000-4000-8000-000000000000/confirm',
    payload: form(s),
  }),
  'GET /ping/:token': () => ({ url: `/ping/${noToken}` }),
  'POST /ping/:token': (_, s) => ({ url: `/ping/${noToken}`, payload: form(s) }),
  'POST /api/v1/directory/states/:code/contacts': (st) => ({
    url: `/api/v1/directory/states/${st}/contacts`,
    json: { ...CONTACT, allDay: true, languages: ['en'], networks: ['GLOBAL'], email: fresh() },
  }),
  'PUT /api/v1/directory/contacts/:id': (st) => ({
    url: `/api/v1/directory/contacts/${fixtures.contact[st]}`,
    json: { ...CONTACT, allDay: true, languages: ['en'], networks: ['GLOBAL'], email: fresh() },
  }),
  'DELETE /api/v1/directory/contacts/:id': async (st) => ({ url: `/api/v1/directory/contacts/${await freshContact(st)}` }),
  'GET /api/v1/directory/contacts/:id/history': (st) => ({ url: `/api/v1/directory/contacts/${fixtures.contact[st]}/history` }),
  'GET /api/v1/directory/contacts/:id/vcard': (st) => ({ url: `/api/v1/directory/contacts/${fixtures.contact[st]}/vcard` }),
  'POST /api/v1/ping-rounds': (st) => ({
    url: '/api/v1/ping-rounds',
    json: { title: 'Access check', scope: { kind: 'states', states: [st] }, deadline: '2099-01-01T00:00:00Z', reminderHours: 24 },
  }),
  'GET /api/v1/ping-rounds/:id': () => ({ url: `/api/v1/ping-rounds/${fixtures.round}` }),
  'POST /api/v1/ping-tasks/:id/confirm': () => ({
    url: '/api/v1/ping-tasks/00000000-0000-4000-8000-000000000000/confirm',
    json: {},
  }),
  'GET /api/v1/directory/states/:code/pings': (st) => ({ url: `/api/v1/directory/states/${st}/pings` }),
  'POST /api/v1/communications': () => ({ url: '/api/v1/communications', json: COMMUNICATION }),
  // 2024: no demo report, so no report shared with another State clouds the rule.
  'GET /api/v1/states/:code/reports/:cycle': (st) => ({ url: `/api/v1/states/${st}/reports/2024` }),
  'GET /states/:code/reports': (st) => ({ url: `/states/${st}/reports` }),
  'POST /questionnaire/versions': (_, s) => ({ url: '/questionnaire/versions', payload: form(s, { note: 'Access check' }) }),
  'POST /api/v1/questionnaire/versions': () => ({ url: '/api/v1/questionnaire/versions', json: { note: 'Access check' } }),
  'POST /capacity/offers': (_, s) => ({
    url: '/capacity/offers',
    payload: form(s, { state: 'XAA', cycle: '2025', question: 'norm.c.gaps', message: 'Access check' }),
  }),
  'POST /api/v1/capacity/offers': () => ({
    url: '/api/v1/capacity/offers',
    json: { state: 'XAA', cycle: 2025, question: 'norm.c.gaps', message: 'Access check' },
  }),
  'GET /states/:code/capacity': (st) => ({ url: `/states/${st}/capacity` }),
  'GET /api/v1/states/:code/capacity-offers': (st) => ({ url: `/api/v1/states/${st}/capacity-offers` }),
  'POST /capacity/offers/:id/accept': async (st, s) => ({
    url: `/capacity/offers/${await offerTo(st)}/accept`,
    payload: form(s),
  }),
  'POST /api/v1/capacity/offers/:id/accept': async (st) => ({
    url: `/api/v1/capacity/offers/${await offerTo(st)}/accept`,
    json: {},
  }),
  'GET /states/:code/reports/:cycle/diff': (st) => ({ url: `/states/${st}/reports/2026/diff?with=2024` }),
  'GET /states/:code/reports/:cycle/export': (st) => ({ url: `/states/${st}/reports/2024/export?format=csv` }),
  'GET /api/v1/states/:code/reports/:cycle/export': (st) => ({ url: `/api/v1/states/${st}/reports/2024/export?format=json` }),
  'GET /states/:code/reports/:cycle': (st) => ({ url: `/states/${st}/reports/2024` }),
  'POST /states/:code/reports/:cycle/answers': (st, s) => ({
    url: `/states/${st}/reports/2024/answers`,
    payload: form(s, { part: 'law', 'q:law.measures': 'Access check' }),
  }),
  'POST /states/:code/reports/:cycle/submit': (st, s) => ({ url: `/states/${st}/reports/2025/submit`, payload: form(s) }),
  'POST /states/:code/reports/:cycle/reopen': (st, s) => ({ url: `/states/${st}/reports/2025/reopen`, payload: form(s) }),
  'POST /states/:code/reports/:cycle/start-from': (st, s) => ({
    url: `/states/${st}/reports/2026/start-from`,
    payload: form(s, { from: '2024' }),
  }),
  'POST /states/:code/reports/:cycle/visibility': (st, s) => ({
    url: `/states/${st}/reports/2026/visibility`,
    payload: form(s, { visibility: 'private' }),
  }),
  'PUT /api/v1/states/:code/reports/:cycle/answers': (st) => ({
    url: `/api/v1/states/${st}/reports/2024/answers`,
    json: { answers: { 'law.measures': 'Access check' } },
  }),
  'POST /api/v1/states/:code/reports/:cycle/submit': (st) => ({ url: `/api/v1/states/${st}/reports/2025/submit`, json: {} }),
  'POST /api/v1/states/:code/reports/:cycle/reopen': (st) => ({ url: `/api/v1/states/${st}/reports/2025/reopen`, json: {} }),
  'POST /api/v1/states/:code/reports/:cycle/start-from': (st) => ({
    url: `/api/v1/states/${st}/reports/2026/start-from`,
    json: { from: '2024' },
  }),
  'PUT /api/v1/states/:code/reports/:cycle/visibility': (st) => ({
    url: `/api/v1/states/${st}/reports/2026/visibility`,
    json: { visibility: 'private' },
  }),
  'GET /communications/events': () => ({ url: '/communications/events?seconds=0' }),
  'POST /communications': (_, s) => ({ url: '/communications', payload: form(s, { ...COMMUNICATION, do: 'send' }) }),
  'GET /communications/:id': (st) => ({ url: `/communications/${fixtures.thread[st]}` }),
  'GET /communications/:id/edit': (st) => ({ url: `/communications/${fixtures.thread[st]}/edit` }),
  'POST /communications/:id': (st, s) => ({
    url: `/communications/${fixtures.thread[st]}`,
    payload: form(s, { ...COMMUNICATION, do: 'draft' }),
  }),
  'POST /communications/:id/acknowledge': (st, s) => ({
    url: `/communications/${fixtures.thread[st]}/acknowledge`,
    payload: form(s),
  }),
  'POST /communications/:id/messages': (st, s) => ({
    url: `/communications/${fixtures.thread[st]}/messages`,
    payload: form(s, { body: 'An update.' }),
  }),
  'POST /communications/:id/close': (st, s) => ({ url: `/communications/${fixtures.thread[st]}/close`, payload: form(s) }),
  'POST /communications/:id/withdraw': (st, s) => ({ url: `/communications/${fixtures.thread[st]}/withdraw`, payload: form(s) }),
  // Sharing opens the thread to the manager: a fresh one each time, so the other routes' threads stay unshared.
  'POST /communications/:id/share': async (st, s) => ({ url: `/communications/${await threadFrom(st)}/share`, payload: form(s) }),
  'PUT /api/v1/communications/:id': (st) => ({ url: `/api/v1/communications/${fixtures.thread[st]}`, json: COMMUNICATION }),
  'POST /api/v1/communications/:id/send': (st) => ({ url: `/api/v1/communications/${fixtures.thread[st]}/send`, json: {} }),
  'GET /api/v1/communications/:id': (st) => ({ url: `/api/v1/communications/${fixtures.thread[st]}` }),
  'GET /api/v1/communications/:id/stix': (st) => ({ url: `/api/v1/communications/${fixtures.thread[st]}/stix` }),
  'GET /api/v1/communications/:id/attachments/:file': (st) => ({
    url: `/api/v1/communications/${fixtures.thread[st]}/attachments/${fixtures.attachment[st]}`,
  }),
  'GET /communications/:id/attachments/:file': (st) => ({
    url: `/communications/${fixtures.thread[st]}/attachments/${fixtures.attachment[st]}`,
  }),
  'GET /api/v1/communications/:id/pdf': (st) => ({ url: `/api/v1/communications/${fixtures.thread[st]}/pdf` }),
  'GET /communications/:id/stix': (st) => ({ url: `/communications/${fixtures.thread[st]}/stix` }),
  'GET /communications/:id/pdf': (st) => ({ url: `/communications/${fixtures.thread[st]}/pdf` }),
  'POST /api/v1/communications/:id/acknowledge': (st) => ({
    url: `/api/v1/communications/${fixtures.thread[st]}/acknowledge`,
    json: {},
  }),
  'POST /api/v1/communications/:id/messages': (st) => ({
    url: `/api/v1/communications/${fixtures.thread[st]}/messages`,
    json: { body: 'An update.' },
  }),
  'POST /api/v1/communications/:id/close': (st) => ({ url: `/api/v1/communications/${fixtures.thread[st]}/close`, json: {} }),
  'POST /api/v1/communications/:id/withdraw': (st) => ({
    url: `/api/v1/communications/${fixtures.thread[st]}/withdraw`,
    json: {},
  }),
  'POST /api/v1/communications/:id/share': async (st) => ({
    url: `/api/v1/communications/${await threadFrom(st)}/share`,
    json: {},
  }),
  'GET /api/v1/states/:code/communications-stats': (st) => ({ url: `/api/v1/states/${st}/communications-stats` }),
  'GET /learn/:module': () => ({ url: '/learn/un-process' }),
  'GET /learn/:module/:lesson': () => ({ url: '/learn/un-process/un-process-origins' }),
  'POST /learn/:module/:lesson/check': (_, s) => ({ url: '/learn/un-process/un-process-origins/check', payload: form(s, CHECK) }),
  'GET /api/v1/learning/modules/:module': () => ({ url: '/api/v1/learning/modules/un-process' }),
  'GET /api/v1/learning/modules/:module/lessons/:lesson': () => ({
    url: '/api/v1/learning/modules/un-process/lessons/un-process-origins',
  }),
  'POST /api/v1/learning/modules/:module/lessons/:lesson/check': () => ({
    url: '/api/v1/learning/modules/un-process/lessons/un-process-origins/check',
    json: { answers: { 'un-process-origins-1': 0, 'un-process-origins-2': 1 } },
  }),
  'GET /api/v1/comments': () => ({ url: '/api/v1/comments?target=norm:c' }),
  'GET /comments/:id': async (_, s) => ({ url: `/comments/${await commentBy(s.userId)}` }),
  'POST /comments': (_, s) => ({ url: '/comments', payload: form(s, { target: 'norm:c', body: 'Access check' }) }),
  'POST /api/v1/comments': () => ({ url: '/api/v1/comments', json: { target: 'norm:c', body: 'Access check' } }),
  'GET /comments/:id/reply': async () => ({ url: `/comments/${await commentBy('')}/reply` }),
  'GET /comments/:id/edit': async (_, s) => ({ url: `/comments/${await commentBy(s.userId)}/edit` }),
  'POST /comments/:id/edit': async (_, s) => ({
    url: `/comments/${await commentBy(s.userId)}/edit`,
    payload: form(s, { body: 'Edited' }),
  }),
  'PATCH /api/v1/comments/:id': async (_, s) => ({
    url: `/api/v1/comments/${await commentBy(s.userId)}`,
    json: { body: 'Edited' },
  }),
  'POST /comments/:id/report': async (_, s) => ({
    url: `/comments/${await commentBy('')}/report`,
    payload: form(s, { reason: 'Spam' }),
  }),
  'POST /api/v1/comments/:id/reports': async () => ({
    url: `/api/v1/comments/${await commentBy('')}/reports`,
    json: { reason: 'Spam' },
  }),
  'POST /moderation/comments/:id/approve': async (_, s) => ({
    url: `/moderation/comments/${await commentBy('', 'pending')}/approve`,
    payload: form(s),
  }),
  'POST /api/v1/comments/:id/approve': async () => ({
    url: `/api/v1/comments/${await commentBy('', 'pending')}/approve`,
    json: {},
  }),
  'POST /moderation/comments/:id/hide': async (_, s) => ({
    url: `/moderation/comments/${await commentBy('')}/hide`,
    payload: form(s, { reason: 'Off topic' }),
  }),
  'POST /api/v1/comments/:id/hide': async () => ({
    url: `/api/v1/comments/${await commentBy('')}/hide`,
    json: { reason: 'Off topic' },
  }),
  'POST /moderation/bans': async (_, s) => ({
    url: '/moderation/bans',
    payload: form(s, { userId: await newMember(), reason: 'Spam' }),
  }),
  'POST /api/v1/moderation/bans': async () => ({
    url: '/api/v1/moderation/bans',
    json: { userId: await newMember(), reason: 'Spam' },
  }),
  'GET /editor/:kind/:id': () => ({ url: '/editor/glossary/poc' }),
  'POST /editor/:kind/:id': (_, s) => ({
    url: '/editor/glossary/poc',
    payload: form(s, { lang: 'en', 'fields.term': 'Point of contact', 'fields.definition': 'Preview', note: 'x', do: 'preview' }),
  }),
  'GET /editor/:kind/:id/history': () => ({ url: '/editor/glossary/poc/history' }),
  'GET /editor/:kind/:id/diff': () => ({ url: '/editor/glossary/poc/diff?from=1&to=2' }),
  'POST /editor/:kind/:id/restore': async (_, s) => ({
    url: '/editor/glossary/poc/restore',
    payload: form(s, { lang: 'en', revision: await revisionToRestore() }),
  }),
  'GET /api/v1/content/:kind/:id': () => ({ url: '/api/v1/content/glossary/poc' }),
  'PUT /api/v1/content/:kind/:id': () => ({
    url: '/api/v1/content/glossary/poc',
    json: { lang: 'en', fields: { term: 'Point of contact', definition: unique() }, note: 'Access check' },
  }),
  'GET /api/v1/content/:kind/:id/revisions': () => ({ url: '/api/v1/content/glossary/poc/revisions' }),
  'GET /api/v1/content/:kind/:id/diff': () => ({ url: '/api/v1/content/glossary/poc/diff?from=1&to=2' }),
  'POST /api/v1/content/:kind/:id/restore': async () => ({
    url: '/api/v1/content/glossary/poc/restore',
    json: { lang: 'en', revision: Number(await revisionToRestore()) },
  }),
  'POST /api/v1/content/preview': () => ({ url: '/api/v1/content/preview', json: { markdown: '*x*' } }),
  'GET /incidents/:id': async () => ({ url: `/incidents/${await incidentIn('published')}` }),
  'GET /api/v1/incidents/:id': async () => ({ url: `/api/v1/incidents/${await incidentIn('published')}` }),
  'GET /api/v1/incidents/:id/stix': async () => ({ url: `/api/v1/incidents/${await incidentIn('published')}/stix` }),
  'POST /api/v1/incidents/import': () => ({ url: '/api/v1/incidents/import', json: { type: 'bundle', objects: [] } }),
  'GET /taxii2/*': () => ({ url: '/taxii2/nothing/' }),
  'GET /taxii2/cybernorms/collections/:id/': (st) => ({ url: taxiiCollection(st) }),
  'GET /taxii2/cybernorms/collections/:id/objects/': (st) => ({ url: `${taxiiCollection(st)}objects/` }),
  'GET /taxii2/cybernorms/collections/:id/manifest/': (st) => ({ url: `${taxiiCollection(st)}manifest/` }),
  'GET /taxii2/cybernorms/collections/:id/objects/:objectId/': async (st) => ({
    url: `${taxiiCollection(st)}objects/${await taxiiIndicator(st)}/`,
  }),
  'GET /taxii2/cybernorms/collections/:id/objects/:objectId/versions/': async (st) => ({
    url: `${taxiiCollection(st)}objects/${await taxiiIndicator(st)}/versions/`,
  }),
  'POST /taxii2/cybernorms/collections/:id/objects/': (st) => ({ url: `${taxiiCollection(st)}objects/` }),
  'POST /incidents/import': (_, s) => ({
    url: '/incidents/import',
    payload: form(s, { bundle: '{"type":"bundle","objects":[]}' }),
  }),
  'GET /incidents/:id/edit': async () => ({ url: `/incidents/${await incidentIn('draft')}/edit` }),
  'POST /incidents': (_, s) => ({ url: '/incidents', payload: form(s, { title: 'Access check', 'types.disruption': 'on' }) }),
  'POST /api/v1/incidents': () => ({ url: '/api/v1/incidents', json: INCIDENT }),
  'POST /incidents/:id': async (_, s) => ({
    url: `/incidents/${await incidentIn('draft')}`,
    payload: form(s, { title: 'Access check' }),
  }),
  'PUT /api/v1/incidents/:id': async () => ({ url: `/api/v1/incidents/${await incidentIn('draft')}`, json: INCIDENT }),
  'POST /incidents/:id/propose': async (_, s) => ({ url: `/incidents/${await incidentIn('draft')}/propose`, payload: form(s) }),
  'POST /api/v1/incidents/:id/propose': async () => ({ url: `/api/v1/incidents/${await incidentIn('draft')}/propose`, json: {} }),
  'POST /incidents/:id/approve': async (_, s) => ({
    url: `/incidents/${await incidentIn('proposed')}/approve`,
    payload: form(s),
  }),
  'POST /api/v1/incidents/:id/approve': async () => ({
    url: `/api/v1/incidents/${await incidentIn('proposed')}/approve`,
    json: {},
  }),
  'GET /incidents/:id/history': async () => ({ url: `/incidents/${await incidentIn('published')}/history` }),
  'GET /incidents/:id/diff': async () => ({ url: `/incidents/${await incidentIn('published')}/diff?from=1&to=1` }),
  'GET /api/v1/incidents/:id/history': async () => ({ url: `/api/v1/incidents/${await incidentIn('published')}/history` }),
  'GET /api/v1/incidents/:id/diff': async () => ({ url: `/api/v1/incidents/${await incidentIn('published')}/diff?from=1&to=1` }),
  'GET /incidents/:id/change': async () => ({ url: `/incidents/${await incidentIn('published')}/change` }),
  'POST /incidents/:id/change': async (_, s) => ({
    url: `/incidents/${await incidentIn('published')}/change`,
    payload: form(s, { title: 'Access check', note: 'Access check' }),
  }),
  'GET /incidents/:id/change/review': async () => ({ url: `/incidents/${(await changeOn()).id}/change/review` }),
  'POST /incidents/:id/changes/:change/approve': async (_, s) => {
    const c = await changeOn();
    return { url: `/incidents/${c.id}/changes/${c.change}/approve`, payload: form(s) };
  },
  'POST /incidents/:id/changes/:change/return': async (_, s) => {
    const c = await changeOn();
    return { url: `/incidents/${c.id}/changes/${c.change}/return`, payload: form(s, { note: 'Access check' }) };
  },
  'POST /incidents/:id/changes/:change/discard': async (_, s) => {
    const c = await changeOn();
    return { url: `/incidents/${c.id}/changes/${c.change}/discard`, payload: form(s) };
  },
  'POST /incidents/:id/restore': async (_, s) => ({
    url: `/incidents/${await incidentIn('published')}/restore`,
    payload: form(s, { version: '1' }),
  }),
  'GET /api/v1/incidents/:id/change': async () => ({ url: `/api/v1/incidents/${(await changeOn()).id}/change` }),
  'POST /api/v1/incidents/:id/change': async () => ({
    url: `/api/v1/incidents/${await incidentIn('published')}/change`,
    json: { title: 'Access check', note: 'Access check' },
  }),
  'POST /api/v1/incidents/:id/changes/:change/approve': async () => {
    const c = await changeOn();
    return { url: `/api/v1/incidents/${c.id}/changes/${c.change}/approve`, json: {} };
  },
  'POST /api/v1/incidents/:id/changes/:change/return': async () => {
    const c = await changeOn();
    return { url: `/api/v1/incidents/${c.id}/changes/${c.change}/return`, json: { note: 'Access check' } };
  },
  'POST /api/v1/incidents/:id/changes/:change/discard': async () => {
    const c = await changeOn();
    return { url: `/api/v1/incidents/${c.id}/changes/${c.change}/discard`, json: {} };
  },
  'GET /incidents/:id/translate': async () => ({ url: `/incidents/${await incidentIn('published')}/translate?to=fr` }),
  'POST /incidents/:id/translate': async (_, s) => ({
    url: `/incidents/${await incidentIn('published')}/translate`,
    payload: form(s, { lang: 'fr', 'fields.title': 'Contrôle d’accès' }),
  }),
  'GET /api/v1/incidents/:id/translations/:lang': async () => ({
    url: `/api/v1/incidents/${await incidentIn('published')}/translations/fr`,
  }),
  'PUT /api/v1/incidents/:id/translations/:lang': async () => ({
    url: `/api/v1/incidents/${await incidentIn('published')}/translations/es`,
    json: { fields: { title: 'Control de acceso' } },
  }),
  'POST /api/v1/incidents/:id/restore': async () => ({
    url: `/api/v1/incidents/${await incidentIn('published')}/restore`,
    json: { version: 1 },
  }),
  'POST /incidents/:id/states/:code/positions': async (st, s) => ({
    url: `/incidents/${await incidentIn('published')}/states/${st}/positions`,
    payload: form(s, { kind: 'comments' }),
  }),
  'POST /api/v1/incidents/:id/states/:code/positions': async (st) => ({
    url: `/api/v1/incidents/${await incidentIn('published')}/states/${st}/positions`,
    json: { kind: 'comments' },
  }),
  'GET /api/v1/incidents/positions/:draft': async (st) => ({ url: `/api/v1/incidents/positions/${await positionDraftOf(st)}` }),
  'POST /api/v1/incidents/positions/:draft/approve': async (st) => ({
    url: `/api/v1/incidents/positions/${await positionDraftOf(st)}/approve`,
    json: {},
  }),
  'POST /api/v1/incidents/positions/:draft/decline': async (st) => ({
    url: `/api/v1/incidents/positions/${await positionDraftOf(st)}/decline`,
    json: { reason: 'Access check' },
  }),
  'POST /api/v1/incidents/positions/:draft/withdraw': async (st) => ({
    url: `/api/v1/incidents/positions/${await positionDraftOf(st)}/withdraw`,
    json: {},
  }),
  'POST /incidents/positions/:draft/approve': async (st, s) => ({
    url: `/incidents/positions/${await positionDraftOf(st)}/approve`,
    payload: form(s, { from: 'list' }),
  }),
  'POST /incidents/positions/:draft/decline': async (st, s) => ({
    url: `/incidents/positions/${await positionDraftOf(st)}/decline`,
    payload: form(s, { from: 'list', reason: 'Access check' }),
  }),
  'POST /incidents/positions/:draft/withdraw': async (st, s) => ({
    url: `/incidents/positions/${await positionDraftOf(st)}/withdraw`,
    payload: form(s, { from: 'list' }),
  }),
  'GET /api/v1/communications/:id/incidents': (st) => ({ url: `/api/v1/communications/${fixtures.thread[st]}/incidents` }),
  'POST /api/v1/communications/:id/incidents': async (st) => ({
    url: `/api/v1/communications/${fixtures.thread[st]}/incidents`,
    json: { incident: await incidentIn('published') },
  }),
  'DELETE /api/v1/communications/:id/incidents/:incident': async (st) => ({
    url: `/api/v1/communications/${fixtures.thread[st]}/incidents/${await linkedIncident(st)}`,
  }),
  'POST /communications/:id/incidents': async (st, s) => ({
    url: `/communications/${fixtures.thread[st]}/incidents`,
    payload: form(s, { incident: await incidentIn('published') }),
  }),
  'POST /communications/:id/incidents/:incident/unlink': async (st, s) => ({
    url: `/communications/${fixtures.thread[st]}/incidents/${await linkedIncident(st)}/unlink`,
    payload: form(s),
  }),
  'GET /api/v1/incidents/:id/threads': async () => ({ url: `/api/v1/incidents/${await incidentIn('published')}/threads` }),
};

interface TestActor {
  name: string;
  email: string | null;
  /** The actor's State, for `@own` rules. */
  state: string | null;
  allows: (Allow | 'signed-in' | 'tokens' | 'pending')[];
  mfa?: boolean;
  /** Acts with a personal API token of this scope instead of a session cookie. */
  token?: 'read' | 'write';
}

const ACTORS: TestActor[] = [
  { name: 'signed out', email: null, state: null, allows: [] },
  { name: 'member', email: 'member@demo.cybernorms.example', state: null, allows: ['signed-in', 'tokens'] },
  {
    name: 'focal point of XAA',
    email: 'focal@xaa.demo.cybernorms.example',
    state: 'XAA',
    allows: ['signed-in', 'tokens', 'focal_point@own', 'rapporteur@own'],
  },
  { name: 'POC of XAA', email: 'poc@xaa.demo.cybernorms.example', state: 'XAA', allows: ['signed-in', 'tokens', 'poc@own'] },
  {
    name: 'focal point of XAB',
    email: 'focal@xab.demo.cybernorms.example',
    state: 'XAB',
    allows: ['signed-in', 'tokens', 'focal_point@own', 'rapporteur@own'],
  },
  { name: 'editor', email: 'editor@demo.cybernorms.example', state: null, allows: ['signed-in', 'tokens', 'editor'] },
  {
    name: 'directory manager',
    email: 'manager@demo.cybernorms.example',
    state: null,
    allows: ['signed-in', 'tokens', 'directory_manager'],
  },
  {
    name: 'administrator',
    email: 'admin@demo.cybernorms.example',
    state: null,
    allows: ['signed-in', 'tokens', 'administrator'],
  },
  // Roles do not count until two-factor sign-in is set up and used (these two have not set it up) …
  {
    name: 'focal point of XAA without two-factor',
    email: 'new-focal@xaa.example.org',
    state: 'XAA',
    allows: ['signed-in'],
    mfa: false,
  },
  { name: 'administrator without two-factor', email: 'new-admin@example.org', state: null, allows: ['signed-in'], mfa: false },
  // … and someone who gave the password but not yet the code is not signed in at all.
  {
    name: 'focal point of XAA between password and code',
    email: 'focal@xaa.demo.cybernorms.example',
    state: 'XAA',
    allows: ['pending'],
    mfa: false,
  },
  // A POC of XAA whose role the focal point removed (in before()): a member again, at once.
  {
    name: 'POC of XAA whose role was removed',
    email: 'removed-poc@xaa.example.org',
    state: null,
    allows: ['signed-in', 'tokens'],
  },
];

/**
 * Each signed-in actor again with a read-only and a read-write token. A token never carries more than its
 * owner's session: no pending sign-in, no making tokens; a read-only token changes nothing; and roles count
 * only if the token was made with the second factor, which the two officials without it never gave.
 */
const TOKEN_ACTORS: TestActor[] = ACTORS.filter((a) => a.email && !a.allows.includes('pending')).flatMap((a) =>
  (['read', 'write'] as const).map((scope) => ({ ...a, name: `${a.name}, ${scope} token`, token: scope })),
);
const ALL_ACTORS = [...ACTORS, ...TOKEN_ACTORS];

/** Routes a read-only token may use although they are not GET: they change nothing of the token owner's. */
const READ_TOKEN_POSTS = new Set([
  'POST /sign-in',
  'POST /sign-in/code',
  'POST /sign-out',
  'POST /register',
  'POST /password/forgot',
  'POST /password/reset/:token',
  'POST /invitations/:token',
  // The mailed link is what allows it, as the invitation's and the reset's: the token's scope is not asked.
  'POST /ping/:token',
  'POST /api/v1/content/preview',
  // The example previews an edit: a save with a read-only token is refused by the service.
  'POST /editor/:kind/:id',
]);
/** Pages that are only a form for a change: a read-only token is refused them, as it would be the change. */
const WRITE_FORMS = new Set([
  'GET /communications/:id/edit',
  'GET /comments/:id/edit',
  'GET /comments/:id/reply',
  'GET /directory/states/:code/contacts/new',
  'GET /directory/contacts/:id/edit',
]);

function expected(access: Access, actor: TestActor, target: string, route = ''): boolean {
  if (actor.token) {
    if (access === 'pending' || access === 'tokens' || access === 'session') return false;
    if (actor.token === 'read' && !route.startsWith('GET ') && !READ_TOKEN_POSTS.has(route)) return false;
    if (actor.token === 'read' && WRITE_FORMS.has(route)) return false;
  }
  if (access === 'public') return true;
  if (access === 'pending') return actor.allows.includes('pending');
  if (access === 'session') return actor.allows.includes('signed-in');
  if (access === 'signed-in' || access === 'tokens') return actor.allows.includes(access);
  return access.some((rule) => {
    if (rule === 'official@any') return actor.allows.some((a) => a.endsWith('@own'));
    if (!actor.allows.includes(rule)) return false;
    return rule.endsWith('@own') ? actor.state === target : true;
  });
}

function denied(res: { statusCode: number; headers: Record<string, unknown> }, route: string): boolean {
  if (res.statusCode === 401 || res.statusCode === 403) return true;
  if (res.statusCode === 404 && HIDDEN.has(route)) return true;
  const location = String(res.headers.location ?? '');
  return res.statusCode === 303 && (location.startsWith('/sign-in?') || location.startsWith('/account/two-factor'));
}

let t: TestApp;
before(async () => {
  t = await testApp();
  // Officials who have not set up two-factor sign-in yet.
  for (const [email, role, state] of [
    ['new-focal@xaa.example.org', 'focal_point', 'XAA'],
    ['new-admin@example.org', 'administrator', null],
  ]) {
    const [u] = await t.db.query<{ id: string }>(
      `insert into users (email, email_key, display_name, state_code, email_verified_at) values ($1, $1, 'New', $2, now()) returning id`,
      [email, state],
    );
    await t.db.query(`insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, $3, 'test')`, [
      u.id,
      role,
      state,
    ]);
  }
  for (const state of ['XAA', 'XAB']) {
    const [c] = await t.db.query<{ id: string }>('select id from contacts where state_code = $1 order by created_at limit 1', [
      state,
    ]);
    fixtures.contact[state] = c.id;
  }
  const [r] = await t.db.query<{ id: string }>(
    `insert into ping_rounds (title, scope, started_at, deadline, reminder_hours, created_by) values ('Fixture', '{"kind":"all"}', now(), now() + interval '2 days', 24, 'test') returning id`,
  );
  fixtures.round = r.id;
  for (const state of ['XAA', 'XAB']) {
    fixtures.thread[state] = await threadFrom(state);
    const [a] = await t.db.query<{ id: string }>(
      `insert into message_attachments (message_id, name, media_type, size, sha256, content)
       select id, 'note.txt', 'text/plain', 5, 'x', $2::bytea from thread_messages where thread_id = $1 returning id`,
      [fixtures.thread[state], Buffer.from('hello')],
    );
    fixtures.attachment[state] = a.id;
  }
  // A POC of XAA with the second factor whose role the focal point then removes, through the API.
  const removed = await officialOf(null, []);
  await t.db.query(
    "update users set email = 'removed-poc@xaa.example.org', email_key = 'removed-poc@xaa.example.org' where id = $1",
    [removed],
  );
  await t.db.query("insert into user_roles (user_id, role, granted_by) values ($1, 'member', 'test')", [removed]);
  const stale = await tokenFor(t.db, 'removed-poc@xaa.example.org', 'write', true);
  await t.db.query("insert into user_roles (user_id, role, state_code, granted_by) values ($1, 'poc_technical', 'XAA', 'test')", [
    removed,
  ]);
  await t.db.query("update users set state_code = 'XAA' where id = $1", [removed]);
  const focal = await sessionFor(t.db, 'focal@xaa.demo.cybernorms.example');
  const gone = await t.app.inject({
    method: 'DELETE',
    url: `/api/v1/states/XAA/people/${removed}/roles/poc_technical`,
    headers: { cookie: focal.cookie },
  });
  assert.equal(gone.statusCode, 200, gone.body);
  // A token made while the role was held gains nothing back: it is a member's token now.
  const res = await t.app.inject({ url: '/api/v1/communications', headers: { authorization: `Bearer ${stale}` } });
  assert.equal(res.statusCode, 403);
  // Two revisions to compare.
  await revisionToRestore();
  await revisionToRestore();
});
after(() => t.close());

const routes = () => [...new Set(t.app.routeTable.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];

test('every route of the app has a declared access rule', () => {
  const undeclared = routes().filter((r) => !(r in DECLARED));
  assert.deepEqual(undeclared, [], 'declare these routes in test/access.test.ts');
  const stale = Object.keys(DECLARED).filter((r) => !routes().includes(r));
  assert.deepEqual(stale, [], 'these declared routes no longer exist');
});

test('every route lets in exactly whom it declares: each role, signed out, own State and another State', async () => {
  const wrong: string[] = [];
  let tried = 0;
  for (const route of routes()) {
    const access = DECLARED[route];
    const [method, path] = route.split(' ');
    const stateScoped = Array.isArray(access) && access.some((a) => a.endsWith('@own') || a.endsWith('@any'));
    for (const actor of ALL_ACTORS) {
      for (const target of stateScoped ? ['XAA', 'XAB'] : ['XAA']) {
        // A fresh session (or token) per request: some routes end the session they are called with.
        const session = actor.email ? await sessionFor(t.db, actor.email, { mfa: actor.mfa !== false }) : anonymous();
        const bearer = actor.token && actor.email ? await tokenFor(t.db, actor.email, actor.token, actor.mfa !== false) : null;
        const ex = (await EXAMPLES[route]?.(target, session)) ?? { url: path };
        const res = await t.app.inject({
          method: method as 'GET',
          url: ex.url,
          headers: {
            ...(bearer ? { authorization: `Bearer ${bearer}` } : { cookie: session.cookie }),
            ...(ex.payload !== undefined ? FORM : {}),
            ...(ex.json !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          payload: ex.payload ?? (ex.json !== undefined ? JSON.stringify(ex.json) : undefined),
        });
        tried++;
        const want = expected(access, actor, target, route);
        const got = !denied(res, route);
        if (res.statusCode >= 500) wrong.push(`${route} as ${actor.name} (${target}): ${res.statusCode}`);
        else if (want !== got) {
          wrong.push(
            `${route} as ${actor.name} (${target}): expected ${want ? 'allowed' : 'denied'}, got ${res.statusCode} ${res.headers.location ?? ''} ${res.statusCode === 400 ? res.body.slice(0, 160) : ''}`,
          );
        }
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(tried > routes().length * ALL_ACTORS.length - 1);
});

test('a denied page sends a signed-out visitor to sign in, and back afterwards', async () => {
  const res = await t.app.inject('/states/XAA/people');
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/sign-in?next=%2Fstates%2FXAA%2Fpeople');
});

test('an official without the second factor is sent to set it up', async () => {
  const s = await sessionFor(t.db, 'new-focal@xaa.example.org', { mfa: false });
  const res = await t.app.inject({ url: '/states/XAA/people', headers: { cookie: s.cookie } });
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /^\/account\/two-factor\?next=/);
});

test('every denial of another State is answered the same way as any other refusal, and changes nothing', async () => {
  const s = await sessionFor(t.db, 'focal@xaa.demo.cybernorms.example');
  const before = await t.db.query<{ n: number }>('select count(*)::int as n from invitations');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    headers: { cookie: s.cookie, 'content-type': 'application/json' },
    payload: JSON.stringify({ state: 'XAB', email: fresh(), roles: ['poc_technical'] }),
  });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().code, 'FORBIDDEN');
  const trace = await t.db.query<{ actor: string; entity_id: string }>(
    "select actor, entity_id from audit_log where action = 'access.denied' order by id desc limit 1",
  );
  assert.deepEqual(trace[0], { actor: `user:${s.userId}`, entity_id: 'POST /api/v1/invitations' });
  const afterCount = await t.db.query<{ n: number }>('select count(*)::int as n from invitations');
  assert.equal(afterCount[0].n, before[0].n);
});

/**
 * The thread routes again on every kind of thread Demoland is involved in, each with who may open it: the
 * recipient side, RED naming one person, AMBER+STRICT, a draft (its author only) and a thread shared with
 * the manager (who reads it, but never acts). The event stream is checked against the same table: a change
 * to each thread reaches exactly the streams of those who may open it.
 */
interface ThreadKind {
  name: string;
  /** Made in the test: the thread id. */
  make: () => Promise<string>;
  /** Who may open it. */
  readers: (actor: TestActor) => boolean;
  /** Who may also read, though never act (the manager on a shared thread). */
  viewers?: (actor: TestActor) => boolean;
  /** The sending State: only its officials edit and send a draft. */
  sender: string;
}

/** Routes that edit or send a draft: for the sending State's officials only. */
const SENDER_ONLY = new Set([
  'GET /communications/:id/edit',
  'POST /communications/:id',
  'PUT /api/v1/communications/:id',
  'POST /api/v1/communications/:id/send',
]);

async function userId(email: string): Promise<string> {
  const [u] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [email]);
  return u.id;
}

async function thread(opts: {
  from: string;
  to: string[];
  tlp: string;
  status?: 'open' | 'draft';
  people?: string[];
  sharedBy?: string[];
}): Promise<string> {
  const creator = await userId(`poc@${opts.from.toLowerCase()}.demo.cybernorms.example`);
  const draft = opts.status === 'draft';
  const [th] = await t.db.query<{ id: string }>(
    `insert into threads (sender_state, created_by, type, urgency, tlp, subject, status, created_at, sent_at, shared_with_manager_at)
     values ($1, $2, 'notification', 'routine', $3, 'Fixture', $4, now(), $5, $6) returning id`,
    [
      opts.from,
      creator,
      opts.tlp,
      draft ? 'draft' : 'open',
      draft ? null : new Date().toISOString(),
      opts.sharedBy?.length ? new Date().toISOString() : null,
    ],
  );
  for (const to of opts.to)
    await t.db.query(
      `insert into thread_recipients (thread_id, state_code, status, ack_due, sent_at) values ($1, $2, $3, now() + interval '3 days', $4)`,
      [th.id, to, draft ? 'draft' : 'sent', draft ? null : new Date().toISOString()],
    );
  await t.db.query(
    `insert into thread_messages (thread_id, seq, kind, author_id, author_state, body, created_at) values ($1, 1, 'initial', $2, $3, 'Fixture body', now())`,
    [th.id, creator, opts.from],
  );
  await t.db.query(
    `insert into message_attachments (message_id, name, media_type, size, sha256, content)
     select id, 'note.txt', 'text/plain', 5, 'x', $2::bytea from thread_messages where thread_id = $1`,
    [th.id, Buffer.from('hello')],
  );
  for (const p of opts.people ?? [])
    await t.db.query('insert into thread_people (thread_id, user_id) values ($1, $2)', [th.id, await userId(p)]);
  for (const s of opts.sharedBy ?? [])
    await t.db.query('insert into thread_shares (thread_id, state_code, shared_by, shared_at) values ($1, $2, $3, now())', [
      th.id,
      s,
      creator,
    ]);
  return th.id;
}

const officialOfState = (state: string) => (a: TestActor) => a.state === state && a.allows.some((x) => x.endsWith('@own'));
const THREAD_KINDS: ThreadKind[] = [
  {
    name: 'AMBER, received by Demoland from Samplestan',
    sender: 'XAB',
    make: () => thread({ from: 'XAB', to: ['XAA'], tlp: 'amber' }),
    readers: (a) => officialOfState('XAA')(a) || officialOfState('XAB')(a),
  },
  {
    name: 'RED to Demoland naming only its POC',
    sender: 'XAB',
    make: () => thread({ from: 'XAB', to: ['XAA'], tlp: 'red', people: ['poc@xaa.demo.cybernorms.example'] }),
    readers: (a) => a.email === 'poc@xaa.demo.cybernorms.example' && a.allows.includes('poc@own'),
  },
  {
    name: 'AMBER+STRICT received by Demoland',
    sender: 'XAB',
    make: () => thread({ from: 'XAB', to: ['XAA'], tlp: 'amber+strict' }),
    readers: (a) => officialOfState('XAA')(a) || officialOfState('XAB')(a),
  },
  {
    name: "a draft by Demoland's POC",
    sender: 'XAA',
    make: () => thread({ from: 'XAA', to: ['KEN'], tlp: 'amber', status: 'draft' }),
    readers: (a) => a.email === 'poc@xaa.demo.cybernorms.example' && a.allows.includes('poc@own'),
  },
  {
    name: 'AMBER from Demoland to Kenya, shared with the manager by Demoland',
    sender: 'XAA',
    make: () => thread({ from: 'XAA', to: ['KEN'], tlp: 'amber', sharedBy: ['XAA'] }),
    readers: officialOfState('XAA'),
    viewers: (a) => a.allows.includes('directory_manager'),
  },
];

const THREAD_ROUTES = () =>
  [...HIDDEN].filter((r) => r.includes('communications/:id') && !r.endsWith('/share') && routes().includes(r));

test('every thread route on every kind of thread: recipient side, RED, AMBER+STRICT, draft, shared', async () => {
  const wrong: string[] = [];
  for (const kind of THREAD_KINDS) {
    for (const route of THREAD_ROUTES()) {
      const [method] = route.split(' ');
      for (const actor of ACTORS) {
        // A fresh thread of the kind per request: acting on it (closing, withdrawing) changes it.
        const id = await kind.make();
        const [a] = await t.db.query<{ id: string }>(
          'select a.id from message_attachments a join thread_messages m on m.id = a.message_id where m.thread_id = $1',
          [id],
        );
        fixtures.thread.XAA = id;
        fixtures.attachment.XAA = a.id;
        const session = actor.email ? await sessionFor(t.db, actor.email, { mfa: actor.mfa !== false }) : anonymous();
        const ex = await EXAMPLES[route]('XAA', session);
        const res = await t.app.inject({
          method: method as 'GET',
          url: ex.url,
          headers: {
            cookie: session.cookie,
            ...(ex.payload !== undefined ? FORM : {}),
            ...(ex.json !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          payload: ex.payload ?? (ex.json !== undefined ? JSON.stringify(ex.json) : undefined),
        });
        const want = SENDER_ONLY.has(route)
          ? kind.readers(actor) && actor.state === kind.sender
          : kind.readers(actor) || (method === 'GET' && Boolean(kind.viewers?.(actor)));
        const got = !denied(res, route);
        if (res.statusCode >= 500) wrong.push(`${route} on ${kind.name} as ${actor.name}: ${res.statusCode}`);
        else if (want !== got)
          wrong.push(`${route} on ${kind.name} as ${actor.name}: expected ${want ? 'allowed' : 'denied'}, got ${res.statusCode}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

test('the event stream tells each reader of a thread of its change, and nobody else', async () => {
  const kinds = await Promise.all(THREAD_KINDS.map(async (k) => ({ ...k, id: await k.make() })));
  const listeners = ACTORS.filter((a) => a.email && !a.allows.includes('pending'));
  const streams = await Promise.all(
    listeners.map(async (actor) => {
      const session = await sessionFor(t.db, actor.email as string, { mfa: actor.mfa !== false });
      return { actor, res: t.app.inject({ url: '/communications/events?seconds=2', headers: { cookie: session.cookie } }) };
    }),
  );
  await new Promise((r) => setTimeout(r, 300));
  // A change to each thread, told as the service tells it (a message by a sender-side official).
  for (const k of kinds) {
    const [th] = await t.db.query<{ sender_state: string }>('select sender_state from threads where id = $1', [k.id]);
    const recipients = await t.db.query<{ state_code: string }>('select state_code from thread_recipients where thread_id = $1', [
      k.id,
    ]);
    t.app.events.publish({ topic: 'communication', id: k.id, states: [th.sender_state, ...recipients.map((r) => r.state_code)] });
  }
  const wrong: string[] = [];
  for (const { actor, res } of streams) {
    const body = (await res).body;
    const told = new Set([...body.matchAll(/data: \{"id":"([^"]+)"\}/g)].map((m) => m[1]));
    for (const k of kinds) {
      // The manager is never streamed to (the stream is for officials acting for a State).
      const want = k.readers(actor);
      if (told.has(k.id) !== want) wrong.push(`${k.name} → ${actor.name}: expected ${want ? 'told' : 'not told'}`);
    }
  }
  assert.deepEqual(wrong, []);
});

/** A State's real reports: a draft, one shared with another State, one public. */
test("reports: another State's real draft, shared and public reports are read by exactly whom they are for", async () => {
  const readers = (state: string) => (a: TestActor) => a.state === state && a.allows.some((x) => x.endsWith('@own'));
  // The demo's reports as the README describes them (the route checks above submit, reopen and hide them).
  await t.db.query("update reports set status = 'submitted', visibility = 'public' where state_code = 'XAA' and cycle = 2025");
  await t.db.query("update reports set status = 'draft', visibility = 'private' where state_code = 'XAA' and cycle = 2026");
  await t.db.query("update reports set status = 'submitted', visibility = 'shared' where state_code = 'XAB' and cycle = 2026");
  await t.db.query(
    "insert into report_shares (report_id, state_code) select id, 'XAA' from reports where state_code = 'XAB' and cycle = 2026 on conflict do nothing",
  );
  const cases: { name: string; urls: string[]; allowed: (a: TestActor) => boolean }[] = [
    {
      name: "Demoland's 2026 draft",
      urls: ['/states/XAA/reports/2026', '/api/v1/states/XAA/reports/2026', '/api/v1/states/XAA/reports/2026/export?format=json'],
      allowed: (a) => readers('XAA')(a) && a.mfa !== false,
    },
    {
      name: "Samplestan's 2026 report shared with Demoland",
      urls: ['/states/XAB/reports/2026', '/api/v1/states/XAB/reports/2026', '/api/v1/states/XAB/reports/2026/export?format=json'],
      allowed: (a) => (readers('XAB')(a) || readers('XAA')(a)) && a.mfa !== false,
    },
    {
      name: "Demoland's public 2025 report",
      urls: ['/states/XAA/reports/2025', '/api/v1/states/XAA/reports/2025', '/api/v1/states/XAA/reports/2025/export?format=json'],
      allowed: () => true,
    },
  ];
  const wrong: string[] = [];
  for (const c of cases)
    for (const url of c.urls)
      for (const actor of ACTORS) {
        const session = actor.email ? await sessionFor(t.db, actor.email, { mfa: actor.mfa !== false }) : anonymous();
        const res = await t.app.inject({ url, headers: { cookie: session.cookie } });
        const got = res.statusCode === 200;
        if (res.statusCode >= 500 || got !== c.allowed(actor))
          wrong.push(
            `${url} (${c.name}) as ${actor.name}: expected ${c.allowed(actor) ? 200 : 'a refusal'}, got ${res.statusCode}`,
          );
      }
  assert.deepEqual(wrong, []);
});
