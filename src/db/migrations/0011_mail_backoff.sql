-- Mail retries follow each mail's own schedule (issue 15): a failed attempt sets next_attempt_at by an
-- exponential backoff, so traffic that queues other mail never retries it early. A mail still unsent after
-- MAIL_GIVE_UP_HOURS is given up: kept, with its last reason, for administrators to see and send again.
-- last_error now holds only the last real failure (it no longer says 'claimed'). Mail the old rule dropped
-- after 120 quick attempts is pending again: nothing caps the attempts any more, only the time.
alter table outbox add column next_attempt_at timestamptz;
alter table outbox add column last_attempt_at timestamptz;
alter table outbox add column given_up_at timestamptz;
-- When an administrator asked to send it again: the give-up time counts from here instead of created_at.
alter table outbox add column requeued_at timestamptz;
update outbox set last_error = null where last_error = 'claimed';
drop index outbox_pending;
create index outbox_pending on outbox (id) where sent_at is null and given_up_at is null;
create index outbox_given_up on outbox (id) where sent_at is null and given_up_at is not null;
