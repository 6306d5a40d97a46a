-- Dossiers as submitted, and the per-agency, per-day sequence behind their codes.
CREATE TABLE intake.dossiers (
    id uuid PRIMARY KEY,
    code text NOT NULL UNIQUE,
    agency_code text NOT NULL,
    receipt_date date NOT NULL,
    sequence integer NOT NULL CHECK (sequence BETWEEN 1 AND 99999),
    procedure_code text NOT NULL,
    channel text NOT NULL CHECK (channel IN ('online', 'direct', 'postal')),
    applicant_kind text NOT NULL CHECK (applicant_kind IN ('citizen', 'organisation')),
    applicant jsonb NOT NULL,
    form jsonb NOT NULL,
    attachments jsonb NOT NULL DEFAULT '[]',
    status smallint NOT NULL CHECK (status BETWEEN 1 AND 10),
    lookup_token_hash text NOT NULL,
    idempotency_key text UNIQUE,
    request_hash text,
    submitted_at timestamptz NOT NULL,
    UNIQUE (agency_code, receipt_date, sequence)
);

CREATE INDEX dossiers_agency_submitted ON intake.dossiers (agency_code, submitted_at);

-- One row per agency and day; the upsert that bumps it is the only writer, so codes are unique
-- and never reused even under concurrent submissions (gaps are allowed by the law).
CREATE TABLE intake.dossier_sequences (
    agency_code text NOT NULL,
    receipt_date date NOT NULL,
    last_value integer NOT NULL,
    PRIMARY KEY (agency_code, receipt_date)
);
