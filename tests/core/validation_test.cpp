#include <catch2/catch.hpp>

#include "core/validation.h"
#include "support/fixtures.h"

using namespace tasjil::core;
using tasjil::test::D;
using tasjil::test::SampleFileJson;
using Json = nlohmann::json;

namespace {

const Date kToday = D("2026-04-10");

FieldErrors ValidateJson(const Json& j, Date today = kToday) {
    auto parsed = ParseElectronicFile(j.dump());
    REQUIRE(parsed.errors.empty());
    return Validate(*parsed.file, today);
}

// The file must have exactly this one problem.
void ExpectOnly(const Json& j, const std::string& pointer, const std::string& code) {
    const auto errors = ValidateJson(j);
    INFO("expected " << pointer << " " << code);
    for (const auto& e : errors) INFO("got " << e.pointer << " " << e.code);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].pointer == pointer);
    CHECK(errors[0].code == code);
}

Json GuardianJson() {
    return {{"family_name_ar", "العلوي"},
            {"given_name_ar", "أحمد"},
            {"family_name_latin", "El Alaoui"},
            {"given_name_latin", "Ahmed"},
            {"cin", "L55555"},
            {"phone", "0612345678"},
            {"email", ""},
            {"deceased", false},
            {"relationship", "grandparent"}};
}

}  // namespace

TEST_CASE("The sample file has no problem", "[validation]") {
    CHECK(ValidateJson(SampleFileJson()).empty());
}

TEST_CASE("Envelope fields: file_id, school_year, locale, timestamps", "[validation]") {
    Json j = SampleFileJson();
    j["file_id"] = "not-a-uuid";
    ExpectOnly(j, "/file_id", "file_id.invalid");
    j = SampleFileJson();
    j["school_year"] = "2026-2028";
    ExpectOnly(j, "/school_year", "school_year.invalid");
    j = SampleFileJson();
    j["locale"] = "en";
    ExpectOnly(j, "/locale", "locale.invalid");
    j = SampleFileJson();
    j["created_at"] = "yesterday";
    ExpectOnly(j, "/created_at", "timestamp.invalid");
    j = SampleFileJson();
    j["submitted_at"] = "2026-04-03";
    ExpectOnly(j, "/submitted_at", "timestamp.invalid");
    j = SampleFileJson();
    j["submitted_at"] = nullptr;  // a draft
    CHECK(ValidateJson(j).empty());
}

TEST_CASE("Names in _ar fields must be Arabic script", "[validation][names]") {
    for (const char* bad : {"Yasmine", "ياسمين1", "ياسمين Y", "١٢٣", "ⵢⴰⵙⵎⵉⵏ"}) {
        Json j = SampleFileJson();
        j["child"]["given_name_ar"] = bad;
        ExpectOnly(j, "/child/given_name_ar", "name.not_arabic");
    }
    for (const char* good : {"فاطمة الزهراء", "بن عبد الله", "ڭيلان", "ڤاتن", "پريا", "مُحَمَّد"}) {
        Json j = SampleFileJson();
        j["mother"]["given_name_ar"] = good;
        INFO(good);
        CHECK(ValidateJson(j).empty());
    }
}

TEST_CASE("Names in _latin fields are Latin letters with accents, hyphen, apostrophe, space",
          "[validation][names]") {
    for (const char* good :
         {"Élodie", "Fatima-Zahra", "N'Diaye", "Ait Ben Haddou", "Aït’Ourir", "Œillet"}) {
        Json j = SampleFileJson();
        j["child"]["given_name_latin"] = good;
        INFO(good);
        CHECK(ValidateJson(j).empty());
    }
    for (const char* bad : {"Yasmine2", "ياسمين", "Yas_mine", "Ⴀ", "Y@smine"}) {
        Json j = SampleFileJson();
        j["child"]["given_name_latin"] = bad;
        ExpectOnly(j, "/child/given_name_latin", "name.not_latin");
    }
    for (const char* spacing : {" Yasmine", "Yasmine ", "Fatima  Zahra", "Fatima--Zahra", "-Ali"}) {
        Json j = SampleFileJson();
        j["child"]["given_name_latin"] = spacing;
        ExpectOnly(j, "/child/given_name_latin", "name.spacing");
    }
}

