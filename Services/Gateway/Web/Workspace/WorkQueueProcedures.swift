import Contracts
import Foundation

/// The published procedures (code and name, by name) for the queue page's procedure filter,
/// read from the catalog's search and kept for a minute, like `PublishedProcedures`.
actor WorkQueueProcedures {
    let backend: Backend
    private var cached: (list: [(code: String, name: String)], at: Date)?

    init(backend: Backend) { self.backend = backend }

    func list(requestID: String) async throws -> [(code: String, name: String)] {
        if let cached, Date().timeIntervalSince(cached.at) < PublishedProcedures.lifetime { return cached.list }
        var found: [String: String] = [:]
        var page = 1
        while true {
            let result = try await backend.call(.catalog, "procedures.search",
                                                ProcedureSearch(query: nil, sector: nil, agency: nil, level: nil, page: page, pageSize: 200),
                                                as: Page<ProcedureSummary>.self, requestID: requestID)
            for item in result.items { found[item.code] = item.name }
            if result.items.isEmpty || page * result.pageSize >= result.total || page >= 50 { break }
            page += 1
        }
        let list = found.map { (code: $0.key, name: $0.value) }.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
        cached = (list, Date())
        return list
    }
}
