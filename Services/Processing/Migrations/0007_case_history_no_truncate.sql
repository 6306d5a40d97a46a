-- The case history is an audit trail: rows are only ever added. Migration 0005 refuses UPDATE and
-- DELETE row by row; TRUNCATE bypasses row triggers, so it is refused by a statement trigger too.
CREATE TRIGGER case_history_no_truncate BEFORE TRUNCATE ON processing.case_history
    FOR EACH STATEMENT EXECUTE FUNCTION processing.case_history_append_only();
