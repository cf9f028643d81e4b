// Index
//   [SECTION] E-mail
//   [SECTION] SMS through Kannel
//   [SECTION] Files
//   [SECTION] Workers
#include "server/notifier.h"

#include <curl/curl.h>
#include <httplib.h>
#include <sodium.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "server/clock.h"
#include "server/files.h"
#include "server/log.h"

namespace tasjil::server {

// [SECTION] E-mail -------------------------------------------------------------------------------

namespace {

std::string Base64(const std::string& s) {
    std::string out(sodium_base64_ENCODED_LEN(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()),
                      s.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

// RFC 2047 encoded-words of at most 75 characters, split on UTF-8 character boundaries.
std::string EncodedWords(const std::string& text) {
    std::string out, chunk;
    auto flush = [&] {
        if (chunk.empty()) return;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + Base64(chunk) + "?=";
        chunk.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        std::size_t len = 1;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        if (chunk.size() + len > 45) flush();  // 45 bytes → 60 base64 characters
        chunk.append(text, i, len);
        i += len;
    }
    flush();
    return out;
}

std::string QuotedPrintable(const std::string& text) {
    std::string out;
    int line = 0;
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::string piece;
        if (c == '\n') {
            out += "\r\n";
            line = 0;
            continue;
        }
        if ((c >= 33 && c <= 126 && c != '=') ||
            (c == ' ' && i + 1 < text.size() && text[i + 1] != '\n')) {
            piece = std::string(1, static_cast<char>(c));
        } else {
            piece = {'=', kHex[c >> 4], kHex[c & 15]};
        }
        if (line + static_cast<int>(piece.size()) > 75) {
            out += "=\r\n";
            line = 0;
        }
        out += piece;
        line += static_cast<int>(piece.size());
    }
    return out;
}

std::string Domain(const std::string& address) {
    const auto at = address.rfind('@');
    return at == std::string::npos ? "tasjil.local" : address.substr(at + 1);
}

class SmtpSender final : public Sender {
  public:
    explicit SmtpSender(SmtpConfig c) : config_(std::move(c)) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
    }

    std::string Send(const OutboxMessage& m) override {
        const std::string payload = BuildEmail(m, config_.from);
        CURL* curl = curl_easy_init();
        if (!curl) return "libcurl cannot start";
        struct Reader {
            const std::string* data;
            std::size_t at = 0;
        } reader{&payload};
        curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.recipient + ">").c_str());
        curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
        curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + config_.from + ">").c_str());
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        if (config_.starttls)
            curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
        if (!config_.username.empty()) {
            curl_easy_setopt(curl, CURLOPT_USERNAME, config_.username.c_str());
            curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
        }
        curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
        curl_easy_setopt(
            curl, CURLOPT_READFUNCTION,
            +[](char* buffer, size_t size, size_t items, void* user) -> size_t {
                auto* r = static_cast<Reader*>(user);
                const std::size_t n = std::min(size * items, r->data->size() - r->at);
                std::memcpy(buffer, r->data->data() + r->at, n);
                r->at += n;
                return n;
            });
        const CURLcode rc = curl_easy_perform(curl);
        curl_slist_free_all(rcpt);
        curl_easy_cleanup(curl);
        return rc == CURLE_OK ? "" : std::string("SMTP: ") + curl_easy_strerror(rc);
    }

  private:
    SmtpConfig config_;
};

}  // namespace

std::string BuildEmail(const OutboxMessage& m, const std::string& from) {
    std::string e;
    e += "From: " + from + "\r\n";
    e += "To: <" + m.recipient + ">\r\n";
    e += "Subject: " + EncodedWords(m.subject) + "\r\n";
    e += "Message-ID: <" + m.id + "@" + Domain(from) + ">\r\n";
    e += "Date: " + Rfc3339(m.created_at) + "\r\n";
    e += "MIME-Version: 1.0\r\n";
    e += "Content-Language: " + m.language + "\r\n";
    e += "Content-Type: text/plain; charset=UTF-8\r\n";
    e += "Content-Transfer-Encoding: quoted-printable\r\n";
    e += "\r\n";
    e += QuotedPrintable(m.body) + "\r\n";
    return e;
}

std::unique_ptr<Sender> MakeSmtpSender(SmtpConfig config) {
    return std::make_unique<SmtpSender>(std::move(config));
}

// [SECTION] SMS through Kannel -------------------------------------------------------------------

namespace {

class KannelSender final : public Sender {
  public:
    explicit KannelSender(KannelConfig c) : config_(std::move(c)) {
        // http://host:port/path
        const auto scheme_end = config_.url.find("://");
        const auto path_start = config_.url.find('/', scheme_end + 3);
        host_ = config_.url.substr(0, path_start);
        path_ =
            path_start == std::string::npos ? "/cgi-bin/sendsms" : config_.url.substr(path_start);
    }

    std::string Send(const OutboxMessage& m) override {
        httplib::Client client(host_);
        client.set_connection_timeout(5);
        client.set_read_timeout(15);
        // Arabic and Tifinagh need UCS-2 (coding=2); French (folded to GSM-7 when the message
        // was made) goes as GSM 7-bit, Kannel converting from UTF-8.
        const bool gsm = IsGsm7(m.body);
        httplib::Params params = {{"username", config_.username},
                                  {"password", config_.password},
                                  {"from", config_.sender},
                                  {"to", m.recipient},
                                  {"charset", "UTF-8"},
                                  {"coding", gsm ? "0" : "2"},
                                  {"text", m.body}};
        if (!config_.dlr_url.empty()) {
            params.emplace("dlr-mask", "31");
            params.emplace("dlr-url", config_.dlr_url + "?id=" + m.id + "&sig=" +
                                          DeliveryReportSignature(config_.dlr_secret, m.id) +
                                          "&status=%d");
        }
        const std::string query = httplib::detail::params_to_query_str(params);
        auto res = client.Get((path_ + "?" + query).c_str());
        if (!res) return "Kannel: " + httplib::to_string(res.error());
        if (res->status != 202 && res->status != 200) {
            return "Kannel: HTTP " + std::to_string(res->status) + " " + res->body;
        }
        return "";
    }

