#include "core/json_reader.h"

#include "core/utf8.h"

namespace tasjil::core {

bool ParseDocument(std::string_view text, std::size_t max_bytes, std::size_t max_depth, Json& out,
                   FieldErrors& errors) {
    if (text.size() > max_bytes) {
        errors.push_back({"", "file.too_large", {{"limit", std::to_string(max_bytes)}}});
        return false;
    }
    JsonSyntaxError syntax;
    if (!ParseJsonStrict(text, out, syntax, max_depth)) {
        errors.push_back({"", syntax.code, {{"offset", std::to_string(syntax.offset)}}});
        return false;
    }
    return true;
}

void WrongType(const std::string& pointer, const char* expected, FieldErrors& errors) {
    errors.push_back({pointer, "file.wrong_type", {{"expected", expected}}});
}

bool ReadString(const Json& value, const std::string& pointer, FieldErrors& errors,
                std::size_t max_string_bytes, std::string& out) {
    if (!value.is_string()) {
        WrongType(pointer, "string", errors);
        return false;
    }
    const auto& s = value.get_ref<const std::string&>();
    if (s.size() > max_string_bytes) {
        errors.push_back(
            {pointer, "file.string_too_long", {{"limit", std::to_string(max_string_bytes)}}});
        return false;
    }
    if (!DecodeUtf8(s)) {
        errors.push_back({pointer, "file.invalid_utf8", {}});
        return false;
    }
    out = s;
    return true;
}

ObjectReader::ObjectReader(const Json& value, std::string pointer, FieldErrors& errors,
                           std::size_t max_string_bytes)
    : pointer_(std::move(pointer)), errors_(errors), max_string_bytes_(max_string_bytes) {
    if (value.is_object()) {
        object_ = &value;
    } else {
        WrongType(pointer_, "object", errors_);
    }
}

ObjectReader::~ObjectReader() {
    Finish();
}

const Json* ObjectReader::Find(const char* key) {
    if (!object_) return nullptr;
    seen_.insert(key);
    auto it = object_->find(key);
    if (it == object_->end()) {
        errors_.push_back({PointerAppend(pointer_, key), "file.missing_key", {}});
        return nullptr;
    }
    return &*it;
}

const Json* ObjectReader::Member(const char* key) {
    return Find(key);
}

const Json* ObjectReader::NullableMember(const char* key, bool& was_null) {
    const Json* v = Find(key);
    was_null = v && v->is_null();
    return was_null ? nullptr : v;
}

void ObjectReader::Error(const char* key, const char* code, std::vector<Param> params) {
    errors_.push_back({PointerAppend(pointer_, key), code, std::move(params)});
}

void ObjectReader::String(const char* key, std::string& out) {
    if (const Json* v = Find(key)) {
        ReadString(*v, PointerAppend(pointer_, key), errors_, max_string_bytes_, out);
    }
}

void ObjectReader::NullableString(const char* key, std::optional<std::string>& out) {
    bool was_null = false;
    out.reset();
    if (const Json* v = NullableMember(key, was_null)) {
        std::string s;
        if (ReadString(*v, PointerAppend(pointer_, key), errors_, max_string_bytes_, s)) {
            out = std::move(s);
        }
    }
}

void ObjectReader::Bool(const char* key, bool& out) {
    if (const Json* v = Find(key)) {
        if (v->is_boolean()) {
            out = v->get<bool>();
        } else {
            WrongType(PointerAppend(pointer_, key), "boolean", errors_);
        }
    }
}

void ObjectReader::Int(const char* key, int& out) {
    if (const Json* v = Find(key)) {
        if (v->is_number_integer() && v->get<long long>() >= -100000 &&
            v->get<long long>() <= 100000) {
            out = static_cast<int>(v->get<long long>());
        } else {
            WrongType(PointerAppend(pointer_, key), "integer", errors_);
        }
    }
}

void ObjectReader::OptionalInt(const char* key, std::optional<int>& out) {
    if (!object_) return;
    seen_.insert(key);
    if (object_->find(key) == object_->end()) {
        out.reset();
        return;
    }
    int value = 0;
    Int(key, value);
    out = value;
}

void ObjectReader::OptionalBool(const char* key, bool& out) {
    if (!object_) return;
    seen_.insert(key);
    if (object_->find(key) != object_->end()) Bool(key, out);
}

void ObjectReader::StringArray(const char* key, std::vector<std::string>& out,
                               std::size_t max_items) {
    const Json* v = Find(key);
    if (!v) return;
    const std::string ptr = PointerAppend(pointer_, key);
    if (!v->is_array()) {
        WrongType(ptr, "array", errors_);
        return;
    }
    if (v->size() > max_items) {
        errors_.push_back({ptr, "file.too_many_items", {{"limit", std::to_string(max_items)}}});
        return;
    }
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) {
        std::string s;
        if (ReadString((*v)[i], PointerAppend(ptr, i), errors_, max_string_bytes_, s)) {
            out.push_back(std::move(s));
        }
    }
}

void ObjectReader::Finish() {
    if (finished_ || !object_) return;
    finished_ = true;
    for (const auto& [k, _] : object_->items()) {
        if (!seen_.count(k))
            errors_.push_back({PointerAppend(pointer_, k), "file.unknown_key", {}});
    }
}

}  // namespace tasjil::core
