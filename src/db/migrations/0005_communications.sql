-- State-to-State communications (issue 5): a thread starts with a communication from one State to one or
-- more others; each recipient State has its own lifecycle (sent → delivered → acknowledged → responded →
-- closed, or withdrawn); messages in the thread are the first communication and every update, response
-- and closure; events are the timeline both sides see.

create table threads (
  id uuid primary key default gen_random_uuid(),
  sender_state text not null references states (code),
  created_by uuid not null references users (id),
  type text not null check (type in ('notification', 'assistance', 'information', 'vulnerability', 'consultation')),
  urgency text not null check (urgency in ('routine', 'priority', 'urgent')),
  tlp text not null check (tlp in ('clear', 'green', 'amber', 'amber+strict', 'red')),
  subject text not null,
  status text not null check (status in ('draft', 'open', 'closed', 'withdrawn')),
  -- A send carries a key chosen by the client: the same key again returns the same thread.
  idempotency_key text,
  created_at timestamptz not null,
  sent_at timestamptz,
  closed_at timestamptz,
  shared_with_manager_at timestamptz,
  unique (created_by, idempotency_key)
);
create index threads_sender on threads (sender_state, sent_at desc) where sent_at is not null;
create index threads_drafts on threads (created_by, created_at desc) where status = 'draft';

-- The recipient States, while a draft too (so a draft keeps its addressees).
create table thread_recipients (
  thread_id uuid not null references threads (id),
  state_code text not null references states (code),
  status text not null check (status in ('draft', 'sent', 'delivered', 'acknowledged', 'responded', 'closed', 'withdrawn')),
  -- The thread's sent_at, kept here too so a State's inbox is one index range, newest first.
  sent_at timestamptz,
  delivered_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid references users (id),
  responded_at timestamptz,
  ack_due timestamptz,
  escalated_at timestamptz,
  primary key (thread_id, state_code)
);
create index thread_recipients_inbox on thread_recipients (state_code, sent_at desc) where sent_at is not null;

-- TLP:RED: the named people who may read the thread, on both sides (the author is always one).
create table thread_people (
  thread_id uuid not null references threads (id),
  user_id uuid not null references users (id),
  primary key (thread_id, user_id)
);

create table thread_messages (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null references threads (id),
  seq integer not null,
  kind text not null check (kind in ('initial', 'update', 'response', 'closure')),
  author_id uuid not null references users (id),
  author_state text not null references states (code),
  body text not null,
  norms text[] not null default '{}',
  sectors text[] not null default '{}',
  action_requested text not null default '',
  action_due timestamptz,
  idempotency_key text,
  created_at timestamptz not null,
  unique (thread_id, seq),
  unique (author_id, idempotency_key)
);

create table message_indicators (
  message_id uuid not null references thread_messages (id),
  position integer not null,
  type text not null check (type in ('ipv4', 'ipv6', 'domain', 'url', 'md5', 'sha1', 'sha256')),
  value text not null,
  primary key (message_id, position)
);

create table message_attachments (
  id uuid primary key default gen_random_uuid(),
  message_id uuid not null references thread_messages (id),
  name text not null,
  media_type text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null
);

-- The timeline: every step, by whom and when; `state_code` is the recipient State it concerns, if any.
create table thread_events (
  id bigserial primary key,
  thread_id uuid not null references threads (id),
  state_code text references states (code),
  kind text not null,
  actor text not null,
  at timestamptz not null,
  details jsonb not null default '{}'
);
create index thread_events_thread on thread_events (thread_id, id);
