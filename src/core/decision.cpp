#include "core/decision.h"

namespace tasjil::core {

namespace {
constexpr std::array<std::string_view, 3> kNames = {"approve", "reject", "request_info"};
}  // namespace

std::string_view DecisionName(Decision decision) {
    return kNames[static_cast<std::size_t>(decision)];
}

std::optional<Decision> ParseDecision(std::string_view name) {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name) return static_cast<Decision>(i);
    }
    return std::nullopt;
}

bool IsRejectReason(std::string_view code) {
    for (auto r : kRejectReasons) {
        if (r == code) return true;
    }
    return false;
}

bool NoteRequired(Decision decision, std::string_view reason, bool change) {
    return decision == Decision::kRequestInfo ||
           (decision == Decision::kReject && reason == "decision.other") || change;
}

std::string_view DecisionProblem(Decision decision, std::string_view reason, bool change,
                                 bool note_blank) {
    if (decision == Decision::kReject && !IsRejectReason(reason)) return "decision.reason_required";
    if (note_blank && NoteRequired(decision, reason, change)) return "decision.note_invalid";
    return "";
}

}  // namespace tasjil::core
