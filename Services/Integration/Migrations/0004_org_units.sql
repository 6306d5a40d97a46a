-- Integration's own copy of the org-unit tree, kept from identity's events: partners belong to no
-- agency, so besides a partner only the province's (a root unit's) administrators manage its
-- subscriptions.
CREATE TABLE integration.org_units (
    code text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    parent_code text,
    agency_code text,
    changed_at timestamptz NOT NULL
);
