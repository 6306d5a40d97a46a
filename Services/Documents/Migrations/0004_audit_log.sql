-- Documents' own audit trail (legal holds placed and lifted…): append-only (triggers refuse
-- UPDATE, DELETE and TRUNCATE) and keyed like identity's security audit (ServiceKit's AuditChain:
-- HMAC-SHA256 under ONEGATE_AUDIT_KEY over each entry and the previous entry's MAC).
CREATE TABLE documents.audit_log (
    seq bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    subject text,
    detail text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL
);

CREATE FUNCTION documents.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'documents.audit_log is append-only';
END $$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON documents.audit_log
    FOR EACH ROW EXECUTE FUNCTION documents.audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON documents.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION documents.audit_log_append_only();
