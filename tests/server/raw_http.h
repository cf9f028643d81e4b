// Raw HTTP over a loopback socket, for requests no well-behaved client library would send:
// paths as they are, thousands of headers, broken framing, a chosen source address.
#pragma once

#include <string>

namespace tasjil::test {

struct RawSocket {
    // Connects to 127.0.0.1:port from `source` (any 127.x.y.z address; "" = the default).
    explicit RawSocket(int port, const std::string& source = "");
    ~RawSocket();
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;
    bool connected() const { return fd >= 0; }
    bool Send(const std::string& bytes);  // false when the peer closed
    // Reads until the peer closes, `max_bytes` arrived, or `timeout_ms` passed.
    std::string Receive(int timeout_ms = 5000, std::size_t max_bytes = 1 << 24);
    // Reads one response: its header block and a Content-Length body.
    std::string ReceiveResponse(int timeout_ms = 5000);
    // True when the peer has closed the connection (read returns 0 or an error) within
    // `timeout_ms`.
    bool ClosedWithin(int timeout_ms);
    int fd = -1;
};

// Sends `request` on a new connection and returns everything answered until the server closes
// the connection or 5 s pass.
std::string RawExchange(int port, const std::string& request);
// The status code of a raw response ("HTTP/1.1 404 Not Found" → 404), 0 when there is none.
int StatusOf(const std::string& response);
// The body of a raw response (after the blank line).
std::string BodyOf(const std::string& response);
// A header's value in a raw response, "" when absent (name compared without case).
std::string HeaderOf(const std::string& response, const std::string& name);

}  // namespace tasjil::test
