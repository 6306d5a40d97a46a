#include "CRabbitMQShim.h"

#include <amqp_tcp_socket.h>
#include <stdio.h>
#include <string.h>

static void set_error(char *err, size_t len, const char *what, const char *detail) {
    if (err && len) snprintf(err, len, "%s: %s", what, detail ? detail : "unknown error");
}

/* Turns an RPC reply into 0 or -1 plus a readable message. */
static int check_reply(amqp_rpc_reply_t reply, const char *what, char *err, size_t len) {
    char buffer[200];
    switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return 0;
    case AMQP_RESPONSE_NONE:
        set_error(err, len, what, "missing RPC reply");
        return -1;
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        set_error(err, len, what, amqp_error_string2(reply.library_error));
        return -1;
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
            amqp_connection_close_t *m = (amqp_connection_close_t *)reply.reply.decoded;
            snprintf(buffer, sizeof buffer, "connection closed %u %.*s", m->reply_code,
                     (int)m->reply_text.len, (char *)m->reply_text.bytes);
        } else if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
            amqp_channel_close_t *m = (amqp_channel_close_t *)reply.reply.decoded;
            snprintf(buffer, sizeof buffer, "channel closed %u %.*s", m->reply_code,
                     (int)m->reply_text.len, (char *)m->reply_text.bytes);
        } else {
            snprintf(buffer, sizeof buffer, "server error, method 0x%08X", reply.reply.id);
        }
        set_error(err, len, what, buffer);
        return -1;
    }
    return -1;
}

static amqp_bytes_t bytes_or_empty(const char *s) {
    return s ? amqp_cstring_bytes(s) : amqp_empty_bytes;
}

amqp_connection_state_t og_connect(const char *host, int port, const char *vhost,
                                   const char *user, const char *password,
                                   int heartbeat_seconds, int connect_timeout_ms,
                                   char *err, size_t err_len) {
    amqp_connection_state_t conn = amqp_new_connection();
    if (!conn) { set_error(err, err_len, "connect", "out of memory"); return NULL; }
    amqp_socket_t *socket = amqp_tcp_socket_new(conn);
    if (!socket) { set_error(err, err_len, "connect", "cannot create socket"); amqp_destroy_connection(conn); return NULL; }
    struct timeval timeout = { connect_timeout_ms / 1000, (connect_timeout_ms % 1000) * 1000 };
    int status = amqp_socket_open_noblock(socket, host, port, &timeout);
    if (status != AMQP_STATUS_OK) {
        set_error(err, err_len, "connect", amqp_error_string2(status));
        amqp_destroy_connection(conn);
        return NULL;
    }
    /* Bounds every later blocking RPC (declare, login...) so a dead broker cannot hang the thread. */
    struct timeval rpc_timeout = { 10, 0 };
    amqp_set_rpc_timeout(conn, &rpc_timeout);
    amqp_rpc_reply_t reply = amqp_login(conn, vhost, 0, 131072, heartbeat_seconds,
                                        AMQP_SASL_METHOD_PLAIN, user, password);
    if (check_reply(reply, "login", err, err_len) != 0) {
        amqp_destroy_connection(conn);
        return NULL;
    }
    return conn;
}

void og_disconnect(amqp_connection_state_t conn, int polite) {
    if (!conn) return;
    if (polite) amqp_connection_close(conn, AMQP_REPLY_SUCCESS);
    amqp_destroy_connection(conn);
}

int og_channel_open(amqp_connection_state_t conn, uint16_t channel, char *err, size_t err_len) {
    amqp_channel_open(conn, channel);
    return check_reply(amqp_get_rpc_reply(conn), "channel.open", err, err_len);
}

int og_confirm_select(amqp_connection_state_t conn, uint16_t channel, char *err, size_t err_len) {
    amqp_confirm_select(conn, channel);
    return check_reply(amqp_get_rpc_reply(conn), "confirm.select", err, err_len);
}

int og_basic_qos(amqp_connection_state_t conn, uint16_t channel, uint16_t prefetch, char *err, size_t err_len) {
    amqp_basic_qos(conn, channel, 0, prefetch, 0);
    return check_reply(amqp_get_rpc_reply(conn), "basic.qos", err, err_len);
}

