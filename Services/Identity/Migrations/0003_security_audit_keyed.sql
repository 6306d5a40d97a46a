-- The security audit becomes keyed: each entry's MAC is an HMAC-SHA256 under ONEGATE_AUDIT_KEY
-- (ServiceKit's AuditChain), so the chain cannot be recomputed by whoever lacks the key. The
-- entries written before, hashed without a key, are kept as they were in security_audit_unkeyed,
-- frozen (no insert, update, delete or truncate) and still checked by `identity verify-audit`;
-- the keyed chain starts afresh.
ALTER TABLE identity.security_audit RENAME TO security_audit_unkeyed;
ALTER SEQUENCE identity.security_audit_seq_seq RENAME TO security_audit_unkeyed_seq_seq;
ALTER INDEX identity.security_audit_pkey RENAME TO security_audit_unkeyed_pkey;
CREATE TRIGGER security_audit_unkeyed_frozen BEFORE INSERT ON identity.security_audit_unkeyed
    FOR EACH ROW EXECUTE FUNCTION identity.security_audit_append_only();
CREATE TRIGGER security_audit_unkeyed_no_truncate BEFORE TRUNCATE ON identity.security_audit_unkeyed
    FOR EACH STATEMENT EXECUTE FUNCTION identity.security_audit_append_only();

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
CREATE TRIGGER security_audit_no_update BEFORE UPDATE OR DELETE ON identity.security_audit
    FOR EACH ROW EXECUTE FUNCTION identity.security_audit_append_only();
CREATE TRIGGER security_audit_no_truncate BEFORE TRUNCATE ON identity.security_audit
    FOR EACH STATEMENT EXECUTE FUNCTION identity.security_audit_append_only();
