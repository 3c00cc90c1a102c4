-- "Europe/Geneva" is not an IANA time zone (Switzerland is Europe/Zurich), yet the form's hint, its error
-- message and the demo data used it, so contacts may hold it and can then never be saved again (issue 17).
-- Every version that holds it is corrected in place: the zone is the same, only its name was wrong.
update contact_versions set time_zone = 'Europe/Zurich' where time_zone = 'Europe/Geneva';