TEST_CASE("Names are 1 to 60 characters", "[validation][names]") {
    Json j = SampleFileJson();
    j["father"]["family_name_latin"] = std::string(60, 'a');
    CHECK(ValidateJson(j).empty());
    j["father"]["family_name_latin"] = std::string(61, 'a');
    ExpectOnly(j, "/father/family_name_latin", "name.too_long");
    j = SampleFileJson();
    j["father"]["family_name_ar"] = "";
    ExpectOnly(j, "/father/family_name_ar", "field.required");
}

TEST_CASE("Sibling names may be in either script but not mixed", "[validation][names]") {
    Json j = SampleFileJson();
    j["siblings_under_school_age"][0]["given_name"] = "Youssef";
    CHECK(ValidateJson(j).empty());
    j["siblings_under_school_age"][0]["given_name"] = "Youssef يوسف";
    ExpectOnly(j, "/siblings_under_school_age/0/given_name", "name.invalid_characters");
}

TEST_CASE("The child's sex, birth date and birth place are checked", "[validation][child]") {
    Json j = SampleFileJson();
    j["child"]["sex"] = "X";
    ExpectOnly(j, "/child/sex", "child.sex.invalid");
    j = SampleFileJson();
    j["child"]["birth_date"] = "2021-02-29";
    ExpectOnly(j, "/child/birth_date", "child.birth_date.invalid");
    j = SampleFileJson();
    j["child"]["birth_date"] = "";
    ExpectOnly(j, "/child/birth_date", "field.required");
    j = SampleFileJson();
    j["child"]["birth_date"] = "2026-04-11";  // tomorrow
    j["child"]["civil_status"]["act_year"] = 2026;
    j["siblings_under_school_age"] = Json::array();
    ExpectOnly(j, "/child/birth_date", "child.birth_date.in_future");
    j["child"]["birth_date"] = "2026-04-10";  // today is not the future
    CHECK(ValidateJson(j).empty());

    j = SampleFileJson();
    j["child"]["birth_place"] = {{"country", "XX"}, {"commune", nullptr}, {"place_text", "Lyon"}};
    ExpectOnly(j, "/child/birth_place/country", "country.invalid");
    j = SampleFileJson();
    j["child"]["birth_place"]["commune"] = nullptr;
    ExpectOnly(j, "/child/birth_place/commune", "field.required");
    j["child"]["birth_place"]["commune"] = "1.571.01.07";
    ExpectOnly(j, "/child/birth_place/commune", "commune.invalid");
    j = SampleFileJson();
    j["child"]["birth_place"]["country"] = "FR";
    ExpectOnly(j, "/child/birth_place/commune", "child.birth_place.commune_abroad");
    j["child"]["birth_place"]["commune"] = nullptr;
    j["child"]["birth_place"]["place_text"] = "Lyon";
    CHECK(ValidateJson(j).empty());
    j["child"]["birth_place"]["place_text"] = "";
    ExpectOnly(j, "/child/birth_place/place_text", "field.required");
    j["child"]["birth_place"]["place_text"] = "Lyon\nFrance";
    ExpectOnly(j, "/child/birth_place/place_text", "text.control_character");
    j["child"]["birth_place"]["place_text"] = std::string(121, 'a');
    ExpectOnly(j, "/child/birth_place/place_text", "text.too_long");

    j = SampleFileJson();
    j["child"]["nationality"] = "ma";
    ExpectOnly(j, "/child/nationality", "country.invalid");
}

TEST_CASE("The birth act: number, year not before birth and not in the future",
          "[validation][child]") {
    Json j = SampleFileJson();
    j["child"]["civil_status"]["act_number"] = "01432";
    ExpectOnly(j, "/child/civil_status/act_number", "civil_status.act_number.invalid");
    j["child"]["civil_status"]["act_number"] = "14a";
    ExpectOnly(j, "/child/civil_status/act_number", "civil_status.act_number.invalid");
    j = SampleFileJson();
    j["child"]["civil_status"]["act_year"] = 2019;  // born 2020
    ExpectOnly(j, "/child/civil_status/act_year", "civil_status.act_year.before_birth");
    j["child"]["civil_status"]["act_year"] = 2020;  // the birth year itself
    CHECK(ValidateJson(j).empty());
    j["child"]["civil_status"]["act_year"] = 2023;  // a late declaration is fine
    CHECK(ValidateJson(j).empty());
    j["child"]["civil_status"]["act_year"] = 2027;
    ExpectOnly(j, "/child/civil_status/act_year", "civil_status.act_year.in_future");
    j["child"]["civil_status"]["act_year"] = 0;
    ExpectOnly(j, "/child/civil_status/act_year", "field.required");
    j = SampleFileJson();
    j["child"]["civil_status"]["office"] = "";
    ExpectOnly(j, "/child/civil_status/office", "field.required");
}

