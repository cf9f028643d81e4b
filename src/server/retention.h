// Tasjil server: the retention the parents' notice promises (law 09-08 art. 3.1.e). The
// personal data of a school year's files is kept until that year's rules say
// (personal_data_kept_until, the date the notice shows) and deleted the day after, by the
// server itself once a day and by `tasjil-server admin purge`.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/dates.h"
#include "core/rules.h"
#include "server/clock.h"
#include "server/storage.h"

namespace tasjil::server {

// The rules of a school year ("2026-2027"), or none when there are none.
using RulesForYear = std::function<std::optional<core::Rules>(const std::string& school_year)>;

struct RetentionReport {
    std::vector<PurgeResult> purged;  // school years whose files were deleted now
    // School years kept, with the last day they are kept.
    std::vector<std::pair<std::string, std::string>> kept;
    // School years with files but no rules (or a malformed year): kept, and said so.
    std::vector<std::string> without_rules;
};

// Deletes every school year whose retention ended before `today`. `now` stamps the audit.
RetentionReport PurgeExpired(Storage& storage, const RulesForYear& rules, const core::Date& today,
                             std::int64_t now);

// Runs PurgeExpired once when started and then once a day (checking every hour, so a server
// that was down at midnight catches up), on a thread of its own. A failure is logged, counted
// and tried again at the next check.
class RetentionWorker {
  public:
    RetentionWorker(Storage& storage, RulesForYear rules, Clock clock);
    ~RetentionWorker();
    void Start();
    void Stop();
    std::uint64_t runs() const { return runs_; }
    std::uint64_t files_deleted() const { return files_deleted_; }

  private:
    void Loop();
    Storage& storage_;
    RulesForYear rules_;
    Clock clock_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::atomic<std::uint64_t> runs_{0}, files_deleted_{0};
};

}  // namespace tasjil::server
