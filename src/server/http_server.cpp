// Index
//   [SECTION] Workers
//   [SECTION] Connections and limits
//   [SECTION] Requests
//   [SECTION] Life cycle
#include "server/http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "server/log.h"

namespace tasjil::server {

namespace {

// [SECTION] Workers ------------------------------------------------------------------------------

class WorkerPool {
  public:
    explicit WorkerPool(int n) {
        for (int i = 0; i < std::max(n, 1); ++i) threads_.emplace_back([this] { Loop(); });
    }
    ~WorkerPool() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (auto& t : threads_) t.join();
    }
    // False when the queue is full (the caller answers 503).
    bool Post(std::function<void()> job) {
        {
            std::lock_guard lock(mutex_);
            if (queue_.size() >= kMaxQueued) return false;
            queue_.push_back(std::move(job));
            ++busy_;
        }
        wake_.notify_one();
        return true;
    }
    // Waits until every posted job has run.
    void Drain() {
        std::unique_lock lock(mutex_);
        idle_.wait(lock, [this] { return busy_ == 0; });
    }

  private:
    static constexpr std::size_t kMaxQueued = 10000;
    void Loop() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
                if (queue_.empty()) return;
                job = std::move(queue_.front());
                queue_.pop_front();
            }
            job();
            std::lock_guard lock(mutex_);
            if (--busy_ == 0) idle_.notify_all();
        }
    }
    std::mutex mutex_;
    std::condition_variable wake_, idle_;
    std::deque<std::function<void()>> queue_;
    std::size_t busy_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

double SteadySeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string AddressText(const sockaddr* sa) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (!sa) return "";
    if (sa->sa_family == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
    } else if (sa->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
    }
    return buf;
}

// One request in flight, from its headers to its answer.
struct Exchange {
    HttpRequest request;
    double start = 0;
    std::size_t counted_bytes = 0;  // of the pending-body budget
    int refusal = 0;                // a status the transport answers itself
    std::string refusal_code;
    bool suspended = false;
    bool ready = false;  // `response` was made by a worker
    HttpResponse response;
};

}  // namespace

struct HttpServer::Impl {
    HttpConfig config;
    Api api;
    WorkerPool workers;
    MHD_Daemon* daemon = nullptr;
    MHD_Daemon* metrics_daemon = nullptr;
    int listen_fd = -1, metrics_fd = -1;
    std::atomic<std::size_t> pending_bytes{0};
    std::mutex connections_mutex;
    std::unordered_map<std::string, int> connections;  // per client address
    // Connections waiting for a request's headers, with the time they started waiting. A
    // sweeper shuts down those past the header deadline (MHD then closes them itself).
    struct Waiting {
        int fd;
        double since;
    };
    std::unordered_map<MHD_Connection*, Waiting> waiting;
    std::thread sweeper;
    std::atomic<bool> sweeping{false};
    std::mutex run_mutex;
    std::condition_variable stopped_cv;
    bool stopped = false;

    Impl(Service& s, Notifier* n, HttpConfig c)
        : config(std::move(c)), api(s, n, config.api), workers(config.threads) {}

    bool Trusted(const std::string& address) const {
        for (const auto& p : config.trusted_proxies) {
            if (p == address) return true;
        }
        return false;
    }

    // [SECTION] Connections and limits -----------------------------------------------------------

    static MHD_Result Accept(void* cls, const sockaddr* addr, socklen_t) {
        auto* self = static_cast<Impl*>(cls);
        const std::string a = AddressText(addr);
        if (self->Trusted(a)) return MHD_YES;
        std::lock_guard lock(self->connections_mutex);
        auto it = self->connections.find(a);
        const int open = it == self->connections.end() ? 0 : it->second;
        return open < self->config.max_connections_per_client ? MHD_YES : MHD_NO;
    }

    static void OnConnection(void* cls, MHD_Connection* c, void** socket_context,
                             MHD_ConnectionNotificationCode code) {
        auto* self = static_cast<Impl*>(cls);
        if (code == MHD_CONNECTION_NOTIFY_STARTED) {
            const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
            auto* address = new std::string(info ? AddressText(info->client_addr) : "");
            *socket_context = address;
            const auto* fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
            std::lock_guard lock(self->connections_mutex);
            ++self->connections[*address];
            if (fd) self->waiting[c] = {fd->connect_fd, SteadySeconds()};
            return;
        }
        auto* address = static_cast<std::string*>(*socket_context);
        {
            std::lock_guard lock(self->connections_mutex);
            self->waiting.erase(c);
        }
        if (!address) return;
        {
            std::lock_guard lock(self->connections_mutex);
            auto it = self->connections.find(*address);
            if (it != self->connections.end() && --it->second <= 0) self->connections.erase(it);
        }
        delete address;
        *socket_context = nullptr;
    }

