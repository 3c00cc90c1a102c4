-- What a module lets the others read (issue 14). A module's tables are its own; where another module needs
-- to join on its data (a name beside a message, the officials of a State), the owner publishes a view of
-- the columns it promises to keep, and no more: `people` has no password hash and no second-factor secret.
-- Other modules only read these views; every write goes through the owner's public face (index.ts).
-- src/db/tables.ts declares who owns each view, and test/boundaries.test.ts holds every module to it.

-- identity
create view people as
  select id, email, email_key, display_name, state_code, demo from users;
create view role_holders as
  select user_id, role, state_code from user_roles;

-- registry
create view state_names as
  select code, alpha2, status, un_group, names from states;
create view state_memberships as
  select organisation, state from organisation_members;

-- knowledge
create view sector_names as
  select slug, name from sectors;
create view norm_titles as
  select letter, title from norms;
create view norm_action_titles as
  select id, norm_letter, position, title from norm_actions;
create view cbm_titles as
  select id, source, number, title from cbms;
