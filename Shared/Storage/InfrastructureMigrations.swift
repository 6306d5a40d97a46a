/// The tables every service has: the transactional outbox and the inbox. Versions below 1 keep
/// them apart from the service's own numbered files.
enum InfrastructureMigrations {
    static func all(schema: String) -> [Migration] {
        [
            Migration(version: -2, name: "outbox", sql: """
                CREATE TABLE \(schema).outbox (
                    position bigserial PRIMARY KEY,
                    message_id uuid NOT NULL UNIQUE,
                    exchange text NOT NULL,
                    routing_key text NOT NULL,
                    type text NOT NULL,
                    correlation_id text,
                    traceparent text,
                    body text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    published_at timestamptz,
                    attempts integer NOT NULL DEFAULT 0,
                    last_error text
                );
                CREATE INDEX outbox_unpublished ON \(schema).outbox (position) WHERE published_at IS NULL;
                CREATE INDEX outbox_published_at ON \(schema).outbox (published_at) WHERE published_at IS NOT NULL;
                """),
            Migration(version: -1, name: "inbox", sql: """
                CREATE TABLE \(schema).inbox (
                    consumer text NOT NULL,
                    message_id text NOT NULL,
                    received_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (consumer, message_id)
                );
                """),
        ]
    }
}
