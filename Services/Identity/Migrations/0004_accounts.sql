-- Self-registered applicant accounts (citizens and businesses): contact details, the identifier
-- they registered with, and whether the e-mail address is verified. A pending account cannot sign in.
ALTER TABLE identity.users
    ADD COLUMN email text UNIQUE CHECK (email = lower(email)),
    ADD COLUMN phone text,
    ADD COLUMN applicant_kind text CHECK (applicant_kind IN ('citizen', 'organisation')),
    ADD COLUMN id_number text,
    ADD COLUMN pending_verification boolean NOT NULL DEFAULT false,
    ADD COLUMN email_verified_at timestamptz;

-- One-time tokens sent by e-mail; only their SHA-256 is stored.
CREATE TABLE identity.account_tokens (
    token_hash text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES identity.users (id),
    purpose text NOT NULL CHECK (purpose IN ('verify-email', 'reset-password')),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);

CREATE INDEX account_tokens_user ON identity.account_tokens (user_id, purpose) WHERE used_at IS NULL;
