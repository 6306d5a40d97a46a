import ArgumentParser

/// `onegate-admin`: the operators' command-line tool.
@main
struct OnegateAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onegate-admin",
        abstract: "Operator commands for onegate (broker connection from ONEGATE_AMQP_* variables).",
        subcommands: [DeadLetters.self])
}

/// `onegate-admin dead-letters …`
struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "Inspect and replay messages dead-lettered to <queue>.dlq.",
        subcommands: [CountDeadLetters.self, ReplayDeadLetters.self])
}
