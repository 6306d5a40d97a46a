import Contracts
import Domain
import Foundation
import Hummingbird
import NIOCore

/// `GET /api/v1/catalogs/{name}` (public, paged, `?q=`) and `POST /api/v1/catalogs/{name}/import`
/// (administrators; a `text/csv` body, validated and upserted by catalog).
struct SharedCatalogsController {
    let backend: Backend

    /// An import validates and writes every line in one transaction: allow it more than the usual RPC time.
    static let importTimeout: Duration = .seconds(60)

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("{name}", use: list)
            .post("{name}/import", use: importCSV)
    }

    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        let paging = try Paging.read(request)
        let page = try await backend.call(.catalog, "shared-catalogs.list",
                                          SharedCatalogQuery(name: context.parameters.get("name") ?? "", page: paging.page,
                                                             pageSize: paging.pageSize, query: request.uri.queryParameters.get("q")),
                                          as: SharedCatalogPage.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(page)
    }

    @Sendable func importCSV(_ request: Request, context: GatewayContext) async throws -> Response {
        guard context.caller.isAuthenticated else {
            throw Problem.authenticationRequired
        }
        let csv = try await CSVBody.read(request, context: context)
        let result = try await backend.call(.catalog, "shared-catalogs.import",
                                            ImportSharedCatalog(name: context.parameters.get("name") ?? "", csv: csv),
                                            as: SharedCatalogImportResult.self, caller: context.caller,
                                            requestID: context.requestID, timeout: Self.importTimeout)
        return try JSONResponse.make(result)
    }
}

/// Reads a CSV request body within the size limit: 415 for another media type or charset, 413
/// when too large, 400 when it is not UTF-8.
enum CSVBody {
    static func read(_ request: Request, context: GatewayContext) async throws -> String {
        let parts = (request.headers[.contentType] ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let charset = parts.dropFirst().first { $0.hasPrefix("charset=") }.map { $0.dropFirst("charset=".count).trimmingCharacters(in: ["\""]) }
        guard parts.first == "text/csv", charset == nil || charset == "utf-8" else {
            throw Problem(status: 415, title: "Unsupported media type", detail: "Send the file as text/csv in UTF-8.")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            throw Problem(status: 413, title: "Payload too large", detail: "The body is larger than \(context.maxUploadSize) bytes.")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw Problem(status: 400, title: "Malformed CSV", detail: "The body is not valid UTF-8.",
                          type: "urn:onegate:problem:malformed-csv")
        }
        return text
    }
}
