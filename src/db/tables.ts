// Who owns which table: the one place a table's owner is declared (issue 14). A module reads and writes its
// own tables; another module asks it through its public face. platform/ owns the machinery's tables.
// What others may read of a module's data is published as views (PUBLISHED_VIEWS, below).
// test/boundaries.test.ts checks the SQL of every module against this map.
export const TABLE_OWNERS = {
  knowledge: [
    'pillars',
    'norms',
    'norm_actions',
    'actors',
    'norm_actors',
    'forums',
    'norm_forums',
    'sectors',
    'norm_sectors',
    'cbms',
    'cbm_norms',
    'frameworks',
    'framework_elements',
    'framework_element_norms',
    'glossary_terms',
    'timeline_events',
    'translations',
  ],
  search: ['search_documents', 'search_words'],
  registry: ['states', 'organisations', 'organisation_members'],
  identity: ['users', 'user_roles', 'sessions', 'recovery_codes', 'invitations', 'email_links', 'api_tokens', 'throttle'],
  directory: ['contacts', 'contact_versions', 'ping_rounds', 'ping_tasks'],
  communications: [
    'threads',
    'thread_recipients',
    'thread_people',
    'thread_messages',
    'message_indicators',
    'message_attachments',
    'thread_events',
    'thread_shares',
    // Work not sent yet, kept for its author (0015_comm_pending.sql).
    'comm_pending_uploads',
    'comm_kept_forms',
    'comm_form_keys',
    // A thread linked to an incident record: seen only by those who see the thread (0023).
    'thread_incidents',
  ],
  reports: ['questionnaire_versions', 'report_cycles', 'reports', 'report_shares', 'report_answers', 'capacity_offers'],
  learning: ['learning_modules', 'lessons', 'lesson_checks', 'learning_progress'],
  discussion: ['comments', 'comment_reports', 'comment_bans'],
  editorial: ['content_revisions'],
  incidents: [
    'incidents',
    'incident_claims',
    'incident_responses',
    'incident_norms',
    'incident_revisions',
    // The record's texts in the five other UN languages (0025, decision 77).
    'incident_translations',
    'incident_position_drafts',
  ],
  taxii: ['taxii_objects'],
  /** The machinery: the audit log, the mail outbox, durable jobs, the migrations' own record. */
  platform: ['audit_log', 'outbox', 'jobs', 'schema_migrations'],
} as const;

/**
 * The views a module publishes for the others to read and join on (migration 0010): the columns it promises
 * to keep. Another module may select from these, never write to them and never name the tables behind them.
 */
export const PUBLISHED_VIEWS = {
  identity: ['people', 'role_holders'],
  registry: ['state_names', 'state_memberships'],
  knowledge: ['sector_names', 'norm_titles', 'norm_action_titles', 'cbm_titles'],
} as const;
