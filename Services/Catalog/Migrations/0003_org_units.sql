-- The catalog's own copy of identity's org-unit tree (events + snapshot): administrators edit
-- the procedures of the agencies within their units; calendars and shared catalogs are for
-- administrators of a root unit (the province).
CREATE TABLE catalog.org_units (
    code text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    parent_code text,
    agency_code text,
    changed_at timestamptz NOT NULL
);
