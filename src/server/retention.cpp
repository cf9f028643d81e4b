#include "server/retention.h"

#include <cstdio>

#include "server/log.h"

namespace tasjil::server {

namespace {
// "YYYY-YYYY" with consecutive years: the only shape a school year read back from the
// database may have before it names a rules file.
bool IsSchoolYear(const std::string& y) {
    if (y.size() != 9 || y[4] != '-') return false;
    for (std::size_t i = 0; i < y.size(); ++i) {
        if (i != 4 && (y[i] < '0' || y[i] > '9')) return false;
    }
    return std::stoi(y.substr(5, 4)) == std::stoi(y.substr(0, 4)) + 1;
}
}  // namespace

RetentionReport PurgeExpired(Storage& storage, const RulesForYear& rules, const core::Date& today,
                             std::int64_t now) {
    RetentionReport report;
    storage.FillSchoolYears();
    for (const auto& year : storage.SchoolYearsStored()) {
        const auto r = IsSchoolYear(year) ? rules(year) : std::nullopt;
        if (!r) {
            report.without_rules.push_back(year);
            continue;
        }
        if (date::sys_days(today) < date::sys_days(core::PurgeDay(*r))) {
            report.kept.emplace_back(year, r->personal_data_kept_until);
            continue;
        }
        AuditEntry audit;
        audit.at = Rfc3339(now);
        audit.staff = "retention";
        audit.action = AuditAction::kPurge;
        audit.detail = "school year " + year + ", kept until " + r->personal_data_kept_until + ":";
        report.purged.push_back(storage.PurgeSchoolYear(year, audit));
    }
    return report;
}

RetentionWorker::RetentionWorker(Storage& storage, RulesForYear rules, Clock clock)
    : storage_(storage), rules_(std::move(rules)), clock_(std::move(clock)) {}

RetentionWorker::~RetentionWorker() {
    Stop();
}

void RetentionWorker::Start() {
    thread_ = std::thread([this] { Loop(); });
}

void RetentionWorker::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void RetentionWorker::Loop() {
    std::int64_t done_day = -1;  // the last day a run succeeded
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        const std::int64_t now = clock_();
        const std::int64_t day = now / 86400;
        if (day != done_day) {
            lock.unlock();
            try {
                const auto today = core::Date{date::sys_days{date::days{day}}};
                const auto report = PurgeExpired(storage_, rules_, today, now);
                for (const auto& p : report.purged) {
                    files_deleted_ += static_cast<std::uint64_t>(p.files);
                    std::fprintf(stderr,
                                 "tasjil-server: retention: school year %s deleted (%lld files)\n",
                                 p.school_year.c_str(), static_cast<long long>(p.files));
                }
                for (const auto& y : report.without_rules) {
                    std::fprintf(stderr,
                                 "tasjil-server: retention: no rules for the school year %s: its "
                                 "files are kept\n",
                                 y.c_str());
                }
                ++runs_;
                done_day = day;
            } catch (...) {
                ReportException(Site::kMaintenance);
            }
            lock.lock();
        }
        wake_.wait_for(lock, std::chrono::hours(1), [this] { return stopping_; });
    }
}

}  // namespace tasjil::server
