#include "server_fixture.h"

#include <sodium.h>

#include "core/uuid.h"

namespace tasjil::test {

ServerFixture::ServerFixture(const std::string& database, server::HttpConfig http_config) {
    std::array<std::uint8_t, 16> r{};
    randombytes_buf(r.data(), r.size());
    dir = std::filesystem::temp_directory_path() / ("tasjil-server-" + core::UuidV4FromBytes(r));
    std::filesystem::create_directories(dir);
    storage =
        server::OpenStorage(database.empty() ? "sqlite:" + (dir / "tasjil.db").string() : database);
    std::map<std::string, core::Catalogue> catalogues;
    for (const char* l : {"ar", "zgh", "fr"}) catalogues[l] = CatalogueFor(l);
    auto c = clock;
    service = std::make_unique<server::Service>(*storage, Rules2026(), SampleMap(), catalogues,
                                                [c] { return c->now; });
    http_config.port = 0;
    http_config.threads = http_config.threads ? http_config.threads : 8;
    if (http_config.web_dir.empty()) http_config.web_dir = (dir / "web").string();
    http_config.openapi_path = std::string(TASJIL_SOURCE_DIR) + "/docs/openapi.yaml";
    http_config.schoolmap_json = ReadSourceFile("assets/schoolmap/sample.json");
    http_config.rules_json = ReadSourceFile("assets/rules/2026-2027.json");
    http = std::make_unique<server::HttpServer>(*service, nullptr, http_config);
    std::string error;
    if (!http->Bind(error)) throw std::runtime_error(error);
    port = http->port();
    thread = std::thread([this] { http->Run(); });
}

ServerFixture::~ServerFixture() {
    http->Stop();
    thread.join();
    http.reset();
    service.reset();
    storage.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

httplib::Client ServerFixture::Client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30);
    return c;
}

nlohmann::json NewFile() {
    auto j = SampleFileJson();
    std::array<std::uint8_t, 16> r{};
    randombytes_buf(r.data(), r.size());
    j["file_id"] = core::UuidV4FromBytes(r);
    return j;
}

}  // namespace tasjil::test
