-- Processing's own copies of what it needs from other services, kept from their events.

-- Every published procedure version (immutable); a dossier is handled under the version it was
-- submitted with.
CREATE TABLE processing.procedure_versions (
    code text NOT NULL,
    version integer NOT NULL,
    definition jsonb NOT NULL,
    published_at timestamptz NOT NULL,
    retired_at timestamptz,
    PRIMARY KEY (code, version)
);

-- The org-unit tree with each unit's agency, for checking that an officer acts within scope.
CREATE TABLE processing.org_units (
    code text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    parent_code text,
    agency_code text,
    changed_at timestamptz NOT NULL
);
