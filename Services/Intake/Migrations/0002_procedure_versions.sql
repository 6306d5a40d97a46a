-- Intake's own copy of the published procedure versions (from catalog events): submissions are
-- checked against the current version and remember which version they were made under.
CREATE TABLE intake.procedure_versions (
    code text NOT NULL,
    version integer NOT NULL,
    definition jsonb NOT NULL,
    published_at timestamptz NOT NULL,
    retired_at timestamptz,
    PRIMARY KEY (code, version)
);

ALTER TABLE intake.dossiers ADD COLUMN procedure_version integer;
