import Contracts
import Foundation
import Hummingbird
import Messaging
import Prometheus
import ServiceKit

/// `/health` (the process is alive), `/ready` (broker and every service answer), `/metrics`
/// (the gateway's own Prometheus metrics) and `/metrics/{service}` (a service's, fetched over RPC).
/// Health and readiness are public and say only up or down; metrics need the scrape credential
/// or an administrator (`MetricsAccess`).
struct OperationsController {
    let backend: Backend
    let metrics: PrometheusCollectorRegistry

    struct Health: Codable { var status: String }
    struct ReadyReport: Codable {
        var status: String
        var broker: Bool
        var services: [String: Bool]
    }

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("health") { _, _ in try JSONResponse.make(Health(status: "ok")) }
            .get("ready", use: ready)
            .get("metrics") { _, context in
                try MetricsAccess.require(context)
                return JSONResponse.text(Observability.render(metrics), contentType: "text/plain; version=0.0.4; charset=utf-8")
            }
            .get("metrics/{service}", use: serviceMetrics)
    }

    @Sendable func ready(_ request: Request, context: GatewayContext) async throws -> Response {
        let services = await withTaskGroup(of: (String, Bool).self) { group in
            for service in ServiceName.backends {
                group.addTask {
                    let readiness = try? await backend.call(service, "ping", Empty(), as: Readiness.self,
                                                            requestID: context.requestID, timeout: .seconds(2))
                    return (service.rawValue, readiness?.ready ?? false)
                }
            }
            var result: [String: Bool] = [:]
            for await (name, ready) in group { result[name] = ready }
            return result
        }
        let broker = backend.client.link.isConnected
        let ready = broker && services.values.allSatisfy { $0 }
        return try JSONResponse.make(ReadyReport(status: ready ? "ready" : "not ready", broker: broker, services: services),
                                     status: ready ? .ok : .serviceUnavailable)
    }

    @Sendable func serviceMetrics(_ request: Request, context: GatewayContext) async throws -> Response {
        try MetricsAccess.require(context)
        guard let name = context.parameters.get("service"), let service = ServiceName(rawValue: name), service != .gateway else {
            throw Problem.notFound("No such service.")
        }
        let text = try await backend.call(service, "metrics", Empty(), as: String.self, requestID: context.requestID)
        return JSONResponse.text(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}
