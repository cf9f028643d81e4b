// Tasjil app: the semantic layer. Each frame the widgets describe themselves — role, accessible
// name in the current language, value, state, rectangle, the container they sit in — and the
// platform keeps a DOM tree of real elements over the canvas in step with it: screen readers
// read it, keyboards and phone keyboards use it, the browser scrolls to it, and tests find
// widgets through it (getByRole, getByLabel). docs/semantic-tree.md is the published format
// (version kSemanticTreeVersion); web/semantic_tree.mjs checks it on the page side.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace tasjil::app {

// Version of the published tree; the page refuses a tree of another version.
inline constexpr int kSemanticTreeVersion = 2;

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;  // CSS pixels, page coordinates (the document scrolls)
};

struct SemanticNode {
    std::string id;     // stable id, also the DOM element id
    std::string role;   // see docs/semantic-tree.md: banner | main | navigation | group |
                        // radiogroup | legend | heading | text | label | textbox | button |
                        // radio | checkbox | combobox | alert | status | progressbar | link | img
    std::string name;   // accessible name (visible text) in the interface language
    std::string value;  // textbox and combobox value, progress value
    std::string description;                // error summary: the problems read after its heading
    std::vector<std::string> described_by;  // ids of the hint and error texts of a control
    std::string labelled_by;                // group, radiogroup: id of its legend
    std::string for_id;                     // label: the field it names; link: where it leads
    std::string group;                      // radio: the group name
    std::string parent;        // id of the container (banner, main, group…), "" at the top
    std::string autocomplete;  // textbox: autocomplete token
    std::string input_mode;    // textbox: "text" | "numeric" | "tel" | "email"
    std::string lang;          // language of the name/value when it differs from the page
    std::string dir;           // textbox: "rtl" | "ltr" | "auto"
    int level = 0;             // heading level; progress maximum
    int max_length = 0;        // textbox: characters allowed
    bool required = false;
    bool invalid = false;
    bool checked = false;
    bool disabled = false;
    bool primary = false;  // button: the screen's primary action (Enter in the last field)
    bool current = false;  // button: the current choice of a switch (aria-current)
    // combobox: the choices, as {value, label, lang}.
    std::vector<std::array<std::string, 3>> options;
    Rect rect;
};

// What the page needs besides the nodes.
struct PageInfo {
    std::string lang;   // interface language
    std::string dir;    // "rtl" | "ltr"
    std::string focus;  // id to focus after applying, "" for none
    float height = 0;   // document height in CSS pixels (the page scrolls natively)
    std::string title;  // document title (the screen's heading and the service)
};

class Semantics {
  public:
    void BeginFrame() {
        nodes_.clear();
        open_.clear();
    }
    // Adds a node inside the innermost open container.
    SemanticNode& Add(SemanticNode node);
    // Inserts at a reading-order position (a container announced before what it contains).
    void Insert(std::size_t position, SemanticNode node);
    // Opens a container (banner, main, navigation, group, radiogroup): nodes added until
    // Close() are its children. Returns its index, for Close to set its rectangle.
    std::size_t Open(SemanticNode node);
    void Close(std::size_t index, const Rect& rect);
    std::size_t size() const { return nodes_.size(); }
    const std::vector<SemanticNode>& nodes() const { return nodes_; }
    std::vector<SemanticNode>& nodes() { return nodes_; }
    const SemanticNode* Find(const std::string& id) const;

    // The tree as compact JSON; the platform publishes it only when it differs from what it
    // last sent.
    std::string ToJson(const PageInfo& page) const;
    // The tree as indented text — role, name, value and state, no geometry — for the approved
    // files of tests/app/approved/ (one line per node, children indented under containers).
    std::string ToOutline() const;

  private:
    std::vector<SemanticNode> nodes_;
    std::vector<std::size_t> open_;  // indexes of the open containers
};

}  // namespace tasjil::app
