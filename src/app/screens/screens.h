// Tasjil app: the parents' screens, one file each, described by data (see flow.h), and the
// few helpers they share: names of places in the interface language, the lists of the school
// map, and the notice shown while a list is fetched or after it failed.
#pragma once

#include <string>
#include <vector>

#include "app/flow.h"
#include "app/ui.h"

namespace tasjil::app::screens {

// Each screen's spec is `extern const ScreenSpec kName` in its file, written as one compact
// record (clang-format off) so that which hooks a screen has reads at a glance; the flow table
// (flow.cpp) lists them. What one screen offers the others:

// The parents' screen said another person is the child's guardian.
bool HasGuardian(const AppState& state);
// The status look-up, for the file of `reference` (the birth date as far as it is known).
void OpenLookUp(AppState& state, const std::string& reference, const DateParts& birth_date);

// A place's name in the interface language: Arabic for ar, the French (Latin) name for fr and
// for zgh, since the map has no Tifinagh names.
std::string PlaceName(const AppState& state, const std::string& name_ar,
                      const std::string& name_fr);
// The language of that name ("ar" when Arabic is shown on a page in another language).
std::string PlaceLang(const AppState& state);

std::vector<Choice> ProvinceChoices(const AppState& state);
std::vector<Choice> CommuneChoices(const AppState& state, const std::string& province);
std::vector<Choice> SectorChoices(const AppState& state, const std::string& province,
                                  const std::string& commune);
// The registration window when it matters to the parent: before it opens (prepare now, Send on
// the opening day) or after it closed (a late file); nothing while it is open.
void WindowNotice(Ui& ui, const AppState& s, const std::string& id);
// Countries a child may be born in or be a national of (ISO 3166-1 alpha-2), Morocco first.
// Until the names arrive (CountryNamesHere) a country shows as its code.
std::vector<Choice> CountryChoices(const AppState& state);
// Whether the default language's country names are loaded: the parents' first load carries
// only Morocco's; a screen that lists countries has them fetched (ScreenSpec::needs_place_names).
bool CountryNamesHere(const AppState& state);
// The school's name, kind and central school, in the interface language.
std::string SchoolName(const AppState& state, const core::MapSchool& school);
std::string SchoolHint(const AppState& state, const core::SchoolMap& map,
                       const core::MapSchool& school);

// The four names as on the birth act — family and given name, in Arabic script then in Latin
// letters — for the child and for every adult of the file. Each field edits the string it is
// given; `section` groups them in a fieldset ("" for none).
void AddNameFields(std::vector<Field>& f, const std::string& base, std::string& family_ar,
                   std::string& given_ar, std::string& family_latin, std::string& given_latin,
                   const std::string& section);

// A person's questions (father, mother, guardian): the names as on the birth act in Arabic and
// Latin letters, then — for a living person — CIN, phone and e-mail. `section` (a catalogue key)
// groups them in a fieldset, "" for none; `deceased_label` adds the "deceased" checkbox.
void AddPersonFields(std::vector<Field>& f, const std::string& base, core::Parent& p,
                     const std::string& section, const std::string& deceased_label);

// Writes a date typed in three boxes into `iso` (YYYY-MM-DD, padded), or clears it and adds
// the screen's own error at `pointer`: incomplete, or not written in digits. Empty stays empty
// (the core says whether the date is required).
void ComposeDate(const DateParts& parts, std::string& iso, const std::string& pointer,
                 core::FieldErrors& errors);
// The boxes of an ISO date, for a date that came from the model.
DateParts SplitDate(const std::string& iso);

// While `remote` is loading: a status line; after it failed: a warning with a Retry button.
// Returns true when the data is ready.
bool DataNotice(Ui& ui, const std::string& id, const Remote& remote, const char* what);

// An intent's action: a new, empty file on the Start screen (the one before is forgotten).
void StartAnotherFile(AppState& state, int);
// Between two files (Start, receipt): when a new version of the app is installed, says so and
// offers to use it (the page reloads into it; nothing is lost, the draft is on the device).
void OfferUpdate(Ui& ui, AppState& s);

}  // namespace tasjil::app::screens
