// Tasjil core: reads a JSON object field by field into a struct, collecting shape errors with
// JSON Pointers instead of throwing. Shared by every document type the core parses.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/field_error.h"
#include "core/json_io.h"

namespace tasjil::core {

class ObjectReader {
  public:
    // `value` must outlive the reader. When it is not an object a "file.wrong_type" error is
    // recorded once and every later read is a no-op.
    ObjectReader(const Json& value, std::string pointer, FieldErrors& errors,
                 std::size_t max_string_bytes);
    ~ObjectReader();

    bool ok() const { return object_ != nullptr; }
    const std::string& pointer() const { return pointer_; }

    void String(const char* key, std::string& out);
    void NullableString(const char* key, std::optional<std::string>& out);
    void Bool(const char* key, bool& out);
    void Int(const char* key, int& out);
    // An integer member that may be absent (nullopt then, and no error).
    void OptionalInt(const char* key, std::optional<int>& out);
    // A boolean member that may be absent (`out` keeps its value then, and no error).
    void OptionalBool(const char* key, bool& out);
    void StringArray(const char* key, std::vector<std::string>& out, std::size_t max_items);

    // Calls `read(const Json&, const std::string& pointer)` for the member, or records the
    // missing key. Returns the member when present.
    const Json* Member(const char* key);
    // Like Member but a JSON null yields nullptr without an error.
    const Json* NullableMember(const char* key, bool& was_null);

    // Records an error at a member of this object.
    void Error(const char* key, const char* code, std::vector<Param> params = {});

    // Reports keys the reader was never asked for ("file.unknown_key"). Called by the destructor
    // if not called before.
    void Finish();

  private:
    const Json* Find(const char* key);

    const Json* object_ = nullptr;
    std::string pointer_;
    FieldErrors& errors_;
    std::size_t max_string_bytes_;
    std::set<std::string, std::less<>> seen_;
    bool finished_ = false;
};

// Parses a whole document: refuses more than `max_bytes` ("file.too_large") before reading,
// then strict JSON (the syntax error's code with its byte offset). Returns false after recording
// the error.
bool ParseDocument(std::string_view text, std::size_t max_bytes, std::size_t max_depth, Json& out,
                   FieldErrors& errors);

// Checks a string value: type, byte length and UTF-8 validity; records the error and returns
// false when it does not qualify.
bool ReadString(const Json& value, const std::string& pointer, FieldErrors& errors,
                std::size_t max_string_bytes, std::string& out);

// Records "file.wrong_type" with the expected JSON type.
void WrongType(const std::string& pointer, const char* expected, FieldErrors& errors);

}  // namespace tasjil::core
