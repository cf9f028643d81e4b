// The semantic tree the app publishes after a frame (docs/semantic-tree.md): its version, its
// roles and the checks the page runs before applying a tree. A tree that fails them is not
// applied (the DOM keeps the last good one) and the problem is reported.

/** The version this page understands; the app's kSemanticTreeVersion. */
export const VERSION = 2;

/** Containers: their children are positioned inside them. */
export const CONTAINERS = new Set(["banner", "main", "navigation", "group", "radiogroup"]);

/** Every role, with the DOM element it becomes. */
export const ROLES = new Map([
  ["banner", "header"], ["main", "main"], ["navigation", "nav"], ["group", "div"],
  ["radiogroup", "div"], ["legend", "p"], ["heading", "h"], ["text", "p"], ["label", "label"],
  ["textbox", "input"], ["button", "button"], ["radio", "input"], ["checkbox", "input"],
  ["combobox", "select"], ["alert", "div"], ["status", "div"], ["progressbar", "div"],
  ["link", "a"], ["img", "img"],
]);

/**
 * @typedef {{id: string, role: string, name: string, x: number, y: number, w: number, h: number,
 *   value?: string, description?: string, describedby?: string[], labelledby?: string,
 *   for?: string, group?: string, parent?: string, autocomplete?: string, inputmode?: string,
 *   lang?: string, dir?: string, level?: number, maxlength?: number, required?: boolean,
 *   invalid?: boolean, checked?: boolean, disabled?: boolean, primary?: boolean,
 *   current?: boolean, options?: string[][]}} SemanticNode
 * @typedef {{version: number, lang: string, dir: string, height: number, title: string,
 *   focus?: string, nodes: SemanticNode[]}} SemanticTree
 */

const ID = /^[A-Za-z][A-Za-z0-9_.:-]*$/;

/**
 * The problems of a tree, [] when it can be applied.
 * @param {unknown} tree
 * @returns {string[]}
 */
export function checkTree(tree) {
  const problems = [];
  if (!tree || typeof tree !== "object") return ["not an object"];
  const t = /** @type {SemanticTree} */ (tree);
  if (t.version !== VERSION) problems.push(`version ${t.version}, expected ${VERSION}`);
  if (!["ar", "zgh", "fr"].includes(t.lang)) problems.push(`unknown lang ${t.lang}`);
  if (t.dir !== "rtl" && t.dir !== "ltr") problems.push(`unknown dir ${t.dir}`);
  if (!(typeof t.height === "number" && t.height >= 0 && t.height < 1e6)) problems.push("bad height");
  if (typeof t.title !== "string") problems.push("no title");
  if (!Array.isArray(t.nodes)) return [...problems, "no nodes"];
  const seen = new Map();
  for (const n of t.nodes) {
    if (!n || typeof n.id !== "string" || !ID.test(n.id)) { problems.push(`bad id ${n && n.id}`); continue; }
    if (seen.has(n.id)) problems.push(`duplicate id ${n.id}`);
    if (!ROLES.has(n.role)) problems.push(`${n.id}: unknown role ${n.role}`);
    if (typeof n.name !== "string") problems.push(`${n.id}: no name`);
    for (const k of ["x", "y", "w", "h"]) {
      if (typeof n[k] !== "number" || !Number.isFinite(n[k])) problems.push(`${n.id}: bad ${k}`);
    }
    if (n.parent !== undefined) {
      const p = seen.get(n.parent);
      if (!p) problems.push(`${n.id}: parent ${n.parent} not before it`);
      else if (!CONTAINERS.has(p.role)) problems.push(`${n.id}: parent ${n.parent} is not a container`);
    }
    seen.set(n.id, n);
  }
  for (const n of t.nodes) {
    for (const ref of [...(n.describedby || []), n.labelledby, n.role === "label" ? n.for : undefined]) {
      if (ref !== undefined && !seen.has(ref)) problems.push(`${n.id}: refers to missing ${ref}`);
    }
  }
  if (t.focus !== undefined && !seen.has(t.focus)) problems.push(`focus on missing ${t.focus}`);
  return problems;
}
