#include "core/json_io.h"

#include <vector>

namespace tasjil::core {

namespace {

// A SAX consumer that builds the DOM and stops at the first duplicate key or excess depth.
class StrictDomBuilder : public nlohmann::json_sax<Json> {
  public:
    StrictDomBuilder(Json& root, std::size_t max_depth) : root_(root), max_depth_(max_depth) {}

    bool null() override { return Add(Json(nullptr)); }
    bool boolean(bool v) override { return Add(Json(v)); }
    bool number_integer(number_integer_t v) override { return Add(Json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return Add(Json(v)); }
    bool number_float(number_float_t v, const string_t&) override { return Add(Json(v)); }
    bool string(string_t& v) override { return Add(Json(std::move(v))); }
    bool binary(binary_t&) override { return Fail("file.malformed_json", "binary value"); }

    bool start_object(std::size_t) override { return Open(Json::object()); }
    bool start_array(std::size_t) override { return Open(Json::array()); }
    bool end_object() override { return Close(); }
    bool end_array() override { return Close(); }

    bool key(string_t& k) override {
        Json& obj = *stack_.back();
        if (obj.contains(k)) return Fail("file.duplicate_key", k);
        pending_key_ = std::move(k);
        return true;
    }

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex) override {
        if (error.code.empty()) {
            error.code = "file.malformed_json";
            error.offset = position > 0 ? position - 1 : 0;
            error.detail = ex.what();
        }
        return false;
    }

    JsonSyntaxError error;

  private:
    bool Fail(const char* code, std::string detail) {
        error.code = code;
        error.detail = std::move(detail);
        return false;
    }

    Json* Place(Json&& v) {
        if (stack_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        Json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        Json& slot = parent[pending_key_];
        slot = std::move(v);
        return &slot;
    }

    bool Add(Json&& v) {
        Place(std::move(v));
        return true;
    }

    bool Open(Json&& v) {
        if (stack_.size() >= max_depth_) return Fail("file.too_deep", std::to_string(max_depth_));
        stack_.push_back(Place(std::move(v)));
        return true;
    }

    bool Close() {
        stack_.pop_back();
        return true;
    }

    Json& root_;
    std::size_t max_depth_;
    std::vector<Json*> stack_;
    std::string pending_key_;
};

}  // namespace

bool ParseJsonStrict(std::string_view text, Json& out, JsonSyntaxError& error,
                     std::size_t max_depth) {
    out = Json();
    // nlohmann's lexer takes a NUL byte for the end of the input, so "{…}\0{…}" would be read
    // as its first value alone. A NUL is never valid in JSON text (not even raw inside a
    // string): refuse it before parsing, wherever it is.
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        error = {"file.malformed_json", nul, "NUL byte"};
        return false;
    }
    StrictDomBuilder builder(out, max_depth);
    const bool ok = Json::sax_parse(text.begin(), text.end(), &builder,
                                    nlohmann::detail::input_format_t::json, true);
    if (ok && builder.error.code.empty()) return true;
    error = builder.error;
    if (error.code.empty()) error.code = "file.malformed_json";
    out = Json();
    return false;
}

namespace {
std::string StringMember(const Json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}
}  // namespace

FieldErrors ErrorsFromJson(const Json& list) {
    FieldErrors out;
    if (!list.is_array()) return out;
    for (const auto& e : list) {
        if (!e.is_object()) continue;
        FieldError fe;
        fe.pointer = StringMember(e, "pointer");
        fe.code = StringMember(e, "code");
        if (const auto p = e.find("params"); p != e.end() && p->is_object()) {
            for (const auto& [k, v] : p->items()) {
                if (v.is_string()) fe.params.push_back({k, v.get<std::string>()});
            }
        }
        if (!fe.code.empty()) out.push_back(std::move(fe));
    }
    return out;
}

}  // namespace tasjil::core
