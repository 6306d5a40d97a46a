#ifndef ONEGATE_CRABBITMQ_SHIM_H
#define ONEGATE_CRABBITMQ_SHIM_H

/*
 * A thin C layer over rabbitmq-c 0.11 for the Swift `Messaging` module.
 *
 * Why it exists: `amqp_login` is variadic (Swift cannot call it), and building
 * rabbitmq-c's property structs and argument tables from Swift means juggling
 * borrowed pointers. These functions take plain C strings and numbers, copy
 * nothing the caller must keep alive after returning, and report errors as text.
 * None of them is thread-safe: the Swift side confines each connection to one thread.
 */

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>
#include <amqp.h>
#include <amqp_framing.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opens a TCP connection, logs in (PLAIN) and returns the connection state, or NULL with `err` filled.
amqp_connection_state_t og_connect(const char *host, int port, const char *vhost,
                                   const char *user, const char *password,
                                   int heartbeat_seconds, int connect_timeout_ms,
                                   char *err, size_t err_len);

/// Closes the connection politely when `polite` is non-zero, then frees it.
void og_disconnect(amqp_connection_state_t conn, int polite);

/// Opens `channel`; 0 on success, -1 with `err` filled.
int og_channel_open(amqp_connection_state_t conn, uint16_t channel, char *err, size_t err_len);

/// Puts the channel in publisher-confirm mode.
int og_confirm_select(amqp_connection_state_t conn, uint16_t channel, char *err, size_t err_len);

/// Sets the per-consumer prefetch count of the channel.
int og_basic_qos(amqp_connection_state_t conn, uint16_t channel, uint16_t prefetch, char *err, size_t err_len);

/// Declares an exchange (`type`: direct, topic, fanout), durable.
int og_exchange_declare(amqp_connection_state_t conn, uint16_t channel, const char *name,
                        const char *type, char *err, size_t err_len);

/// Declares a durable queue. `quorum` selects the quorum type; `dead_letter_exchange` (may be NULL)
/// with `dead_letter_routing_key`; `delivery_limit` > 0 sets x-delivery-limit (quorum only);
/// `message_ttl_ms` > 0 sets x-message-ttl. `exclusive_auto_delete` declares a private temporary queue.
int og_queue_declare(amqp_connection_state_t conn, uint16_t channel, const char *name,
                     int quorum, const char *dead_letter_exchange, const char *dead_letter_routing_key,
                     int delivery_limit, int message_ttl_ms, int exclusive_auto_delete,
                     char *err, size_t err_len);

/// Binds `queue` to `exchange` with `routing_key`.
int og_queue_bind(amqp_connection_state_t conn, uint16_t channel, const char *queue,
                  const char *exchange, const char *routing_key, char *err, size_t err_len);

/// Purges a queue; returns the number of purged messages or -1.
long og_queue_purge(amqp_connection_state_t conn, uint16_t channel, const char *queue, char *err, size_t err_len);

/// Deletes a queue (test helper and operator tool); 0 on success.
int og_queue_delete(amqp_connection_state_t conn, uint16_t channel, const char *queue, char *err, size_t err_len);

/// Reads the message count of a queue by a passive declare; -1 when it does not exist.
long og_queue_message_count(amqp_connection_state_t conn, uint16_t channel, const char *queue, char *err, size_t err_len);

/// Reads a queue's ready messages and consumers by a passive declare; 0 on success, -1 with `err`
/// filled (a missing queue also closes the channel, as for any server error).
int og_queue_inspect(amqp_connection_state_t conn, uint16_t channel, const char *queue,
                     uint32_t *messages, uint32_t *consumers, char *err, size_t err_len);

/// Starts consuming `queue`; the server-assigned consumer tag is copied into `tag_out`.
int og_basic_consume(amqp_connection_state_t conn, uint16_t channel, const char *queue, int no_ack,
                     char *tag_out, size_t tag_len, char *err, size_t err_len);

/// Cancels a consumer (synchronous; frames arriving meanwhile stay queued for `og_next_event`).
int og_basic_cancel(amqp_connection_state_t conn, uint16_t channel, const char *tag, char *err, size_t err_len);

