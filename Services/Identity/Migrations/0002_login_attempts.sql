-- Sign-in lockout counters (docs/identity.md, Domain SignInLockout): one row per (normalised
-- user name, client address) and one per user name with address '*' (all addresses together),
-- whether or not the user exists. Read and written under a row lock, so checking and recording
-- an attempt is atomic. Replaces the per-name login_failures.
CREATE TABLE identity.login_attempts (
    username text NOT NULL,
    address text NOT NULL,
    failures integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    last_success_at timestamptz,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (username, address)
);
CREATE INDEX login_attempts_updated ON identity.login_attempts (updated_at);

DROP TABLE identity.login_failures;
