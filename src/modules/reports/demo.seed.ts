// Plausible reports for the demo States, marked as demo: Demoland's 2025 report is submitted and public,
// its 2026 report a draft; Samplestan's 2026 report is submitted and shared with Demoland. And their removal
// with the demo accounts (purgeDemoData, called by src/demo.ts).
import type { Queryable } from '../../db/client.ts';
import { deleteOffersOf } from './capacity.queries.ts';
import { deleteReportsOfStates } from './reports.queries.ts';

/**
 * Deletes what the reports module holds of the demo: the demo States' reports (with their answers and
 * shares), every share with a demo State, and capacity offers to or from a demo State or made or decided
 * by a demo account. Demo data never mixes with real data, so nothing real goes with it.
 */
export async function purgeDemoData(q: Queryable, demo: { states: string[]; users: string[] }): Promise<void> {
  await deleteOffersOf(q, demo.states, demo.users);
  await deleteReportsOfStates(q, demo.states);
}

export async function seedDemoReports(tx: Queryable): Promise<number> {
  if ((await tx.query("select 1 from reports where state_code in ('XAA', 'XAB') limit 1")).length) return 0;
  const [version] = await tx.query<{ version: number | null }>('select max(version) as version from questionnaire_versions');
  if (!version?.version) return 0;
  const actions = await tx.query<{ id: string; norm_letter: string }>(
    'select id, norm_letter from norm_action_titles order by norm_letter, position',
  );
  const cbms = await tx.query<{ id: string }>("select id from cbm_titles where source = 'osce' order by number limit 3");
  const first = (norm: string, n: number) =>
    actions
      .filter((a) => a.norm_letter === norm)
      .slice(0, n)
      .map((a) => a.id);
  const reports: { state: string; cycle: number; status: string; visibility: string; answers: Record<string, unknown> }[] = [
    {
      state: 'XAA',
      cycle: 2025,
      status: 'submitted',
      visibility: 'public',
      answers: {
        'law.measures': 'Demoland published its national position on the application of international law to cyberspace (demo).',
        'norm.a.measures': first('a', 2),
        'norm.c.measures': first('c', 3),
        'norm.c.gaps': ['technical', 'human'],
        'norm.c.gaps.text': 'Too few analysts to trace activity through hosting providers (demo).',
        'norm.c.practices': 'A duty officer at the national CERT answers notifications around the clock (demo).',
        'norm.c.evidence': [
          {
            title: 'National CERT decree (demo)',
            url: 'https://example.org/demo/cert-decree',
            date: '2024-06-01',
            inProgress: false,
          },
        ],
        'norm.h.measures': first('h', 2),
        'norm.j.measures': first('j', 1),
        'cbm.measures': cbms.map((c) => c.id),
        'capacity.measures': 'Training of diplomats on the framework with a regional partner (demo).',
      },
    },
    {
      state: 'XAA',
      cycle: 2026,
      status: 'draft',
      visibility: 'private',
      answers: {
        'law.measures': 'Update of the national position under way (demo).',
        'norm.c.measures': first('c', 4),
      },
    },
    {
      state: 'XAB',
      cycle: 2026,
      status: 'submitted',
      visibility: 'shared',
      answers: {
        'norm.b.measures': first('b', 2),
        'norm.f.measures': first('f', 1),
        'norm.f.gaps': ['legal'],
        'capacity.gaps': ['financial', 'technical'],
        'capacity.gaps.text': 'Samplestan seeks support to set up a sectoral CERT for energy (demo).',
      },
    },
  ];
  for (const r of reports) {
    const [row] = await tx.query<{ id: string }>(
      `insert into reports (state_code, cycle, version, status, visibility, created_at, updated_at, submitted_at, demo)
       values ($1, $2, $3, $4, $5, now(), now(), $6, true) returning id`,
      [r.state, r.cycle, version.version, r.status, r.visibility, r.status === 'submitted' ? new Date().toISOString() : null],
    );
    for (const [question, value] of Object.entries(r.answers))
      await tx.query(
        `insert into report_answers (report_id, question, value, updated_at, updated_by) values ($1, $2, $3, now(), 'system:demo')`,
        [row.id, question, JSON.stringify(value)],
      );
    if (r.visibility === 'shared')
      await tx.query(`insert into report_shares (report_id, state_code) values ($1, 'XAA')`, [row.id]);
  }
  return reports.length;
}
