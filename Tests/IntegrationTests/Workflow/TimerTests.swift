import Foundation
import PostgresNIO
import Testing

extension Integration {
    /// Deadline timers survive restarts and fire once, even with two processing instances.
    @Suite struct TimerTests {
        @Test func timersPendingAcrossARestartFireOnceWithTwoInstances() async throws {
            let cluster = try await ServiceCluster.start()
            let desk = Desk(cluster)
            do {
                // Counter submissions are received at once: their clocks run and their timers are armed.
                var codes: [String] = []
                for _ in 0..<4 { codes.append(try await desk.submit(channel: "direct", as: "officer")) }
                let midStep = try await desk.submit()
                try await desk.bringIntoHandling(midStep)
                codes.append(midStep)
                // Armed: a reminder whose moment has passed (a dossier due today: the reminder is at
                // the opening of the due day) has already fired; the overdue ones wait.
                #expect(try await armedTimers(codes) == codes.count * 2)
                // Processing stops mid-step; meanwhile the deadlines pass (the cases are backdated two weeks).
                #expect(await cluster.halt("processing") == 0)
                for code in codes { try await Desk.backdate(code, days: 14) }
                // Two instances start at once and race for the due timers.
                try cluster.launch("processing", as: "processing")
                try cluster.launch("processing", as: "processing-2")
                let fired = await eventually(timeout: .seconds(30)) { (try? await self.firedTimers(codes)) == codes.count * 2 }
                #expect(fired, "every reminder and overdue timer should fire")
                try await Task.sleep(for: .seconds(2))  // a second pass of both workers must find nothing more
                let events = try await deadlineEvents(codes)
                for code in codes {
                    #expect(events[code]?["processing.dossier.deadline-approaching"] == 1, "\(code): \(events[code] ?? [:])")
                    #expect(events[code]?["processing.dossier.overdue"] == 1, "\(code): \(events[code] ?? [:])")
                    let detail = try await desk.status(code)
                    #expect(detail.json["overdue"] as? Bool == true)
                }
                // Nothing was lost mid-step: the dossier goes on from where it was.
                #expect(try await desk.status(midStep).state == "in-handling")
                try await desk.act(midStep, "complete-step", as: "specialist")
                let overdueQueue = try await desk.get("/api/v1/dossiers?overdue=true&pageSize=100", as: "officer")
                let listed = ((overdueQueue.json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
                #expect(Set(codes).isSubset(of: Set(listed)))
                #expect(await cluster.halt("processing-2") == 0)
            } catch {
                Issue.record(error)
            }
            let exits = await cluster.stop()
            for (service, code) in exits { #expect(code == 0, "\(service) exit \(String(describing: code))") }
        }

        func armedTimers(_ codes: [String]) async throws -> Int {
            try await withPostgres(role: "processing") { client in
                try await client.integer("""
                    SELECT count(*)::int FROM processing.timers WHERE code = ANY(\(codes)) AND cancelled_at IS NULL
                    """)
            }
        }

        func firedTimers(_ codes: [String]) async throws -> Int {
            try await withPostgres(role: "processing") { client in
                try await client.integer("SELECT count(*)::int FROM processing.timers WHERE code = ANY(\(codes)) AND fired_at IS NOT NULL")
            }
        }

        /// Per dossier and routing key, how many deadline events were written to the outbox.
        func deadlineEvents(_ codes: [String]) async throws -> [String: [String: Int]] {
            try await withPostgres(role: "processing") { client in
                var counts: [String: [String: Int]] = [:]
                for try await (code, key, count) in try await client.query("""
                    SELECT body::jsonb->>'subject', routing_key, count(*)::int FROM processing.outbox
                    WHERE routing_key IN ('processing.dossier.deadline-approaching', 'processing.dossier.overdue')
                      AND body::jsonb->>'subject' = ANY(\(codes))
                    GROUP BY 1, 2
                    """, logger: testLogger).decode((String, String, Int).self) {
                    counts[code, default: [:]][key] = count
                }
                return counts
            }
        }
    }
}
