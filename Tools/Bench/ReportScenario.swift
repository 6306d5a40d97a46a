/// Scenario d: the statistical report of one province-year (`GET /api/v1/reports/summary`),
/// asked `repeats` times one after another by the administrator of province H62 (`admin.h62`), whose
/// scope is every agency of the province (the synthetic dossiers of `reporting generate --province H62`).
struct ReportScenario: Sendable {
    let gateway: GatewayClient
    let users: DemoUsers

    func run(year: Int, agency: String?, repeats: Int, timeLimit: Duration) async -> ClosedLoop.Result {
        let path = "/api/v1/reports/summary?from=\(year)-01-01&to=\(year)-12-31&groupBy=agency" + (agency.map { "&agency=\($0)" } ?? "")
        let admin = users.token("admin.h62")
        return await ClosedLoop.run(workers: 1, duration: timeLimit, maxRequests: repeats) { _, _ in
            await gateway.get(path, token: admin).outcome
        }
    }
}
