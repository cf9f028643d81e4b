// Tasjil server: the HTTP layer (cpp-httplib): the web app's static files and the API under
// /api/v1/, rate limits, security headers, metrics. Handlers only translate between HTTP and
// the Service.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "server/notifier.h"
#include "server/service.h"

namespace httplib {
class Server;
}

namespace tasjil::server {

struct HttpConfig {
    std::string host = "127.0.0.1";
    int port = 8080;              // 0 = any free port
    int threads = 16;             // worker pool
    std::string web_dir;          // the built app (build/wasm); "" = no static files
    std::string openapi_path;     // docs/openapi.yaml
    std::string schoolmap_json;   // the map served to the app
    std::string rules_json;       // the rules served to the app
    int submit_per_minute = 120;  // per client address; 0 = no limit
    int status_per_minute = 30;   // per client address; 0 = no limit
};

// Reads a whole file (the app's static files, assets); false when it cannot be read.
bool ReadWholeFile(const std::string& path, std::string& out);

class HttpServer {
  public:
    HttpServer(Service& service, Notifier* notifier, HttpConfig config);
    ~HttpServer();

    // Binds; returns false with the reason in `error`. Then Run() serves until Stop().
    bool Bind(std::string& error);
    void Run();
    void Stop();  // stops accepting; requests in flight finish
    int port() const { return port_; }

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int port_ = 0;
    int listen_socket_ = -1;
};

}  // namespace tasjil::server