int og_exchange_declare(amqp_connection_state_t conn, uint16_t channel, const char *name,
                        const char *type, char *err, size_t err_len) {
    amqp_exchange_declare(conn, channel, amqp_cstring_bytes(name), amqp_cstring_bytes(type),
                          0, 1, 0, 0, amqp_empty_table);
    return check_reply(amqp_get_rpc_reply(conn), "exchange.declare", err, err_len);
}

int og_queue_declare(amqp_connection_state_t conn, uint16_t channel, const char *name,
                     int quorum, const char *dead_letter_exchange, const char *dead_letter_routing_key,
                     int delivery_limit, int message_ttl_ms, int exclusive_auto_delete,
                     char *err, size_t err_len) {
    amqp_table_entry_t entries[5];
    int count = 0;
    if (quorum) {
        entries[count].key = amqp_cstring_bytes("x-queue-type");
        entries[count].value.kind = AMQP_FIELD_KIND_UTF8;
        entries[count].value.value.bytes = amqp_cstring_bytes("quorum");
        count++;
    }
    if (dead_letter_exchange) {
        entries[count].key = amqp_cstring_bytes("x-dead-letter-exchange");
        entries[count].value.kind = AMQP_FIELD_KIND_UTF8;
        entries[count].value.value.bytes = amqp_cstring_bytes(dead_letter_exchange);
        count++;
        if (dead_letter_routing_key) {
            entries[count].key = amqp_cstring_bytes("x-dead-letter-routing-key");
            entries[count].value.kind = AMQP_FIELD_KIND_UTF8;
            entries[count].value.value.bytes = amqp_cstring_bytes(dead_letter_routing_key);
            count++;
        }
    }
    if (quorum && delivery_limit > 0) {
        entries[count].key = amqp_cstring_bytes("x-delivery-limit");
        entries[count].value.kind = AMQP_FIELD_KIND_I32;
        entries[count].value.value.i32 = delivery_limit;
        count++;
    }
    if (message_ttl_ms > 0) {
        entries[count].key = amqp_cstring_bytes("x-message-ttl");
        entries[count].value.kind = AMQP_FIELD_KIND_I32;
        entries[count].value.value.i32 = message_ttl_ms;
        count++;
    }
    amqp_table_t arguments = { count, entries };
    int durable = exclusive_auto_delete ? 0 : 1;
    amqp_queue_declare(conn, channel, amqp_cstring_bytes(name), 0, durable,
                       exclusive_auto_delete, exclusive_auto_delete, arguments);
    return check_reply(amqp_get_rpc_reply(conn), "queue.declare", err, err_len);
}

int og_queue_bind(amqp_connection_state_t conn, uint16_t channel, const char *queue,
                  const char *exchange, const char *routing_key, char *err, size_t err_len) {
    amqp_queue_bind(conn, channel, amqp_cstring_bytes(queue), amqp_cstring_bytes(exchange),
                    amqp_cstring_bytes(routing_key), amqp_empty_table);
    return check_reply(amqp_get_rpc_reply(conn), "queue.bind", err, err_len);
}

long og_queue_purge(amqp_connection_state_t conn, uint16_t channel, const char *queue, char *err, size_t err_len) {
    amqp_queue_purge_ok_t *ok = amqp_queue_purge(conn, channel, amqp_cstring_bytes(queue));
    if (check_reply(amqp_get_rpc_reply(conn), "queue.purge", err, err_len) != 0 || !ok) return -1;
    return (long)ok->message_count;
}

int og_queue_delete(amqp_connection_state_t conn, uint16_t channel, const char *queue, char *err, size_t err_len) {
    amqp_queue_delete(conn, channel, amqp_cstring_bytes(queue), 0, 0);
    return check_reply(amqp_get_rpc_reply(conn), "queue.delete", err, err_len);
}

long og_queue_message_count(amqp_connection_state_t conn, uint16_t channel, const char *queue, char *err, size_t err_len) {
    uint32_t messages = 0, consumers = 0;
    if (og_queue_inspect(conn, channel, queue, &messages, &consumers, err, err_len) != 0) return -1;
    return (long)messages;
}

