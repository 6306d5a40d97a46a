import Foundation
import ServiceKit
import ServiceLifecycle

/// The background job of every documents instance: removes abandoned transfers (older than the
/// upload time-to-live) at start-up and every minute, and runs the retention purge every
/// `ONEGATE_DOCUMENTS_PURGE_INTERVAL_SECONDS` (default 3600; 0 turns it off).
struct Housekeeping: Sendable {
    let runtime: ServiceRuntime
    let settings: DocumentsSettings
    let blobs: BlobStore
    let purge: RetentionPurge

    func run() async {
        await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        let purgeEvery = TimeInterval(runtime.environment.int("ONEGATE_DOCUMENTS_PURGE_INTERVAL_SECONDS", default: 3_600))
        var lastPurge = Date()
        while !Task.isCancelled {
            let swept = blobs.sweep(olderThan: settings.uploadTimeToLive)
            if swept > 0 { runtime.logger.info("abandoned transfers removed", metadata: ["files": "\(swept)"]) }
            if purgeEvery > 0 && Date().timeIntervalSince(lastPurge) >= purgeEvery {
                lastPurge = Date()
                do {
                    let outcome = try await purge.run(on: runtime.database, logger: runtime.logger)
                    runtime.logger.info("retention purge", metadata: ["documents": "\(outcome.documents)", "blobs": "\(outcome.blobs)"])
                } catch {
                    runtime.logger.warning("retention purge failed", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
            try? await Task.sleep(for: .seconds(60))
        }
    }
}
