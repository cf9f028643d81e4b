// Tasjil app: the requests a page sent and not yet heard back from (both apps). A reply is
// matched to its request by id; one that matches nothing (not ours, answered already, or
// forgotten when its answer stopped mattering) is dropped.
#pragma once

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace tasjil::app {

template <class Request>
class InFlight {
  public:
    // The requests the frame queued, moved out for the platform to send and kept until answered.
    std::vector<Request> Take(std::vector<Request>& queued) {
        std::vector<Request> out = std::move(queued);
        queued.clear();
        sent_.insert(sent_.end(), out.begin(), out.end());
        return out;
    }
    // The request a reply answers, forgotten from then on.
    std::optional<Request> Answer(int id) {
        const auto it =
            std::find_if(sent_.begin(), sent_.end(), [id](const Request& r) { return r.id == id; });
        if (it == sent_.end()) return std::nullopt;
        Request request = std::move(*it);
        sent_.erase(it);
        return request;
    }
    // Forgets the requests `unwanted` picks: their replies will be dropped.
    template <class Predicate>
    void Forget(Predicate unwanted) {
        sent_.erase(std::remove_if(sent_.begin(), sent_.end(), unwanted), sent_.end());
    }

  private:
    std::vector<Request> sent_;
};

}  // namespace tasjil::app
