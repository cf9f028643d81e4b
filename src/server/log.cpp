#include "server/log.h"

#include <cstdio>
#include <stdexcept>
#include <string>
#include <typeinfo>

#include "server/db.h"

namespace tasjil::server {

namespace {
std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(Site::kCount)> g_exceptions{};
}

std::string_view SiteName(Site site) {
    switch (site) {
        case Site::kHttpHandler:
            return "http_handler";
        case Site::kNotifier:
            return "notifier";
        case Site::kReadiness:
            return "readiness";
        case Site::kTransport:
            return "transport";
        case Site::kDatabase:
            return "database";
        case Site::kMaintenance:
            return "maintenance";
        case Site::kCount:
            break;
    }
    return "unknown";
}

void ReportException(Site site, std::exception_ptr error) {
    ++g_exceptions[static_cast<std::size_t>(site)];
    std::string what = "unknown exception";
    try {
        if (error) std::rethrow_exception(error);
    } catch (const DbError& e) {
        // The first line only: PostgreSQL's DETAIL line may quote a key's value.
        std::string text = e.what();
        what = "database error: " + text.substr(0, text.find('\n'));
    } catch (const std::bad_alloc&) {
        what = "out of memory";
    } catch (const std::exception& e) {
        what = std::string("exception of type ") + typeid(e).name();
    } catch (...) {
    }
    if (what.size() > 300) what.resize(300);
    for (char& c : what) {
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    std::fprintf(stderr, "tasjil-server: %.*s: %s\n", static_cast<int>(SiteName(site).size()),
                 SiteName(site).data(), what.c_str());
}

std::uint64_t ExceptionCount(Site site) {
    return g_exceptions[static_cast<std::size_t>(site)];
}

}  // namespace tasjil::server
