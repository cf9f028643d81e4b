// Index
//   [SECTION] Screen names
//   [SECTION] Writing
//   [SECTION] Reading
#include "app/draft.h"

#include <array>

#include <nlohmann/json.hpp>

#include "app/flow.h"
#include "app/json_read.h"
#include "core/utf8.h"

namespace tasjil::app {

using Json = nlohmann::json;

// [SECTION] Screen names -------------------------------------------------------------------------

namespace {

struct NamedState {
    Submission::State state;
    const char* name;
};
constexpr std::array<NamedState, 5> kSubmissionStates{{
    {Submission::State::kIdle, "idle"},
    {Submission::State::kQueued, "queued"},
    {Submission::State::kSending, "sending"},
    {Submission::State::kFailed, "failed"},
    {Submission::State::kSent, "sent"},
}};

// Longest value of a screen's own field (a search, a part of a date): far above what the
// widgets accept, far below anything that could hurt.
constexpr std::size_t kMaxScreenValueBytes = 512;

}  // namespace

std::optional<ScreenId> ScreenFromName(const AppState& state, std::string_view name) {
    for (const auto* spec : Flow(state)) {
        if (name == spec->id.name) return spec->id;
    }
    return std::nullopt;
}

// [SECTION] Writing ------------------------------------------------------------------------------

namespace {

Json DateJson(const DateParts& d) {
    return Json::array({d.day, d.month, d.year});
}

}  // namespace

std::string DraftToJson(AppState& s) {
    // Each screen's values, under its name, as its spec lists them.
    Json screens = Json::object();
    for (const auto* spec : Flow(s)) {
        if (!spec->draft) continue;
        Json values = Json::object();
        for (const DraftValue& v : spec->draft(s)) {
            if (v.text) values[v.name] = *v.text;
            if (v.flag) values[v.name] = *v.flag;
            if (v.date) values[v.name] = DateJson(*v.date);
            if (v.dates) {
                Json list = Json::array();
                for (const auto& d : *v.dates) list.push_back(DateJson(d));
                values[v.name] = std::move(list);
            }
        }
        screens[std::string(spec->id.name)] = std::move(values);
    }

    const auto& sub = s.submission;
    const char* state = "idle";
    for (const auto& n : kSubmissionStates) {
        if (n.state == sub.state) state = n.name;
    }
    Json submission = {{"state", state},
                       {"problem", sub.problem},
                       {"reference", sub.reference},
                       {"status", sub.status},
                       {"received_at", sub.received_at},
                       {"serving_unit", sub.serving_unit},
                       {"reasons", ErrorsToJson(sub.reasons)},
                       {"conflict", sub.conflict}};
    // The status look-up and the tablet's list are not part of the file: it resumes at Start.
    ScreenId screen = s.ui.screen;
    if (screen == ScreenId::kStatus || screen == ScreenId::kFiles) screen = ScreenId::kStart;
    // A sent file opens again on the start page, which offers its receipt, its look-up and
    // another child.
    if (sub.state == Submission::State::kSent) screen = ScreenId::kStart;
    Json draft = {{"draft_version", kDraftVersion}, {"file", Json::parse(core::ToJson(s.file))},
                  {"screen", screen.name},          {"locale", s.ui.locale},
                  {"screens", std::move(screens)},  {"submission", std::move(submission)}};
    return draft.dump();
}

// [SECTION] Reading ------------------------------------------------------------------------------

namespace {

// Reads members of one object of the draft; the first problem is kept and later reads do
// nothing, so a caller checks once at the end.
class Reader {
  public:
    Reader(const Json& object, std::string where, std::string& problem)
        : object_(object), where_(std::move(where)), problem_(problem) {
        if (!object_.is_object()) Fail("is not an object");
    }

    void Text(const char* key, std::string& out) {
        const Json* v = Member(key);
        if (!v) return;
        if (!v->is_string()) return Fail(std::string(key) + " is not a string");
        const auto& text = v->get_ref<const std::string&>();
        if (text.size() > kMaxScreenValueBytes) return Fail(std::string(key) + " is too long");
        if (!core::DecodeUtf8(text)) return Fail(std::string(key) + " is not UTF-8");
        out = text;
    }

    void Flag(const char* key, bool& out) {
        const Json* v = Member(key);
        if (!v) return;
        if (!v->is_boolean()) return Fail(std::string(key) + " is not true or false");
        out = v->get<bool>();
    }

    void Date(const Json& v, DateParts& out) {
        if (!problem_.empty()) return;
        if (!v.is_array() || v.size() != 3) return Fail("a date is not [day, month, year]");
        std::string* parts[] = {&out.day, &out.month, &out.year};
        for (std::size_t i = 0; i < 3; ++i) {
            if (!v[i].is_string() || v[i].get_ref<const std::string&>().size() > 8)
                return Fail("a part of a date is not a short string");
            *parts[i] = v[i].get<std::string>();
        }
    }

    const Json* Member(const char* key) {
        if (!problem_.empty()) return nullptr;
        const auto it = object_.find(key);
        if (it == object_.end()) {
            Fail(std::string("has no ") + key);
            return nullptr;
        }
        return &*it;
    }

    void Fail(const std::string& what) {
        if (problem_.empty()) problem_ = where_ + " " + what;
    }