int og_queue_inspect(amqp_connection_state_t conn, uint16_t channel, const char *queue,
                     uint32_t *messages, uint32_t *consumers, char *err, size_t err_len) {
    amqp_queue_declare_ok_t *ok = amqp_queue_declare(conn, channel, amqp_cstring_bytes(queue), 1, 0, 0, 0, amqp_empty_table);
    if (check_reply(amqp_get_rpc_reply(conn), "queue.declare(passive)", err, err_len) != 0 || !ok) return -1;
    *messages = ok->message_count;
    *consumers = ok->consumer_count;
    return 0;
}

int og_basic_consume(amqp_connection_state_t conn, uint16_t channel, const char *queue, int no_ack,
                     char *tag_out, size_t tag_len, char *err, size_t err_len) {
    amqp_basic_consume_ok_t *ok = amqp_basic_consume(conn, channel, amqp_cstring_bytes(queue), amqp_empty_bytes,
                                                     0, no_ack, 0, amqp_empty_table);
    if (check_reply(amqp_get_rpc_reply(conn), "basic.consume", err, err_len) != 0 || !ok) return -1;
    if (tag_out && tag_len) snprintf(tag_out, tag_len, "%.*s", (int)ok->consumer_tag.len, (char *)ok->consumer_tag.bytes);
    return 0;
}

int og_basic_cancel(amqp_connection_state_t conn, uint16_t channel, const char *tag, char *err, size_t err_len) {
    amqp_basic_cancel(conn, channel, amqp_cstring_bytes(tag));
    return check_reply(amqp_get_rpc_reply(conn), "basic.cancel", err, err_len);
}

int og_basic_publish(amqp_connection_state_t conn, uint16_t channel, const og_publish_t *m) {
    amqp_basic_properties_t props;
    memset(&props, 0, sizeof props);
    amqp_table_entry_t headers[4];
    int header_count = 0;

    props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_TIMESTAMP_FLAG;
    props.delivery_mode = m->persistent ? 2 : 1;
    props.timestamp = m->timestamp;
    if (m->content_type) { props._flags |= AMQP_BASIC_CONTENT_TYPE_FLAG; props.content_type = amqp_cstring_bytes(m->content_type); }
    if (m->message_id) { props._flags |= AMQP_BASIC_MESSAGE_ID_FLAG; props.message_id = amqp_cstring_bytes(m->message_id); }
    if (m->type) { props._flags |= AMQP_BASIC_TYPE_FLAG; props.type = amqp_cstring_bytes(m->type); }
    if (m->correlation_id) { props._flags |= AMQP_BASIC_CORRELATION_ID_FLAG; props.correlation_id = amqp_cstring_bytes(m->correlation_id); }
    if (m->reply_to) { props._flags |= AMQP_BASIC_REPLY_TO_FLAG; props.reply_to = amqp_cstring_bytes(m->reply_to); }
    if (m->expiration_ms) { props._flags |= AMQP_BASIC_EXPIRATION_FLAG; props.expiration = amqp_cstring_bytes(m->expiration_ms); }
    if (m->traceparent) {
        headers[header_count].key = amqp_cstring_bytes("traceparent");
        headers[header_count].value.kind = AMQP_FIELD_KIND_UTF8;
        headers[header_count].value.value.bytes = amqp_cstring_bytes(m->traceparent);
        header_count++;
    }
    if (m->deadline_ms > 0) {
        headers[header_count].key = amqp_cstring_bytes("x-deadline");
        headers[header_count].value.kind = AMQP_FIELD_KIND_I64;
        headers[header_count].value.value.i64 = m->deadline_ms;
        header_count++;
    }
    if (m->attempt > 0) {
        headers[header_count].key = amqp_cstring_bytes("x-attempt");
        headers[header_count].value.kind = AMQP_FIELD_KIND_I32;
        headers[header_count].value.value.i32 = m->attempt;
        header_count++;
    }
    if (m->published_ms > 0) {
        headers[header_count].key = amqp_cstring_bytes("x-published-ms");
        headers[header_count].value.kind = AMQP_FIELD_KIND_I64;
        headers[header_count].value.value.i64 = m->published_ms;
        header_count++;
    }
    if (header_count > 0) {
        props._flags |= AMQP_BASIC_HEADERS_FLAG;
        props.headers.num_entries = header_count;
        props.headers.entries = headers;
    }
    amqp_bytes_t body = { m->body_len, (void *)m->body };
    return amqp_basic_publish(conn, channel, bytes_or_empty(m->exchange), amqp_cstring_bytes(m->routing_key),
                              m->mandatory, 0, &props, body);
}

