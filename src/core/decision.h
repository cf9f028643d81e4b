// Tasjil core: a school's or a directorate's decision on a file — what it may be, which reasons
// a rejection may give and when a note must explain it. The server checks a decision with this
// table and the staff console offers and checks the same, so the two cannot disagree.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace tasjil::core {

// What staff decide on a file waiting for review.
enum class Decision {
    kApprove,      // the child is registered at the school
    kReject,       // refused, for one of kRejectReasons
    kRequestInfo,  // the guardian is asked for more (the note says what)
};

// The decision's name in the API and the catalogues ("approve", "reject", "request_info").
std::string_view DecisionName(Decision decision);
std::optional<Decision> ParseDecision(std::string_view name);

// Reasons a school may give for a rejection: the two the pre-check knows (law 04-00: the legal
// age, the school that serves the residence), the school's own two, and a reason written in
// the note (`decision.other`).
inline constexpr std::array<std::string_view, 5> kRejectReasons = {
    "age.below_legal_age", "school.not_serving_residence", "school.capacity_reached",
    "file.duplicate", "decision.other"};
bool IsRejectReason(std::string_view code);

// Whether the decision must come with a note the guardian reads: a request for information
// says what is asked, `decision.other` says the reason, and a directorate changing a decision
// already taken says why.
bool NoteRequired(Decision decision, std::string_view reason, bool change);

// What is missing from a decision, as the code the server answers with ("" when complete):
// `decision.reason_required` (a rejection without a known reason) or `decision.note_invalid`
// (a note required and blank).
std::string_view DecisionProblem(Decision decision, std::string_view reason, bool change,
                                 bool note_blank);

}  // namespace tasjil::core