    // [SECTION] Requests -------------------------------------------------------------------------

    struct Collect {
        HeaderList* out;
        std::size_t bytes = 0;
        std::size_t count = 0;
        std::size_t max_count;
    };
    static MHD_Result CollectValue(void* cls, MHD_ValueKind, const char* key, const char* value) {
        auto* c = static_cast<Collect*>(cls);
        const std::size_t k = key ? std::strlen(key) : 0, v = value ? std::strlen(value) : 0;
        c->bytes += k + v + 4;
        if (++c->count <= c->max_count)
            c->out->emplace_back(std::string(key ? key : "", k),
                                 std::string(value ? value : "", v));
        return MHD_YES;
    }

    static MHD_Result Queue(MHD_Connection* c, HttpResponse&& res, bool close) {
        MHD_Response* r = nullptr;
        if (res.shared) {
            auto* keep = new std::shared_ptr<const std::string>(std::move(res.shared));
            r = MHD_create_response_from_buffer_with_free_callback_cls(
                res.length, const_cast<char*>((*keep)->data() + res.offset),
                [](void* cls) { delete static_cast<std::shared_ptr<const std::string>*>(cls); },
                keep);
            if (!r) delete keep;
        } else {
            r = MHD_create_response_from_buffer(res.body.size(), res.body.data(),
                                                MHD_RESPMEM_MUST_COPY);
        }
        if (!r) return MHD_NO;
        for (const auto& [k, v] : res.headers) {
            // Values with CR or LF would split the header: never sent.
            if (v.find_first_of("\r\n") != std::string::npos) continue;
            MHD_add_response_header(r, k.c_str(), v.c_str());
        }
        if (close) MHD_add_response_header(r, "Connection", "close");
        const MHD_Result ok = MHD_queue_response(c, static_cast<unsigned>(res.status), r);
        MHD_destroy_response(r);
        return ok;
    }

    MHD_Result Refuse(MHD_Connection* c, Exchange& ex) {
        api.metrics().Observe("refused", ex.refusal, SteadySeconds() - ex.start);
        return Queue(c, api.Refusal(ex.refusal, ex.refusal_code, ex.request), true);
    }

    void Release(Exchange& ex) {
        pending_bytes -= ex.counted_bytes;
        ex.counted_bytes = 0;
        std::string().swap(ex.request.body);
    }

    // Marks a connection as waiting for (true) or past (false) a request's headers.
    void SetWaiting(MHD_Connection* c, bool on) {
        std::lock_guard lock(connections_mutex);
        if (!on) {
            waiting.erase(c);
            return;
        }
        const auto* fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (fd) waiting[c] = {fd->connect_fd, SteadySeconds()};
    }

    // Four times a second: connections whose headers are overdue are shut down. The map entry is
    // removed under the same lock when MHD closes a connection, before its descriptor is
    // closed, so a descriptor shut down here is always still that connection's.
    void Sweep() {
        while (sweeping) {
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
            const double now = SteadySeconds();
            std::lock_guard lock(connections_mutex);
            for (auto it = waiting.begin(); it != waiting.end();) {
                if (now - it->second.since > config.header_timeout_seconds) {
                    ::shutdown(it->second.fd, SHUT_RDWR);
                    it = waiting.erase(it);
                } else {
                    ++it;
                }
            }
        }
    }

