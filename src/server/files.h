// Tasjil server: the one way the server reads and writes whole files (assets, the web app, the
// outbox). Nothing here ever opens the database file: only SQLite does (a second descriptor
// closed in this process would drop SQLite's POSIX locks for the whole process).
#pragma once

#include <string>

#include "io/files.h"

namespace tasjil::server {

using io::ReadWholeFile;  // the programs' one file reader

// Writes `bytes` to `path` through a temporary sibling, fsync and rename, so a reader sees the
// old file or the new one, never a part. The temporary file is removed on every failure.
// Returns "" or the reason.
std::string WriteFileAtomically(const std::string& path, const std::string& bytes);

// Flushes a file and the folder entry naming it to the disk (after a copy is written, before
// it is announced). Returns "" or the reason. Never call it on a database a connection of this
// process has open.
std::string SyncFile(const std::string& path);

// An exclusive lock on a data folder (a lock file inside it, flock), held until the process
// ends or the lock is released: a second server on the same folder is refused.
class FolderLock {
  public:
    FolderLock() = default;
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    // Returns "" when the lock is taken, or why not.
    std::string Acquire(const std::string& folder);

  private:
    int fd_ = -1;
};

}  // namespace tasjil::server
