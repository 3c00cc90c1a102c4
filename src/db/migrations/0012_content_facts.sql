-- What the sources confirm (issue 16): a CBM whose place in its source document is not yet checked is
-- marked unverified, and a timeline event's date carries the precision the sources give (a year, a month or
-- a day), so that no page or machine-readable date shows an invented day. Official texts in other languages
-- are translations of the field 'official_text' with a source in 'official_source', entered by editors.
alter table cbms add column verified boolean not null default true;
alter table timeline_events add column date_precision text not null default 'day'
  check (date_precision in ('day', 'month', 'year'));
