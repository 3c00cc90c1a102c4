// The command line: serve, migrate, seed, search. Commands that touch the embedded database refuse to
// run while a server holds it (the data directory is locked); with DATABASE_URL they run alongside.
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { exitOnStartupError, openConfiguredDb, serve } from './main.ts';
import { removeDemoAccounts } from './modules/identity/demo.ts';
import { totpCode } from './modules/identity/totp.ts';
import { searchQuery } from './modules/search/search.schemas.ts';
import { createSearchService } from './modules/search/search.service.ts';
import { verifyAudit } from './platform/audit.ts';
import { seedContent } from './seed.ts';

const HELP = `cybernorms — the UN framework of responsible State behaviour in cyberspace

Usage: npm run cli -- <command> [options]

Commands:
  serve              Start the web platform (migrates and seeds an empty database first)
  migrate            Apply pending database migrations
  seed               Load the shipped knowledge content, replacing the current content
                     (refused once editors have saved revisions, unless --force)
  search "<query>"   Search the knowledge base and print ranked results
  audit verify       Check the audit log's hash chain; prints OK or the first broken entry (exit 1)
  totp <secret>      Print the current two-factor code for a base32 secret (for the demo accounts)
  demo remove        Delete the demo accounts and what they made (before running with PRODUCTION=true)
  help               Show this text

Configuration comes from the environment (see README): DATABASE_URL, DATA_DIR, PORT, HOST, LOG_LEVEL…
Exit codes: 0 done, 1 failed, 2 bad configuration or usage.`;

function stripMarks(html: string) {
  return html
    .replace(/<\/?mark>/g, '*')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, force: { type: 'boolean' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return null;
    case 'migrate': {
      const db = await openConfiguredDb(config);
      try {
        const applied = await migrate(db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'seed': {
      const db = await openConfiguredDb(config);
      try {
        await migrate(db);
        // Editors' saved work is never replaced without being asked (their revisions stay either way).
        const [{ n }] = await db.query<{ n: number }>(
          'select count(*)::int as n from content_revisions where author_id is not null',
        );
        if (n > 0 && !values.force) {
          console.error(
            `seed: editors have saved ${n} revision(s); seeding would replace the current texts with the shipped edition. Run \`seed --force\` to do it anyway (the revisions stay and can be restored).`,
          );
          return 2;
        }
        const { documents } = await seedContent(db, { actor: 'system:cli', origin: 'cli' });
        console.log(`Knowledge base loaded; ${documents} documents indexed for search.`);
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'search': {
      const parsed = searchQuery.safeParse({ q: rest.join(' ') });
      if (!parsed.success) {
        console.error(`search: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'query'} ${i.message}`).join('; ')}`);
        return 2;
      }
      const db = await openConfiguredDb(config);
      try {
        const result = await createSearchService({ db }).search(parsed.data.q);
        console.log(`${result.total} result(s) for "${parsed.data.q}"\n`);
        for (const hit of result.hits) {
          console.log(`${stripMarks(hit.title_html)}\n  ${hit.url}\n  ${stripMarks(hit.snippet_html).replace(/\s+/g, ' ')}\n`);
        }
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') {
        console.error('Usage: audit verify');
        return 2;
      }
      const db = await openConfiguredDb(config);
      try {
        const verdict = await verifyAudit(db);
        if (verdict.ok) {
          console.log(`OK: ${verdict.entries} audit entries, chain intact.`);
          return 0;
        }
        console.error(`BROKEN at entry ${verdict.brokenId}: ${verdict.reason}. ${verdict.entries} entries before it verify.`);
        return 1;
      } finally {
        await db.close();
      }
    }
    case 'totp': {
      const secret = (rest[0] ?? '').toUpperCase();
      if (!/^[A-Z2-7]{16,128}=*$/.test(secret)) {
        console.error('Usage: totp <base32 secret>, e.g. totp ADMINDEMOADMINDEMOADMINDEMOADMIN');
        return 2;
      }
      const now = Date.now();
      console.log(`${totpCode(secret, new Date(now))}  (valid for ${30 - Math.floor((now / 1000) % 30)} more seconds)`);
      return 0;
    }
    case 'demo': {
      if (rest[0] !== 'remove') {
        console.error('Usage: demo remove');
        return 2;
      }
      const db = await openConfiguredDb(config);
      try {
        await migrate(db);
        const removed = await removeDemoAccounts(db, { actor: 'system:cli', origin: 'cli' });
        console.log(`Removed ${removed} demo accounts.`);
      } finally {
        await db.close();
      }
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== null) process.exit(code);
} catch (err) {
  exitOnStartupError(err);
}
