// Index
//   [SECTION] Identifiers: phone, CIN, e-mail, codes
//   [SECTION] Names and text
//   [SECTION] The rules, part by part
#include "core/validation.h"

#include <algorithm>
#include <cctype>

#include "core/text_policy.h"
#include "core/utf8.h"
#include "core/uuid.h"

namespace tasjil::core {

// [SECTION] Identifiers: phone, CIN, e-mail, codes -----------------------------------------------

namespace {

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}
bool IsUpper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool IsAlpha(char c) {
    return IsUpper(c) || (c >= 'a' && c <= 'z');
}

bool AllDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

// ISO 3166-1 alpha-2 officially assigned codes, but EH: the southern provinces are Morocco
// (Constitution of 2011, preamble: the Kingdom's territorial integrity), their communes are in
// the HCP's administrative divisions like every other, and a child born there is born in Morocco.
constexpr std::string_view kCountries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS YE YT ZA ZM ZW";

}  // namespace

std::vector<std::string_view> CountryCodes() {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i + 1 < kCountries.size(); i += 3)
        out.push_back(kCountries.substr(i, 2));
    return out;
}

namespace {

bool IsCountry(std::string_view s) {
    if (s.size() != 2 || !IsUpper(s[0]) || !IsUpper(s[1])) return false;
    for (std::size_t i = 0; i + 1 < kCountries.size(); i += 3) {
        if (kCountries.substr(i, 2) == s) return true;
    }
    return false;
}

// "RR.PPP" (HCP 2024 province code).
bool IsProvinceCode(std::string_view s) {
    return s.size() == 6 && AllDigits(s.substr(0, 2)) && s[2] == '.' && AllDigits(s.substr(3));
}

// "RR.PPP.CC.NN" or "RR.PPP.CC.N" (HCP 2024 commune code; cities with arrondissements end ".0").
bool IsCommuneCode(std::string_view s) {
    if (s.size() < 11 || s.size() > 12) return false;
    return IsProvinceCode(s.substr(0, 6)) && s[6] == '.' && AllDigits(s.substr(7, 2)) &&
           s[9] == '.' && AllDigits(s.substr(10));
}

}  // namespace

std::optional<NormalizedPhone> NormalizePhone(std::string_view text) {
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (IsDigit(c)) {
            digits.push_back(c);
        } else if (c == '+' && i == 0) {
            plus = true;
        } else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')') {
            // Separators people type between digit groups.
        } else {
            return std::nullopt;
        }
    }
    std::string national;       // nine digits after the country code
    std::string international;  // E.164 digits of another country
    if (plus || (digits.size() > 2 && digits.compare(0, 2, "00") == 0)) {
        const std::string e164 = plus ? digits : digits.substr(2);
        if (e164.compare(0, 3, "212") == 0) {
            if (e164.size() == 12) national = e164.substr(3);
        } else if (e164.size() >= 8 && e164.size() <= 15 && e164[0] != '0') {
            international = e164;
        }
    } else if (digits.size() == 10 && digits[0] == '0') {
        national = digits.substr(1);
    }
    if (!international.empty())
        return NormalizedPhone{"+" + international, PhoneKind::kInternational};
    if (national.size() != 9) return std::nullopt;
    const char lead = national[0];
    if (lead == '6' || lead == '7') return NormalizedPhone{"+212" + national, PhoneKind::kMobile};
    if (lead == '5' || lead == '8') return NormalizedPhone{"+212" + national, PhoneKind::kFixed};
    return std::nullopt;
}

bool IsValidCin(std::string_view s) {
    // ^[A-Za-z]{1,2}[1-9][0-9]{0,6}$
    std::size_t i = 0;
    while (i < s.size() && i < 2 && IsAlpha(s[i])) ++i;
    if (i == 0 || i >= s.size()) return false;
    if (s[i] < '1' || s[i] > '9') return false;
    const std::string_view rest = s.substr(i + 1);
    return rest.size() <= 6 && std::all_of(rest.begin(), rest.end(), IsDigit);
}

