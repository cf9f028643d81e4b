// Index
//   [SECTION] Reading
//   [SECTION] Writing
#include "core/electronic_file.h"

#include "core/json_io.h"
#include "core/json_reader.h"

namespace tasjil::core {

// [SECTION] Reading ------------------------------------------------------------------------------

namespace {

constexpr std::size_t S = kMaxStringBytes;

template <class PersonT>
void ReadPersonNames(ObjectReader& r, PersonT& p) {
    r.String("family_name_ar", p.family_name_ar);
    r.String("given_name_ar", p.given_name_ar);
    r.String("family_name_latin", p.family_name_latin);
    r.String("given_name_latin", p.given_name_latin);
}

template <class PersonT>
void ReadPersonContact(ObjectReader& r, PersonT& p) {
    r.String("cin", p.cin);
    r.String("phone", p.phone);
    r.String("email", p.email);
    r.Bool("deceased", p.deceased);
}

void ReadParent(const Json& j, const std::string& ptr, FieldErrors& errors, Parent& p) {
    ObjectReader r(j, ptr, errors, S);
    ReadPersonNames(r, p);
    ReadPersonContact(r, p);
}

void ReadChild(const Json& j, const std::string& ptr, FieldErrors& errors, Child& c) {
    ObjectReader r(j, ptr, errors, S);
    ReadPersonNames(r, c);
    r.String("sex", c.sex);
    r.String("birth_date", c.birth_date);
    if (const Json* bp = r.Member("birth_place")) {
        ObjectReader b(*bp, PointerAppend(ptr, "birth_place"), errors, S);
        b.String("country", c.birth_place.country);
        b.NullableString("commune", c.birth_place.commune);
        b.String("place_text", c.birth_place.place_text);
    }
    r.String("nationality", c.nationality);
    if (const Json* cs = r.Member("civil_status")) {
        ObjectReader s(*cs, PointerAppend(ptr, "civil_status"), errors, S);
        s.String("act_number", c.civil_status.act_number);
        s.Int("act_year", c.civil_status.act_year);
        s.String("office", c.civil_status.office);
    }
}

}  // namespace

ParseResult ParseElectronicFile(std::string_view text) {
    ParseResult result;
    FieldErrors& errors = result.errors;
    Json doc;
    if (!ParseDocument(text, kMaxFileBytes, 32, doc, errors)) return result;

    // The version decides how to read the rest: stop at once on a version we do not know.
    if (doc.is_object() && doc.contains("schema_version") &&
        doc["schema_version"] != kSchemaVersion) {
        errors.push_back({"/schema_version",
                          "file.unsupported_schema_version",
                          {{"supported", std::to_string(kSchemaVersion)}}});
        return result;
    }
    ElectronicFile f;
    {
        ObjectReader r(doc, "", errors, S);
        if (!r.ok()) return result;
        r.Int("schema_version", f.schema_version);
        r.String("file_id", f.file_id);
        r.String("school_year", f.school_year);
        r.String("locale", f.locale);
        r.String("created_at", f.created_at);
        r.NullableString("submitted_at", f.submitted_at);
        if (const Json* c = r.Member("child")) ReadChild(*c, "/child", errors, f.child);

        if (const Json* s = r.Member("siblings_under_school_age")) {
            const std::string ptr = "/siblings_under_school_age";
            if (!s->is_array()) {
                WrongType(ptr, "array", errors);
            } else if (s->size() > kMaxSiblings) {
                errors.push_back(
                    {ptr, "file.too_many_items", {{"limit", std::to_string(kMaxSiblings)}}});
            } else {
                for (std::size_t i = 0; i < s->size(); ++i) {
                    Sibling sib;
                    ObjectReader sr((*s)[i], PointerAppend(ptr, i), errors, S);
                    sr.String("given_name", sib.given_name);
                    sr.String("birth_date", sib.birth_date);
                    f.siblings_under_school_age.push_back(std::move(sib));
                }
            }
        }
        if (const Json* p = r.Member("father")) ReadParent(*p, "/father", errors, f.father);
        if (const Json* p = r.Member("mother")) ReadParent(*p, "/mother", errors, f.mother);
        bool guardian_null = false;
        if (const Json* g = r.NullableMember("guardian", guardian_null)) {
            Guardian gd;
            ObjectReader gr(*g, "/guardian", errors, S);
            ReadPersonNames(gr, gd);
            ReadPersonContact(gr, gd);
            gr.String("relationship", gd.relationship);
            f.guardian = std::move(gd);
        }
        if (const Json* c = r.Member("contact")) {
            ObjectReader cr(*c, "/contact", errors, S);
            cr.String("person", f.contact.person);
            cr.String("phone", f.contact.phone);
            cr.String("email", f.contact.email);
            cr.StringArray("channels", f.contact.channels, 2);
            cr.String("language", f.contact.language);
        }
        if (const Json* res = r.Member("residence")) {
            ObjectReader rr(*res, "/residence", errors, S);
            rr.String("province", f.residence.province);
            rr.String("commune", f.residence.commune);
            rr.String("sector", f.residence.sector);
            rr.String("address", f.residence.address);
        }
        if (const Json* sc = r.Member("school_choice")) {
            ObjectReader sr(*sc, "/school_choice", errors, S);
            sr.String("school_code", f.school_choice.school_code);
        }
        if (const Json* d = r.Member("declarations")) {
            ObjectReader dr(*d, "/declarations", errors, S);
            dr.Bool("notice_acknowledged", f.declarations.notice_acknowledged);
            dr.Bool("information_accurate", f.declarations.information_accurate);
        }
    }
    if (errors.empty()) result.file = std::move(f);
    return result;
}

// [SECTION] Writing ------------------------------------------------------------------------------

namespace {

using Ordered = nlohmann::ordered_json;

template <class PersonT>
void WritePerson(Ordered& o, const PersonT& p) {
    o["family_name_ar"] = p.family_name_ar;
    o["given_name_ar"] = p.given_name_ar;
    o["family_name_latin"] = p.family_name_latin;
    o["given_name_latin"] = p.given_name_latin;
    o["cin"] = p.cin;
    o["phone"] = p.phone;
    o["email"] = p.email;
    o["deceased"] = p.deceased;
}

}  // namespace

std::string ToJson(const ElectronicFile& f) {
    Ordered o;
    o["schema_version"] = f.schema_version;
    o["file_id"] = f.file_id;
    o["school_year"] = f.school_year;
    o["locale"] = f.locale;
    o["created_at"] = f.created_at;
    o["submitted_at"] = f.submitted_at ? Ordered(*f.submitted_at) : Ordered(nullptr);

    Ordered c;
    c["family_name_ar"] = f.child.family_name_ar;
    c["given_name_ar"] = f.child.given_name_ar;
    c["family_name_latin"] = f.child.family_name_latin;
    c["given_name_latin"] = f.child.given_name_latin;
    c["sex"] = f.child.sex;
    c["birth_date"] = f.child.birth_date;
    c["birth_place"] = {
        {"country", f.child.birth_place.country},
        {"commune",
         f.child.birth_place.commune ? Ordered(*f.child.birth_place.commune) : Ordered(nullptr)},
        {"place_text", f.child.birth_place.place_text}};
    c["nationality"] = f.child.nationality;
    c["civil_status"] = {{"act_number", f.child.civil_status.act_number},
                         {"act_year", f.child.civil_status.act_year},
                         {"office", f.child.civil_status.office}};
    o["child"] = std::move(c);

    Ordered sibs = Ordered::array();
    for (const auto& s : f.siblings_under_school_age) {
        sibs.push_back({{"given_name", s.given_name}, {"birth_date", s.birth_date}});
    }
    o["siblings_under_school_age"] = std::move(sibs);

    Ordered father, mother;
    WritePerson(father, f.father);
    WritePerson(mother, f.mother);
    o["father"] = std::move(father);
    o["mother"] = std::move(mother);
    if (f.guardian) {
        Ordered g;
        WritePerson(g, *f.guardian);
        g["relationship"] = f.guardian->relationship;
        o["guardian"] = std::move(g);
    } else {
        o["guardian"] = nullptr;
    }
    o["contact"] = {{"person", f.contact.person},
                    {"phone", f.contact.phone},
                    {"email", f.contact.email},
                    {"channels", f.contact.channels},
                    {"language", f.contact.language}};
    o["residence"] = {{"province", f.residence.province},
                      {"commune", f.residence.commune},
                      {"sector", f.residence.sector},
                      {"address", f.residence.address}};
    o["school_choice"] = {{"school_code", f.school_choice.school_code}};
    o["declarations"] = {{"notice_acknowledged", f.declarations.notice_acknowledged},
                         {"information_accurate", f.declarations.information_accurate}};
    // Replace rather than throw on invalid UTF-8: a model edited in the UI is always written.
    return o.dump(-1, ' ', false, Ordered::error_handler_t::replace);
}

}  // namespace tasjil::core
