#include "server/files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace tasjil::server {

std::string WriteFileAtomically(const std::string& path, const std::string& bytes) {
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return "cannot create " + tmp + ": " + std::strerror(errno);
    std::string error;
    std::size_t done = 0;
    while (done < bytes.size() && error.empty()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            error = std::string("cannot write: ") + std::strerror(errno);
        else
            done += static_cast<std::size_t>(n);
    }
    if (error.empty() && ::fsync(fd) != 0) error = std::string("fsync: ") + std::strerror(errno);
    if (::close(fd) != 0 && error.empty()) error = std::string("close: ") + std::strerror(errno);
    if (error.empty() && ::rename(tmp.c_str(), path.c_str()) != 0)
        error = std::string("rename: ") + std::strerror(errno);
    if (!error.empty()) ::unlink(tmp.c_str());
    return error;
}

std::string SyncFile(const std::string& path) {
    for (const std::string& p : {path, std::filesystem::path(path).parent_path().string()}) {
        const int fd = ::open(p.empty() ? "." : p.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return "cannot open " + p + ": " + std::strerror(errno);
        const bool ok = ::fsync(fd) == 0;
        const int e = errno;
        ::close(fd);
        if (!ok) return "fsync " + p + ": " + std::strerror(e);
    }
    return "";
}

FolderLock::~FolderLock() {
    if (fd_ >= 0) ::close(fd_);
}

std::string FolderLock::Acquire(const std::string& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    const std::string path = folder + "/server.lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return "cannot open " + path + ": " + std::strerror(errno);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int e = errno;
        ::close(fd);
        return e == EWOULDBLOCK ? "another tasjil-server is already using " + folder
                                : "cannot lock " + path + ": " + std::strerror(e);
    }
    fd_ = fd;
    return "";
}

}  // namespace tasjil::server