TEST_CASE("Siblings are born after the child and not in the future", "[validation][child]") {
    Json j = SampleFileJson();
    j["siblings_under_school_age"][0]["birth_date"] = "2019-01-01";
    ExpectOnly(j, "/siblings_under_school_age/0/birth_date", "sibling.birth_date.not_younger");
    j["siblings_under_school_age"][0]["birth_date"] = "2027-01-01";
    ExpectOnly(j, "/siblings_under_school_age/0/birth_date", "sibling.birth_date.in_future");
    j["siblings_under_school_age"][0]["birth_date"] = "2023-02-30";
    ExpectOnly(j, "/siblings_under_school_age/0/birth_date", "sibling.birth_date.invalid");
}

TEST_CASE("Parents' CIN follows the national format", "[validation][parents]") {
    for (const char* good : {"L123456", "LC98765", "a1", "BE1234567", "ab9"}) {
        CHECK(IsValidCin(good));
    }
    for (const char* bad :
         {"L0123456", "ABC12345", "L12345678", "123456", "L", "L12 345", "É123"}) {
        INFO(bad);
        CHECK_FALSE(IsValidCin(bad));
    }
    Json j = SampleFileJson();
    j["father"]["cin"] = "L0123";
    ExpectOnly(j, "/father/cin", "cin.invalid");
    j = SampleFileJson();
    j["father"]["cin"] = "";  // optional for a parent who is not the contact
    CHECK(ValidateJson(j).empty());
    j = SampleFileJson();
    j["mother"]["cin"] = "";  // the contact person must be identified
    ExpectOnly(j, "/mother/cin", "field.required");
}

TEST_CASE("Moroccan phones are normalised to E.164", "[validation][phone]") {
    CHECK(NormalizePhone("0612345678")->e164 == "+212612345678");
    CHECK(NormalizePhone("06 12 34 56 78")->e164 == "+212612345678");
    CHECK(NormalizePhone("06.12.34.56.78")->e164 == "+212612345678");
    CHECK(NormalizePhone("+212 6 12 34 56 78")->e164 == "+212612345678");
    CHECK(NormalizePhone("00212612345678")->e164 == "+212612345678");
    CHECK(NormalizePhone("+212-712-345678")->e164 == "+212712345678");
    CHECK(NormalizePhone("0712345678")->kind == PhoneKind::kMobile);
    CHECK(NormalizePhone("0522123456")->kind == PhoneKind::kFixed);
    CHECK(NormalizePhone("0808123456")->kind == PhoneKind::kFixed);
    for (const char* bad : {"612345678", "061234567", "06123456789", "+2126123", "0912345678",
                            "06x2345678", "+2120612345678", ""}) {
        INFO(bad);
        CHECK_FALSE(NormalizePhone(bad));
    }
}

TEST_CASE("E-mail syntax is checked", "[validation][email]") {
    for (const char* good : {"a@b.ma", "fatima.benaissa@example.ma", "x+tag@mail.example.com"}) {
        CHECK(IsValidEmail(good));
    }
    for (const char* bad : {"a@b", "a@@b.ma", "@b.ma", "a.@b.ma", "a..b@c.ma", "a@-b.ma", "a@b.m",
                            "a b@c.ma", "a@b.123", "أحمد@b.ma"}) {
        INFO(bad);
        CHECK_FALSE(IsValidEmail(bad));
    }
    Json j = SampleFileJson();
    j["father"]["email"] = "mohamed@";
    ExpectOnly(j, "/father/email", "email.invalid");
    j = SampleFileJson();
    j["father"]["phone"] = "12345";
    ExpectOnly(j, "/father/phone", "phone.invalid");
}

