-- The work queues at scale (issue 16: a queue page over 100,000 dossiers at p99 ≤ 50 ms).

-- The action of the case's newest history row (was a subquery per row for the "supplements" tab).
ALTER TABLE processing.cases ADD COLUMN last_action text;
UPDATE processing.cases c SET last_action = (
    SELECT h.action FROM processing.case_history h WHERE h.code = c.code ORDER BY h.id DESC LIMIT 1);

-- Each tab's rows in the queue's order straight from an index (soonest due first).
CREATE INDEX cases_queue_state ON processing.cases (agency_code, state, due_at, submitted_at);
CREATE INDEX cases_queue_all ON processing.cases (agency_code, due_at, submitted_at);
DROP INDEX processing.cases_assignee;
CREATE INDEX cases_queue_assignee ON processing.cases (assignee, state, due_at, submitted_at) WHERE assignee IS NOT NULL;

-- How many cases each (agency, state, assignee, supplemented) group holds, so a tab's count is a
-- sum over a few rows instead of counting the agency's cases on every page. Writers never touch
-- these rows: a trigger appends each statement's changes to queue_count_changes (inserts only, so
-- concurrent actions do not wait on a shared counter) and processing's QueueCountCompactor folds
-- them in every few seconds. A count reads both tables in one statement, hence one snapshot.
CREATE TABLE processing.queue_counts (
    agency_code text NOT NULL,
    state text NOT NULL,
    assignee text NOT NULL,          -- '' when nobody is assigned
    supplemented boolean NOT NULL,   -- last_action = 'supplement'
    dossiers bigint NOT NULL,
    PRIMARY KEY (agency_code, state, assignee, supplemented)
);

CREATE TABLE processing.queue_count_changes (
    id bigserial PRIMARY KEY,
    agency_code text NOT NULL,
    state text NOT NULL,
    assignee text NOT NULL,
    supplemented boolean NOT NULL,
    change bigint NOT NULL
);

CREATE INDEX queue_count_changes_agency ON processing.queue_count_changes (agency_code);

INSERT INTO processing.queue_counts (agency_code, state, assignee, supplemented, dossiers)
SELECT agency_code, state, coalesce(assignee, ''), coalesce(last_action = 'supplement', false), count(*)
FROM processing.cases GROUP BY 1, 2, 3, 4;

CREATE FUNCTION processing.queue_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO processing.queue_count_changes (agency_code, state, assignee, supplemented, change)
        SELECT agency_code, state, coalesce(assignee, ''), coalesce(last_action = 'supplement', false), count(*)
        FROM new_rows GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO processing.queue_count_changes (agency_code, state, assignee, supplemented, change)
        SELECT agency_code, state, coalesce(assignee, ''), coalesce(last_action = 'supplement', false), -count(*)
        FROM old_rows GROUP BY 1, 2, 3, 4;
    ELSE
        INSERT INTO processing.queue_count_changes (agency_code, state, assignee, supplemented, change)
        SELECT agency_code, state, assignee, supplemented, sum(change) FROM (
            SELECT agency_code, state, coalesce(assignee, '') AS assignee,
                   coalesce(last_action = 'supplement', false) AS supplemented, 1 AS change FROM new_rows
            UNION ALL
            SELECT agency_code, state, coalesce(assignee, ''), coalesce(last_action = 'supplement', false), -1 FROM old_rows
        ) moved GROUP BY 1, 2, 3, 4 HAVING sum(change) <> 0;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER cases_count_insert AFTER INSERT ON processing.cases
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION processing.queue_count_changes();
CREATE TRIGGER cases_count_update AFTER UPDATE ON processing.cases
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION processing.queue_count_changes();
CREATE TRIGGER cases_count_delete AFTER DELETE ON processing.cases
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION processing.queue_count_changes();
