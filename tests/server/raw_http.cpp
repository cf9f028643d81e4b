#include "raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>
#include <chrono>
#include <cstring>

namespace tasjil::test {

RawSocket::RawSocket(int port, const std::string& source) {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    if (!source.empty()) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        inet_pton(AF_INET, source.c_str(), &local.sin_addr);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
            ::close(fd);
            fd = -1;
            return;
        }
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        fd = -1;
    }
}

RawSocket::~RawSocket() {
    if (fd >= 0) ::close(fd);
}

bool RawSocket::Send(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

namespace {

using Deadline = std::chrono::steady_clock::time_point;

enum class Read { kData, kClosed, kTimeout };

// Waits until `deadline` for bytes and appends what arrives.
Read ReadOnce(int fd, Deadline deadline, std::string& out) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) return Read::kTimeout;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) return Read::kTimeout;
    char buf[65536];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return Read::kClosed;
    out.append(buf, static_cast<std::size_t>(n));
    return Read::kData;
}

// True while bytes keep arriving before the deadline.
bool ReadSome(int fd, Deadline deadline, std::string& out) {
    return ReadOnce(fd, deadline, out) == Read::kData;
}

Deadline After(int timeout_ms) {
    return std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
}

}  // namespace

std::string RawSocket::Receive(int timeout_ms, std::size_t max_bytes) {
    std::string out;
    const Deadline deadline = After(timeout_ms);
    while (out.size() < max_bytes && ReadSome(fd, deadline, out)) {
    }
    return out;
}

std::string RawSocket::ReceiveResponse(int timeout_ms) {
    std::string out;
    const Deadline deadline = After(timeout_ms);
    for (;;) {
        const auto end = out.find("\r\n\r\n");
        if (end != std::string::npos) {
            const std::string cl = HeaderOf(out, "Content-Length");
            const std::size_t want = end + 4 + (cl.empty() ? 0 : std::stoul(cl));
            if (out.size() >= want) return out;
        }
        if (!ReadSome(fd, deadline, out)) return out;
    }
}

bool RawSocket::ClosedWithin(int timeout_ms) {
    const Deadline deadline = After(timeout_ms);
    std::string ignored;
    for (;;) {
        const Read r = ReadOnce(fd, deadline, ignored);
        if (r != Read::kData) return r == Read::kClosed;
        ignored.clear();
    }
}

std::string RawExchange(int port, const std::string& request) {
    RawSocket s(port);
    if (!s.connected() || !s.Send(request)) return "";
    return s.Receive();
}

int StatusOf(const std::string& response) {
    if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
    return std::atoi(response.c_str() + 9);
}

std::string BodyOf(const std::string& response) {
    const auto end = response.find("\r\n\r\n");
    return end == std::string::npos ? "" : response.substr(end + 4);
}

std::string HeaderOf(const std::string& response, const std::string& name) {
    const auto end = response.find("\r\n\r\n");
    std::size_t pos = response.find("\r\n");
    while (pos != std::string::npos && pos < end) {
        const auto next = response.find("\r\n", pos + 2);
        const std::string line = response.substr(pos + 2, next - pos - 2);
        const auto colon = line.find(':');
        if (colon != std::string::npos && colon == name.size() &&
            strncasecmp(line.c_str(), name.c_str(), name.size()) == 0) {
            auto v = line.substr(colon + 1);
            while (!v.empty() && v.front() == ' ') v.erase(0, 1);
            return v;
        }
        pos = next;
    }
    return "";
}

}  // namespace tasjil::test