TEST_CASE("The contact's channels need the matching phone or e-mail", "[validation][contact]") {
    Json j = SampleFileJson();
    j["contact"]["phone"] = "";
    ExpectOnly(j, "/contact/phone", "contact.phone.required_for_sms");
    j["contact"]["channels"] = {"email"};
    CHECK(ValidateJson(j).empty());
    j["contact"]["email"] = "";
    ExpectOnly(j, "/contact/email", "contact.email.required_for_email");
    j = SampleFileJson();
    j["contact"]["phone"] = "0539123456";  // a landline cannot receive SMS
    ExpectOnly(j, "/contact/phone", "contact.phone.not_mobile");
    j["contact"]["channels"] = {"email"};  // but is fine as a number to call
    CHECK(ValidateJson(j).empty());
    j = SampleFileJson();
    j["contact"]["phone"] = "06";
    ExpectOnly(j, "/contact/phone", "phone.invalid");
    j = SampleFileJson();
    j["contact"]["email"] = "x@";
    ExpectOnly(j, "/contact/email", "email.invalid");
    j = SampleFileJson();
    j["contact"]["channels"] = Json::array();
    ExpectOnly(j, "/contact/channels", "contact.channels.empty");
    j["contact"]["channels"] = {"fax"};
    ExpectOnly(j, "/contact/channels/0", "contact.channels.invalid");
    j["contact"]["channels"] = {"sms", "sms"};
    ExpectOnly(j, "/contact/channels/1", "contact.channels.duplicate");
    j = SampleFileJson();
    j["contact"]["language"] = "es";
    ExpectOnly(j, "/contact/language", "language.invalid");
    j = SampleFileJson();
    j["contact"]["person"] = "uncle";
    ExpectOnly(j, "/contact/person", "contact.person.invalid");
}

TEST_CASE("Someone must be responsible: a living parent or a guardian", "[validation][family]") {
    Json j = SampleFileJson();
    j["father"]["deceased"] = true;
    CHECK(ValidateJson(j).empty());
    j["mother"]["deceased"] = true;
    j["contact"]["person"] = "father";
    j["father"]["cin"] = "L123456";
    const auto errors = ValidateJson(j);
    CHECK(HasCode(errors, "family.no_living_parent_or_guardian"));
    CHECK(HasCode(errors, "contact.person.unavailable"));

    j["guardian"] = GuardianJson();
    j["contact"]["person"] = "guardian";
    CHECK(ValidateJson(j).empty());
    j["guardian"]["cin"] = "";
    ExpectOnly(j, "/guardian/cin", "field.required");
    j["guardian"] = GuardianJson();
    j["guardian"]["relationship"] = "neighbour";
    ExpectOnly(j, "/guardian/relationship", "guardian.relationship.invalid");
    j["guardian"] = GuardianJson();
    j["guardian"]["deceased"] = true;
    const auto dead = ValidateJson(j);
    CHECK(HasCode(dead, "guardian.deceased"));

    j = SampleFileJson();
    j["contact"]["person"] = "guardian";  // no guardian in the file
    ExpectOnly(j, "/contact/person", "contact.person.unavailable");
}

TEST_CASE("Residence codes have the HCP shape and nest", "[validation][residence]") {
    Json j = SampleFileJson();
    j["residence"]["province"] = "01573";
    ExpectOnly(j, "/residence/province", "province.invalid");
    j = SampleFileJson();
    j["residence"]["commune"] = "01.573.01";
    ExpectOnly(j, "/residence/commune", "commune.invalid");
    j = SampleFileJson();
    j["residence"]["commune"] = "01.227.05.05";
    ExpectOnly(j, "/residence/commune", "residence.commune.not_in_province");
    j = SampleFileJson();
    j["residence"]["sector"] = "";
    ExpectOnly(j, "/residence/sector", "field.required");
    j = SampleFileJson();
    j["residence"]["address"] = "";
    ExpectOnly(j, "/residence/address", "field.required");
    j = SampleFileJson();
    j["school_choice"]["school_code"] = "";
    ExpectOnly(j, "/school_choice/school_code", "field.required");
}

TEST_CASE("Both declarations must be made", "[validation][declarations]") {
    Json j = SampleFileJson();
    j["declarations"]["notice_acknowledged"] = false;
    ExpectOnly(j, "/declarations/notice_acknowledged", "declarations.notice_not_acknowledged");
    j = SampleFileJson();
    j["declarations"]["information_accurate"] = false;
    ExpectOnly(j, "/declarations/information_accurate", "declarations.accuracy_not_confirmed");
}

TEST_CASE("Normalising a file rewrites phones and CINs and nothing else", "[validation]") {
    auto file = tasjil::test::SampleFile();
    file.father.cin = "l123456";
    NormalizeFile(file);
    CHECK(file.father.phone == "+212661234567");
    CHECK(file.mother.phone == "+212700112233");
    CHECK(file.contact.phone == "+212700112233");
    CHECK(file.father.cin == "L123456");
    CHECK(file.child.given_name_ar == "ياسمين");
    file.father.phone = "not a phone";
    NormalizeFile(file);
    CHECK(file.father.phone == "not a phone");
}