    // The first call, once the headers are in: checks them before any body is read.
    void Begin(MHD_Connection* c, Exchange& ex, const char* url, const char* method) {
        SetWaiting(c, false);
        ex.start = SteadySeconds();
        ex.request.method = method ? method : "";
        ex.request.path = url ? url : "";
        Collect headers{&ex.request.headers, 0, 0, static_cast<std::size_t>(config.max_headers)};
        MHD_get_connection_values(c, MHD_HEADER_KIND, CollectValue, &headers);
        for (auto& [k, v] : ex.request.headers) k = ToLower(k);
        Collect query{&ex.request.query, 0, 0, 100};
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, CollectValue, &query);
        const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        const std::string peer = info ? AddressText(info->client_addr) : "";
        ex.request.client =
            ClientAddress(peer, ex.request.Header("x-forwarded-for"), config.trusted_proxies);
        if (headers.count > static_cast<std::size_t>(config.max_headers) ||
            headers.bytes > config.max_header_bytes) {
            ex.refusal = 431;
            ex.refusal_code = "request.headers_too_large";
            return;
        }
        const std::string* te = ex.request.Header("transfer-encoding");
        const std::string* cl = ex.request.Header("content-length");
        std::size_t framing_headers = 0;
        for (const auto& [k, v] : ex.request.headers)
            framing_headers += k == "transfer-encoding" || k == "content-length";
        // One framing header, and a Transfer-Encoding of exactly "chunked": anything else is
        // how a request is smuggled past a proxy that reads it differently.
        if (framing_headers > 1 || (te && !EqualsIgnoreCase(*te, "chunked"))) {
            ex.refusal = 400;
            ex.refusal_code = "request.malformed";
            return;
        }
        if (cl) {
            const unsigned long long n = std::strtoull(cl->c_str(), nullptr, 10);
            if (n > config.max_body_bytes) {
                ex.refusal = 413;
                ex.refusal_code = "request.too_large";
            }
        }
    }

    static MHD_Result OnRequest(void* cls, MHD_Connection* c, const char* url, const char* method,
                                const char*, const char* upload, size_t* upload_size,
                                void** con_cls) {
        auto* self = static_cast<Impl*>(cls);
        auto* ex = static_cast<Exchange*>(*con_cls);
        try {
            if (!ex) {
                ex = new Exchange;
                *con_cls = ex;
                self->Begin(c, *ex, url, method);
                if (ex->refusal) return self->Refuse(c, *ex);
                return MHD_YES;
            }
            if (*upload_size > 0) {
                const std::size_t n = *upload_size;
                *upload_size = 0;
                if (ex->refusal) return MHD_YES;  // already answered: the rest is dropped
                if (ex->request.body.size() + n > self->config.max_body_bytes) {
                    ex->refusal = 413;
                    ex->refusal_code = "request.too_large";
                    self->Release(*ex);
                    return self->Refuse(c, *ex);
                }
                if (self->pending_bytes.fetch_add(n) + n > self->config.max_pending_body_bytes) {
                    self->pending_bytes -= n;
                    ex->refusal = 503;
                    ex->refusal_code = "server.busy";
                    self->Release(*ex);
                    return self->Refuse(c, *ex);
                }
                ex->counted_bytes += n;
                ex->request.body.append(upload, n);
                return MHD_YES;
            }
            if (ex->refusal) return MHD_YES;  // answered during the upload
            if (ex->ready) return Queue(c, std::move(ex->response), false);
            if (!self->api.Blocking(ex->request)) {
                return Queue(c, self->api.Handle(ex->request), false);
            }
            // Off the event loop: the connection sleeps until its worker has the answer.
            MHD_suspend_connection(c);
            ex->suspended = true;
            const bool posted = self->workers.Post([self, c, ex] {
                ex->response = self->api.Handle(ex->request);
                ex->ready = true;
                MHD_resume_connection(c);
            });
            if (!posted) {
                MHD_resume_connection(c);
                ex->response = self->api.Refusal(503, "server.busy", ex->request);
                ex->ready = true;
            }
            return MHD_YES;
        } catch (...) {
            ReportException(Site::kTransport);
            return MHD_NO;  // closes the connection
        }
    }

    static void OnCompleted(void* cls, MHD_Connection* c, void** con_cls,
                            MHD_RequestTerminationCode code) {
        auto* self = static_cast<Impl*>(cls);
        auto* ex = static_cast<Exchange*>(*con_cls);
        // Answered and kept alive: the next request's headers are now awaited.
        if (code == MHD_REQUEST_TERMINATED_COMPLETED_OK) self->SetWaiting(c, true);
        if (!ex) return;
        self->Release(*ex);
        delete ex;
        *con_cls = nullptr;
    }

    static MHD_Result OnPrivate(void* cls, MHD_Connection* c, const char* url, const char* method,
                                const char*, const char*, size_t* upload_size, void** con_cls) {
        auto* self = static_cast<Impl*>(cls);
        if (!*con_cls) {
            *con_cls = self;  // first call: headers only
            return MHD_YES;
        }
        if (*upload_size) {
            *upload_size = 0;  // no body is wanted here
            return MHD_YES;
        }
        try {
            HttpRequest req;
            req.method = method ? method : "";
            req.path = url ? url : "";
            return Queue(c, self->api.HandlePrivate(req), false);
        } catch (...) {
            ReportException(Site::kTransport);
            return MHD_NO;
        }
    }

    // [SECTION] Life cycle -----------------------------------------------------------------------

    // A listening socket on host:port with a deep backlog (many clients connect at once).
    static int Listen(const std::string& host, int port, int& bound_port, std::string& error) {
        sockaddr_storage ss{};
        socklen_t len = 0;
        auto* v4 = reinterpret_cast<sockaddr_in*>(&ss);
        auto* v6 = reinterpret_cast<sockaddr_in6*>(&ss);
        if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
            v4->sin_family = AF_INET;
            v4->sin_port = htons(static_cast<uint16_t>(port));
            len = sizeof *v4;
        } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
            v6->sin6_family = AF_INET6;
            v6->sin6_port = htons(static_cast<uint16_t>(port));
            len = sizeof *v6;
        } else {
            error = "not an IP address: " + host;
            return -1;
        }
        const int fd = ::socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            error = std::string("socket: ") + std::strerror(errno);
            return -1;
        }
        int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&ss), len) != 0 || ::listen(fd, 1024) != 0) {
            error = "cannot listen on " + host + ":" + std::to_string(port) + ": " +
                    std::strerror(errno);
            ::close(fd);
            return -1;
        }
        sockaddr_storage got{};
        socklen_t got_len = sizeof got;
        getsockname(fd, reinterpret_cast<sockaddr*>(&got), &got_len);
        bound_port =
            ntohs(got.ss_family == AF_INET ? reinterpret_cast<sockaddr_in*>(&got)->sin_port
                                           : reinterpret_cast<sockaddr_in6*>(&got)->sin6_port);
        return fd;
    }
};