int og_basic_ack(amqp_connection_state_t conn, uint16_t channel, uint64_t tag, int multiple) {
    return amqp_basic_ack(conn, channel, tag, multiple);
}

int og_basic_reject(amqp_connection_state_t conn, uint16_t channel, uint64_t tag, int requeue) {
    return amqp_basic_reject(conn, channel, tag, requeue);
}

static int64_t header_integer(const amqp_table_t *table, const char *name) {
    size_t len = strlen(name);
    for (int i = 0; i < table->num_entries; i++) {
        const amqp_table_entry_t *e = &table->entries[i];
        if (e->key.len != len || memcmp(e->key.bytes, name, len) != 0) continue;
        switch (e->value.kind) {
        case AMQP_FIELD_KIND_I8: return e->value.value.i8;
        case AMQP_FIELD_KIND_U8: return e->value.value.u8;
        case AMQP_FIELD_KIND_I16: return e->value.value.i16;
        case AMQP_FIELD_KIND_U16: return e->value.value.u16;
        case AMQP_FIELD_KIND_I32: return e->value.value.i32;
        case AMQP_FIELD_KIND_U32: return e->value.value.u32;
        case AMQP_FIELD_KIND_I64: return e->value.value.i64;
        case AMQP_FIELD_KIND_U64: return (int64_t)e->value.value.u64;
        case AMQP_FIELD_KIND_TIMESTAMP: return (int64_t)e->value.value.u64;
        default: return 0;
        }
    }
    return 0;
}

static amqp_bytes_t header_string(const amqp_table_t *table, const char *name) {
    size_t len = strlen(name);
    for (int i = 0; i < table->num_entries; i++) {
        const amqp_table_entry_t *e = &table->entries[i];
        if (e->key.len == len && memcmp(e->key.bytes, name, len) == 0
            && (e->value.kind == AMQP_FIELD_KIND_UTF8 || e->value.kind == AMQP_FIELD_KIND_BYTES))
            return e->value.value.bytes;
    }
    return amqp_empty_bytes;
}

static void take_properties(og_event_t *event) {
    amqp_basic_properties_t *p = &event->message_.properties;
    event->body = event->message_.body;
    if (p->_flags & AMQP_BASIC_MESSAGE_ID_FLAG) event->message_id = p->message_id;
    if (p->_flags & AMQP_BASIC_TYPE_FLAG) event->type = p->type;
    if (p->_flags & AMQP_BASIC_CORRELATION_ID_FLAG) event->correlation_id = p->correlation_id;
    if (p->_flags & AMQP_BASIC_REPLY_TO_FLAG) event->reply_to = p->reply_to;
    if (p->_flags & AMQP_BASIC_CONTENT_TYPE_FLAG) event->content_type = p->content_type;
    if (p->_flags & AMQP_BASIC_TIMESTAMP_FLAG) event->timestamp = p->timestamp;
    if (p->_flags & AMQP_BASIC_HEADERS_FLAG) {
        event->traceparent = header_string(&p->headers, "traceparent");
        event->deadline_ms = header_integer(&p->headers, "x-deadline");
        event->attempt = (int32_t)header_integer(&p->headers, "x-attempt");
        event->delivery_count = header_integer(&p->headers, "x-delivery-count");
        event->published_ms = header_integer(&p->headers, "x-published-ms");
    }
}

static int read_content(amqp_connection_state_t conn, og_event_t *event) {
    amqp_rpc_reply_t reply = amqp_read_message(conn, event->channel, &event->message_, 0);
    if (check_reply(reply, "read message", event->error, sizeof event->error) != 0) return -1;
    event->has_message_ = 1;
    take_properties(event);
    return 0;
}

