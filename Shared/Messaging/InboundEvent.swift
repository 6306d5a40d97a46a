import CRabbitMQ
import CRabbitMQShim
import Foundation

/// A delivery's fields copied out of rabbitmq-c's buffers (which are reused on the next read).
struct RawDelivery {
    let queue: String
    let tag: UInt64
    let redelivered: Bool
    let exchange: String
    let routingKey: String
    let body: Data
    let messageID: String?
    let type: String?
    let correlationID: String?
    let replyTo: String?
    let traceparent: String?
    let timestamp: UInt64
    let deadlineMilliseconds: Int64
    let deliveryCount: Int64
    let publishedMilliseconds: Int64
}

/// What one read from the connection produced.
enum InboundEvent {
    case none
    case other
    case delivery(ConsumerRegistration, RawDelivery)
    case orphanDelivery(tag: UInt64, consumerTag: String)
    case confirm(tag: UInt64, multiple: Bool, ok: Bool)
    case returned(ReturnedMessage)
    case cancelledByBroker(String)
    case closed(String)

    init(_ raw: og_event_t, queueForTag: (String) -> ConsumerRegistration?) {
        var raw = raw
        switch raw.kind {
        case Int32(OG_EVENT_NONE):
            self = .none
        case Int32(OG_EVENT_DELIVERY):
            let tag = string(raw.consumer_tag) ?? ""
            guard let consumer = queueForTag(tag) else {
                self = .orphanDelivery(tag: raw.delivery_tag, consumerTag: tag)
                return
            }
            self = .delivery(consumer, RawDelivery(
                queue: consumer.queue, tag: raw.delivery_tag, redelivered: raw.redelivered != 0,
                exchange: string(raw.exchange) ?? "", routingKey: string(raw.routing_key) ?? "",
                body: data(raw.body), messageID: string(raw.message_id), type: string(raw.type),
                correlationID: string(raw.correlation_id), replyTo: string(raw.reply_to),
                traceparent: string(raw.traceparent), timestamp: raw.timestamp,
                deadlineMilliseconds: raw.deadline_ms, deliveryCount: raw.delivery_count,
                publishedMilliseconds: raw.published_ms))
        case Int32(OG_EVENT_ACK), Int32(OG_EVENT_NACK):
            self = .confirm(tag: raw.delivery_tag, multiple: raw.multiple != 0, ok: raw.kind == Int32(OG_EVENT_ACK))
        case Int32(OG_EVENT_RETURN):
            self = .returned(ReturnedMessage(routingKey: string(raw.routing_key) ?? "",
                                             correlationID: string(raw.correlation_id),
                                             reason: errorText(&raw)))
        case Int32(OG_EVENT_CANCELLED):
            self = .cancelledByBroker("the broker cancelled consumer \(string(raw.consumer_tag) ?? "?")")
        case Int32(OG_EVENT_CLOSED):
            self = .closed(errorText(&raw))
        default:
            self = .other
        }
    }
}

extension Delivery {
    init(copying raw: RawDelivery, generation: UInt64) {
        self.init(queue: raw.queue, exchange: raw.exchange, routingKey: raw.routingKey, body: raw.body,
                  messageID: raw.messageID, type: raw.type, correlationID: raw.correlationID,
                  replyTo: raw.replyTo, traceparent: raw.traceparent,
                  timestamp: raw.timestamp > 0 ? Date(timeIntervalSince1970: TimeInterval(raw.timestamp)) : nil,
                  deadline: raw.deadlineMilliseconds > 0
                      ? Date(timeIntervalSince1970: TimeInterval(raw.deadlineMilliseconds) / 1000) : nil,
                  publishedAt: raw.publishedMilliseconds > 0
                      ? Date(timeIntervalSince1970: TimeInterval(raw.publishedMilliseconds) / 1000) : nil,
                  redelivered: raw.redelivered, deliveryCount: Int(raw.deliveryCount),
                  tag: raw.tag, generation: generation)
    }
}

private func data(_ bytes: amqp_bytes_t) -> Data {
    guard bytes.len > 0, let pointer = bytes.bytes else { return Data() }
    return Data(bytes: pointer, count: bytes.len)
}

private func string(_ bytes: amqp_bytes_t) -> String? {
    guard bytes.len > 0, let pointer = bytes.bytes else { return nil }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: bytes.len), as: UTF8.self)
}

private func errorText(_ raw: inout og_event_t) -> String {
    withUnsafeBytes(of: &raw.error) { buffer in
        String(cString: buffer.baseAddress!.assumingMemoryBound(to: CChar.self))
    }
}
