#include <catch2/catch.hpp>

#include <functional>

#include "core/text_policy.h"
#include "core/validation.h"
#include "support/fixtures.h"

using namespace tasjil::core;
using tasjil::test::SampleFileJson;
using Json = nlohmann::json;

namespace {

// The codes the file gets after the same normalisation the app, the CLI and the server apply.
FieldErrors CheckedErrors(const Json& j, ElectronicFile* out = nullptr) {
    auto parsed = ParseElectronicFile(j.dump());
    REQUIRE(parsed.errors.empty());
    NormalizeFile(*parsed.file);
    if (out) *out = *parsed.file;
    return Validate(*parsed.file, tasjil::test::D("2026-04-10"));
}

bool Has(const FieldErrors& errors, const std::string& pointer, const std::string& code) {
    for (const auto& e : errors) {
        if (e.pointer == pointer && e.code == code) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("Text is stored in NFC, so a decomposed accent is the same name", "[text_policy]") {
    CHECK(NormalizeText("Ai\xCC\x88t") == "A\xC3\xAFt");  // Aï t: i + U+0308 → ï
    Json j = SampleFileJson();
    j["child"]["family_name_latin"] = "Ai\xCC\x88t Ali";
    ElectronicFile f;
    CHECK(CheckedErrors(j, &f).empty());
    CHECK(f.child.family_name_latin == "A\xC3\xAFt Ali");
}

TEST_CASE("Look-alike Arabic letters are folded to the letters they show", "[text_policy]") {
    // Presentation forms (from a PDF or an old keyboard) and Persian yeh/kaf.
    CHECK(NormalizeText("\xEF\xBB\xA3") == "\xD9\x85");          // meem initial form → م
    CHECK(NormalizeText("\xEF\xBB\xBB") == "\xD9\x84\xD8\xA7");  // lam-alef ligature → لا
    CHECK(NormalizeText("\xDB\x8C") == "\xD9\x8A");              // Persian yeh → ي
    CHECK(NormalizeText("\xDA\xA9") == "\xD9\x83");              // keheh → ك
    Json j = SampleFileJson();
    j["child"]["given_name_ar"] = "\xEF\xBB\xA3\xEF\xBA\xAE\xEF\xBB\xB3\xEF\xBA\x8E";  // مريا
    ElectronicFile f;
    CHECK(CheckedErrors(j, &f).empty());
    CHECK(f.child.given_name_ar == "\xD9\x85\xD8\xB1\xD9\x8A\xD8\xA7");
}

TEST_CASE("Invisible characters that change what is shown are refused in every text field",
          "[text_policy]") {
    CHECK(std::string(TextPolicyViolation("a\xE2\x80\xAE"
                                          "b")) == "text.format_character");  // RLO
    CHECK(std::string(TextPolicyViolation("a\xE2\x81\xA6"
                                          "b")) == "text.format_character");  // LRI
    CHECK(std::string(TextPolicyViolation("a\xE2\x80\x8D"
                                          "b")) == "text.format_character");  // ZWJ
    CHECK(std::string(TextPolicyViolation("\xEF\xBB\xBF"
                                          "a")) == "text.format_character");                  // BOM
    CHECK(std::string(TextPolicyViolation("a\xF3\xA0\x80\x81")) == "text.format_character");  // tag
    CHECK(std::string(TextPolicyViolation("a\xEE\x80\x80")) == "text.private_use");
    CHECK(std::string(TextPolicyViolation("a\xEF\xB7\x90")) == "text.noncharacter");  // U+FDD0
    CHECK(std::string(TextPolicyViolation("a\xEF\xBF\xBE")) == "text.noncharacter");  // U+FFFE
    CHECK(std::string(TextPolicyViolation("a\x01")) == "text.control_character");
    CHECK(std::string(TextPolicyViolation("Aït Ourir, درب 5")) == "");
    struct Case {
        const char* pointer;
        std::function<void(Json&, const std::string&)> set;
    };
    const std::vector<Case> fields = {
        {"/residence/address",
         [](Json& j, const std::string& v) { j["residence"]["address"] = v; }},
        {"/child/given_name_ar",
         [](Json& j, const std::string& v) { j["child"]["given_name_ar"] = v; }},
        {"/child/family_name_latin",
         [](Json& j, const std::string& v) { j["child"]["family_name_latin"] = v; }},
        {"/child/birth_place/place_text",
         [](Json& j, const std::string& v) { j["child"]["birth_place"]["place_text"] = v; }},
        {"/child/civil_status/office",
         [](Json& j, const std::string& v) { j["child"]["civil_status"]["office"] = v; }},
        {"/father/given_name_ar",
         [](Json& j, const std::string& v) { j["father"]["given_name_ar"] = v; }},
    };
    const std::string rlo = "\xE2\x80\xAE";
    for (const auto& c : fields) {
        INFO(c.pointer);
        Json j = SampleFileJson();
        const std::string base = std::string(c.pointer).find("latin") != std::string::npos
                                     ? "Amal"
                                     : "\xD8\xA3\xD9\x85\xD9\x84";  // أمل
        c.set(j, base + rlo + base);
        CHECK(Has(CheckedErrors(j), c.pointer, "text.format_character"));
        c.set(j, base + "\xE2\x80\x8C" + base);  // ZWNJ
        CHECK(Has(CheckedErrors(j), c.pointer, "text.format_character"));
    }
}

TEST_CASE("A name must contain a letter, not only tatweel or marks", "[text_policy]") {
    Json j = SampleFileJson();
    j["child"]["given_name_ar"] = "\xD9\x80\xD9\x80\xD9\x80";  // three tatweels
    CHECK(Has(CheckedErrors(j), "/child/given_name_ar", "name.not_arabic"));
    std::string fathas = "\xD8\xA8";  // ب
    for (int i = 0; i < 30; ++i) fathas += "\xD9\x8E";
    j["child"]["given_name_ar"] = fathas;
    CHECK(Has(CheckedErrors(j), "/child/given_name_ar", "name.not_arabic"));
    j["child"]["given_name_ar"] =
        "\xD9\x85\xD9\x8F\xD8\xAD\xD9\x8E\xD9\x85\xD9\x8E\xD9\x91\xD8\xAF";
    CHECK(CheckedErrors(j).empty());  // مُحَمَّد with its vowels
    j = SampleFileJson();
    j["residence"]["address"] = "--- 12 ---";
    CHECK(Has(CheckedErrors(j), "/residence/address", "text.no_letter"));
}

TEST_CASE("Length limits are counted in characters and are field errors", "[text_policy]") {
    CHECK(CharacterCount("\xD8\xA8\xD8\xA8") == 2);
    Json j = SampleFileJson();
    std::string address;
    for (int i = 0; i < 110; ++i) address += i % 7 == 6 ? " " : "\xD8\xA8";
    j["residence"]["address"] = address;
    CHECK(CheckedErrors(j).empty());  // 110 Arabic characters, 205 bytes
    for (int i = 0; i < 11; ++i) address += "\xD8\xA8";
    j["residence"]["address"] = address;
    j["child"]["sex"] = "X";
    const auto errors = CheckedErrors(j);
    CHECK(Has(errors, "/residence/address", "text.too_long"));
    CHECK(Has(errors, "/child/sex", "child.sex.invalid"));  // other errors still shown
}

TEST_CASE("Search folds Latin case and accents, so Fès finds fes", "[text_policy][search]") {
    CHECK(FoldForSearch("Fès") == "fes");
    CHECK(FoldForSearch("  M'diq-Fnideq ") == "m diq fnideq");
    CHECK(FoldForSearch("ÉCOLE Ibn-Battouta") == "ecole ibn battouta");
}

TEST_CASE("Search folds the Arabic spellings a parent may type for one name",
          "[text_policy][search]") {
    // Hamza forms and madda to alef, ta marbuta to ha, alef maqsura to ya, tatweel and harakat.
    CHECK(FoldForSearch("أحمد") == FoldForSearch("احمد"));
    CHECK(FoldForSearch("إسماعيل") == FoldForSearch("اسماعيل"));
    CHECK(FoldForSearch("آمنة") == FoldForSearch("امنه"));
    CHECK(FoldForSearch("ٱلنهضة") == FoldForSearch("النهضه"));
    CHECK(FoldForSearch("مصطفى") == FoldForSearch("مصطفي"));
    CHECK(FoldForSearch("حـــي السَّلَام") == FoldForSearch("حي السلام"));
    CHECK(FoldForSearch("مؤمن") == FoldForSearch("مومن"));
    CHECK(FoldForSearch("\xff") == "");
}

TEST_CASE("Every word typed must start a word of the name, in any order", "[text_policy][search]") {
    const std::string name = FoldForSearch("Hay Salam Martil");
    CHECK(SearchMatches(name, FoldForSearch("hay sal")));
    CHECK(SearchMatches(name, FoldForSearch("martil hay")));
    CHECK(SearchMatches(name, ""));
    CHECK_FALSE(SearchMatches(name, FoldForSearch("alam")));
    CHECK_FALSE(SearchMatches(name, FoldForSearch("hay nahda")));
    CHECK(SearchMatches(FoldForSearch("حي السلام"), FoldForSearch("السلا")));
}

TEST_CASE("A presentation form that stands for a Persian yeh is folded like the letter, so "
          "normalising twice changes nothing", "[text_policy]") {
    // U+FBFC ARABIC LETTER FARSI YEH ISOLATED FORM, U+FDFC RIAL SIGN (ریال).
    CHECK(NormalizeText("\xEF\xAF\xBC") == "\xD9\x8A");
    const std::string rial = NormalizeText("\xEF\xB7\xBC");
    CHECK(rial == "\xD8\xB1\xD9\x8A\xD8\xA7\xD9\x84");
    CHECK(NormalizeText(rial) == rial);
}
