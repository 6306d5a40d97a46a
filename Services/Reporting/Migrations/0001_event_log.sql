-- Every event reporting consumed, append-only: the read models can be rebuilt from it alone.
CREATE TABLE reporting.event_log (
    position bigserial PRIMARY KEY,
    message_id text NOT NULL UNIQUE,
    routing_key text NOT NULL,
    type text NOT NULL,
    subject text,
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    body jsonb NOT NULL
);

CREATE INDEX event_log_subject ON reporting.event_log (subject, position);

-- Read model: submissions per agency, day (Vietnam time) and channel.
CREATE TABLE reporting.intake_counts (
    agency_code text NOT NULL,
    day date NOT NULL,
    channel text NOT NULL,
    submitted integer NOT NULL,
    PRIMARY KEY (agency_code, day, channel)
);
