-- The holiday calendar, one row per year: the validated calendar as answered by the API
-- (entries, office hours, cut-off), replaced as a whole by administrators.
CREATE TABLE catalog.calendar_years (
    year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    calendar jsonb NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
