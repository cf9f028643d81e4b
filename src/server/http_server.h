// Tasjil server: the HTTP transport, on GNU libmicrohttpd's event loops (epoll). A few I/O
// threads move bytes for every connection, so idle and slow clients cost a connection slot and a
// bounded buffer, never a thread; handlers that block (database, password hashing) run on a
// worker pool while their connection is suspended. The transport enforces the limits every byte
// from the network needs: connections in all and per client address, an idle timeout, header
// count and size (431), body size (413), exact Transfer-Encoding (400), pending body memory.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "server/api.h"

namespace tasjil::server {

struct HttpConfig {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0 = any free port
    // A second, private listener for /metrics ("" = none); port 0 = any free port.
    std::string metrics_host;
    int metrics_port = 0;
    int threads = 16;    // workers for blocking handlers
    int io_threads = 2;  // event loops
    int max_connections = 4096;
    int max_connections_per_client = 32;  // trusted proxies are not limited
    int idle_timeout_seconds = 15;        // a connection that sends nothing for this long closes
    // A request's headers must be complete this long after the connection opened or the last
    // answer was sent, however slowly they trickle in (slow-header clients).
    int header_timeout_seconds = 10;
    int max_headers = 100;
    std::size_t max_header_bytes = 16 * 1024;  // names and values of all headers together
    std::size_t max_body_bytes = 1024 * 1024;  // above core::kMaxFileBytes: the service says 413
    std::size_t max_pending_body_bytes = 64u << 20;  // bodies being received, all connections
    std::vector<std::string> trusted_proxies;        // addresses whose X-Forwarded-For is believed
    ApiConfig api;
};

class HttpServer {
  public:
    HttpServer(Service& service, Notifier* notifier, HttpConfig config);
    ~HttpServer();

    // Binds and starts serving; returns false with the reason in `error`. Run() then blocks
    // until Stop().
    bool Bind(std::string& error);
    void Run();
    void Stop();  // stops accepting; requests in flight are answered first
    int port() const { return port_; }
    int metrics_port() const { return metrics_port_; }
    Api& api();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int port_ = 0;
    int metrics_port_ = 0;
};

}  // namespace tasjil::server
