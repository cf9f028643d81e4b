// Benchmarks of the core on a national-size synthetic school map:
//   - the pre-check of one file (validation + map look-ups + eligibility), from a parsed file
//     and from JSON text, with per-call latency percentiles as counters;
//   - loading (parsing and indexing) the national map.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/precheck.h"
#include "core/synthetic_map.h"
#include "core/validation.h"
#include "support/fixtures.h"

namespace core = tasjil::core;

namespace {

const core::SchoolMap& NationalMap() {
    static const core::SchoolMap map = *core::LoadSchoolMap(core::GenerateSyntheticMap(2026)).map;
    return map;
}

const std::string& NationalMapJson() {
    static const std::string text = core::ToJson(core::GenerateSyntheticMap(2026));
    return text;
}

// Files living in sectors spread over the whole map, each choosing a school that serves it.
std::vector<core::ElectronicFile> Files(std::size_t n) {
    const auto& map = NationalMap();
    const auto& sectors = map.document().sectors;
    std::vector<core::ElectronicFile> files;
    const core::ElectronicFile base = tasjil::test::SampleFile();
    for (std::size_t i = 0; i < n; ++i) {
        const auto& sector = sectors[(i * 7919) % sectors.size()];
        const auto* commune = map.FindCommune(sector.commune);
        core::ElectronicFile f = base;
        f.residence.province = commune->province;
        f.residence.commune = commune->code;
        f.residence.sector = sector.code;
        f.school_choice.school_code = map.SchoolsServing(sector.code).front()->code;
        files.push_back(std::move(f));
    }
    return files;
}

// Reports per-call latency percentiles (microseconds) as counters of the benchmark.
void SetLatencyCounters(benchmark::State& state, std::vector<double>& ns) {
    if (ns.empty()) return;
    std::sort(ns.begin(), ns.end());
    auto at = [&](double q) {
        return ns[static_cast<std::size_t>(q * static_cast<double>(ns.size() - 1))] / 1000.0;
    };
    state.counters["p50_us"] = at(0.50);
    state.counters["p99_us"] = at(0.99);
    state.counters["max_us"] = ns.back() / 1000.0;
}

// Validation + school-map checks + eligibility, from a parsed file (what the server does after
// parsing, and what the app does on its model).
void BM_PrecheckParsedFile(benchmark::State& state) {
    const auto files = Files(4096);
    const auto& rules = tasjil::test::Rules2026();
    const auto today = tasjil::test::D("2026-04-10");
    std::vector<double> ns;
    ns.reserve(1 << 20);
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& f = files[i++ % files.size()];
        const auto t0 = std::chrono::steady_clock::now();
        auto errors = core::Validate(f, today);
        auto map_errors = core::ValidateAgainstMap(f, NationalMap());
        auto e = core::Evaluate(f, rules, NationalMap(), today);
        const auto t1 = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(errors);
        benchmark::DoNotOptimize(map_errors);
        benchmark::DoNotOptimize(e);
        if (ns.size() < ns.capacity())
            ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
        if (e.outcome != core::Outcome::kEligible || !errors.empty())
            state.SkipWithError("unexpected");
    }
    SetLatencyCounters(state, ns);
}
BENCHMARK(BM_PrecheckParsedFile);

// The whole pre-check from JSON text: parse + normalise + validate + map + eligibility.
void BM_PrecheckFromJson(benchmark::State& state) {
    const auto files = Files(1024);
    std::vector<std::string> texts;
    for (const auto& f : files) texts.push_back(core::ToJson(f));
    const auto& rules = tasjil::test::Rules2026();
    const auto today = tasjil::test::D("2026-04-10");
    std::vector<double> ns;
    ns.reserve(1 << 20);
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& text = texts[i++ % texts.size()];
        const auto t0 = std::chrono::steady_clock::now();
        auto r = core::Precheck(core::ParseElectronicFile(text), rules, NationalMap(), today);
        const auto t1 = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(r);
        if (ns.size() < ns.capacity())
            ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
        if (!r.valid()) state.SkipWithError("unexpected");
    }
    SetLatencyCounters(state, ns);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * texts[0].size()));
}
BENCHMARK(BM_PrecheckFromJson);

// Parsing and indexing the national map (server start, app start from cache).
void BM_LoadNationalMap(benchmark::State& state) {
    const std::string& text = NationalMapJson();
    for (auto _ : state) {
        auto load = core::ParseSchoolMap(text);
        benchmark::DoNotOptimize(load);
        if (!load.map) state.SkipWithError("map did not load");
    }
    state.counters["map_MB"] = static_cast<double>(text.size()) / 1e6;
    state.counters["schools"] = static_cast<double>(NationalMap().document().schools.size());
    state.counters["sectors"] = static_cast<double>(NationalMap().document().sectors.size());
}
BENCHMARK(BM_LoadNationalMap)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