bool IsValidEmail(std::string_view s) {
    if (s.size() > 254) return false;
    const auto at = s.rfind('@');
    if (at == std::string_view::npos || at == 0 || at > 64) return false;
    const std::string_view local = s.substr(0, at);
    const std::string_view domain = s.substr(at + 1);
    static constexpr std::string_view kAtext = "!#$%&'*+-/=?^_`{|}~";
    char prev = '.';
    for (char c : local) {
        if (c == '.') {
            if (prev == '.') return false;
        } else if (!IsAlpha(c) && !IsDigit(c) && kAtext.find(c) == std::string_view::npos) {
            return false;
        }
        prev = c;
    }
    if (prev == '.') return false;
    if (domain.empty() || domain.size() > 253) return false;
    std::size_t labels = 0, start = 0;
    while (start <= domain.size()) {
        std::size_t end = domain.find('.', start);
        if (end == std::string_view::npos) end = domain.size();
        const std::string_view label = domain.substr(start, end - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
            return false;
        }
        const auto cps = DecodeUtf8(label);
        if (!cps) return false;
        bool ascii = true, all_letters = true;
        for (char32_t cp : *cps) {
            if (cp < 0x80) {
                const char c = static_cast<char>(cp);
                if (!IsAlpha(c) && !IsDigit(c) && c != '-') return false;
                all_letters = all_letters && IsAlpha(c);
            } else {
                // A U-label: letters (any script), marks and digits only.
                ascii = false;
                if (!IsLetterCodePoint(cp) && !IsMarkCodePoint(cp) &&
                    !(cp >= 0x0660 && cp <= 0x0669))
                    return false;
            }
        }
        const bool a_label =
            label.size() > 4 && (label.substr(0, 4) == "xn--" || label.substr(0, 4) == "XN--");
        ++labels;
        if (end == domain.size()) {
            // The top-level domain: letters (two at least), a U-label or an A-label.
            if (ascii && !a_label && (label.size() < 2 || !all_letters)) return false;
            break;
        }
        start = end + 1;
    }
    return labels >= 2;
}

