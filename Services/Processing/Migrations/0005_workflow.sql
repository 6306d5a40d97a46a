-- The whole workflow of a case (issue 4): the state machine's value, the deadline clock, the
-- applicant for the forms, the owner, and the timers, forms and staff copy that go with them.

ALTER TABLE processing.cases
    ADD COLUMN procedure_name text,
    ADD COLUMN applicant jsonb,
    -- The signed-in applicant who owns the dossier (online submissions), if any.
    ADD COLUMN owner_id text,
    ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]',
    -- `DossierWorkflow` (state, current step, assignee, extension used, pending consultations).
    ADD COLUMN workflow jsonb,
    -- `DeadlineClock` once received: budget and every start, suspension, resumption, extension.
    ADD COLUMN clock jsonb,
    ADD COLUMN received_at timestamptz,
    ADD COLUMN finished_at timestamptz,
    ADD COLUMN returned_at timestamptz,
    ADD COLUMN assignee text,
    -- The org unit holding the dossier now (the desk, the division, the leader's agency).
    ADD COLUMN holder_unit text,
    ADD COLUMN overdue boolean NOT NULL DEFAULT false,
    ADD COLUMN result_codes text[] NOT NULL DEFAULT '{}',
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

UPDATE processing.cases SET workflow = jsonb_build_object(
    'state', state, 'currentStep', 0, 'extensionUsed', false, 'pendingConsultations', '[]'::jsonb)
WHERE workflow IS NULL;
ALTER TABLE processing.cases ALTER COLUMN workflow SET NOT NULL;

CREATE INDEX cases_owner ON processing.cases (owner_id, submitted_at DESC) WHERE owner_id IS NOT NULL;
CREATE INDEX cases_assignee ON processing.cases (assignee, due_at) WHERE assignee IS NOT NULL;
CREATE INDEX cases_due ON processing.cases (agency_code, due_at) WHERE finished_at IS NULL;

-- Every action, audited: who (id, name, role, unit), when, from which state to which, why, the
-- action's data, and the deadline of the step the action starts (for the control slip, form 06).
ALTER TABLE processing.case_history
    ADD COLUMN action text,
    ADD COLUMN from_state text,
    ADD COLUMN actor_id text,
    ADD COLUMN actor_role text,
    ADD COLUMN actor_unit text,
    ADD COLUMN note text,
    ADD COLUMN data jsonb,
    ADD COLUMN step_name text,
    ADD COLUMN step_due_at timestamptz,
    ADD COLUMN holder text;

-- History is an audit trail: rows are only ever added.
CREATE FUNCTION processing.case_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'processing.case_history is append-only';
END $$;
CREATE TRIGGER case_history_append_only BEFORE UPDATE OR DELETE ON processing.case_history
    FOR EACH ROW EXECUTE FUNCTION processing.case_history_append_only();

-- The forms issued (01–05), with the data they were issued with: reprinting gives the same form.
CREATE TABLE processing.case_forms (
    id bigserial PRIMARY KEY,
    code text NOT NULL REFERENCES processing.cases (code),
    number text NOT NULL CHECK (number IN ('01', '02', '03', '04', '05')),
    issued_at timestamptz NOT NULL,
    data jsonb NOT NULL
);
CREATE INDEX case_forms_code ON processing.case_forms (code, number, id);

-- Deadline timers: a reminder before the due moment and the overdue mark at it. Any processing
-- instance may fire a due timer; `FOR UPDATE SKIP LOCKED` and `fired_at` make it fire once.
CREATE TABLE processing.timers (
    id bigserial PRIMARY KEY,
    code text NOT NULL REFERENCES processing.cases (code),
    kind text NOT NULL CHECK (kind IN ('deadline-approaching', 'overdue')),
    due_at timestamptz NOT NULL,
    fire_at timestamptz NOT NULL,
    fired_at timestamptz,
    cancelled_at timestamptz,
    UNIQUE (code, kind, due_at)
);
CREATE INDEX timers_pending ON processing.timers (fire_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;

-- Processing's copy of identity's users (no secrets), kept from `identity.user.changed`: who may
-- be assigned, and the names shown on forms and in the history.
CREATE TABLE processing.staff (
    id text PRIMARY KEY,
    username text NOT NULL UNIQUE,
    display_name text NOT NULL,
    kind text NOT NULL,
    disabled boolean NOT NULL,
    roles jsonb NOT NULL,
    changed_at timestamptz NOT NULL
);
