// The page's checks of a published semantic tree (web/semantic_tree.mjs), on trees the native
// app publishes (tests/app writes none to disk, so the shapes are written here as the C++
// side serialises them: src/app/semantics.cpp).
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkTree, VERSION } from "../../web/semantic_tree.mjs";

const node = (id, role, extra = {}) => ({ id, role, name: id, x: 0, y: 0, w: 10, h: 10, ...extra });
const tree = (nodes, extra = {}) => ({ version: VERSION, lang: "fr", dir: "ltr", height: 900, title: "T", nodes, ...extra });

test("a tree with landmarks, a named radio group and a focus request is accepted", () => {
  const t = tree([
    node("banner", "banner"), node("languages", "navigation", { parent: "banner" }),
    node("main", "main"), node("sex", "radiogroup", { parent: "main", labelledby: "sex-legend" }),
    node("sex-legend", "legend", { parent: "sex" }), node("sex-F", "radio", { parent: "sex", group: "sex" }),
    node("name-label", "label", { for: "name", parent: "main" }),
    node("name", "textbox", { parent: "main", value: "", describedby: ["name-hint"] }),
    node("name-hint", "text", { parent: "main" }),
  ], { focus: "name" });
  assert.deepEqual(checkTree(t), []);
});

test("another version, an unknown role or a duplicate id is refused", () => {
  assert.match(checkTree(tree([], { version: VERSION + 1 })).join(), /version/);
  assert.match(checkTree(tree([node("a", "marquee")])).join(), /unknown role/);
  assert.match(checkTree(tree([node("a", "text"), node("a", "text")])).join(), /duplicate id/);
});

test("a child before its parent, or inside a non-container, is refused", () => {
  assert.match(checkTree(tree([node("a", "text", { parent: "main" }), node("main", "main")])).join(), /not before/);
  assert.match(checkTree(tree([node("p", "text"), node("a", "text", { parent: "p" })])).join(), /not a container/);
});

test("references to missing elements and hostile values are refused", () => {
  assert.match(checkTree(tree([node("a", "textbox", { describedby: ["nope"] })])).join(), /missing nope/);
  assert.match(checkTree(tree([node("a", "label", { for: "nope" })])).join(), /missing nope/);
  assert.match(checkTree(tree([node("a", "text")], { focus: "zzz" })).join(), /focus/);
  assert.match(checkTree(tree([node("<img onerror=x>", "text")])).join(), /bad id/);
  assert.match(checkTree(tree([node("a", "text", { x: NaN })])).join(), /bad x/);
  assert.match(checkTree(tree([], { height: -1 })).join(), /height/);
  assert.match(checkTree(tree([], { lang: "en" })).join(), /lang/);
  assert.deepEqual(checkTree(null), ["not an object"]);
  assert.match(checkTree({ version: VERSION, lang: "fr", dir: "ltr", height: 0, title: "" }).join(), /no nodes/);
});
