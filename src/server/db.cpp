#include "server/db.h"

namespace tasjil::server {

Pool::Pool(std::vector<std::unique_ptr<Connection>> connections) : all_(std::move(connections)) {
    for (auto& c : all_) free_.push_back(c.get());
}

const char* Pool::Dialect() const {
    return all_.front()->Dialect();
}

void Pool::With(const std::function<void(Connection&)>& work, bool transaction) {
    Connection* c = nullptr;
    {
        std::unique_lock lock(mutex_);
        available_.wait(lock, [&] { return !free_.empty(); });
        c = free_.back();
        free_.pop_back();
    }
    auto give_back = [&] {
        std::lock_guard lock(mutex_);
        free_.push_back(c);
        available_.notify_one();
    };
    try {
        if (transaction) c->Begin();
        work(*c);
        if (transaction) c->Exec("COMMIT");
    } catch (...) {
        if (transaction) {
            try {
                c->Exec("ROLLBACK");
            } catch (...) {
            }
        }
        give_back();
        throw;
    }
    give_back();
}

}  // namespace tasjil::server
