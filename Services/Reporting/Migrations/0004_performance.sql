-- What the processes measured about themselves (Annex IV of Circular 22/2019): one row per process
-- and sampling interval. `id` is the sample's own, so a sample delivered twice is stored once.
CREATE TABLE reporting.performance_samples (
    id              uuid PRIMARY KEY,
    service         text NOT NULL,
    instance        text NOT NULL,
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz NOT NULL,
    cpu_seconds     double precision NOT NULL CHECK (cpu_seconds >= 0),
    resident_bytes  bigint NOT NULL CHECK (resident_bytes >= 0),
    -- The gateway's responses: histogram bucket counts (LatencyHistogram.boundsMilliseconds + overflow).
    latency_buckets bigint[],
    latency_sum_ms  double precision,
    latency_max_ms  double precision,
    server_errors   integer NOT NULL DEFAULT 0,
    peak_in_flight  integer NOT NULL DEFAULT 0,
    active_users    integer NOT NULL DEFAULT 0,
    connections     integer,
    CHECK (ended_at >= started_at)
);
CREATE INDEX performance_samples_ended_at ON reporting.performance_samples (ended_at);

-- The system's own health probes of the whole service set (gateway /ready), for uptime.
CREATE TABLE reporting.health_probes (
    id               bigserial PRIMARY KEY,
    at               timestamptz NOT NULL,
    interval_seconds double precision NOT NULL CHECK (interval_seconds > 0),
    up               boolean NOT NULL,
    failing          text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX health_probes_at ON reporting.health_probes (at);
