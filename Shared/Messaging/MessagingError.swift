/// Failures of the messaging layer. Descriptions are safe to log; none carries credentials.
public enum MessagingError: Error, Sendable, CustomStringConvertible, Equatable {
    /// No confirm within the publish deadline (the broker was unreachable for too long).
    case publishTimedOut
    /// The broker refused the message (basic.nack).
    case publishRejected
    /// The link was shut down before the operation finished.
    case shutDown
    /// The connection dropped while an RPC was waiting for its reply.
    case connectionLost
    /// No reply before the RPC deadline.
    case rpcTimedOut(String)
    /// Nobody consumes the RPC's routing key.
    case unroutable(String)

    public var description: String {
        switch self {
        case .publishTimedOut: "publish not confirmed before its deadline"
        case .publishRejected: "publish rejected by the broker"
        case .shutDown: "messaging link shut down"
        case .connectionLost: "broker connection lost"
        case .rpcTimedOut(let key): "no reply to \(key) before the deadline"
        case .unroutable(let key): "no queue bound for \(key)"
        }
    }
}

extension MessagingError {
    /// The `reason` label of `onegate_rpc_client_failures_total`; nil for time-outs, which
    /// `onegate_rpc_timeouts_total` counts.
    var metricReason: String? {
        switch self {
        case .publishTimedOut, .publishRejected: "publish_failed"
        case .shutDown: "shut_down"
        case .connectionLost: "connection_lost"
        case .rpcTimedOut: nil
        case .unroutable: "unroutable"
        }
    }
}
