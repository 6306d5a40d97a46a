-- A case is processing's own copy of a dossier, opened from intake's submitted event.
CREATE TABLE processing.cases (
    code text PRIMARY KEY,
    agency_code text NOT NULL,
    procedure_code text NOT NULL,
    channel text NOT NULL,
    state text NOT NULL,
    status smallint NOT NULL CHECK (status BETWEEN 1 AND 10),
    lookup_token_hash text NOT NULL,
    submitted_at timestamptz NOT NULL,
    opened_at timestamptz NOT NULL DEFAULT now(),
    due_at timestamptz,
    -- The last `sequence` used in this dossier's events (strictly increasing per dossier).
    event_sequence bigint NOT NULL DEFAULT 0
);

CREATE INDEX cases_agency_status ON processing.cases (agency_code, status);

-- Every status change with who, when, from, to and why (DOMAIN.md, "Statuses").
CREATE TABLE processing.case_history (
    id bigserial PRIMARY KEY,
    code text NOT NULL REFERENCES processing.cases (code),
    from_status smallint,
    to_status smallint NOT NULL,
    state text NOT NULL,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    reason text
);

CREATE INDEX case_history_code ON processing.case_history (code, id);
