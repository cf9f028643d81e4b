#include "server/db.h"

#include "server/log.h"

namespace tasjil::server {

namespace {
using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kFirstBackoff{200};
constexpr std::chrono::milliseconds kMaxBackoff{2000};
}  // namespace

Pool::Pool(Opener open, int size) : open_(std::move(open)), slots_(static_cast<std::size_t>(size)) {
    slots_[0].connection = open_();
    dialect_ = slots_[0].connection->Dialect();
    stats_.connects = 1;
    stats_.size = size;
    for (auto& s : slots_) free_.push_back(&s);
}

PoolStats Pool::Stats() const {
    std::lock_guard lock(mutex_);
    PoolStats out = stats_;
    out.open = 0;
    for (const auto& s : slots_) out.open += s.connection ? 1 : 0;
    return out;
}

Pool::Slot* Pool::Acquire() {
    Slot* slot = nullptr;
    {
        std::unique_lock lock(mutex_);
        available_.wait(lock, [&] { return !free_.empty(); });
        slot = free_.back();
        free_.pop_back();
        if (slot->connection && slot->generation == generation_) return slot;
        if (slot->connection) {
            // Opened before a lost connection was seen: it went to the same server.
            slot->connection.reset();
        }
        if (Clock::now() < next_connect_at_) {
            free_.push_back(slot);
            available_.notify_one();
            ++stats_.unavailable;
            stats_.available = false;
            throw DbError("database unavailable: waiting before the next connection attempt",
                          DbFault::kUnavailable);
        }
    }
    // Connecting can take a while: the other slots stay usable meanwhile.
    std::unique_ptr<Connection> fresh;
    try {
        fresh = open_();
    } catch (...) {
        std::lock_guard lock(mutex_);
        backoff_ = std::min(kMaxBackoff, backoff_.count() ? backoff_ * 2 : kFirstBackoff);
        next_connect_at_ = Clock::now() + backoff_;
        ++stats_.connect_failures;
        ++stats_.unavailable;
        stats_.available = false;
        free_.push_back(slot);
        available_.notify_one();
        throw;
    }
    std::lock_guard lock(mutex_);
    backoff_ = std::chrono::milliseconds{0};
    next_connect_at_ = {};
    ++stats_.connects;
    slot->connection = std::move(fresh);
    slot->generation = generation_;
    return slot;
}

void Pool::Release(Slot* slot, bool discard) {
    std::lock_guard lock(mutex_);
    if (discard && slot->connection) {
        if (slot->connection->Broken()) {
            ++stats_.broken;
            ++generation_;
        }
        slot->connection.reset();
    }
    free_.push_back(slot);
    available_.notify_one();
}

void Pool::RunOnce(Slot& slot, const std::function<void(Connection&)>& work, bool transaction,
                   bool& unusable) {
    Connection& c = *slot.connection;
    if (transaction) c.Begin();
    try {
        work(c);
        if (transaction) c.Exec("COMMIT");
    } catch (...) {
        if (transaction && !c.Broken()) {
            try {
                c.Exec("ROLLBACK");
            } catch (...) {
                // A connection whose transaction cannot be ended is never used again.
                ReportException(Site::kDatabase);
                unusable = true;
            }
        }
        throw;
    }
}

void Pool::With(const std::function<void(Connection&)>& work, bool transaction, Retry retry) {
    for (int attempt = 0;; ++attempt) {
        const bool may_retry = retry == Retry::kYes && attempt == 0;
        Slot* slot = nullptr;
        try {
            slot = Acquire();
        } catch (const DbError& e) {
            if (may_retry && e.unavailable()) continue;
            throw;
        }
        bool unusable = false;
        try {
            RunOnce(*slot, work, transaction, unusable);
        } catch (const DbError& e) {
            Release(slot, unusable || slot->connection->Broken());
            if (!e.unavailable()) throw;
            std::lock_guard lock(mutex_);
            ++stats_.unavailable;
            stats_.available = false;
            if (!may_retry) throw;
            ++stats_.retried;
            continue;
        } catch (...) {
            Release(slot, unusable || slot->connection->Broken());
            throw;
        }
        Release(slot, false);
        std::lock_guard lock(mutex_);
        stats_.available = true;
        return;
    }
}

}  // namespace tasjil::server
