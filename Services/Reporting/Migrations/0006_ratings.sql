-- The applicants' ratings of returned dossiers (`processing.dossier.rated`), one row per dossier,
-- counted by the statistical report per agency and procedure on the Vietnam date of the rating.
-- `reporting rebuild` refills it from the log like the other read models.
CREATE TABLE reporting.ratings (
    code text PRIMARY KEY,
    agency_code text NOT NULL,
    procedure_code text NOT NULL,
    rating text NOT NULL CHECK (rating IN ('satisfied', 'acceptable', 'unsatisfied')),
    rated_at timestamptz NOT NULL,
    day date NOT NULL
);
CREATE INDEX ratings_day ON reporting.ratings (day);

-- Ratings logged before this table existed (none are expected; kept exact all the same).
INSERT INTO reporting.ratings (code, agency_code, procedure_code, rating, rated_at, day)
SELECT body -> 'data' ->> 'code', body -> 'data' ->> 'agencyCode', body -> 'data' ->> 'procedureCode',
       body -> 'data' ->> 'rating', (body -> 'data' ->> 'ratedAt')::timestamptz,
       ((body -> 'data' ->> 'ratedAt')::timestamptz AT TIME ZONE 'UTC' + interval '7 hours')::date
FROM reporting.event_log WHERE routing_key = 'processing.dossier.rated'
ORDER BY position
ON CONFLICT (code) DO NOTHING;
