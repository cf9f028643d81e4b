// Tasjil server: the built web app's files, served from memory. The set of files is an allow-list
// made when the server starts (and on Reload): regular files beneath the web folder, never a
// link that leads out of it, never a dot file. A request names one of them exactly or gets 404,
// so no path from the network ever reaches the file system.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "server/http.h"

namespace tasjil::server {

class StaticSite {
  public:
    // Limits that keep a wrong --web folder from filling memory.
    static constexpr std::size_t kMaxFiles = 4096;
    static constexpr std::uint64_t kMaxBytes = 256ull << 20;

    explicit StaticSite(std::string root);
    // Builds the allow-list again (after a deployment); returns the number of files.
    std::size_t Reload();
    std::size_t size() const;

    // Answers a GET or HEAD for `request.path`: 200, 206, 304, 404 or 416.
    HttpResponse Serve(const HttpRequest& request) const;

  private:
    struct Representation {
        std::shared_ptr<const std::string> body;
        std::string etag;
    };
    struct Entry {
        std::string content_type;
        bool immutable = false;
        Representation identity, br, gzip;  // br/gzip: precompressed siblings, when present
    };
    std::string root_;
    mutable std::mutex mutex_;
    std::shared_ptr<const std::map<std::string, Entry>> files_;
};

// The media type of a file name, from its extension.
const char* MimeTypeOf(const std::string& name);
// A name with a content hash in it ("index.3f2a9c1e.js") never changes: cached for a year.
bool IsHashedName(const std::string& name);
// A strong ETag of a body (a prefix of its SHA-256).
std::string ETagOf(std::string_view body);

}  // namespace tasjil::server
