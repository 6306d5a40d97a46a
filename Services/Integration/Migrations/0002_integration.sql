-- Every dossier event integration consumed, as received: webhooks send these bodies, replays read them,
-- and the portal worker checks that a dossier's earlier events have all arrived before sending a later one.
CREATE TABLE integration.dossier_events (
    event_id uuid PRIMARY KEY,
    routing_key text NOT NULL,
    type text NOT NULL,
    subject text NOT NULL,
    sequence bigint,
    event_time timestamptz NOT NULL,
    agency_code text,
    procedure_code text,
    body text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_events_subject ON integration.dossier_events (subject, sequence);
CREATE INDEX dossier_events_time ON integration.dossier_events (event_time);

-- Partners' webhook endpoints. The secret signs deliveries (Standard Webhooks) and is shown once.
CREATE TABLE integration.subscriptions (
    id uuid PRIMARY KEY,
    owner_id text NOT NULL,
    url text NOT NULL,
    events text[] NOT NULL,
    agency_code text,
    procedure_code text,
    secret text NOT NULL,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'deleted')),
    consecutive_failures integer NOT NULL DEFAULT 0,
    disabled_reason text,
    disabled_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_owner ON integration.subscriptions (owner_id) WHERE status <> 'deleted';

-- The durable delivery queue of every outward call: portal sync (one lane per dossier, sent in
-- sequence order, head only), webhooks, notifications, payment requests and confirmations.
-- A job is claimed with a lease (FOR UPDATE SKIP LOCKED), retried with back-off until its bound,
-- then dead-lettered ('dead') until an operator or partner replays it.
CREATE TABLE integration.jobs (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    dedupe_key text NOT NULL UNIQUE,
    lane text,
    lane_order bigint,
    subscription_id uuid REFERENCES integration.subscriptions (id),
    event_id uuid,
    subject text,
    payload jsonb NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until timestamptz,
    retry_from timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz,
    last_status integer,
    last_error text,
    last_attempt_at timestamptz
);
CREATE INDEX jobs_due ON integration.jobs (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX jobs_lane ON integration.jobs (lane, lane_order) WHERE status <> 'delivered' AND lane IS NOT NULL;
CREATE INDEX jobs_subscription ON integration.jobs (subscription_id, id DESC) WHERE subscription_id IS NOT NULL;

-- Payment requests sent to the payment platform, and the one callback that settled each.
CREATE TABLE integration.payments (
    order_id uuid PRIMARY KEY,
    dossier_code text NOT NULL,
    amount bigint NOT NULL CHECK (amount > 0),
    status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'paid')),
    transaction_id text UNIQUE,
    event_id uuid NOT NULL UNIQUE,
    requested_at timestamptz NOT NULL DEFAULT now(),
    paid_at timestamptz
);
CREATE INDEX payments_dossier ON integration.payments (dossier_code);
