#include "server_fixture.h"

#include <sodium.h>

#include <csignal>
#include <fstream>
#include <stdexcept>

#include "core/uuid.h"
#include "io/files.h"

namespace tasjil::test {

namespace {
// A server may close a connection while a test still writes to it (an early 413): the write
// fails with EPIPE instead of killing the test program.
const bool kIgnoreSigpipe = (std::signal(SIGPIPE, SIG_IGN), true);
}  // namespace

ServerFixture::ServerFixture(const std::string& database, server::HttpConfig http_config) {
    std::array<std::uint8_t, 16> r{};
    randombytes_buf(r.data(), r.size());
    dir = std::filesystem::temp_directory_path() / ("tasjil-server-" + core::UuidV4FromBytes(r));
    std::filesystem::create_directories(dir);
    storage =
        server::OpenStorage(database.empty() ? "sqlite:" + (dir / "tasjil.db").string() : database);
    // The catalogues as the server loads them: the parents', CLDR's and the staff's messages.
    std::map<std::string, core::Catalogue> catalogues;
    if (const std::string why = io::LoadCatalogues(std::string(TASJIL_SOURCE_DIR) + "/assets/i18n",
                                                   TASJIL_CLDR_DIR, catalogues);
        !why.empty())
        throw std::runtime_error(why);
    auto c = clock;
    service = std::make_unique<server::Service>(*storage, Rules2026(), SampleMap(), catalogues,
                                                [c] { return c->now; });
    service->SetPublicUrl("https://tasjil.men.gov.ma");
    http_config.port = 0;
    if (http_config.metrics_host.empty()) http_config.metrics_host = "127.0.0.1";
    http_config.metrics_port = 0;
    http_config.threads = http_config.threads ? http_config.threads : 8;
    if (http_config.api.web_dir.empty()) {
        http_config.api.web_dir = (dir / "web").string();
        std::filesystem::create_directories(http_config.api.web_dir);
        // The tests' own small app: a page, its compressed variant, a script with a hashed name.
        std::ofstream(dir / "web" / "index.html") << "<!doctype html><title>t</title>";
        std::ofstream(dir / "web" / "index.html.br") << "BROTLI";
        std::ofstream(dir / "web" / "index.wasm") << "\0asm";
        std::ofstream(dir / "web" / "app.0123abcd.js") << "1";
    }
    if (http_config.api.dlr_secret.empty()) http_config.api.dlr_secret = kDlrSecret;
    http_config.api.openapi = ReadSourceFile("docs/openapi.yaml");
    http_config.api.schoolmap_json = ReadSourceFile("assets/schoolmap/sample.json");
    http_config.api.rules_json = ReadSourceFile("assets/rules/2026-2027.json");
    http = std::make_unique<server::HttpServer>(*service, nullptr, http_config);
    std::string error;
    if (!http->Bind(error)) throw std::runtime_error(error);
    port = http->port();
    metrics_port = http->metrics_port();
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

httplib::Client ServerFixture::MetricsClient() const {
    httplib::Client c("127.0.0.1", metrics_port);
    c.set_read_timeout(30);
    return c;
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