void og_next_event(amqp_connection_state_t conn, struct timeval *timeout, og_event_t *event) {
    memset(event, 0, sizeof *event);
    amqp_frame_t frame;
    int status = amqp_simple_wait_frame_noblock(conn, &frame, timeout);
    if (status == AMQP_STATUS_TIMEOUT) { event->kind = OG_EVENT_NONE; return; }
    if (status != AMQP_STATUS_OK) {
        event->kind = OG_EVENT_CLOSED;
        set_error(event->error, sizeof event->error, "read", amqp_error_string2(status));
        return;
    }
    event->channel = frame.channel;
    if (frame.frame_type != AMQP_FRAME_METHOD) { event->kind = OG_EVENT_OTHER; return; }
    switch (frame.payload.method.id) {
    case AMQP_BASIC_DELIVER_METHOD: {
        amqp_basic_deliver_t *d = (amqp_basic_deliver_t *)frame.payload.method.decoded;
        event->kind = OG_EVENT_DELIVERY;
        event->delivery_tag = d->delivery_tag;
        event->redelivered = d->redelivered;
        event->consumer_tag = d->consumer_tag;
        event->exchange = d->exchange;
        event->routing_key = d->routing_key;
        if (read_content(conn, event) != 0) event->kind = OG_EVENT_CLOSED;
        return;
    }
    case AMQP_BASIC_ACK_METHOD: {
        amqp_basic_ack_t *a = (amqp_basic_ack_t *)frame.payload.method.decoded;
        event->kind = OG_EVENT_ACK;
        event->delivery_tag = a->delivery_tag;
        event->multiple = a->multiple;
        return;
    }
    case AMQP_BASIC_NACK_METHOD: {
        amqp_basic_nack_t *n = (amqp_basic_nack_t *)frame.payload.method.decoded;
        event->kind = OG_EVENT_NACK;
        event->delivery_tag = n->delivery_tag;
        event->multiple = n->multiple;
        return;
    }
    case AMQP_BASIC_RETURN_METHOD: {
        amqp_basic_return_t *r = (amqp_basic_return_t *)frame.payload.method.decoded;
        event->kind = OG_EVENT_RETURN;
        event->exchange = r->exchange;
        event->routing_key = r->routing_key;
        snprintf(event->error, sizeof event->error, "%u %.*s", r->reply_code,
                 (int)r->reply_text.len, (char *)r->reply_text.bytes);
        if (read_content(conn, event) != 0) event->kind = OG_EVENT_CLOSED;
        return;
    }
    case AMQP_BASIC_CANCEL_METHOD: {
        amqp_basic_cancel_t *c = (amqp_basic_cancel_t *)frame.payload.method.decoded;
        event->kind = OG_EVENT_CANCELLED;
        event->consumer_tag = c->consumer_tag;
        return;
    }
    case AMQP_CHANNEL_CLOSE_METHOD: {
        amqp_channel_close_t *m = (amqp_channel_close_t *)frame.payload.method.decoded;
        event->kind = OG_EVENT_CLOSED;
        snprintf(event->error, sizeof event->error, "channel closed by broker: %u %.*s", m->reply_code,
                 (int)m->reply_text.len, (char *)m->reply_text.bytes);
        return;
    }
    case AMQP_CONNECTION_CLOSE_METHOD: {
        amqp_connection_close_t *m = (amqp_connection_close_t *)frame.payload.method.decoded;
        event->kind = OG_EVENT_CLOSED;
        snprintf(event->error, sizeof event->error, "connection closed by broker: %u %.*s", m->reply_code,
                 (int)m->reply_text.len, (char *)m->reply_text.bytes);
        return;
    }
    default:
        event->kind = OG_EVENT_OTHER;
        return;
    }
}

void og_event_release(amqp_connection_state_t conn, og_event_t *event) {
    if (event->has_message_) amqp_destroy_message(&event->message_);
    event->has_message_ = 0;
    amqp_maybe_release_buffers(conn);
}

int og_has_buffered_data(amqp_connection_state_t conn) {
    return amqp_frames_enqueued(conn) || amqp_data_in_buffer(conn);
}
