-- Mail in the recipient's language (issue 16). Each account has a language, one of the six UN languages:
-- new accounts take the language of the request that made them, and each person can change it on the
-- account page or through the API. Existing accounts keep English until their owners choose.
alter table users add column language text not null default 'en'
  check (language in ('en', 'fr', 'es', 'ru', 'ar', 'zh'));

-- The invitee has no account yet: the inviter chooses the invitation's language (a re-sent invitation keeps it).
alter table invitations add column language text not null default 'en'
  check (language in ('en', 'fr', 'es', 'ru', 'ar', 'zh'));

-- A communication check writes to a contact in the language chosen when the round starts (the contact's
-- first working language if it is one of the six, else the linked account's, else English): its reminders
-- and the page its link opens use the same.
alter table ping_tasks add column language text not null default 'en'
  check (language in ('en', 'fr', 'es', 'ru', 'ar', 'zh'));

-- Other modules mail people too (communications): identity publishes the language with the rest.
create or replace view people as
  select id, email, email_key, display_name, state_code, demo, language from users;
