// Tasjil core: the electronic file (schema version 1), the contract between the app and the
// ministry API. Field names equal the JSON keys; docs/electronic-file.schema.json is the
// normative description and the tests check both agree.
//
// Index
//   [SECTION] Limits
//   [SECTION] Model
//   [SECTION] JSON mapping
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_error.h"

namespace tasjil::core {

// [SECTION] Limits -------------------------------------------------------------------------------

// Refuse bigger documents before parsing: a complete file is about 3 KiB, so 64 KiB leaves
// room for every legitimate case while bounding the server's memory per request.
inline constexpr std::size_t kMaxFileBytes = 64 * 1024;
// A guard on any one string before it is decoded; the limits a parent meets are in characters
// and are field errors of validation (60 for a name, 120 for other text).
inline constexpr std::size_t kMaxStringBytes = 1024;
// Siblings listed under school age; a household with more is handled at the school desk.
inline constexpr std::size_t kMaxSiblings = 12;
inline constexpr int kSchemaVersion = 1;

// [SECTION] Model --------------------------------------------------------------------------------

// Where the child was born: a commune code when born in Morocco, free text otherwise.
struct BirthPlace {
    std::string country;                 // ISO 3166-1 alpha-2, "MA" for Morocco
    std::optional<std::string> commune;  // HCP commune code "RR.PPP.CC.NN", or null abroad
    std::string place_text;              // the place as written on the birth act
};

// The birth act reference: act number + year + civil-status office identify it uniquely.
struct CivilStatus {
    std::string act_number;  // number of the birth act (digits)
    int act_year = 0;        // year the act was registered
    std::string office;      // civil-status office (commune or consulate) that holds the act
};

// The child being registered (children have no CIN).
struct Child {
    std::string family_name_ar;     // family name in Arabic script, as on the birth act
    std::string given_name_ar;      // given name in Arabic script
    std::string family_name_latin;  // family name in Latin letters, as on the birth act
    std::string given_name_latin;   // given name in Latin letters
    std::string sex;                // "F" or "M"
    std::string birth_date;         // YYYY-MM-DD
    BirthPlace birth_place;         // where the child was born
    std::string nationality;        // ISO 3166-1 alpha-2
    CivilStatus civil_status;       // the birth act
};

// A younger brother or sister, so the school can plan the coming years.
struct Sibling {
    std::string given_name;  // given name in either script
    std::string birth_date;  // YYYY-MM-DD
};

// Father or mother. Names are mandatory even for a deceased parent (they are on the birth act).
struct Parent {
    std::string family_name_ar;     // family name in Arabic script
    std::string given_name_ar;      // given name in Arabic script
    std::string family_name_latin;  // family name in Latin letters
    std::string given_name_latin;   // given name in Latin letters
    std::string cin;                // national identity card number, "" when not given
    std::string phone;              // Moroccan phone number, "" when not given
    std::string email;              // e-mail address, "" when not given
    bool deceased = false;          // true when the parent has died
};

// A guardian other than the parents (kafala, family member): a person like a parent, with the
// link to the child. A guardian's CIN is mandatory and `deceased` must be false.
struct Guardian : Parent {
    std::string relationship;  // kafil | grandparent | sibling | uncle_aunt | other
};

// Who the ministry notifies about the request, and how.
struct Contact {
    std::string person;                 // "father" | "mother" | "guardian"
    std::string phone;                  // mobile for SMS
    std::string email;                  // address for e-mail
    std::vector<std::string> channels;  // subset of {"sms", "email"}, at least one
    std::string language;               // language of the notifications: ar | zgh | fr
};

// Place of residence; it decides which schools may be chosen (Law 04-00: nearest school).
struct Residence {
    std::string province;  // province or prefecture code "RR.PPP"
    std::string commune;   // commune code "RR.PPP.CC.NN"
    std::string sector;    // sector code from the school map (urban quartier or rural douar)
    std::string address;   // street address or douar description
};

// The school the parents choose among those serving the residence.
struct SchoolChoice {
    std::string school_code;  // school code from the school map
};

// Law 09-08 notice and the parent's statement of accuracy.
struct Declarations {
    bool notice_acknowledged = false;   // parent read the personal-data notice (Law 09-08)
    bool information_accurate = false;  // parent certifies the information is accurate
};

// The whole electronic file.
struct ElectronicFile {
    int schema_version = kSchemaVersion;      // format version, 1
    std::string file_id;                      // UUIDv4 made when the draft starts
    std::string school_year;                  // "2026-2027"
    std::string locale;                       // language the parent used: ar | zgh | fr
    std::string created_at;                   // RFC 3339 timestamp of the draft's creation
    std::optional<std::string> submitted_at;  // RFC 3339 timestamp of sending, null in a draft
    Child child;                              // the child to register
    std::vector<Sibling> siblings_under_school_age;  // younger siblings, may be empty
    Parent father;                                   // the father
    Parent mother;                                   // the mother
    std::optional<Guardian> guardian;                // a guardian, or null
    Contact contact;                                 // who is notified and how
    Residence residence;                             // place of residence
    SchoolChoice school_choice;                      // chosen school
    Declarations declarations;                       // legal declarations
};

// [SECTION] JSON mapping -------------------------------------------------------------------------

// Result of parsing: a file when the document has the right shape, and the shape errors found
// (codes "file.*"). Content rules are checked separately by Validate().
struct ParseResult {
    std::optional<ElectronicFile> file;  // set when `errors` is empty
    FieldErrors errors;                  // shape errors, each with a pointer
};

// Parses a JSON document. Never throws, never reads past `text`; refuses more than
// kMaxFileBytes, malformed UTF-8 or JSON, missing and unknown keys, wrong types, and strings
// longer than kMaxStringBytes.
ParseResult ParseElectronicFile(std::string_view text);

// Serialises to compact JSON with the keys in schema order.
std::string ToJson(const ElectronicFile& file);

}  // namespace tasjil::core