  private:
    const Json& object_;
    std::string where_;
    std::string& problem_;
};

}  // namespace

std::string RestoreDraft(AppState& state, std::string_view text) {
    if (text.size() > kMaxDraftBytes) return "the draft is larger than a draft can be";
    const Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return "the draft is not a JSON object";
    std::string problem;
    AppState next = state;  // restored in a copy: nothing changes unless all of it is sound
    Reader top(doc, "the draft", problem);
    const Json* version = top.Member("draft_version");
    if (version && (!version->is_number_integer() || *version != kDraftVersion))
        return "the draft's version is not " + std::to_string(kDraftVersion);

    if (const Json* file = top.Member("file")) {
        auto parsed = core::ParseElectronicFile(file->dump());
        if (!parsed.file) return "the draft's file does not parse as an electronic file";
        next.file = std::move(*parsed.file);
    }
    std::string screen_name, locale;
    top.Text("screen", screen_name);
    top.Text("locale", locale);
    if (!problem.empty()) return problem;
    const auto screen = ScreenFromName(next, screen_name);
    if (!screen) return "the draft's screen is not one of the app's";
    if (!core::IsSupportedLocale(locale)) return "the draft's language is not ar, zgh or fr";

    if (const Json* screens = top.Member("screens")) {
        Reader screens_reader(*screens, "the draft's screens", problem);
        // Each screen's values, read into the copy's screen states.
        next.screens.Clear();
        for (const auto* spec : Flow(next)) {
            if (!spec->draft) continue;
            const std::string name(spec->id.name);
            const Json* values = screens_reader.Member(name.c_str());
            if (!values) break;
            Reader r(*values, "the " + name + " screen", problem);
            for (const DraftValue& v : spec->draft(next)) {
                if (v.optional && values->is_object() && !values->contains(v.name)) continue;
                if (v.text) r.Text(v.name, *v.text);
                if (v.flag) r.Flag(v.name, *v.flag);
                if (v.date) {
                    if (const Json* d = r.Member(v.name)) r.Date(*d, *v.date);
                }
                if (v.dates) {
                    const Json* list = r.Member(v.name);
                    if (list && (!list->is_array() || list->size() > v.max_items)) {
                        r.Fail(std::string("has a ") + v.name + " that is not a short list");
                    } else if (list) {
                        v.dates->assign(list->size(), {});
                        for (std::size_t i = 0; i < list->size(); ++i)
                            r.Date((*list)[i], (*v.dates)[i]);
                    }
                }
            }
        }
    }
    if (const Json* s = top.Member("submission")) {
        Reader r(*s, "the draft's submission", problem);
        std::string name;
        r.Text("state", name);
        auto& sub = next.submission;
        sub = {};
        r.Text("problem", sub.problem);
        r.Text("reference", sub.reference);
        r.Text("status", sub.status);
        r.Text("received_at", sub.received_at);
        r.Text("serving_unit", sub.serving_unit);
        r.Flag("conflict", sub.conflict);
        if (const Json* reasons = r.Member("reasons")) {
            if (!reasons->is_array() || reasons->size() > 64)
                r.Fail("has reasons that are not a list");
            else
                sub.reasons = ErrorsFromJson(*reasons);
        }
        bool known = false;
        for (const auto& n : kSubmissionStates) {
            if (name == n.name) {
                sub.state = n.state;
                known = true;
            }
        }
        if (problem.empty() && !known)
            return "the draft's submission state is not one of the app's";
        // Whatever was on its way when the page closed is in the outbox, which says what
        // became of it.
        if (sub.state == Submission::State::kSending) sub.state = Submission::State::kQueued;
        if (sub.state == Submission::State::kSent && sub.reference.empty())
            return "the draft's submission is sent without a reference";
    }
    if (!problem.empty()) return problem;

    next.ui.screen = *screen;
    next.ui.locale = locale;
    next.device.resumed = true;
    state = std::move(next);
    return "";
}

std::vector<DeviceFile> ReadDeviceFiles(std::string_view text) {
    std::vector<DeviceFile> out;
    if (text.size() > kMaxDeviceListBytes) return out;
    const Json list = Json::parse(text, nullptr, false);
    if (!list.is_array()) return out;
    for (const auto& item : list) {
        if (out.size() >= kMaxDeviceFiles) break;
        if (!item.is_object()) continue;
        DeviceFile f;
        f.file_id = StringOf(item, "file_id");
        f.changed = StringOf(item, "changed");
        if (f.file_id.empty() || f.file_id.size() > 64 || f.changed.size() > 32) continue;
        const Json draft = Json::parse(StringOf(item, "draft"), nullptr, false);
        const Json* file = draft.is_object() && draft.contains("file") ? &draft["file"] : nullptr;
        if (file && file->is_object() && file->contains("child")) {
            const Json& c = (*file)["child"];
            const auto join = [](std::string a, const std::string& b) {
                if (!a.empty() && !b.empty()) a += ' ';
                return a + b;
            };
            f.child_ar = join(StringOf(c, "given_name_ar"), StringOf(c, "family_name_ar"));
            f.child_latin = join(StringOf(c, "given_name_latin"), StringOf(c, "family_name_latin"));
            if (f.child_ar.size() > 256 || f.child_latin.size() > 256)
                f.child_ar = f.child_latin = "";
        }
        // The outbox knows better than the draft what became of a sent file.
        const std::string box = item.contains("outbox") ? StringOf(item["outbox"], "state") : "";
        f.reference = item.contains("outbox") ? StringOf(item["outbox"], "reference") : "";
        if (box == "queued")
            f.state = DeviceFile::State::kQueued;
        else if (box == "sending")
            f.state = DeviceFile::State::kSending;
        else if (box == "sent")
            f.state = DeviceFile::State::kSent;
        else if (box == "attention")
            f.state = DeviceFile::State::kAttention;
        if (f.reference.size() > 32) f.reference.clear();
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace tasjil::app
