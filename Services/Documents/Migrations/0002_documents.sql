-- Files and what they are: content-addressed blobs (stored once per SHA-256), the documents that
-- name them (versions, owner, dossier component, digitised copy), agency signatures, e-results,
-- retention per document type.

CREATE TABLE documents.retention_policies (
    document_type text PRIMARY KEY,
    -- NULL keeps documents of this type for ever.
    retention_days integer CHECK (retention_days IS NULL OR retention_days > 0)
);

INSERT INTO documents.retention_policies (document_type, retention_days) VALUES
    ('submission', 3650),   -- components handed in with a dossier: ten years
    ('digitised', 3650),    -- digitised copies made at reception
    ('result', NULL),       -- e-results stay stored (Decree 45/2020 Art. 15), even invalidated
    ('general', 365);       -- anything else uploaded to the applicant's store

CREATE TABLE documents.blobs (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size bigint NOT NULL CHECK (size >= 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE documents.documents (
    id uuid PRIMARY KEY,
    -- The first version's id; every version of a document shares it.
    series_id uuid NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    sha256 text NOT NULL REFERENCES documents.blobs (sha256),
    size bigint NOT NULL,
    media_type text NOT NULL,
    filename text NOT NULL,
    document_type text NOT NULL REFERENCES documents.retention_policies (document_type),
    owner_id text,
    uploaded_by text,
    dossier_code text,
    component_code text,
    digitised_by text,
    digitised_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    retain_until timestamptz,
    legal_hold boolean NOT NULL DEFAULT false,
    UNIQUE (series_id, version)
);
CREATE INDEX documents_owner ON documents.documents (owner_id, created_at DESC);
CREATE INDEX documents_dossier ON documents.documents (dossier_code);
CREATE INDEX documents_sha256 ON documents.documents (sha256);
CREATE INDEX documents_expiry ON documents.documents (retain_until) WHERE NOT legal_hold;

CREATE TABLE documents.signatures (
    document_id uuid PRIMARY KEY REFERENCES documents.documents (id),
    agency_code text NOT NULL,
    cms bytea NOT NULL,
    signer text NOT NULL,
    signed_at timestamptz NOT NULL
);

CREATE TABLE documents.results (
    code text PRIMARY KEY,
    dossier_code text NOT NULL,
    ordinal integer NOT NULL CHECK (ordinal >= 1),
    document_id uuid NOT NULL REFERENCES documents.documents (id),
    owner_id text,
    issued_by text NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT now(),
    invalidated_at timestamptz,
    invalidated_by text,
    invalidation_reason text,
    UNIQUE (dossier_code, ordinal)
);
CREATE INDEX results_owner ON documents.results (owner_id);
