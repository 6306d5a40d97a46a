import Foundation
import Hummingbird

/// Serves the OpenAPI 3.1 document kept in the repository (`Services/Gateway/Resources/openapi.json`).
struct OpenAPIController {
    let document: String

    init() throws {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        self.document = try String(contentsOf: url, encoding: .utf8)
    }

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("openapi.json") { _, _ in JSONResponse.text(document, contentType: "application/json; charset=utf-8") }
    }
}
