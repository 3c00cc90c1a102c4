-- Learning modules and lessons with self-checks and learners' progress; comments with moderation;
-- and the revision history of every piece of knowledge content editors change.

create table learning_modules (
  slug text primary key,
  position int not null,
  title text not null,
  summary text not null
);

-- Lesson texts are Markdown. A lesson may be about one norm (the norms-in-practice module).
create table lessons (
  slug text primary key,
  module_slug text not null references learning_modules (slug) on delete cascade,
  position int not null,
  title text not null,
  questions text not null,
  body text not null,
  reflection text not null,
  engage text not null,
  norm_letter text check (norm_letter ~ '^[a-k]$'),
  published_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (module_slug, position)
);

-- options: [{ text, correct, feedback }], exactly one correct.
create table lesson_checks (
  id text primary key,
  lesson_slug text not null references lessons (slug) on delete cascade,
  position int not null,
  prompt text not null,
  options jsonb not null
);
create index lesson_checks_lesson on lesson_checks (lesson_slug, position);

-- No foreign key to lessons: reseeding the content must not erase what learners did.
create table learning_progress (
  user_id uuid not null references users (id) on delete cascade,
  lesson_slug text not null,
  answers jsonb not null,
  correct int not null,
  total int not null,
  completed_at timestamptz not null,
  primary key (user_id, lesson_slug)
);

create table comments (
  id bigserial primary key,
  target_kind text not null check (target_kind in ('norm', 'lesson', 'incident')),
  target_id text not null,
  parent_id bigint references comments (id),
  author_id uuid not null references users (id),
  body text not null,
  status text not null check (status in ('pending', 'published', 'hidden')),
  hidden_reason text,
  moderated_by uuid references users (id),
  moderated_at timestamptz,
  created_at timestamptz not null,
  edited_at timestamptz
);
create index comments_target on comments (target_kind, target_id, id);
create index comments_author on comments (author_id, created_at);
create index comments_pending on comments (id) where status = 'pending';

create table comment_reports (
  comment_id bigint not null references comments (id) on delete cascade,
  user_id uuid not null references users (id),
  reason text not null,
  created_at timestamptz not null,
  resolved_at timestamptz,
  primary key (comment_id, user_id)
);
create index comment_reports_open on comment_reports (comment_id) where resolved_at is null;

create table comment_bans (
  user_id uuid primary key references users (id),
  reason text not null,
  banned_by uuid not null references users (id),
  banned_at timestamptz not null
);

-- Every saved version of one editable item in one language; number 1 is the edition that was there before
-- the first edit (author null). fields holds every editable field, so any two revisions can be compared.
create table content_revisions (
  id bigserial primary key,
  kind text not null,
  entity_id text not null,
  lang text not null check (lang in ('en', 'ar', 'zh', 'fr', 'ru', 'es')),
  number int not null,
  fields jsonb not null,
  note text not null,
  author_id uuid references users (id),
  restored_from int,
  created_at timestamptz not null,
  unique (kind, entity_id, lang, number)
);
create index content_revisions_recent on content_revisions (kind, created_at desc);
