// Demo points of contact for the demo States Demoland (XAA) and Samplestan (XAB), written on first start.
import type { Queryable } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit.ts';
import { demoContactsExist, insertContactVersion, insertedContactId } from './directory.queries.ts';
import type { ContactInput } from './directory.validate.ts';

/** Demo points of contact for the demo States (marked as demo by their names and addresses). */
export async function seedDemoDirectory(tx: Queryable, by: { actor: string; origin: string }, now = new Date()): Promise<number> {
  if (await demoContactsExist(tx)) return 0;
  const demo: [string, ContactInput][] = [
    [
      'XAA',
      {
        kind: 'technical',
        name: 'Pat Contact (Demoland, demo)',
        position: 'Head of the national CERT',
        institution: 'Demoland CERT (demo)',
        email: 'poc@xaa.demo.cybernorms.example',
        phone: '+99912345670',
        languages: ['en', 'fr'],
        timeZone: 'Europe/Zurich',
        allDay: true,
        hours: '',
        networks: ['GLOBAL'],
      },
    ],
    [
      'XAA',
      {
        kind: 'diplomatic',
        name: 'Dana Diplomat (Demoland, demo)',
        position: 'Cyber coordinator',
        institution: 'Ministry of Foreign Affairs of Demoland (demo)',
        email: 'diplomat@xaa.demo.cybernorms.example',
        phone: '+99912345671',
        languages: ['en', 'es'],
        timeZone: 'Europe/Zurich',
        allDay: false,
        hours: 'Mon–Fri 08:00–18:00',
        networks: ['GLOBAL'],
      },
    ],
    [
      'XAB',
      {
        kind: 'technical',
        name: 'Paz Contact (Samplestan, demo)',
        position: 'Duty officer',
        institution: 'Samplestan CSIRT (demo)',
        email: 'poc@xab.demo.cybernorms.example',
        phone: '+99912345680',
        languages: ['en', 'ar'],
        timeZone: 'Asia/Dubai',
        allDay: true,
        hours: '',
        networks: ['GLOBAL'],
      },
    ],
    [
      'XAB',
      {
        kind: 'diplomatic',
        name: 'Sami Envoy (Samplestan, demo)',
        position: 'Ambassador for cyber affairs',
        institution: 'Ministry of Foreign Affairs of Samplestan (demo)',
        email: 'diplomat@xab.demo.cybernorms.example',
        phone: '+99912345681',
        languages: ['ar', 'en', 'fr'],
        timeZone: 'Asia/Dubai',
        allDay: false,
        hours: 'Sun–Thu 09:00–17:00',
        networks: ['GLOBAL'],
      },
    ],
  ];
  for (const [state, c] of demo) {
    const id = await insertedContactId(tx, state, now, by.actor);
    await insertContactVersion(tx, {
      contactId: id,
      version: 1,
      effectiveFrom: now,
      removed: false,
      contact: c,
      changedBy: by.actor,
      changedAt: now,
      changes: {},
    });
    await recordAudit(tx, { ...by, action: 'contact.demo_create', entity: 'contact', entityId: id, details: { state } }, now);
  }
  return demo.length;
}
