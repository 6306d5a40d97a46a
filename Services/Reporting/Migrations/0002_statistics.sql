-- The statistical report, overdue lists, per-officer and per-procedure figures, all derived from
-- the event log (docs/reporting.md). `reporting rebuild` refills every table below from the log.

-- The per-dossier sequence of each logged event, to fold a dossier's events in order.
ALTER TABLE reporting.event_log ADD COLUMN sequence bigint;
UPDATE reporting.event_log SET sequence = (body ->> 'sequence')::bigint;
CREATE INDEX event_log_subject_sequence ON reporting.event_log (subject, sequence, position);

-- One row per dossier: its facts folded from its events (DossierFacts).
CREATE TABLE reporting.dossiers (
    code text PRIMARY KEY,
    agency_code text NOT NULL,
    procedure_code text NOT NULL,
    channel text,
    submitted_at timestamptz,
    received_at timestamptz,
    due_at timestamptz,
    suspended_since timestamptz,
    resolved_at timestamptz,
    ended_at timestamptz,
    end_status smallint,
    status smallint NOT NULL,
    state text,
    last_transition_at timestamptz,
    holder_unit text,
    assignee text,
    last_sequence bigint NOT NULL,
    -- derived, for queries
    finished_at timestamptz,
    overdue_from timestamptz,
    handling_seconds bigint
);

-- Dossiers in progress (received, not finished): the live overdue counts and lists.
CREATE INDEX dossiers_open ON reporting.dossiers (agency_code, overdue_from, due_at)
    WHERE received_at IS NOT NULL AND finished_at IS NULL;
-- Resolved dossiers by resolution time: per-procedure handling times.
CREATE INDEX dossiers_resolved ON reporting.dossiers (resolved_at) WHERE resolved_at IS NOT NULL;

-- Day counters per agency, procedure and Vietnam date (ReportMeasure), and the same per month
-- (keyed by the month's first day), so a year is twelve month rows per agency and procedure.
CREATE TABLE reporting.daily_figures (
    agency_code text NOT NULL,
    procedure_code text NOT NULL,
    day date NOT NULL,
    received_online integer NOT NULL DEFAULT 0,
    received_other integer NOT NULL DEFAULT 0,
    finished_received integer NOT NULL DEFAULT 0,
    resolved_early integer NOT NULL DEFAULT 0,
    resolved_on_time integer NOT NULL DEFAULT 0,
    resolved_overdue integer NOT NULL DEFAULT 0,
    refused integer NOT NULL DEFAULT 0,
    withdrawn integer NOT NULL DEFAULT 0,
    stopped integer NOT NULL DEFAULT 0,
    became_overdue integer NOT NULL DEFAULT 0,
    finished_overdue integer NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_code, procedure_code, day)
);
CREATE INDEX daily_figures_day ON reporting.daily_figures (day);

CREATE TABLE reporting.monthly_figures (LIKE reporting.daily_figures INCLUDING DEFAULTS);
ALTER TABLE reporting.monthly_figures RENAME COLUMN day TO month;
ALTER TABLE reporting.monthly_figures ADD PRIMARY KEY (agency_code, procedure_code, month);
CREATE INDEX monthly_figures_month ON reporting.monthly_figures (month);

-- One row per finished handling step (step-completed, approved): per-officer figures.
CREATE TABLE reporting.officer_steps (
    code text NOT NULL,
    sequence bigint NOT NULL,
    officer_id text NOT NULL,
    officer_name text NOT NULL,
    officer_role text NOT NULL,
    unit text,
    agency_code text NOT NULL,
    procedure_code text NOT NULL,
    at timestamptz NOT NULL,
    handling_seconds bigint NOT NULL,
    on_time boolean NOT NULL,
    PRIMARY KEY (code, sequence)
);
CREATE INDEX officer_steps_at ON reporting.officer_steps (at);

-- The org-unit tree (identity.org-unit.changed and a snapshot), to scope callers to their agencies.
CREATE TABLE reporting.org_units (
    code text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    parent_code text,
    agency_code text,
    changed_at timestamptz NOT NULL
);
