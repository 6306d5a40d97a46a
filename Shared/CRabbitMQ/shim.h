#ifndef ONEGATE_CRABBITMQ_H
#define ONEGATE_CRABBITMQ_H
#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#endif
