import CRabbitMQ
import CRabbitMQShim
import Foundation
import Logging
import Synchronization

/// What a link does besides connecting.
public struct LinkOptions: Sendable {
    /// Shown in logs and in the thread name.
    public var name: String
    /// Publisher confirms: `publish` returns only once the broker has taken responsibility.
    public var confirms: Bool
    /// Unacknowledged deliveries the broker may push per consumer (0: unlimited).
    public var prefetch: UInt16
    /// Declared on every (re)connection.
    public var topology: Topology
    /// How long a publish may wait — across reconnections — before it fails.
    public var publishTimeoutMilliseconds: Int

    public init(name: String, confirms: Bool, prefetch: UInt16 = 0, topology: Topology = Topology(),
                publishTimeoutMilliseconds: Int = 30_000) {
        self.name = name
        self.confirms = confirms
        self.prefetch = prefetch
        self.topology = topology
        self.publishTimeoutMilliseconds = publishTimeoutMilliseconds
    }
}

/// One AMQP connection (with one channel) owned by a dedicated thread.
///
/// rabbitmq-c connections are not thread-safe and every call may block, so nothing but the link's
/// own thread ever touches the connection, and no blocking call runs on Swift's cooperative pool.
/// Callers hand work to the thread through a mailbox and a wake-up pipe and await the result.
/// When the broker goes away the thread reconnects with back-off, declares the topology again,
/// resumes the consumers and re-publishes what was not yet confirmed.
///
/// `@unchecked Sendable`: the mutable state lives in `LinkDriver`, confined to the thread; the
/// fields here are immutable or guarded by `Mutex`/`Atomic`.
public final class AMQPLink: @unchecked Sendable {
    typealias Job = @Sendable (LinkDriver) -> Void

    struct Mailbox {
        var jobs: [Job] = []
        var stopRequested = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
        var finished = false
    }

    struct Handlers {
        var onReturn: (@Sendable (ReturnedMessage) -> Void)?
        var onConnectionLost: (@Sendable () -> Void)?
    }

    public let options: LinkOptions
    let configuration: AMQPConfiguration
    let logger: Logger
    let mailbox = Mutex(Mailbox())
    let handlers = Mutex(Handlers())
    let connected = Atomic<Bool>(false)
    let connections = Atomic<Int>(0)
    let wakeFDs: (read: Int32, write: Int32)

    /// Creates the link and starts its thread; the first connection attempt starts at once.
    public init(configuration: AMQPConfiguration, options: LinkOptions, logger: Logger) {
        self.configuration = configuration
        self.options = options
        var logger = logger
        logger[metadataKey: "amqp.link"] = .string(options.name)
        self.logger = logger
        var fds: [Int32] = [-1, -1]
        precondition(og_waker_create(&fds) == 0, "cannot create a pipe for the AMQP link")
        self.wakeFDs = (fds[0], fds[1])
        let driver = SendableBox(LinkDriver(link: self))
        let thread = Thread { driver.value.run() }
        thread.name = "amqp-\(options.name)"
        thread.start()
    }

    deinit {
        var fds: [Int32] = [wakeFDs.read, wakeFDs.write]
        og_waker_close(&fds)
    }

    /// True once the link's thread has ended (after `shutdown`).
    public var isFinished: Bool { mailbox.withLock { $0.finished } }

    /// True while the connection is up (readiness).
    public var isConnected: Bool { connected.load(ordering: .relaxed) }

    /// How many times the link has connected; it changes on every reconnection, after the
    /// topology was declared again and the consumers were registered again.
    public var connectionCount: Int { connections.load(ordering: .acquiring) }

    /// Publishes `message`. With confirms, returns once the broker confirmed it; the message is
    /// re-sent after a reconnection if needed (so a consumer may see it twice: use the inbox).
    public func publish(_ message: OutboundMessage) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            publish(message) { error in
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }

    /// Publishes `message` and calls `completion` (on the link's thread, so keep it short) with nil
    /// once confirmed, or with the error.
    public func publish(_ message: OutboundMessage, completion: @escaping @Sendable ((any Error)?) -> Void) {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(options.publishTimeoutMilliseconds))
        submit { driver in
            driver.startPublish(PendingPublish(message: message, deadline: deadline, completion: completion))
        }
    }

    /// Starts consuming `queue`. Deliveries arrive on the returned stream until the consumer is
    /// cancelled or the link shuts down; the consumer is resumed after every reconnection.
    public func consume(queue: String, noAck: Bool = false) -> AsyncStream<Delivery> {
        let (stream, continuation) = AsyncStream<Delivery>.makeStream()
        submit { driver in driver.addConsumer(queue: queue, noAck: noAck, continuation: continuation) }
        return stream
    }

    /// Acknowledges a delivery. Ignored when the delivery came over an earlier connection: the
    /// broker has requeued it already.
    public func ack(_ delivery: Delivery) {
        submit { driver in driver.settle(delivery, ack: true, requeue: false) }
    }

    /// Rejects a delivery; without `requeue` it goes to the queue's dead-letter exchange.
    public func reject(_ delivery: Delivery, requeue: Bool) {
        submit { driver in driver.settle(delivery, ack: false, requeue: requeue) }
    }

    /// Stops every consumer of the link (graceful shutdown: in-flight deliveries may still be acked).
    public func cancelConsumers() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            submit { driver in
                driver.cancelConsumers()
                continuation.resume()
            }
        }
    }

    /// Runs a synchronous broker operation (declare, purge…) on the link's thread. The link's
    /// consumers and publishes wait meanwhile, and a failed operation costs the link its
    /// connection (see `ChannelOperations`): run probes that may fail on a link of their own.
    public func withChannel<T: Sendable>(_ body: @escaping @Sendable (ChannelOperations) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            submit { driver in
                continuation.resume(with: Result { try body(ChannelOperations(driver: driver)) })
            }
        }
    }

    /// Waits for unconfirmed publishes (bounded), closes the connection and ends the thread.
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = mailbox.withLock { box -> Bool in
                if box.finished { return true }
                box.stopRequested = true
                box.stopWaiters.append(continuation)
                return false
            }
            if finished { continuation.resume() } else { wake() }
        }
    }

    func setReturnHandler(_ handler: @escaping @Sendable (ReturnedMessage) -> Void) {
        handlers.withLock { $0.onReturn = handler }
    }

    func setConnectionLostHandler(_ handler: @escaping @Sendable () -> Void) {
        handlers.withLock { $0.onConnectionLost = handler }
    }

    func submit(_ job: @escaping Job) {
        let accepted = mailbox.withLock { box -> Bool in
            guard !box.finished else { return false }
            box.jobs.append(job)
            return true
        }
        if accepted { wake() } else { job(LinkDriver.closed(link: self)) }
    }

    func wake() { og_waker_signal(wakeFDs.write) }

    func takeMailbox() -> (jobs: [Job], stop: Bool) {
        mailbox.withLock { box in
            let jobs = box.jobs
            box.jobs.removeAll(keepingCapacity: true)
            return (jobs, box.stopRequested)
        }
    }

    func markFinished() -> [CheckedContinuation<Void, Never>] {
        mailbox.withLock { box in
            box.finished = true
            let waiters = box.stopWaiters
            box.stopWaiters.removeAll()
            return waiters
        }
    }
}

/// Moves a value into another thread's closure. Used only to hand `LinkDriver` to its own thread,
/// after which no other thread touches it.
struct SendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
