#include <catch2/catch.hpp>

#include "core/decision.h"

using namespace tasjil::core;

TEST_CASE("A decision's name reads back as the same decision, and nothing else is one",
          "[core][decision]") {
    for (Decision d : {Decision::kApprove, Decision::kReject, Decision::kRequestInfo}) {
        REQUIRE(ParseDecision(DecisionName(d)));
        CHECK(*ParseDecision(DecisionName(d)) == d);
    }
    CHECK(DecisionName(Decision::kRequestInfo) == "request_info");
    using namespace std::string_view_literals;
    for (std::string_view other : {""sv, "Approve"sv, "approve "sv, "delete"sv, "reject\0x"sv})
        CHECK_FALSE(ParseDecision(other));
}

TEST_CASE("A rejection needs one of the known reasons", "[core][decision]") {
    CHECK(DecisionProblem(Decision::kReject, "", false, false) == "decision.reason_required");
    CHECK(DecisionProblem(Decision::kReject, "age.too_old", false, false) ==
          "decision.reason_required");
    CHECK(DecisionProblem(Decision::kReject, "school.capacity_reached", false, true).empty());
    CHECK(IsRejectReason("file.duplicate"));
    CHECK_FALSE(IsRejectReason("FILE.DUPLICATE"));
    // An approval carries no reason to check.
    CHECK(DecisionProblem(Decision::kApprove, "", false, true).empty());
}

TEST_CASE("A note is required where the guardian must read what is meant", "[core][decision]") {
    CHECK(NoteRequired(Decision::kRequestInfo, "", false));
    CHECK(NoteRequired(Decision::kReject, "decision.other", false));
    CHECK_FALSE(NoteRequired(Decision::kReject, "age.below_legal_age", false));
    CHECK(NoteRequired(Decision::kApprove, "", true));  // a directorate changing a decision
    CHECK_FALSE(NoteRequired(Decision::kApprove, "", false));
    CHECK(DecisionProblem(Decision::kRequestInfo, "", false, true) == "decision.note_invalid");
    CHECK(DecisionProblem(Decision::kRequestInfo, "", false, false).empty());
    CHECK(DecisionProblem(Decision::kReject, "decision.other", false, true) ==
          "decision.note_invalid");
    CHECK(DecisionProblem(Decision::kApprove, "", true, true) == "decision.note_invalid");
}
