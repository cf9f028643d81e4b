// A normal client's latency while hostile clients hold the server (docs/security.md, issue
// "slow and idle clients"): baseline, 200 slow-header connections (one byte each 200 ms) from 10
// addresses, 2,000 idle keep-alive connections from 100 addresses, and both at once. Then the
// status look-up's two failure paths, timed interleaved. Prints one table row per scenario.
//
//   tasjil_attack_bench PORT SERVER_PID [REQUESTS]
#include <httplib.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/reference.h"
#include "raw_http.h"
#include "support/fixtures.h"

namespace {

using Clock = std::chrono::steady_clock;

long ServerRssMiB(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6)) / 1024;
    }
    return -1;
}

double Percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct Result {
    int ok = 0, failed = 0;
    std::vector<double> ms;
};

// A fresh connection per request, as a parent's phone on a weak network often has.
Result NormalClient(int port, int requests) {
    Result r;
    for (int i = 0; i < requests; ++i) {
        httplib::Client c("127.0.0.1", port);
        c.set_connection_timeout(5);
        c.set_read_timeout(5);
        const auto t0 = Clock::now();
        auto res = i % 4 == 0 ? c.Post(
                                    "/api/v1/files",
                                    [] {
                                        auto j = tasjil::test::SampleFileJson();
                                        char id[40];
                                        static std::atomic<unsigned> n{0};
                                        std::snprintf(id, sizeof id, "%08x-0000-4000-8000-%012x",
                                                      static_cast<unsigned>(getpid()), n++);
                                        j["file_id"] = id;
                                        return j.dump();
                                    }(),
                                    "application/json")
                              : c.Get("/healthz");
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (res && (res->status == 200 || res->status == 201 || res->status == 422)) {
            ++r.ok;
            r.ms.push_back(ms);
        } else {
            ++r.failed;
        }
    }
    return r;
}

void Row(const char* name, const Result& r, long rss) {
    std::printf("| %s | %d/%d | %.1f | %.1f | %.1f | %ld |\n", name, r.ok, r.ok + r.failed,
                Percentile(r.ms, 0.5), Percentile(r.ms, 0.99),
                r.ms.empty() ? 0 : *std::max_element(r.ms.begin(), r.ms.end()), rss);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: tasjil_attack_bench PORT SERVER_PID [REQUESTS]\n");
        return 64;
    }
    const int port = std::atoi(argv[1]);
    const int pid = std::atoi(argv[2]);
    const int requests = argc > 3 ? std::atoi(argv[3]) : 400;
    rlimit rl{};
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);

    std::printf("| scenario | answered | p50 ms | p99 ms | max ms | server RSS MiB |\n");
    std::printf("|---|---|---|---|---|---|\n");
    Row("no attack", NormalClient(port, requests), ServerRssMiB(pid));

    std::vector<std::unique_ptr<tasjil::test::RawSocket>> slow, idle;
    std::atomic<bool> stop{false};
    std::thread trickle;
    const auto start_slow = [&] {
        for (int i = 0; i < 200; ++i) {
            slow.push_back(std::make_unique<tasjil::test::RawSocket>(
                port, "127.0.1." + std::to_string(1 + i % 10)));
        }
        trickle = std::thread([&] {
            const std::string line = "GET / HTTP/1.1\r\nX-Slow: " + std::string(4000, 'a');
            for (std::size_t k = 0; !stop; k = (k + 1) % line.size()) {
                for (auto& c : slow) c->Send(std::string(1, line[k]));
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
            }
        });
    };
    const auto start_idle = [&] {
        for (int i = 0; i < 2000; ++i) {
            idle.push_back(std::make_unique<tasjil::test::RawSocket>(
                port, "127.0.2." + std::to_string(1 + i % 100)));
        }
    };
    start_slow();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    Row("200 slow-header clients", NormalClient(port, requests), ServerRssMiB(pid));
    stop = true;
    trickle.join();
    slow.clear();
    stop = false;
    start_idle();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    Row("2,000 idle keep-alive clients", NormalClient(port, requests), ServerRssMiB(pid));
    start_slow();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    Row("both at once", NormalClient(port, requests), ServerRssMiB(pid));
    stop = true;
    trickle.join();
    slow.clear();
    idle.clear();

    // The status look-up: "known reference, wrong date" against "no such reference", 400
    // interleaved samples each on one keep-alive connection (the per-reference limit is
    // avoided by using a new reference for every five wrong dates).
    httplib::Client c("127.0.0.1", port);
    std::vector<std::string> refs;
    for (int i = 0; i < 80; ++i) {
        auto j = tasjil::test::SampleFileJson();
        char id[40];
        std::snprintf(id, sizeof id, "%08x-0000-4000-9000-%012x", static_cast<unsigned>(getpid()),
                      i);
        j["file_id"] = id;
        auto r = c.Post("/api/v1/files", j.dump(), "application/json");
        if (r && (r->status == 201 || r->status == 200))
            refs.push_back(nlohmann::json::parse(r->body)["reference"]);
    }
    std::vector<double> known, unknown;
    for (std::size_t i = 0; i < 400 && !refs.empty(); ++i) {
        const std::string date = "2019-02-" + std::to_string(10 + i % 5);
        const auto t0 = Clock::now();
        c.Get(("/api/v1/files/" + refs[(i / 5) % refs.size()] + "?birth_date=" + date).c_str());
        const auto t1 = Clock::now();
        // A well-formed reference (check character included) that no file has.
        const std::string fake = tasjil::core::MakeReference(0x9E3779B97F4A7C15ull * (i + 1));
        c.Get(("/api/v1/files/" + fake + "?birth_date=" + date).c_str());
        const auto t2 = Clock::now();
        known.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        unknown.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
    }
    std::printf("\n| status look-up failure | samples | median µs | p90 µs |\n|---|---|---|---|\n");
    std::printf("| known reference, wrong date | %zu | %.0f | %.0f |\n", known.size(),
                Percentile(known, 0.5), Percentile(known, 0.9));
    std::printf("| no such reference | %zu | %.0f | %.0f |\n", unknown.size(),
                Percentile(unknown, 0.5), Percentile(unknown, 0.9));
    return 0;
}
