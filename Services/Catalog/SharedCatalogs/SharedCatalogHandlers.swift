import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// `catalog.shared-catalogs.list` (public) and `catalog.shared-catalogs.import` (administrators):
/// the shared electronic catalogs, imported from CSV. An import validates every line first and
/// changes nothing when any line is bad; otherwise it upserts by code in one transaction and
/// announces the change with `catalog.shared-catalog.changed`.
struct SharedCatalogHandlers: Sendable {
    let runtime: ServiceRuntime
    let store = SharedCatalogStore()

    /// Registers the operations on `routes`.
    static func register(on routes: inout RPCRoutes, runtime: ServiceRuntime) {
        let handlers = SharedCatalogHandlers(runtime: runtime)
        routes.on("shared-catalogs.list", SharedCatalogQuery.self, handler: handlers.list)
        routes.on("shared-catalogs.import", ImportSharedCatalog.self, handler: handlers.importCSV)
    }

    func list(_ request: SharedCatalogQuery, context: RPCContext) async throws -> SharedCatalogPage {
        let catalog = try Self.catalog(named: request.name)
        let paging = try Paging.validated(page: request.page, pageSize: request.pageSize, pageSizes: 1...200)
        let (page, size) = (paging.page, paging.pageSize)
        let pattern = SharedCatalogSearch.likePattern(request.query ?? "")
        let found = try await runtime.database.withConnection { connection in
            try await store.page(of: catalog, matching: pattern, page: page, size: size, on: connection, logger: context.logger)
        }
        return SharedCatalogPage(name: catalog.rawValue, items: found.items.map(SharedCatalogItem.init), page: page,
                                 pageSize: size, total: found.total)
    }

    func importCSV(_ request: ImportSharedCatalog, context: RPCContext) async throws -> SharedCatalogImportResult {
        try context.caller.require(.administrator, forbidden: "Only administrators import shared catalogs.")
        try await runtime.database.withConnection { connection in
            try await Administrator.requireProvince(context.caller, on: connection, logger: context.logger)
        }
        let catalog = try Self.catalog(named: request.name)
        let file = try SharedCatalogCSV.records(of: request.csv)
        let rows = try SharedCatalogImport.validate(catalog, header: file.header, records: file.rows)
        let logger = context.logger
        let result = try await runtime.database.transaction(logger: logger) { connection -> SharedCatalogImportResult in
            let result = try await upsert(rows, into: catalog, on: connection, logger: logger)
            if result.created + result.updated > 0 {
                try await runtime.outbox.enqueue([
                    try OutboxMessage.event(.sharedCatalogChanged, source: .catalog, subject: catalog.rawValue, sequence: nil,
                                            payload: result, correlationID: context.requestId),
                ], on: connection, logger: logger)
            }
            return result
        }
        runtime.relay.wake()
        logger.info("shared catalog imported", metadata: [
            "catalog": "\(catalog.rawValue)", "created": "\(result.created)", "updated": "\(result.updated)",
            "unchanged": "\(result.unchanged)", "by": "\(context.caller.userId ?? "-")",
        ])
        return result
    }

    /// Checks what `rows` refer to against the file and the stored catalogs, then upserts them.
    /// Throws a `ValidationFailure` (and writes nothing) when a reference is unknown.
    func upsert(_ rows: [SharedCatalogRow], into catalog: SharedCatalog,
                on connection: PostgresConnection, logger: Logger) async throws -> SharedCatalogImportResult {
        // One shared-catalog import at a time, so the references checked here stay valid until commit.
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext('catalog.shared-catalog'))", logger: logger)
        var stored: [SharedCatalog: [String: SharedCatalogEntry]] = [:]
        for (target, codes) in SharedCatalogImport.references(of: rows, in: catalog) {
            stored[target] = try await store.entries(of: target, codes: codes, on: connection, logger: logger)
        }
        let unresolved = SharedCatalogImport.unresolvedReferences(rows, in: catalog, stored: stored)
        guard unresolved.isEmpty else { throw ValidationFailure(unresolved) }
        return try await store.upsert(rows.map(\.entry), into: catalog, on: connection, logger: logger)
    }

    /// The catalog called `name`; 404 naming the known catalogs otherwise.
    static func catalog(named name: String) throws -> SharedCatalog {
        guard let catalog = SharedCatalog(rawValue: name) else {
            throw Problem(status: 404, title: "Unknown catalog",
                          detail: "There is no shared catalog \(name). The catalogs are: \(SharedCatalog.knownNames).")
        }
        return catalog
    }
}
