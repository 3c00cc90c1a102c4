-- Search in every language (issue 16): one document per page or section and language, its tsvector built
-- with that language's text-search configuration (english, french, spanish, russian, arabic; 'simple' over
-- Han bigrams for Chinese, which the application segments), and a vocabulary of the indexed words per
-- language with a trigram index, from which a mistyped word's closest indexed word is suggested.
create extension if not exists pg_trgm;

alter table search_documents add column lang text not null default 'en'
  check (lang in ('en', 'fr', 'es', 'ru', 'ar', 'zh'));
alter table search_documents alter column lang drop default;
alter table search_documents drop constraint search_documents_kind_ref_key;
alter table search_documents add constraint search_documents_kind_ref_lang_key unique (kind, ref, lang);

-- The configuration depends on the language and Chinese is indexed from segmented text the rows do not
-- keep, so the tsvector is written with the row (search.queries.ts, insertDocuments) instead of derived.
alter table search_documents drop column tsv;
alter table search_documents add column tsv tsvector;
update search_documents
   set tsv = setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B');
alter table search_documents alter column tsv set not null;
-- Without GIN's pending list: PGlite has no autovacuum to merge it, and a search would scan it whole (and the
-- planner, seeing it, would rather scan the table). Rebuilds write only what changed, so inserts stay few.
create index search_documents_tsv on search_documents using gin (tsv) with (fastupdate = off);
-- What the row was indexed from (a digest of its text and of how it was indexed), so that a rebuild rewrites
-- only the documents that changed; rows from before have none and are rewritten at the first rebuild.
alter table search_documents add column digest text;

-- The words of each language's documents, lower-cased, by the kind of document they come from (so that
-- replacing one module's documents replaces its words), with how often they occur.
create table search_words (
  lang text not null check (lang in ('en', 'fr', 'es', 'ru', 'ar', 'zh')),
  word text not null,
  kind text not null,
  uses int not null,
  primary key (word, lang, kind)
);
-- GiST, not GIN: the closest words are found by walking the index in order of trigram distance (a mistyped
-- word's neighbours), which the planner always prefers to computing the similarity of every word.
create index search_words_trgm on search_words using gist (word gist_trgm_ops);
