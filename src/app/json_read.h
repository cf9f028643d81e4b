// Tasjil app: reading JSON that came from outside — a server's reply, a draft read back from
// the device. Nothing in it is trusted: a member of the wrong type reads as absent.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/json_io.h"

namespace tasjil::app {

// A string member of an object, "" when missing or of another type.
std::string StringOf(const nlohmann::json& object, const char* key);

// Reasons or errors as the API writes them, and back (a draft keeps its receipt's reasons):
// the core's one reader and writer.
using core::ErrorsFromJson;
using core::ErrorsToJson;

}  // namespace tasjil::app
