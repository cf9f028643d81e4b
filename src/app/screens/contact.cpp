// Screen 5, Contact: who receives the ministry's messages, by SMS and/or e-mail, and in which
// language (organic law 26-16: Amazigh alongside Arabic).
#include "app/screens/screens.h"

#include "app/page.h"

#include <algorithm>

namespace tasjil::app::screens {

namespace {

// What the screen holds beside the file: the channels as two checkboxes (the model holds the
// list).
struct ContactState {
    bool sms = true;
    bool email = false;
};

ContactState& State(AppState& s) {
    return s.screens.Of<ContactState>();
}

std::vector<Field> Fields(AppState& s) {
    auto& c = s.file.contact;
    auto& st = State(s);
    std::vector<Choice> people;
    if (!s.file.father.deceased) people.push_back({"father", Tr(s, "ui.person.father")});
    if (!s.file.mother.deceased) people.push_back({"mother", Tr(s, "ui.person.mother")});
    if (s.file.guardian) people.push_back({"guardian", Tr(s, "ui.person.guardian")});
    std::vector<Choice> languages;
    // Each language in its own name and script (the banner's language choice writes them so).
    for (const auto& l : kLanguageNames) languages.push_back({l.code, l.name, "", l.code});
    std::vector<Field> f = {
        RadioField("/contact/person", "ui.field.contact_person", &c.person, std::move(people)),
        CheckboxField("/contact/channels", "ui.field.channel.sms", &st.sms)
            .Section("ui.contact.channels"),
        CheckboxField("/contact/channels/email", "ui.field.channel.email", &st.email)
            .Section("ui.contact.channels"),
    };
    if (st.sms) {
        f.push_back(TextField("/contact/phone", "ui.field.mobile", &c.phone)
                        .As(Script::kPhone)
                        .Hint("ui.field.phone.hint")
                        .Autocomplete("tel")
                        .Max(20)
                        .Width(11));
    }
    if (st.email) {
        f.push_back(TextField("/contact/email", "ui.field.email", &c.email)
                        .As(Script::kEmail)
                        .Autocomplete("email")
                        .Max(120));
    }
    f.push_back(RadioField("/contact/language", "ui.field.contact_language", &c.language,
                           std::move(languages)));
    return f;
}

// The person's own details, when the contact ones are still empty.
void OnEnter(AppState& s) {
    auto& c = s.file.contact;
    if (c.person.empty())
        c.person = !s.file.mother.deceased   ? "mother"
                   : !s.file.father.deceased ? "father"
                                             : "guardian";
    const core::Parent* p = c.person == "father"   ? &s.file.father
                            : c.person == "mother" ? &s.file.mother
                            : s.file.guardian      ? &*s.file.guardian
                                                   : nullptr;
    if (!p) return;
    if (c.phone.empty()) c.phone = p->phone;
    if (c.email.empty()) c.email = p->email;
    if (!c.email.empty()) State(s).email = true;
}

void Sync(AppState& s, core::FieldErrors&) {
    auto& c = s.file.contact;
    const auto& st = State(s);
    c.channels.clear();
    if (st.sms) c.channels.push_back("sms");
    if (st.email) c.channels.push_back("email");
    if (!st.sms) c.phone.clear();
    if (!st.email) c.email.clear();
}

std::vector<DraftValue> Draft(AppState& s) {
    auto& st = State(s);
    return {{.name = "sms", .flag = &st.sms}, {.name = "email", .flag = &st.email}};
}

void FromFile(AppState& s) {
    auto& st = State(s);
    const auto& channels = s.file.contact.channels;
    st.sms = std::find(channels.begin(), channels.end(), "sms") != channels.end();
    st.email = std::find(channels.begin(), channels.end(), "email") != channels.end();
}

}  // namespace

// clang-format off
extern const ScreenSpec kContact{
    .id = {"contact"}, .heading = "ui.contact.heading", .intro = "ui.contact.intro",
    .fields = Fields, .sync = Sync, .on_enter = OnEnter, .draft = Draft, .from_file = FromFile};
// clang-format on

}  // namespace tasjil::app::screens
