// Whole HTTP requests through the server's route table and handlers, with a real service on a
// throw-away SQLite database. The input is split into a request line, headers and a body the
// way a transport would hand them over; the header value parsers get the raw bytes too. A line
// "?name=value" among the headers is a query parameter.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <sodium.h>

#include "core/uuid.h"
#include "server/api.h"
#include "server/http.h"
#include "server/service.h"
#include "server/storage.h"
#include "support/fixtures.h"

namespace {

using namespace tasjil;

struct World {
    std::filesystem::path dir;
    std::unique_ptr<server::Storage> storage;
    std::unique_ptr<server::Service> service;
    std::unique_ptr<server::Api> api;
    World() {
        dir = std::filesystem::temp_directory_path() / ("tasjil-fuzz-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir / "web");
        std::filesystem::path index = dir / "web" / "index.html";
        FILE* f = std::fopen(index.c_str(), "w");
        if (f) {
            std::fputs("<!doctype html><title>t</title>", f);
            std::fclose(f);
        }
        storage = server::OpenStorage("sqlite:" + (dir / "f.db").string());
        std::map<std::string, core::Catalogue> catalogues;
        for (const char* l : {"ar", "zgh", "fr"}) catalogues[l] = test::CatalogueFor(l);
        service = std::make_unique<server::Service>(*storage, test::Rules2026(), test::SampleMap(),
                                                    catalogues, [] { return 1775811600; });
        server::ApiConfig config;
        config.web_dir = (dir / "web").string();
        config.submit_per_minute = 0;
        config.status_per_minute = 0;
        config.login_per_minute = 0;
        config.rules_json = test::ReadSourceFile("assets/rules/2026-2027.json");
        config.schoolmap_json = "{}";
        api = std::make_unique<server::Api>(*service, nullptr, config);
        // Staff sessions with known tokens, so that inputs reach the staff handlers: a school
        // ("Authorization: Bearer 000…0"), a directorate ("…1") and the national administrator
        // ("…2"), over a few stored files and an account waiting for its activation.
        const std::pair<const char*, char> staff[] = {
            {"fuzz.school", '0'}, {"fuzz.province", '1'}, {"fuzz.national", '2'}};
        storage->PutStaff(
            {"fuzz.school", "x", server::StaffRole::kSchool, {.schools = {"57303B"}}});
        storage->PutStaff(
            {"fuzz.province", "x", server::StaffRole::kDirectorate, {.province = "01.573"}});
        storage->PutStaff({"fuzz.national", "x", server::StaffRole::kNational, {}});
        (void)service->CreateStaff("57303a", "", "school", "57303A");
        for (const auto& [name, digit] : staff) {
            const std::string token(64, digit);
            unsigned char h[32];
            crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(token.data()),
                               token.size());
            storage->PutSession(core::HexEncode(h, sizeof h), name,
                                {"", 0, 4102444800, 4102444800, "127.0.0.1", "fuzz"});
        }
        for (int i = 0; i < 3; ++i) {
            auto file = test::SampleFileJson();
            file["file_id"] = "7c9e6679-7425-40de-944b-e07fc1f90ae" + std::to_string(i);
            (void)service->Submit(file.dump(), "fr");
        }
    }
    ~World() {
        api.reset();
        service.reset();
        storage.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

std::string_view Line(std::string_view& rest) {
    const auto nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static World world;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    server::HttpRequest req;
    req.method = std::string(Line(rest));
    std::string path(Line(rest));
    req.path.resize(server::PercentDecodeInPlace(path.data()));
    req.path.assign(path.c_str());
    for (int i = 0; i < 32 && !rest.empty(); ++i) {
        const std::string_view h = Line(rest);
        if (h.empty()) break;
        if (h.front() == '?') {
            // "?name=value": a query parameter (the staff lists' filters, cursors, limits).
            const auto eq = h.find('=');
            req.query.emplace_back(
                std::string(h.substr(1, eq == std::string_view::npos ? 0 : eq - 1)),
                eq == std::string_view::npos ? "" : std::string(h.substr(eq + 1)));
            continue;
        }
        const auto colon = h.find(':');
        req.headers.emplace_back(
            server::ToLower(h.substr(0, colon)),
            colon == std::string_view::npos ? "" : std::string(h.substr(colon + 1)));
        if (i % 4 == 3) req.query.emplace_back("birth_date", std::string(h.substr(0, 16)));
    }
    req.body = std::string(rest);
    req.client = "127.0.0.1";
    const auto res = world.api->Handle(req);
    if (res.status < 100 || res.status > 599) __builtin_trap();
    if (res.shared && res.offset + res.length > res.shared->size()) __builtin_trap();
    for (const auto& [k, v] : req.headers) {
        (void)server::ParseRange(v, 1261);
        (void)server::MediaTypeIs(v, "application/json");
        (void)server::LanguageOf(v);
        (void)server::ClientAddress("127.0.0.1", &v, {"127.0.0.1"});
    }
    return 0;
}
