import Logging
import PostgresNIO

/// Where a service's schema lives and with which login role (its own, rights on its schema only).
public struct DatabaseConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: String
    public var username: String
    public var password: String
    /// The service's schema; every table name is qualified with it.
    public var schema: String
    public var maximumConnections: Int

    public init(host: String, port: Int, database: String, username: String, password: String,
                schema: String, maximumConnections: Int = 20) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
        self.schema = schema
        self.maximumConnections = maximumConnections
    }

    /// A pooled client; run it (it is a `Service`) before querying.
    public func makeClient(logger: Logger) -> PostgresClient {
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username,
                                                         password: password, database: database, tls: .disable)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 1
        configuration.options.additionalStartupParameters = [("search_path", schema)]
        return PostgresClient(configuration: configuration, backgroundLogger: logger)
    }
}
