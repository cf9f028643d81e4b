#include "io/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "io/package.h"

namespace tasjil::io {

bool ReadWholeFile(const std::string& path, std::string& out) {
    if (const std::string* mounted = MountedFile(path)) {
        out = *mounted;
        return true;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return false;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return false;
    }
    out.clear();
    out.reserve(static_cast<std::size_t>(st.st_size));
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            return false;
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return true;
}

std::string LoadCatalogue(const std::string& dir, std::string_view locale,
                          std::map<std::string, core::Catalogue>& out) {
    const std::string path = dir + "/" + std::string(locale) + ".json";
    std::string text;
    if (!ReadWholeFile(path, text)) return "cannot read the catalogue " + path;
    auto load = core::ParseCatalogue(text);
    if (!load.catalogue) return "the catalogue " + path + " is not valid";
    out[std::string(locale)] = std::move(*load.catalogue);
    return "";
}

std::string LoadCatalogues(const std::string& dir, const std::string& cldr_dir,
                           std::map<std::string, core::Catalogue>& out) {
    for (auto locale : core::kLocales) {
        if (std::string why = LoadCatalogue(dir, locale, out); !why.empty()) return why;
        if (std::string why = MergeCatalogue(cldr_dir, locale, out); !why.empty())
            return why + " (the build writes it from Debian's unicode-cldr-core)";
        // The staff messages where the folder has them (the assets do; a test's folder may not).
        struct stat st {};
        if (stat((dir + "/staff").c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
            if (std::string why = MergeCatalogue(dir + "/staff", locale, out); !why.empty())
                return why;
        }
    }
    return "";
}

std::string MergeCatalogue(const std::string& dir, std::string_view locale,
                           std::map<std::string, core::Catalogue>& out) {
    std::map<std::string, core::Catalogue> more;
    if (std::string why = LoadCatalogue(dir, locale, more); !why.empty()) return why;
    auto& into = out[std::string(locale)];
    for (auto& [code, text] : more.begin()->second.messages) into.messages[code] = std::move(text);
    if (into.locale.empty()) {
        into.locale = more.begin()->second.locale;
        into.direction = more.begin()->second.direction;
    }
    return "";
}

}  // namespace tasjil::io