/// What to publish. Strings may be NULL when absent.
typedef struct {
    const char *exchange;
    const char *routing_key;
    const void *body;
    size_t body_len;
    const char *message_id;
    const char *type;
    const char *correlation_id;
    const char *reply_to;
    const char *traceparent;
    const char *expiration_ms;
    const char *content_type;
    uint64_t timestamp;
    int persistent;
    int mandatory;
    int64_t deadline_ms; /* header x-deadline (ms since epoch) when > 0 */
    int32_t attempt;     /* header x-attempt when > 0 */
    int64_t published_ms; /* header x-published-ms (ms since epoch) when > 0 */
} og_publish_t;

/// Publishes one message; returns an amqp status (AMQP_STATUS_OK == 0).
int og_basic_publish(amqp_connection_state_t conn, uint16_t channel, const og_publish_t *message);

int og_basic_ack(amqp_connection_state_t conn, uint16_t channel, uint64_t tag, int multiple);
int og_basic_reject(amqp_connection_state_t conn, uint16_t channel, uint64_t tag, int requeue);

/// Kinds of what `og_next_event` read.
enum {
    OG_EVENT_NONE = 0,          /* nothing within the timeout */
    OG_EVENT_DELIVERY = 1,      /* a message for a consumer */
    OG_EVENT_ACK = 2,           /* publisher confirm: ack */
    OG_EVENT_NACK = 3,          /* publisher confirm: nack */
    OG_EVENT_RETURN = 4,        /* an unroutable mandatory message came back */
    OG_EVENT_CANCELLED = 5,     /* the broker cancelled a consumer */
    OG_EVENT_OTHER = 6,         /* a frame of no interest */
    OG_EVENT_CLOSED = -1        /* the channel or connection is gone: reconnect */
};

/// One thing read from the connection. Byte fields point into buffers that stay valid only
/// until `og_event_release`; copy what you keep.
typedef struct {
    int kind;
    uint16_t channel;
    uint64_t delivery_tag;
    int multiple;
    int redelivered;
    amqp_bytes_t consumer_tag;
    amqp_bytes_t exchange;
    amqp_bytes_t routing_key;
    amqp_bytes_t body;
    amqp_bytes_t message_id;
    amqp_bytes_t type;
    amqp_bytes_t correlation_id;
    amqp_bytes_t reply_to;
    amqp_bytes_t content_type;
    amqp_bytes_t traceparent;
    uint64_t timestamp;
    int64_t deadline_ms;
    int32_t attempt;
    int64_t delivery_count; /* x-delivery-count from quorum queues, 0 when absent */
    int64_t published_ms;   /* x-published-ms, 0 when absent */
    char error[256];
    /* private */
    amqp_message_t message_;
    int has_message_;
} og_event_t;

/// Reads the next frame waiting at most `timeout` (NULL blocks). Keeps heartbeats flowing.
void og_next_event(amqp_connection_state_t conn, struct timeval *timeout, og_event_t *event);

/// Frees what `og_next_event` allocated and lets the connection reuse its buffers.
void og_event_release(amqp_connection_state_t conn, og_event_t *event);

/// True when frames or bytes are already buffered (poll on the socket would not see them).
int og_has_buffered_data(amqp_connection_state_t conn);

/// Creates a non-blocking pipe used to wake a link's thread; 0 on success.
int og_waker_create(int fds[2]);
/// Writes one byte to the pipe (never blocks; a full pipe already means "awake").
void og_waker_signal(int write_fd);
/// Empties the pipe.
void og_waker_drain(int read_fd);
/// Closes both ends.
void og_waker_close(int fds[2]);
/// Sleeps until the wake pipe or the connection's socket is readable, or `timeout_ms` passes.
/// `conn` may be NULL (not connected). Returns immediately when data is already buffered.
void og_wait(amqp_connection_state_t conn, int wake_fd, int timeout_ms);

#ifdef __cplusplus
}
#endif

#endif
