import Foundation

/// Scenario b: status lookups by dossier code, anonymously with the receipt's lookup token, as a
/// citizen following a submission would; a closed loop over the dossiers scenario a created.
struct LookupScenario: Sendable {
    let gateway: GatewayClient

    func run(receipts: [Receipt], workers: Int, duration: Duration, maxRequests: Int) async throws -> ClosedLoop.Result {
        let paths = receipts.compactMap { receipt -> String? in
            guard let token = receipt.lookupToken?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) else { return nil }
            return "/api/v1/dossiers/\(receipt.code)?token=\(token)"
        }
        guard !paths.isEmpty else { throw BenchFailure("no receipt with a lookup token to look up") }
        return await ClosedLoop.run(workers: workers, duration: duration, maxRequests: maxRequests) { worker, iteration in
            // Each worker walks its own stride of the dossiers, so concurrent requests hit different rows.
            let path = paths[(worker + iteration * workers) % paths.count]
            return await gateway.get(path).outcome
        }
    }
}
