-- The procedure version a dossier was submitted under; it is handled under that version.
ALTER TABLE processing.cases ADD COLUMN procedure_version integer;