TEST_CASE("A birth date more than a few years before the legal age is an error",
          "[validation][child][plausibility]") {
    for (const char* date : {"0000-01-01", "1800-06-01", "2010-01-01"}) {
        INFO(date);
        Json j = SampleFileJson();
        j["child"]["birth_date"] = date;
        j["child"]["civil_status"]["act_year"] = 2021;
        const auto errors = ValidateJson(j);
        bool found = false;
        for (const auto& e : errors) found = found || e.code == "child.birth_date.implausible";
        CHECK(found);
    }
    Json j = SampleFileJson();
    j["child"]["birth_date"] = "2014-05-01";  // 11 years old: a late start, for the school
    j["child"]["civil_status"]["act_year"] = 2014;
    j["siblings_under_school_age"] = Json::array();
    CHECK(ValidateJson(j).empty());
}

TEST_CASE("The father's, mother's and guardian's CINs must differ", "[validation][cin]") {
    Json j = SampleFileJson();
    j["mother"]["cin"] = j["father"]["cin"];
    ExpectOnly(j, "/mother/cin", "cin.duplicate");
    j = SampleFileJson();
    j["guardian"] = GuardianJson();
    j["guardian"]["cin"] = tasjil::test::SampleFileJson()["mother"]["cin"].get<std::string>();
    const auto errors = ValidateJson(j);
    bool found = false;
    for (const auto& e : errors)
        found = found || (e.pointer == "/guardian/cin" && e.code == "cin.duplicate");
    CHECK(found);
}

TEST_CASE("submitted_at is not before created_at, nor either ahead of the server's clock",
          "[validation][timestamps]") {
    Json j = SampleFileJson();
    j["created_at"] = "2026-04-10T10:00:00+01:00";
    j["submitted_at"] = "2026-04-10T08:59:00Z";  // one minute before created_at (09:00Z)
    ExpectOnly(j, "/submitted_at", "timestamp.before_created");
    j["submitted_at"] = "2026-04-10T09:00:00Z";
    CHECK(ValidateJson(j).empty());
    auto parsed = ParseElectronicFile(j.dump());
    const std::int64_t now = *ParseTimestamp("2026-04-10T08:55:00Z");
    CHECK(ValidateAgainstClock(*parsed.file, now, 600).empty());  // within ten minutes of skew
    const auto ahead = ValidateAgainstClock(*parsed.file, now - 3600, 600);
    REQUIRE(ahead.size() == 2);
    CHECK(ahead[0].code == "timestamp.in_future");
}

TEST_CASE(
    "Internationalised e-mail domains and foreign numbers are accepted where they can be "
    "used",
    "[validation][contact]") {
    CHECK(IsValidEmail("parent@example.xn--mgbc0a9azcg"));
    CHECK(
        IsValidEmail("parent@\xD9\x88\xD8\xB2\xD8\xA7\xD8\xB1\xD8\xA9."
                     "\xD8\xA7\xD9\x84\xD9\x85\xD8\xBA\xD8\xB1\xD8\xA8"));
    CHECK(IsValidEmail("parent@xn--mxail5aa.example.ma"));
    CHECK_FALSE(IsValidEmail("parent@exa mple.ma"));
    CHECK_FALSE(IsValidEmail("parent@example.1a"));
    CHECK_FALSE(
        IsValidEmail("parent@\xE2\x80\xAE"
                     "example.ma"));
    const auto fr = NormalizePhone("+33 6 12 34 56 78");
    REQUIRE(fr);
    CHECK(fr->e164 == "+33612345678");
    CHECK(fr->kind == PhoneKind::kInternational);
    CHECK(NormalizePhone("0033612345678")->e164 == "+33612345678");
    CHECK_FALSE(NormalizePhone("+33 6"));
    // A parent abroad is reachable by e-mail and by a call, but the SMS channel needs a
    // Moroccan mobile.
    Json j = SampleFileJson();
    j["father"]["phone"] = "+33 6 12 34 56 78";
    CHECK(ValidateJson(j).empty());
    j["contact"]["phone"] = "+33612345678";
    j["contact"]["channels"] = {"sms"};
    ExpectOnly(j, "/contact/phone", "contact.phone.not_mobile");
}