HttpServer::HttpServer(Service& service, Notifier* notifier, HttpConfig config)
    : impl_(std::make_unique<Impl>(service, notifier, std::move(config))) {}

HttpServer::~HttpServer() {
    Stop();
}

Api& HttpServer::api() {
    return impl_->api;
}

bool HttpServer::Bind(std::string& error) {
    auto& c = impl_->config;
    // Every connection is a descriptor: allow as many as the system lets this process have.
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    impl_->listen_fd = Impl::Listen(c.host, c.port, port_, error);
    if (impl_->listen_fd < 0) return false;
    const unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME;
    impl_->daemon = MHD_start_daemon(
        flags, 0, Impl::Accept, impl_.get(), Impl::OnRequest, impl_.get(), MHD_OPTION_LISTEN_SOCKET,
        impl_->listen_fd, MHD_OPTION_THREAD_POOL_SIZE,
        static_cast<unsigned>(std::max(c.io_threads, 1)), MHD_OPTION_CONNECTION_LIMIT,
        static_cast<unsigned>(c.max_connections), MHD_OPTION_CONNECTION_TIMEOUT,
        static_cast<unsigned>(c.idle_timeout_seconds),
        // The headers must fit in each connection's memory pool; the rest is for the answer.
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<size_t>(c.max_header_bytes * 2 + 8192),
        MHD_OPTION_NOTIFY_COMPLETED, Impl::OnCompleted, impl_.get(), MHD_OPTION_NOTIFY_CONNECTION,
        Impl::OnConnection, impl_.get(), MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_UNESCAPE_CALLBACK,
        +[](void*, MHD_Connection*, char* s) -> size_t { return PercentDecodeInPlace(s); }, nullptr,
        MHD_OPTION_END);
    if (!impl_->daemon) {
        error = "cannot start the HTTP server on " + c.host + ":" + std::to_string(port_);
        ::close(impl_->listen_fd);
        impl_->listen_fd = -1;
        return false;
    }
    impl_->sweeping = true;
    impl_->sweeper = std::thread([this] { impl_->Sweep(); });
    if (!c.metrics_host.empty()) {
        impl_->metrics_fd = Impl::Listen(c.metrics_host, c.metrics_port, metrics_port_, error);
        if (impl_->metrics_fd < 0) return false;
        impl_->metrics_daemon = MHD_start_daemon(
            MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC, 0, nullptr, nullptr, Impl::OnPrivate,
            impl_.get(), MHD_OPTION_LISTEN_SOCKET, impl_->metrics_fd, MHD_OPTION_CONNECTION_LIMIT,
            64u, MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_END);
        if (!impl_->metrics_daemon) {
            error = "cannot start the metrics listener";
            return false;
        }
    }
    return true;
}

void HttpServer::Run() {
    std::unique_lock lock(impl_->run_mutex);
    impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

void HttpServer::Stop() {
    {
        std::lock_guard lock(impl_->run_mutex);
        if (impl_->stopped && !impl_->daemon) return;
        impl_->stopped = true;
    }
    impl_->stopped_cv.notify_all();
    if (impl_->daemon) {
        // No new connections; the answers being made by workers are sent, then everything
        // closes.
        const int fd = MHD_quiesce_daemon(impl_->daemon);
        impl_->workers.Drain();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        MHD_stop_daemon(impl_->daemon);
        impl_->daemon = nullptr;
        if (fd >= 0) ::close(fd);
    }
    impl_->sweeping = false;
    if (impl_->sweeper.joinable()) impl_->sweeper.join();
    if (impl_->metrics_daemon) {
        const int fd = MHD_quiesce_daemon(impl_->metrics_daemon);
        MHD_stop_daemon(impl_->metrics_daemon);
        impl_->metrics_daemon = nullptr;
        if (fd >= 0) ::close(fd);
    }
}

}  // namespace tasjil::server
