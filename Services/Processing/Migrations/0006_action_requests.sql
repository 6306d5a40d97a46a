-- Actions taken with an `Idempotency-Key`: a retry with the same key and body gets the first
-- outcome again; the same key with another action or body is refused (422).
CREATE TABLE processing.action_requests (
    code text NOT NULL REFERENCES processing.cases (code),
    idempotency_key text NOT NULL,
    action text NOT NULL,
    body_hash text NOT NULL,
    outcome jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (code, idempotency_key)
);
