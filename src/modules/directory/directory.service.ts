// The points-of-contact directory, composed from its parts: reading it (browse.service.ts), changing it
// (contacts.service.ts) and how it is doing (participation.service.ts). `createDirectoryService` returns the
// one object the routes, pages, communication checks and the job runner use.
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../platform/kernel.ts';
import { createBrowseService } from './browse.service.ts';
import { createContactsService, type DirectoryIdentity } from './contacts.service.ts';
import { createParticipationService } from './participation.service.ts';

export function createDirectoryService(deps: { db: Db; clock: Clock; identity: DirectoryIdentity; flushMail: () => void }) {
  const read = createBrowseService(deps);
  const contacts = createContactsService(deps);
  const figures = createParticipationService({ ...deps, browse: read });
  return {
    browse: read.browse,
    getContact: read.getContact,
    nominate: contacts.nominate,
    update: contacts.update,
    remove: contacts.remove,
    removalEffect: contacts.removalEffect,
    handlers: contacts.handlers,
    history: contacts.history,
    exportState: read.exportState,
    stale: figures.stale,
    participation: figures.participation,
    pendingChanges: contacts.pendingChanges,
    participatingStates: read.participatingStates,
    contactsInEffect: read.contactsInEffect,
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
