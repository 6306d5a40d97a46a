-- Procedures: one row per code with the draft being edited, and one immutable row per published
-- version. Search reads the latest version of procedures not retired, through `search_text`:
-- name, code and sector folded in Swift (lower case, đ → d, no diacritics), since the service
-- role cannot create the `unaccent` extension.
CREATE TABLE catalog.procedures (
    code text PRIMARY KEY,
    draft jsonb,
    draft_updated_at timestamptz,
    latest_version integer NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
    retired_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalog.procedure_versions (
    code text NOT NULL REFERENCES catalog.procedures (code),
    version integer NOT NULL CHECK (version >= 1),
    definition jsonb NOT NULL,
    name text NOT NULL,
    sector_code text NOT NULL,
    level text NOT NULL CHECK (level IN ('ministry', 'province', 'commune')),
    agencies text[] NOT NULL,
    search_text text NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (code, version)
);

CREATE INDEX procedure_versions_sector ON catalog.procedure_versions (sector_code);
CREATE INDEX procedure_versions_agencies ON catalog.procedure_versions USING gin (agencies);
