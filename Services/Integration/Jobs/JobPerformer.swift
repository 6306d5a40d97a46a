import Logging

/// Sends one kind of job. `perform` never throws: every failure is an outcome the worker records.
protocol JobPerformer: Sendable {
    func perform(_ job: Job, logger: Logger) async -> JobOutcome
    /// Called once when a job of this kind has just been dead-lettered.
    func deadLettered(_ job: Job, reason: String, logger: Logger) async
}

extension JobPerformer {
    func deadLettered(_ job: Job, reason: String, logger: Logger) async {}
}
