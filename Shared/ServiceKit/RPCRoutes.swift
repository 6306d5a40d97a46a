import Contracts
import Domain
import Foundation
import Logging
import Messaging
import Metrics
import Storage

/// The context an RPC handler runs in.
public struct RPCContext: Sendable {
    public let caller: Caller
    public let requestId: String
    public let logger: Logger
}

/// A service's RPC operations with typed payloads. Every outcome becomes an `RPCReply`: a thrown
/// `Problem` or `ValidationFailure` goes back as is; anything else is logged and answered with a
/// generic 500 that reveals nothing of the internals.
public struct RPCRoutes: Sendable {
    var handlers: [String: RPCServer.Handler] = [:]
    let service: ServiceName
    let logger: Logger

    public init(service: ServiceName, logger: Logger) {
        self.service = service
        self.logger = logger
    }

    /// Registers operation `name` (routing key `<service>.<name>`).
    public mutating func on<Payload: Codable & Sendable, Reply: Codable & Sendable>(
        _ name: String, _ payload: Payload.Type,
        handler: @escaping @Sendable (Payload, RPCContext) async throws -> Reply
    ) {
        let logger = self.logger
        let timer = Metrics.Timer(label: "onegate_rpc_handler_seconds", dimensions: [("operation", name)],
                                  preferredDisplayUnit: .seconds)
        handlers[name] = { delivery in
            let started = ContinuousClock.now
            defer { timer.record(duration: ContinuousClock.now - started) }
            let request: RPCRequest<Payload>
            do {
                request = try WireJSON.decode(RPCRequest<Payload>.self, from: delivery.body)
            } catch {
                logger.warning("malformed RPC request", metadata: ["operation": "\(name)", "error": "\(error)"])
                return Self.encode(RPCReply<Reply>(error: Problem(status: 400, title: "Malformed request",
                                                                  detail: "The request could not be read.")))
            }
            var requestLogger = logger
            requestLogger[metadataKey: "correlation_id"] = .string(request.requestId)
            requestLogger[metadataKey: "operation"] = .string(name)
            let context = RPCContext(caller: request.caller, requestId: request.requestId, logger: requestLogger)
            do {
                return Self.encode(RPCReply(ok: try await handler(request.payload, context)))
            } catch let problem as Problem {
                return Self.encode(RPCReply<Reply>(error: problem))
            } catch let failure as ValidationFailure {
                return Self.encode(RPCReply<Reply>(error: .validation(failure.errors)))
            } catch where DatabaseFailure.isInvalidInput(error) {
                requestLogger.notice("RPC input refused by the database", metadata: ["error": "\(String(reflecting: error))"])
                return Self.encode(RPCReply<Reply>(error: Problem(status: 400, title: "Invalid input",
                                                                  detail: "A value of the request cannot be used, for example because it contains a control character.")))
            } catch {
                requestLogger.error("RPC handler failed", metadata: ["error": "\(String(reflecting: error))"])
                return Self.encode(RPCReply<Reply>(error: .internalError))
            }
        }
    }

    static func encode<Reply: Codable & Sendable>(_ reply: RPCReply<Reply>) -> Data {
        (try? WireJSON.encode(reply)) ?? Data(#"{"error":{"status":500,"title":"Internal error","type":"about:blank"}}"#.utf8)
    }

    /// The reply to an operation nobody registered.
    static func unknown(_ operation: String) -> Data {
        encode(RPCReply<Empty>(error: Problem(status: 404, title: "Unknown operation", detail: "No operation \(operation).")))
    }
}