  private:
    KannelConfig config_;
    std::string host_, path_;
};

// [SECTION] Files --------------------------------------------------------------------------------

class FileSender final : public Sender {
  public:
    FileSender(std::string dir, std::string from) : dir_(std::move(dir)), from_(std::move(from)) {
        std::filesystem::create_directories(dir_);
    }
    std::string Send(const OutboxMessage& m) override {
        // Written under a temporary name and renamed: a reader never sees half a message, and a
        // retry after a crash overwrites the same file rather than adding a second one. A failed
        // write (a full disk) leaves no temporary file behind.
        const std::string name =
            dir_ + "/" + m.id + (m.channel == Channel::kEmail ? ".eml" : ".json");
        const std::string bytes = m.channel == Channel::kEmail
                                      ? BuildEmail(m, from_)
                                      : nlohmann::json{{"id", m.id},
                                                       {"to", m.recipient},
                                                       {"language", m.language},
                                                       {"text", m.body}}
                                                .dump() +
                                            "\n";
        return WriteFileAtomically(name, bytes);
    }

  private:
    std::string dir_, from_;
};

}  // namespace

std::unique_ptr<Sender> MakeKannelSender(KannelConfig config) {
    return std::make_unique<KannelSender>(std::move(config));
}
std::unique_ptr<Sender> MakeFileSender(std::string directory, std::string from) {
    return std::make_unique<FileSender>(std::move(directory), std::move(from));
}

std::string DeliveryReportSignature(const std::string& secret, const std::string& id) {
    unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
    crypto_hash_sha256(key, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(id.data()), id.size(), key);
    char hex[2 * sizeof mac + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

bool DeliveryReportSigned(const std::string& secret, const std::string& id,
                          const std::string& signature) {
    if (secret.empty() || signature.size() != 2 * crypto_auth_hmacsha256_BYTES) return false;
    const std::string expected = DeliveryReportSignature(secret, id);
    return sodium_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

// [SECTION] Workers ------------------------------------------------------------------------------

std::int64_t BackoffSeconds(int attempts, std::uint32_t random) {
    const int exponent = std::min(attempts, 7);  // 30 s × 2^7 ≈ 64 min, then capped at an hour
    const double base = std::min(3600.0, 30.0 * static_cast<double>(1 << exponent));
    const double jitter = 0.8 + 0.4 * (static_cast<double>(random % 1000) / 1000.0);
    return static_cast<std::int64_t>(base * jitter);
}

Notifier::Notifier(Storage& storage, std::unique_ptr<Sender> email, std::unique_ptr<Sender> sms,
                   int workers, std::int64_t claim_timeout)
    : storage_(storage),
      email_(std::move(email)),
      sms_(std::move(sms)),
      worker_count_(workers),
      claim_timeout_(claim_timeout) {}

Notifier::~Notifier() {
    Stop();
}

void Notifier::RecordDelivered() {
    std::vector<std::string> ids;
    {
        std::lock_guard lock(delivered_mutex_);
        ids.swap(delivered_);
    }
    try {
        storage_.MarkSentMany(ids);
    } catch (...) {
        std::lock_guard lock(delivered_mutex_);
        delivered_.insert(delivered_.end(), ids.begin(), ids.end());
        throw;
    }
}

int Notifier::RunOnce(std::int64_t now) {
    // What was delivered while the database was away is recorded before anything new is
    // claimed (nothing is claimed while it cannot be).
    RecordDelivered();
    auto due = storage_.ClaimDue(now, 32, claim_timeout_);
    // Recorded together after the batch: one commit instead of one per message. Only a crash
    // of this process in between sends those again (same ids, after the claim timeout).
    for (const auto& m : due) {
        Sender* sender = m.channel == Channel::kEmail ? email_.get() : sms_.get();
        const std::string error =
            sender ? sender->Send(m) : "no sender for " + std::string(ChannelName(m.channel));
        if (error.empty()) {
            std::lock_guard lock(delivered_mutex_);
            delivered_.push_back(m.id);
            ++sent_;
            continue;
        }
        ++failures_;
        if (now - m.created_at >= kGiveUpAfterSeconds) {
            storage_.MarkFailed(m.id, error);
        } else {
            storage_.MarkRetry(m.id, now + BackoffSeconds(m.attempts, randombytes_random()), error);
        }
    }
    RecordDelivered();
    return static_cast<int>(due.size());
}

void Notifier::Start() {
    if (running_.exchange(true)) return;
    for (int i = 0; i < worker_count_; ++i) workers_.emplace_back([this] { Loop(); });
}

void Notifier::Stop() {
    running_ = false;
    for (auto& t : workers_) {
        if (t.joinable()) t.join();
    }
    workers_.clear();
}

void Notifier::Loop() {
    while (running_) {
        int handled = 0;
        try {
            handled = RunOnce(SystemClock());
        } catch (...) {
            // The database is busy or away: try again shortly; nothing is lost, the rows stay.
            ReportException(Site::kNotifier);
        }
        if (handled == 0) {
            for (int i = 0; i < 10 && running_; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

}  // namespace tasjil::server
