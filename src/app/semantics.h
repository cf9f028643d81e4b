// Tasjil app: the semantic layer. Each frame the widgets describe themselves — role, accessible
// name in the current language, value, state, rectangle — and the platform keeps a DOM tree of
// real elements over the canvas in step with it: screen readers read it, keyboards and phone
// keyboards use it, and tests find widgets through it (getByRole, getByLabel).
#pragma once

#include <array>
#include <string>
#include <vector>

namespace tasjil::app {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;  // CSS pixels, viewport coordinates
};

struct SemanticNode {
    std::string id;     // stable id, also the DOM element id
    std::string role;   // heading | text | label | textbox | button | radio | combobox | alert |
                        // progressbar | link
    std::string name;   // accessible name (visible text) in the interface language
    std::string value;  // textbox value, progress value
    std::string description;   // hint or error message read after the name
    std::string for_id;        // label: the field it names; link: the field it leads to
    std::string group;         // radio: the group name
    std::string autocomplete;  // textbox: autocomplete token
    std::string input_mode;    // textbox: "text" | "numeric"
    std::string lang;          // language of the name/value when it differs from the page
    std::string dir;           // textbox: "rtl" | "ltr" | "auto"
    int level = 0;             // heading level; progress maximum
    int max_length = 0;        // textbox: characters allowed
    bool required = false;
    bool invalid = false;
    bool checked = false;
    bool disabled = false;
    // combobox: the choices, as {value, label, lang}.
    std::vector<std::array<std::string, 3>> options;
    Rect rect;
};

class Semantics {
  public:
    void BeginFrame() { nodes_.clear(); }
    SemanticNode& Add(SemanticNode node);
    // Inserts at a reading-order position (a container announced before what it contains).
    void Insert(std::size_t position, SemanticNode node);
    std::size_t size() const { return nodes_.size(); }
    const std::vector<SemanticNode>& nodes() const { return nodes_; }
    const SemanticNode* Find(const std::string& id) const;

    // The tree as compact JSON, plus page language, direction and a focus request; the
    // platform publishes it only when it differs from what it last sent.
    std::string ToJson(const std::string& lang, const std::string& dir,
                       const std::string& focus) const;

  private:
    std::vector<SemanticNode> nodes_;
};

}  // namespace tasjil::app
