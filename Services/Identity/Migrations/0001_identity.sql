-- Org units as a tree: province → department/agency → division.
CREATE TABLE identity.org_units (
    id uuid PRIMARY KEY,
    code text NOT NULL UNIQUE,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('province', 'agency', 'department', 'division', 'public')),
    parent_id uuid REFERENCES identity.org_units (id),
    agency_code text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE identity.users (
    id uuid PRIMARY KEY,
    username text NOT NULL UNIQUE CHECK (username = lower(username)),
    display_name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('staff', 'citizen', 'partner')),
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE identity.user_roles (
    user_id uuid NOT NULL REFERENCES identity.users (id),
    role text NOT NULL,
    org_unit_id uuid NOT NULL REFERENCES identity.org_units (id),
    PRIMARY KEY (user_id, role, org_unit_id)
);

-- Failed logins by normalised username, whether or not the user exists, so that lockout
-- answers the same for unknown names.
CREATE TABLE identity.login_failures (
    username text PRIMARY KEY,
    failures integer NOT NULL,
    locked_until timestamptz,
    last_failure_at timestamptz NOT NULL
);

-- ES256 signing keys; the newest active one signs, all unretired ones are published (JWKS).
CREATE TABLE identity.signing_keys (
    kid text PRIMARY KEY,
    private_key_pem text NOT NULL,
    public_x text NOT NULL,
    public_y text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    retired_at timestamptz
);

-- Refresh tokens rotate: each use marks the token used and issues the next one of the family
-- (the session). Reusing a used token revokes the whole family.
CREATE TABLE identity.refresh_tokens (
    token_hash text PRIMARY KEY,
    family_id uuid NOT NULL,
    user_id uuid NOT NULL REFERENCES identity.users (id),
    issued_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);

CREATE INDEX refresh_tokens_family ON identity.refresh_tokens (family_id);

CREATE TABLE identity.sessions (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES identity.users (id),
    created_at timestamptz NOT NULL,
    revoked_at timestamptz,
    revoked_reason text
);

CREATE INDEX sessions_user ON identity.sessions (user_id) WHERE revoked_at IS NULL;

-- Append-only, tamper-evident security audit: each entry's hash covers the previous entry's hash.
CREATE TABLE identity.security_audit (
    seq bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    subject text,
    detail text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL
);

CREATE FUNCTION identity.security_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'security_audit is append-only';
END $$;

CREATE TRIGGER security_audit_no_update BEFORE UPDATE OR DELETE ON identity.security_audit
    FOR EACH ROW EXECUTE FUNCTION identity.security_audit_append_only();
