-- Intake's own copy of the org-unit tree with each unit's agency, kept from identity's events:
-- a counter or postal entry is made by a one-stop officer whose desk serves the dossier's agency.
CREATE TABLE intake.org_units (
    code text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    parent_code text,
    agency_code text,
    changed_at timestamptz NOT NULL
);
