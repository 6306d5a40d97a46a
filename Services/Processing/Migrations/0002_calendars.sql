-- Processing's own copy of the holiday calendar, kept from catalog.calendar.changed events:
-- deadlines are counted with it, never by reading the catalog's schema.
CREATE TABLE processing.calendars (
    year integer PRIMARY KEY,
    body jsonb NOT NULL,
    -- The event's time: an older change delivered late never overwrites a newer one.
    changed_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
