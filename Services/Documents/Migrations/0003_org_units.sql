-- Documents' own copy of the org-unit tree with each unit's agency, kept from identity's events:
-- officers read the documents of dossiers of the agencies their units serve.
CREATE TABLE documents.org_units (
    code text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    parent_code text,
    agency_code text,
    changed_at timestamptz NOT NULL
);
