#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "app/semantics.h"

using namespace tasjil::app;
using Json = nlohmann::json;

TEST_CASE("The semantic tree serialises roles, names, state and rectangles", "[app][semantics]") {
    Semantics s;
    s.BeginFrame();
    SemanticNode field;
    field.id = "given_name_ar";
    field.role = "textbox";
    field.name = "الاسم الشخصي (بالعربية)";
    field.value = "ياسمين";
    field.required = true;
    field.invalid = true;
    field.description = "هذا الحقل إلزامي.";
    field.rect = {10.04f, 20, 300, 46};
    s.Add(field);
    SemanticNode lang;
    lang.id = "language";
    lang.role = "combobox";
    lang.name = "Langue";
    lang.value = "fr";
    lang.options = {{"ar", "العربية", "ar"}, {"fr", "Français", "fr"}};
    s.Add(lang);
    const Json j = Json::parse(s.ToJson({"ar", "rtl", "given_name_ar", 1200, "t"}));
    CHECK(j["lang"] == "ar");
    CHECK(j["dir"] == "rtl");
    CHECK(j["focus"] == "given_name_ar");
    REQUIRE(j["nodes"].size() == 2);
    CHECK(j["nodes"][0]["value"] == "ياسمين");
    CHECK(j["nodes"][0]["invalid"] == true);
    CHECK(j["nodes"][0]["x"] == 10.0);
    CHECK_FALSE(j["nodes"][0].contains("checked"));
    CHECK(j["nodes"][1]["options"][1][1] == "Français");
    CHECK(j["version"] == kSemanticTreeVersion);
    CHECK(j["height"] == 1200.0);
}

TEST_CASE("Insert puts a container before what it contains", "[app][semantics]") {
    auto node = [](const char* id, const char* role) {
        SemanticNode n;
        n.id = id;
        n.role = role;
        return n;
    };
    Semantics s;
    s.BeginFrame();
    s.Add(node("a", "link"));
    s.Add(node("b", "link"));
    s.Insert(0, node("summary", "alert"));
    REQUIRE(s.size() == 3);
    CHECK(s.nodes()[0].id == "summary");
    CHECK(s.Find("b") != nullptr);
    CHECK(s.Find("zzz") == nullptr);
}

TEST_CASE("A published tree without a focus request has no focus key", "[app][semantics]") {
    Semantics s;
    s.BeginFrame();
    CHECK_FALSE(Json::parse(s.ToJson({"fr", "ltr", "", 0, ""})).contains("focus"));
}

TEST_CASE("Nodes added while a container is open are its children, in the outline too",
          "[app][semantics]") {
    Semantics s;
    s.BeginFrame();
    SemanticNode group;
    group.id = "sex";
    group.role = "radiogroup";
    group.name = "Sexe";
    group.labelled_by = "sex-legend";
    const auto index = s.Open(group);
    SemanticNode legend;
    legend.id = "sex-legend";
    legend.role = "legend";
    legend.name = "Sexe";
    s.Add(legend);
    SemanticNode radio;
    radio.id = "sex-F";
    radio.role = "radio";
    radio.name = "Fille";
    radio.checked = true;
    s.Add(radio);
    s.Close(index, {0, 10, 100, 40});
    SemanticNode after;
    after.id = "continue";
    after.role = "button";
    after.name = "Continuer";
    after.primary = true;
    s.Add(after);
    CHECK(s.nodes()[2].parent == "sex");
    CHECK(s.nodes()[3].parent.empty());
    CHECK(s.nodes()[0].rect.h == 40);
    CHECK(s.ToOutline() ==
          "radiogroup #sex \"Sexe\" labelledby=sex-legend\n"
          "  legend #sex-legend \"Sexe\"\n"
          "  radio #sex-F \"Fille\" checked\n"
          "button #continue \"Continuer\" primary\n");
}
