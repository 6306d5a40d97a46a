/// Where and how to reach the broker.
public struct AMQPConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var virtualHost: String
    public var username: String
    public var password: String
    /// Heartbeat interval negotiated with the broker; a dead peer is noticed within twice this.
    public var heartbeatSeconds: Int
    public var connectTimeoutMilliseconds: Int
    /// Delay between reconnection attempts after the broker went away.
    public var reconnectBackoff: Backoff

    public init(host: String = "127.0.0.1", port: Int = 5672, virtualHost: String = "/",
                username: String, password: String, heartbeatSeconds: Int = 30,
                connectTimeoutMilliseconds: Int = 5_000,
                reconnectBackoff: Backoff = Backoff(initialMilliseconds: 100, maximumMilliseconds: 5_000)) {
        self.host = host
        self.port = port
        self.virtualHost = virtualHost
        self.username = username
        self.password = password
        self.heartbeatSeconds = heartbeatSeconds
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.reconnectBackoff = reconnectBackoff
    }
}

/// Exponential back-off with an upper bound and ±20 % jitter, so that many instances that lost the
/// broker together do not reconnect in lock-step.
public struct Backoff: Sendable, Hashable {
    public var initialMilliseconds: Int
    public var maximumMilliseconds: Int

    public init(initialMilliseconds: Int, maximumMilliseconds: Int) {
        self.initialMilliseconds = initialMilliseconds
        self.maximumMilliseconds = maximumMilliseconds
    }

    /// The delay before attempt `attempt` (0 = the first retry).
    public func delayMilliseconds(attempt: Int) -> Int {
        let exponent = min(attempt, 20)
        let base = min(maximumMilliseconds, initialMilliseconds << exponent)
        let jitter = Int.random(in: -(base / 5)...(base / 5))
        return max(1, base + jitter)
    }
}
