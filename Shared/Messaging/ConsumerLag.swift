import Foundation
import Metrics

/// How long messages of one queue waited between their publication and the start of their
/// handling: `onegate_message_lag_seconds{queue}`, a histogram.
///
/// Measured from the millisecond header `x-published-ms` that every link stamps at publish (the
/// AMQP `timestamp` has second resolution, too coarse for a lag of milliseconds). Messages
/// without the header (from other publishers, or published before the header existed) are not
/// counted. The clocks of publisher and consumer are assumed in step; a negative difference
/// (clock skew) counts as zero.
struct ConsumerLag: Sendable {
    let timer: Metrics.Timer

    init(queue: String) {
        timer = Metrics.Timer(label: "onegate_message_lag_seconds", dimensions: [("queue", queue)],
                              preferredDisplayUnit: .seconds)
    }

    /// Records `delivery`'s lag as of `now` (its handling starts).
    func record(_ delivery: Delivery, now: Date = Date()) {
        guard let published = delivery.publishedAt else { return }
        let lag = max(0, now.timeIntervalSince(published))
        timer.recordNanoseconds(Int64(lag * 1_000_000_000))
    }
}
