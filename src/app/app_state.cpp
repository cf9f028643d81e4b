#include "app/app_state.h"

namespace tasjil::app {

ScreenStates& ScreenStates::operator=(const ScreenStates& other) {
    if (this == &other) return *this;
    slots_.clear();
    for (const auto& [type, slot] : other.slots_) slots_.emplace_back(type, slot->Clone());
    return *this;
}

ScreenStates::Slot* ScreenStates::Find(const char* type) const {
    for (const auto& [t, slot] : slots_) {
        if (t == type) return slot.get();
    }
    return nullptr;
}

ScreenStates::Slot& ScreenStates::Get(const char* type, std::unique_ptr<Slot> (*make)()) {
    if (Slot* slot = Find(type)) return *slot;
    slots_.emplace_back(type, make());
    return *slots_.back().second;
}

void TypedText(UiState& ui, const std::string& id, const std::string& value) {
    ui.pending_text[id] = value;
}

void FocusMoved(UiState& ui, const std::string& id, bool focused) {
    if (focused) {
        ui.focused = id;
    } else if (ui.focused == id) {
        ui.focused.clear();
    }
}

core::ElectronicFile NewDraft(const std::string& file_id, const std::string& created_at,
                              const std::string& school_year) {
    core::ElectronicFile f;
    f.file_id = file_id;
    f.created_at = created_at;
    f.school_year = school_year;
    f.child.nationality = "MA";
    f.child.birth_place.country = "MA";
    f.contact.channels = {"sms"};
    return f;
}

const core::Catalogue& Messages(const PageState& state) {
    static const core::Catalogue empty;
    auto it = state.catalogues.find(state.ui.locale);
    return it == state.catalogues.end() ? empty : it->second;
}

std::string Tr(const PageState& state, std::string_view key,
               const std::vector<core::Param>& params) {
    return Messages(state).Render(key, params);
}

std::string DateInWords(const PageState& state, std::string_view iso) {
    const auto date = core::ParseIsoDate(iso);
    return date ? Messages(state).LongDate(*date) : std::string(iso);
}

std::string ShowDate(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
    return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
           std::string(iso.substr(0, 4));
}

}  // namespace tasjil::app