void NormalizeFile(ElectronicFile& file) {
    // Every free-text field in NFC with look-alike letters folded (core/text_policy.h), before it
    // is checked and stored.
    const auto text = [](std::string& t) { t = NormalizeText(t); };
    const auto names = [&](auto& p) {
        text(p.family_name_ar);
        text(p.given_name_ar);
        text(p.family_name_latin);
        text(p.given_name_latin);
    };
    names(file.child);
    names(file.father);
    names(file.mother);
    if (file.guardian) names(*file.guardian);
    text(file.child.birth_place.place_text);
    text(file.child.civil_status.office);
    text(file.residence.address);
    for (auto& s : file.siblings_under_school_age) text(s.given_name);
    auto phone = [](std::string& p) {
        if (auto n = NormalizePhone(p)) p = n->e164;
    };
    auto cin = [](std::string& c) {
        if (IsValidCin(c)) {
            std::transform(c.begin(), c.end(), c.begin(),
                           [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
        }
    };
    phone(file.father.phone);
    phone(file.mother.phone);
    phone(file.contact.phone);
    cin(file.father.cin);
    cin(file.mother.cin);
    if (file.guardian) {
        phone(file.guardian->phone);
        cin(file.guardian->cin);
    }
}

// [SECTION] Names and text -----------------------------------------------------------------------

namespace {

constexpr std::size_t kMaxNameChars = 60;
constexpr std::size_t kMaxTextChars = 120;

enum class Script { kArabic, kLatin, kEither };

class Checker {
  public:
    Checker(FieldErrors& errors) : errors_(errors) {}

    void Add(std::string pointer, const char* code, std::vector<Param> params = {}) {
        errors_.push_back({std::move(pointer), code, std::move(params)});
    }

    // Names: letters of one script, single spaces, hyphens and apostrophes between letters.
    void Name(const std::string& pointer, const std::string& value, Script script,
              bool required = true) {
        if (value.empty()) {
            if (required) Add(pointer, "field.required");
            return;
        }
        const auto cps = DecodeUtf8(value);
        if (!cps) return;  // already refused by the parser
        if (const char* why = TextPolicyViolation(value); *why) {
            Add(pointer, why);
            return;
        }
        if (cps->size() > kMaxNameChars) {
            Add(pointer, "name.too_long", {{"max", std::to_string(kMaxNameChars)}});
            return;
        }
        bool arabic = false, latin = false, bad = false, spacing = false;
        char32_t prev = U' ';
        int marks = 0;  // combining marks on the current letter
        for (char32_t cp : *cps) {
            const bool sep = cp == U' ' || cp == U'-' || cp == U'\'' || cp == U'\u2019';
            if (!IsArabicMark(cp) && !IsMarkCodePoint(cp)) marks = 0;
            if (sep) {
                if (prev == U' ' || prev == U'-' || prev == U'\'' || prev == U'\u2019') {
                    spacing = true;
                }
            } else if (cp == 0x0640) {
                // Tatweel only stretches a line: allowed inside a name, but not a letter.
                if (prev == U' ') bad = true;
            } else if (IsArabicLetter(cp)) {
                arabic = true;
            } else if (IsArabicMark(cp)) {
                // A vowel mark sits on a letter; more than three on one letter is no spelling.
                if (!arabic || ++marks > 3) bad = true;
            } else if (IsLatinLetter(cp)) {
                latin = true;
            } else {
                bad = true;
            }
            prev = cp;
        }
        if (prev == U' ' || prev == U'-' || prev == U'\'' || prev == U'\u2019') spacing = true;
        if (script == Script::kArabic && (latin || bad || !arabic)) {
            Add(pointer, "name.not_arabic");
        } else if (script == Script::kLatin && (arabic || bad || !latin)) {
            Add(pointer, "name.not_latin");
        } else if (script == Script::kEither && (bad || (arabic && latin) || (!arabic && !latin))) {
            Add(pointer, "name.invalid_characters");
        } else if (spacing) {
            Add(pointer, "name.spacing");
        }
    }

    // Free text (addresses, places): printable, bounded in characters.
    void Text(const std::string& pointer, const std::string& value, bool required = true) {
        if (value.empty()) {
            if (required) Add(pointer, "field.required");
            return;
        }
        const auto cps = DecodeUtf8(value);
        if (!cps) return;
        if (cps->size() > kMaxTextChars) {
            Add(pointer, "text.too_long", {{"max", std::to_string(kMaxTextChars)}});
            return;
        }
        if (const char* why = TextPolicyViolation(value); *why) {
            Add(pointer, why);
            return;
        }
        bool letter = false;
        for (char32_t cp : *cps) letter = letter || IsLetterCodePoint(cp);
        if (!letter) Add(pointer, "text.no_letter");
    }

    void Cin(const std::string& pointer, const std::string& value, bool required) {
        if (value.empty()) {
            if (required) Add(pointer, "field.required");
        } else if (!IsValidCin(value)) {
            Add(pointer, "cin.invalid");
        }
    }

    void Phone(const std::string& pointer, const std::string& value) {
        if (!value.empty() && !NormalizePhone(value)) Add(pointer, "phone.invalid");
    }

    void Email(const std::string& pointer, const std::string& value) {
        if (!value.empty() && !IsValidEmail(value)) Add(pointer, "email.invalid");
    }

    template <class PersonT>
    void PersonNames(const std::string& base, const PersonT& p) {
        Name(base + "/family_name_ar", p.family_name_ar, Script::kArabic);
        Name(base + "/given_name_ar", p.given_name_ar, Script::kArabic);
        Name(base + "/family_name_latin", p.family_name_latin, Script::kLatin);
        Name(base + "/given_name_latin", p.given_name_latin, Script::kLatin);
    }

  private:
    FieldErrors& errors_;
};

bool OneOf(std::string_view v, std::initializer_list<std::string_view> allowed) {
    return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

std::string Join(std::initializer_list<std::string_view> allowed) {
    std::string out;
    for (auto a : allowed) {
        if (!out.empty()) out += ", ";
        out += a;
    }
    return out;
}

void Enum(Checker& c, const std::string& pointer, const std::string& value, const char* code,
          std::initializer_list<std::string_view> allowed) {
    if (value.empty()) {
        c.Add(pointer, "field.required");
    } else if (!OneOf(value, allowed)) {
        c.Add(pointer, code, {{"allowed", Join(allowed)}});
    }
}

}  // namespace

// [SECTION] The rules, part by part --------------------------------------------------------------

namespace {
// The oldest age at which a first-year pre-registration is plausible (legal age 6, arrêté
// 1036.00 art. 2, plus late starts).
constexpr int kMaxPlausibleAge = 12;
}  // namespace

FieldErrors Validate(const ElectronicFile& f, const Date& today) {
    FieldErrors errors;
    Checker c(errors);

    // Envelope.
    if (!IsUuidV4(f.file_id)) c.Add("/file_id", "file_id.invalid");
    {
        const std::string& y = f.school_year;
        auto number = [](std::string_view s) {
            int v = 0;
            for (char ch : s) v = v * 10 + (ch - '0');
            return v;
        };
        const bool ok = y.size() == 9 && AllDigits(y.substr(0, 4)) && y[4] == '-' &&
                        AllDigits(y.substr(5)) && number(y.substr(5)) == number(y.substr(0, 4)) + 1;
        if (!ok) c.Add("/school_year", "school_year.invalid");
    }
    Enum(c, "/locale", f.locale, "locale.invalid", {"ar", "zgh", "fr"});
    const auto created = ParseTimestamp(f.created_at);
    if (!created) c.Add("/created_at", "timestamp.invalid");
    if (f.submitted_at) {
        const auto submitted = ParseTimestamp(*f.submitted_at);
        if (!submitted) {
            c.Add("/submitted_at", "timestamp.invalid");
        } else if (created && *submitted < *created) {
            c.Add("/submitted_at", "timestamp.before_created", {{"created_at", f.created_at}});
        }
    }

    // Child (civil status as on the birth act).
    c.PersonNames("/child", f.child);
    Enum(c, "/child/sex", f.child.sex, "child.sex.invalid", {"F", "M"});
    std::optional<Date> birth;
    if (f.child.birth_date.empty()) {
        c.Add("/child/birth_date", "field.required");
    } else if (!(birth = ParseIsoDate(f.child.birth_date))) {
        c.Add("/child/birth_date", "child.birth_date.invalid");
    } else if (date::sys_days(*birth) > date::sys_days(today)) {
        c.Add("/child/birth_date", "child.birth_date.in_future", {{"today", FormatIsoDate(today)}});
        birth.reset();
    } else if (AgeInYears(*birth, today) > kMaxPlausibleAge) {
        // Law 04-00 makes school compulsory from 6 to 15: a child more than a few years past
        // the legal age is not a first-year pre-registration (a typing error, most often the
        // year), and the school desk handles the rare real case.
        c.Add("/child/birth_date", "child.birth_date.implausible",
              {{"max_age", std::to_string(kMaxPlausibleAge)}});
        birth.reset();
    }
    const auto& bp = f.child.birth_place;
    if (bp.country.empty()) {
        c.Add("/child/birth_place/country", "field.required");
    } else if (!IsCountry(bp.country)) {
        c.Add("/child/birth_place/country", "country.invalid");
    }
    if (bp.country == "MA") {
        if (!bp.commune || bp.commune->empty()) {
            c.Add("/child/birth_place/commune", "field.required");
        } else if (!IsCommuneCode(*bp.commune)) {
            c.Add("/child/birth_place/commune", "commune.invalid");
        }
    } else if (bp.commune && !bp.commune->empty()) {
        c.Add("/child/birth_place/commune", "child.birth_place.commune_abroad");
    }
    c.Text("/child/birth_place/place_text", bp.place_text);
    if (f.child.nationality.empty()) {
        c.Add("/child/nationality", "field.required");
    } else if (!IsCountry(f.child.nationality)) {
        c.Add("/child/nationality", "country.invalid");
    }
    const auto& cs = f.child.civil_status;
    if (cs.act_number.empty()) {
        c.Add("/child/civil_status/act_number", "field.required");
    } else if (!AllDigits(cs.act_number) || cs.act_number.size() > 8 || cs.act_number[0] == '0') {
        c.Add("/child/civil_status/act_number", "civil_status.act_number.invalid");
    }
    const int this_year = static_cast<int>(today.year());
    if (cs.act_year == 0) {
        c.Add("/child/civil_status/act_year", "field.required");
    } else if (cs.act_year > this_year) {
        c.Add("/child/civil_status/act_year", "civil_status.act_year.in_future",
              {{"year", std::to_string(this_year)}});
    } else if (birth && cs.act_year < static_cast<int>(birth->year())) {
        c.Add("/child/civil_status/act_year", "civil_status.act_year.before_birth",
              {{"birth_year", std::to_string(static_cast<int>(birth->year()))}});
    }
    c.Text("/child/civil_status/office", cs.office);

    // Younger siblings.
    for (std::size_t i = 0; i < f.siblings_under_school_age.size(); ++i) {
        const auto& s = f.siblings_under_school_age[i];
        const std::string base = PointerAppend("/siblings_under_school_age", i);
        c.Name(base + "/given_name", s.given_name, Script::kEither);
        if (s.birth_date.empty()) {
            c.Add(base + "/birth_date", "field.required");
        } else if (auto d = ParseIsoDate(s.birth_date); !d) {
            c.Add(base + "/birth_date", "sibling.birth_date.invalid");
        } else if (date::sys_days(*d) > date::sys_days(today)) {
            c.Add(base + "/birth_date", "sibling.birth_date.in_future",
                  {{"today", FormatIsoDate(today)}});
        } else if (birth && date::sys_days(*d) <= date::sys_days(*birth)) {
            c.Add(base + "/birth_date", "sibling.birth_date.not_younger",
                  {{"child_birth_date", f.child.birth_date}});
        }
    }

    // Parents and guardian.
    auto parent = [&](const std::string& base, const Parent& p, bool is_contact) {
        c.PersonNames(base, p);
        c.Cin(base + "/cin", p.cin, is_contact);
        c.Phone(base + "/phone", p.phone);
        c.Email(base + "/email", p.email);
    };
    parent("/father", f.father, f.contact.person == "father");
    parent("/mother", f.mother, f.contact.person == "mother");
    // A CIN identifies one adult: the father, the mother and the guardian cannot share one.
    {
        std::vector<std::pair<std::string, std::string>> cins;  // {pointer, upper-case CIN}
        const auto add = [&](const char* ptr, const std::string& cin) {
            if (!IsValidCin(cin)) return;
            std::string upper = cin;
            for (char& ch : upper)
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            for (const auto& [other, value] : cins) {
                if (value == upper) {
                    c.Add(ptr, "cin.duplicate", {{"same_as", other}});
                    return;
                }
            }
            cins.emplace_back(ptr, upper);
        };
        add("/father/cin", f.father.cin);
        add("/mother/cin", f.mother.cin);
        if (f.guardian) add("/guardian/cin", f.guardian->cin);
    }
    if (f.guardian) {
        const Guardian& g = *f.guardian;
        c.PersonNames("/guardian", g);
        c.Cin("/guardian/cin", g.cin, true);
        c.Phone("/guardian/phone", g.phone);
        c.Email("/guardian/email", g.email);
        if (g.deceased) c.Add("/guardian/deceased", "guardian.deceased");
        Enum(c, "/guardian/relationship", g.relationship, "guardian.relationship.invalid",
             {"kafil", "grandparent", "sibling", "uncle_aunt", "other"});
    }
    // Law 04-00 places the duty to enrol on the parents or the person in charge of the child.
    if (f.father.deceased && f.mother.deceased && !f.guardian) {
        c.Add("/guardian", "family.no_living_parent_or_guardian");
    }

    // Contact for notifications.
    const auto& ct = f.contact;
    Enum(c, "/contact/person", ct.person, "contact.person.invalid",
         {"father", "mother", "guardian"});
    if ((ct.person == "father" && f.father.deceased) ||
        (ct.person == "mother" && f.mother.deceased) || (ct.person == "guardian" && !f.guardian)) {
        c.Add("/contact/person", "contact.person.unavailable");
    }
    bool sms = false, email = false;
    if (ct.channels.empty()) c.Add("/contact/channels", "contact.channels.empty");
    for (std::size_t i = 0; i < ct.channels.size(); ++i) {
        const std::string& ch = ct.channels[i];
        const std::string ptr = PointerAppend("/contact/channels", i);
        if (ch != "sms" && ch != "email") {
            c.Add(ptr, "contact.channels.invalid", {{"allowed", "sms, email"}});
        } else if ((ch == "sms" && sms) || (ch == "email" && email)) {
            c.Add(ptr, "contact.channels.duplicate");
        }
        sms = sms || ch == "sms";
        email = email || ch == "email";
    }
    if (!ct.phone.empty()) {
        const auto phone = NormalizePhone(ct.phone);
        if (!phone) {
            c.Add("/contact/phone", "phone.invalid");
        } else if (sms && phone->kind != PhoneKind::kMobile) {
            c.Add("/contact/phone", "contact.phone.not_mobile");
        }
    } else if (sms) {
        c.Add("/contact/phone", "contact.phone.required_for_sms");
    }
    if (!ct.email.empty()) {
        c.Email("/contact/email", ct.email);
    } else if (email) {
        c.Add("/contact/email", "contact.email.required_for_email");
    }
    Enum(c, "/contact/language", ct.language, "language.invalid", {"ar", "zgh", "fr"});

    // Residence and school (existence in the school map is checked by ValidateAgainstMap).
    const auto& r = f.residence;
    if (r.province.empty()) {
        c.Add("/residence/province", "field.required");
    } else if (!IsProvinceCode(r.province)) {
        c.Add("/residence/province", "province.invalid");
    }
    if (r.commune.empty()) {
        c.Add("/residence/commune", "field.required");
    } else if (!IsCommuneCode(r.commune)) {
        c.Add("/residence/commune", "commune.invalid");
    } else if (IsProvinceCode(r.province) && r.commune.compare(0, 6, r.province) != 0) {
        c.Add("/residence/commune", "residence.commune.not_in_province");
    }
    if (r.sector.empty()) c.Add("/residence/sector", "field.required");
    c.Text("/residence/address", r.address);
    if (f.school_choice.school_code.empty()) c.Add("/school_choice/school_code", "field.required");

    // Law 09-08 art. 5: the parent must have been informed before the data is collected. The
    // statement of accuracy stands in for the signature on the paper file this one replaces.
    if (!f.declarations.notice_acknowledged) {
        c.Add("/declarations/notice_acknowledged", "declarations.notice_not_acknowledged");
    }
    if (!f.declarations.information_accurate) {
        c.Add("/declarations/information_accurate", "declarations.accuracy_not_confirmed");
    }
    return errors;
}

FieldErrors ValidateAgainstClock(const ElectronicFile& f, std::int64_t now, std::int64_t skew) {
    FieldErrors errors;
    const auto check = [&](const char* pointer, const std::string& text) {
        const auto t = ParseTimestamp(text);
        if (t && *t > now + skew) errors.push_back({pointer, "timestamp.in_future", {}});
    };
    check("/created_at", f.created_at);
    if (f.submitted_at) check("/submitted_at", *f.submitted_at);
    return errors;
}

}  // namespace tasjil::core
