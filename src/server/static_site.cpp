// Index
//   [SECTION] Names and types
//   [SECTION] The allow-list
//   [SECTION] Serving
#include "server/static_site.h"

#include <sodium.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "core/uuid.h"
#include "server/files.h"

namespace tasjil::server {

namespace fs = std::filesystem;

// [SECTION] Names and types ----------------------------------------------------------------------

const char* MimeTypeOf(const std::string& name) {
    static const std::map<std::string, const char*> kTypes = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"},
        {".data", "application/octet-stream"},
        {".svg", "image/svg+xml"},
        {".webmanifest", "application/manifest+json"},
        {".json", "application/json"},
        {".css", "text/css; charset=utf-8"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".ttf", "font/ttf"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"}};
    auto it = kTypes.find(fs::path(name).extension().string());
    return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool IsHashedName(const std::string& name) {
    const auto dot = name.find('.');
    const auto next = dot == std::string::npos ? std::string::npos : name.find('.', dot + 1);
    if (next == std::string::npos || next - dot - 1 < 8) return false;
    for (std::size_t i = dot + 1; i < next; ++i) {
        if (!std::isxdigit(static_cast<unsigned char>(name[i]))) return false;
    }
    return true;
}

std::string ETagOf(std::string_view body) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    return "\"" + core::HexEncode(h, 8) + "\"";
}

// [SECTION] The allow-list -----------------------------------------------------------------------

StaticSite::StaticSite(std::string root) : root_(std::move(root)) {
    Reload();
}

std::size_t StaticSite::size() const {
    std::lock_guard lock(mutex_);
    return files_ ? files_->size() : 0;
}

std::size_t StaticSite::Reload() {
    auto files = std::make_shared<std::map<std::string, Entry>>();
    std::error_code ec;
    const fs::path root = root_.empty() ? fs::path() : fs::canonical(root_, ec);
    if (!root_.empty() && !ec && fs::is_directory(root, ec)) {
        std::map<std::string, std::string> bodies;  // URL path → bytes, variants included
        std::uint64_t total = 0;
        // Links to folders are not entered; links to files are kept only when they resolve to a
        // regular file beneath the root.
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied,
                                            ec),
            end;
        for (; !ec && it != end; it.increment(ec)) {
            const fs::path& p = it->path();
            const std::string leaf = p.filename().string();
            if (leaf.empty() || leaf[0] == '.') {
                if (it->is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            std::error_code e2;
            const fs::path real = fs::canonical(p, e2);
            if (e2 || !fs::is_regular_file(real, e2)) continue;
            const auto rel_real = real.lexically_relative(root);
            if (rel_real.empty() || *rel_real.begin() == "..") continue;  // leads out
            const std::string url = "/" + p.lexically_relative(root).generic_string();
            std::string body;
            if (bodies.size() >= kMaxFiles || !ReadWholeFile(real.string(), body)) continue;
            total += body.size();
            if (total > kMaxBytes) {
                std::cerr << "tasjil-server: the web folder is larger than " << (kMaxBytes >> 20)
                          << " MiB; the rest is not served\n";
                break;
            }
            bodies.emplace(url, std::move(body));
        }
        const auto make = [](std::string&& bytes) {
            Representation r;
            r.etag = ETagOf(bytes);
            r.body = std::make_shared<const std::string>(std::move(bytes));
            return r;
        };
        for (auto& item : bodies) {
            const std::string& url = item.first;
            std::string& body = item.second;
            const auto ends = [&url](const char* ext) {
                const std::string e = ext;
                return url.size() > e.size() &&
                       url.compare(url.size() - e.size(), e.size(), e) == 0;
            };
            if (ends(".br") || ends(".gz")) continue;  // a variant, attached below
            Entry entry;
            entry.content_type = MimeTypeOf(url);
            entry.immutable = IsHashedName(fs::path(url).filename().string());
            entry.identity = make(std::move(body));
            if (auto b = bodies.find(url + ".br"); b != bodies.end())
                entry.br = make(std::move(b->second));
            if (auto g = bodies.find(url + ".gz"); g != bodies.end())
                entry.gzip = make(std::move(g->second));
            files->emplace(url, std::move(entry));
        }
    }
    std::lock_guard lock(mutex_);
    files_ = files;
    return files->size();
}

// [SECTION] Serving ------------------------------------------------------------------------------

namespace {

// True when an Accept-Encoding names `coding` with a quality above zero.
bool Accepts(std::string_view accept, std::string_view coding) {
    while (!accept.empty()) {
        const auto comma = accept.find(',');
        std::string_view entry = accept.substr(0, comma);
        accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
        const auto semi = entry.find(';');
        std::string_view name = entry.substr(0, semi);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (!EqualsIgnoreCase(name, coding)) continue;
        if (semi == std::string_view::npos) return true;
        std::string q(entry.substr(semi + 1));
        const auto eq = q.find('=');
        return eq == std::string::npos || std::strtod(q.c_str() + eq + 1, nullptr) > 0;
    }
    return false;
}

// If-None-Match: "*" or a list of entity tags, weak ones compared weakly (RFC 9110 §13.1.2).
bool NoneMatch(std::string_view header, const std::string& etag) {
    while (!header.empty()) {
        const auto comma = header.find(',');
        std::string_view tag = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
        if (tag == "*" || tag == etag) return true;
    }
    return false;
}

}  // namespace

HttpResponse StaticSite::Serve(const HttpRequest& req) const {
    HttpResponse res;
    std::shared_ptr<const std::map<std::string, Entry>> files;
    {
        std::lock_guard lock(mutex_);
        files = files_;
    }
    std::string path = req.path;
    if (!path.empty() && path.back() == '/') path += "index.html";
    const auto it = files ? files->find(path) : decltype(files->end()){};
    if (!files || it == files->end()) {
        res.status = 404;
        res.Set("Content-Type", "text/plain; charset=utf-8");
        res.body = "not found";
        return res;
    }
    const Entry& e = it->second;
    const std::string accept = req.HeaderOr("accept-encoding");
    const Representation* rep = &e.identity;
    const char* encoding = nullptr;
    if (e.br.body && Accepts(accept, "br")) {
        rep = &e.br;
        encoding = "br";
    } else if (e.gzip.body && Accepts(accept, "gzip")) {
        rep = &e.gzip;
        encoding = "gzip";
    }
    res.Set("Content-Type", e.content_type);
    res.Set("Cache-Control", e.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    res.Set("Vary", "Accept-Encoding");
    res.Set("ETag", rep->etag);
    res.Set("Accept-Ranges", "bytes");
    if (encoding) res.Set("Content-Encoding", encoding);
    if (const auto* inm = req.Header("if-none-match"); inm && NoneMatch(*inm, rep->etag)) {
        res.status = 304;
        return res;
    }
    // Every range is measured against the representation actually sent (the compressed bytes
    // when a compressed variant is chosen).
    const std::uint64_t size = rep->body->size();
    res.shared = rep->body;
    res.offset = 0;
    res.length = size;
    const auto* range = req.Header("range");
    const auto* if_range = req.Header("if-range");
    if (range && (!if_range || *if_range == rep->etag)) {
        const ByteRange r = ParseRange(*range, size);
        if (r.kind == ByteRange::Kind::kUnsatisfiable) {
            res.status = 416;
            res.shared.reset();
            res.length = 0;
            res.Set("Content-Range", "bytes */" + std::to_string(size));
            return res;
        }
        if (r.kind == ByteRange::Kind::kPartial) {
            res.status = 206;
            res.offset = r.first;
            res.length = r.length;
            res.Set("Content-Range", "bytes " + std::to_string(r.first) + "-" +
                                         std::to_string(r.first + r.length - 1) + "/" +
                                         std::to_string(size));
        }
    }
    return res;
}

}  // namespace tasjil::server
