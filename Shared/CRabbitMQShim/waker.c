#define _GNU_SOURCE
#include "CRabbitMQShim.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

int og_waker_create(int fds[2]) {
    return pipe2(fds, O_NONBLOCK | O_CLOEXEC);
}

void og_waker_signal(int write_fd) {
    char byte = 1;
    ssize_t ignored = write(write_fd, &byte, 1);
    (void)ignored;
}

void og_waker_drain(int read_fd) {
    char buffer[256];
    while (read(read_fd, buffer, sizeof buffer) > 0) {}
}

void og_waker_close(int fds[2]) {
    close(fds[0]);
    close(fds[1]);
}

void og_wait(amqp_connection_state_t conn, int wake_fd, int timeout_ms) {
    struct pollfd fds[2];
    nfds_t count = 1;
    fds[0].fd = wake_fd;
    fds[0].events = POLLIN;
    fds[0].revents = 0;
    if (conn) {
        if (og_has_buffered_data(conn)) return;
        int socket_fd = amqp_get_sockfd(conn);
        if (socket_fd >= 0) {
            fds[1].fd = socket_fd;
            fds[1].events = POLLIN;
            fds[1].revents = 0;
            count = 2;
        }
    }
    (void)poll(fds, count, timeout_ms);
}
