import Testing

/// Every test that talks to the real broker and database. Serialized: one of them restarts the
/// broker, and the end-to-end test runs the whole service set on fixed ports.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct Integration {}
