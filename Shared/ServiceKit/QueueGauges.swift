import Logging
import Messaging
import Metrics
import Synchronization

/// Depth and consumers of every queue a service consumes and the size of each one's dead-letter
/// queue: `onegate_queue_messages{queue}`, `onegate_queue_consumers{queue}` and
/// `onegate_dead_letter_messages{queue}` (labelled with the consumed queue, not the `.dlq`).
///
/// Read by passive `queue.declare`s on a probe link of its own, never on a consuming link: a
/// probe blocks its link's thread for a round trip, and a failure (say a queue an operator
/// deleted) closes the channel — on a consuming link that would stop its consumers until the
/// reconnection. A link's queues are probed only while that link is connected, i.e. after it
/// declared them. Every instance of a service reports the same broker-wide figures.
final class QueueGauges: GaugeCollector {
    struct Probe: Sendable {
        let queue: String
        let deadLetterQueue: String?
        let messages: Gauge
        let consumers: Gauge
        let deadLetters: Gauge?
    }

    let probeLink: AMQPLink
    let sources: [(link: AMQPLink, probes: [Probe])]
    let logger: Logger

    init(configuration: AMQPConfiguration, name: String, consuming links: [AMQPLink], logger: Logger) {
        self.probeLink = AMQPLink(configuration: configuration,
                              options: LinkOptions(name: name, confirms: false, topology: Topology(exchanges: [])),
                              logger: logger)
        self.logger = logger
        self.sources = links.map { link in
            (link, link.options.topology.queues.map { queue in
                let dimensions = [("queue", queue.name)]
                return Probe(queue: queue.name, deadLetterQueue: queue.deadLetter ? queue.deadLetterQueue : nil,
                             messages: Gauge(label: "onegate_queue_messages", dimensions: dimensions),
                             consumers: Gauge(label: "onegate_queue_consumers", dimensions: dimensions),
                             deadLetters: queue.deadLetter
                                 ? Gauge(label: "onegate_dead_letter_messages", dimensions: dimensions) : nil)
            })
        }
    }

    func collect() async {
        let probes = sources.filter { $0.link.isConnected }.flatMap(\.probes)
        guard !probes.isEmpty, probeLink.isConnected else { return }
        do {
            let readings = try await probeLink.withChannel { channel in
                try probes.map { probe in
                    (try channel.inspect(queue: probe.queue), try probe.deadLetterQueue.map { try channel.inspect(queue: $0) })
                }
            }
            for (probe, (queue, deadLetters)) in zip(probes, readings) {
                probe.messages.record(queue.messages)
                probe.consumers.record(queue.consumers)
                if let deadLetters { probe.deadLetters?.record(deadLetters.messages) }
            }
        } catch {
            logger.debug("cannot read the queues' depths", metadata: ["error": "\(error)"])
        }
    }

    func close() async {
        await probeLink.shutdown()
    }
}
