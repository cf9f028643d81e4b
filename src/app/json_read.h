// Tasjil app: reading JSON that came from outside — a server's reply, a draft read back from
// the device. Nothing in it is trusted: a member of the wrong type reads as absent.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/field_error.h"

namespace tasjil::app {

// A string member of an object, "" when missing or of another type.
std::string StringOf(const nlohmann::json& object, const char* key);

// Reasons or errors as the API writes them: [{pointer, code, params: {name: value}}]; entries
// without a code, and parameters that are not strings, are left out.
core::FieldErrors ErrorsFromJson(const nlohmann::json& list);
// The same list written back (a draft keeps the reasons of its receipt).
nlohmann::json ErrorsToJson(const core::FieldErrors& errors);

}  // namespace tasjil::app
