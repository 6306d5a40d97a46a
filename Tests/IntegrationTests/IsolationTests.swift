import Foundation
import Messaging
import PostgresNIO
import Testing

extension Integration {
    /// Each service's database role and broker user reach only what is its own.
    @Suite struct IsolationTests {
        let environment = TestEnvironment.shared

        @Test func aServiceRoleCannotReadAnotherServicesSchema() async throws {
            try await withPostgres(role: "processing") { client in
                try await client.query("CREATE TABLE IF NOT EXISTS processing.isolation_probe (n int)", logger: testLogger)
            }
            try await withPostgres(role: "intake") { client in
                do {
                    try await client.query("SELECT count(*) FROM processing.isolation_probe", logger: testLogger)
                    Issue.record("intake could read the processing schema")
                } catch let error as PSQLError {
                    #expect(error.serverInfo?[.sqlState] == "42501", "permission denied")
                }
                do {
                    try await client.query("CREATE TABLE public.intruder (n int)", logger: testLogger)
                    Issue.record("intake could create a table in public")
                } catch let error as PSQLError {
                    #expect(error.serverInfo?[.sqlState] == "42501", "permission denied")
                }
            }
        }

        @Test func aServiceBrokerUserCannotReadAnotherServicesQueue() async throws {
            let queue = "processing.isolation-probe"
            func link(as user: String) -> AMQPLink {
                var configuration = environment.adminBroker
                configuration.username = user
                configuration.password = "onegate-\(user)"
                return AMQPLink(configuration: configuration, options: LinkOptions(name: "probe-\(user)", confirms: false),
                                logger: testLogger)
            }
            let owner = link(as: "processing")
            #expect(await eventually { owner.isConnected })
            try await owner.withChannel { try $0.declare(Topology(queues: [Topology.Queue(name: queue)])) }
            #expect(try await owner.withChannel { try $0.purge(queue: queue) } == 0)

            let stranger = link(as: "intake")
            #expect(await eventually { stranger.isConnected })
            let refusal = await #expect(throws: BrokerOperationError.self) {
                try await stranger.withChannel { try $0.purge(queue: queue) }
            }
            #expect(refusal?.description.contains("403 ACCESS_REFUSED") == true, "\(String(describing: refusal))")
            try await owner.withChannel { try $0.delete(queue: queue); try $0.delete(queue: queue + ".dlq") }
            await owner.shutdown()
            await stranger.shutdown()
        }
    }
}
