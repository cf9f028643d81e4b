#include "io/package.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace tasjil::io {

namespace {

constexpr std::string_view kMagic = "TSJPKG1\n";
constexpr std::uint32_t kMaxFiles = 64;
constexpr std::uint32_t kMaxName = 200;

std::shared_ptr<const std::map<std::string, std::string>>& Mounted() {
    static std::shared_ptr<const std::map<std::string, std::string>> files;
    return files;
}

bool ValidName(std::string_view name) {
    if (name.size() < 2 || name[0] != '/' || name.back() == '/') return false;
    for (char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' || c == '-';
        if (!ok) return false;
    }
    return name.find("..") == std::string_view::npos && name.find("//") == std::string_view::npos;
}

class Cursor {
  public:
    explicit Cursor(std::string_view bytes) : bytes_(bytes) {}
    bool U32(std::uint32_t& out) {
        if (bytes_.size() - at_ < 4) return false;
        const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data() + at_);
        out = std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
              std::uint32_t{p[3]} << 24;
        at_ += 4;
        return true;
    }
    bool Take(std::size_t n, std::string_view& out) {
        if (bytes_.size() - at_ < n) return false;
        out = bytes_.substr(at_, n);
        at_ += n;
        return true;
    }
    std::size_t Left() const { return bytes_.size() - at_; }

  private:
    std::string_view bytes_;
    std::size_t at_ = 0;
};

}  // namespace

std::optional<std::map<std::string, std::string>> ParsePackage(std::string_view bytes,
                                                               std::string& error) {
    Cursor in(bytes);
    std::string_view magic;
    if (!in.Take(kMagic.size(), magic) || magic != kMagic) {
        error = "not a data package (no TSJPKG1 header)";
        return std::nullopt;
    }
    std::uint32_t count = 0;
    if (!in.U32(count) || count > kMaxFiles) {
        error = "the package's file count is missing or above " + std::to_string(kMaxFiles);
        return std::nullopt;
    }
    std::vector<std::pair<std::string, std::uint32_t>> index;
    std::uint64_t total = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t length = 0, size = 0;
        std::string_view name;
        if (!in.U32(length) || length > kMaxName || !in.Take(length, name) || !in.U32(size)) {
            error = "the package's entry " + std::to_string(i) + " is cut short or too long";
            return std::nullopt;
        }
        if (!ValidName(name)) {
            error = "the package's entry " + std::to_string(i) + " has an invalid name";
            return std::nullopt;
        }
        index.emplace_back(std::string(name), size);
        total += size;
    }
    if (total != in.Left()) {
        error = "the package's files add up to " + std::to_string(total) + " bytes, not the " +
                std::to_string(in.Left()) + " after its index";
        return std::nullopt;
    }
    std::map<std::string, std::string> files;
    for (const auto& [name, size] : index) {
        std::string_view body;
        in.Take(size, body);  // the sizes were checked against what is left
        if (!files.emplace(name, std::string(body)).second) {
            error = "the package names " + name + " twice";
            return std::nullopt;
        }
    }
    return files;
}

std::string MountPackage(std::string_view bytes) {
    std::string error;
    auto files = ParsePackage(bytes, error);
    if (!files) return error;
    Mounted() = std::make_shared<const std::map<std::string, std::string>>(std::move(*files));
    return "";
}

const std::string* MountedFile(const std::string& name) {
    const auto& files = Mounted();
    if (!files) return nullptr;
    const auto it = files->find(name);
    return it == files->end() ? nullptr : &it->second;
}

}  // namespace tasjil::io
