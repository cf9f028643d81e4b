// Tasjil browser platform: the DOM side of the app.
//  - Keeps a tree of real, accessible HTML elements over the canvas in step with the widgets the
//    app publishes after each frame (role, name, value, state, rectangle). Screen readers read
//    it, keyboards tab through it, phone keyboards open on its inputs, tests find widgets in it.
//  - While a field is edited its <input> is visible and the browser draws text, caret and
//    selection; every input event goes to the C++ model.
//  - Forwards pointer position (hover), wheel and touch drags (scrolling) to the app, and wakes
//    it on resize, rotation and pixel-ratio changes. The app draws nothing while nothing changes.
"use strict";
(function () {
  var root = null;
  var elements = new Map();   // id -> element
  var order = [];             // ids in published order
  var editing = null;         // id of the focused input

  function call(name, types, args) {
    var M = window.Module;
    if (M && M.ccall) M.ccall(name, null, types, args);
  }
  function wake() { call("tasjil_wake", [], []); }

  // 2 when a pointer just pressed the element (it is in view already), 1 for keyboard focus
  // (Tab, Enter, a summary link), which the app scrolls into view.
  var lastPointerDown = 0;
  function focusKind() { return performance.now() - lastPointerDown < 800 ? 2 : 1; }

  function describe(el, node) {
    var descId = node.id + "--desc";
    var desc = document.getElementById(descId);
    if (node.description) {
      if (!desc) {
        desc = document.createElement("span");
        desc.id = descId;
        desc.className = "sr";
        root.appendChild(desc);
      }
      if (desc.textContent !== node.description) desc.textContent = node.description;
      el.setAttribute("aria-describedby", descId);
    } else {
      if (desc) desc.remove();
      el.removeAttribute("aria-describedby");
    }
  }

  function create(node) {
    var el;
    switch (node.role) {
      case "heading":
        el = document.createElement("h" + Math.min(6, Math.max(1, node.level || 2)));
        break;
      case "label":
        el = document.createElement("label");
        break;
      case "textbox":
        el = document.createElement("input");
        el.type = "text";
        el.spellcheck = false;
        el.addEventListener("input", function () {
          call("tasjil_input", ["string", "string"], [el.id, el.value]);
        });
        el.addEventListener("compositionend", function () {
          call("tasjil_input", ["string", "string"], [el.id, el.value]);
        });
        el.addEventListener("focus", function () {
          editing = el.id;
          el.classList.add("editing");
          call("tasjil_focus", ["string", "number"], [el.id, focusKind()]);
        });
        el.addEventListener("blur", function () {
          if (editing === el.id) editing = null;
          el.classList.remove("editing");
          call("tasjil_focus", ["string", "number"], [el.id, 0]);
        });
        el.addEventListener("keydown", function (e) {
          if (e.key !== "Enter" || e.isComposing) return;
          e.preventDefault();
          // Enter moves to the next field, like Tab; after the last one it continues.
          var inputs = order.map(function (id) { return elements.get(id); })
            .filter(function (x) { return x && x.tagName === "INPUT" && x.type === "text"; });
          var i = inputs.indexOf(el);
          if (i >= 0 && i + 1 < inputs.length) inputs[i + 1].focus();
          else if (elements.get("continue")) elements.get("continue").click();
        });
        break;
      case "button":
        el = document.createElement("button");
        el.type = "button";
        el.addEventListener("click", function () { call("tasjil_activate", ["string"], [el.id]); });
        break;
      case "link":
        el = document.createElement("a");
        el.href = "#";
        el.addEventListener("click", function (e) {
          e.preventDefault();
          var target = elements.get(el.dataset.for);
          lastPointerDown = 0;  // the field may be out of view: let the app scroll to it
          // Focused here, inside the user's gesture, so that a phone keyboard opens.
          if (target) target.focus();
        });
        break;
      case "radio":
        el = document.createElement("input");
        el.type = "radio";
        el.addEventListener("change", function () {
          if (el.checked) call("tasjil_activate", ["string"], [el.id]);
        });
        break;
      case "combobox":
        // A native <select>: the browser's own picker (the wheel on phones) opens on it.
        el = document.createElement("select");
        el.addEventListener("change", function () {
          call("tasjil_input", ["string", "string"], [el.id, el.value]);
        });
        el.addEventListener("focus", function () { call("tasjil_focus", ["string", "number"], [el.id, focusKind()]); });
        el.addEventListener("blur", function () { call("tasjil_focus", ["string", "number"], [el.id, 0]); });
        break;
      case "alert":
        el = document.createElement("div");
        el.setAttribute("role", "alert");
        el.tabIndex = -1;
        break;
      case "progressbar":
        el = document.createElement("div");
        el.setAttribute("role", "progressbar");
        el.setAttribute("aria-valuemin", "1");
        break;
      default:
        el = document.createElement("p");
    }
    el.id = node.id;
    if (node.role === "button" || node.role === "radio" || node.role === "link") {
      // The element itself is transparent: the app draws the focus ring where it sits.
      el.addEventListener("focus", function () { call("tasjil_focus", ["string", "number"], [el.id, focusKind()]); });
      el.addEventListener("blur", function () { call("tasjil_focus", ["string", "number"], [el.id, 0]); });
    }
    return el;
  }

  function update(el, node) {
    var s = el.style;
    s.left = node.x + "px";
    s.top = node.y + "px";
    s.width = node.w + "px";
    s.height = node.h + "px";
    if (node.lang) el.lang = node.lang; else el.removeAttribute("lang");
    switch (node.role) {
      case "textbox":
        el.setAttribute("aria-label", node.name);
        // Never overwrite what the user is typing: the model follows the input, not the reverse.
        if (editing !== node.id && el.value !== node.value) el.value = node.value;
        el.autocomplete = node.autocomplete || "off";
        el.inputMode = node.inputmode || "text";
        el.dir = node.dir || "auto";
        if (node.maxlength) el.maxLength = node.maxlength;
        el.required = !!node.required;
        if (node.invalid) el.setAttribute("aria-invalid", "true"); else el.removeAttribute("aria-invalid");
        describe(el, node);
        break;
      case "radio":
        el.name = node.group;
        el.checked = !!node.checked;
        el.setAttribute("aria-label", node.name);
        el.required = !!node.required;
        if (node.invalid) el.setAttribute("aria-invalid", "true"); else el.removeAttribute("aria-invalid");
        describe(el, node);
        break;
      case "combobox":
        el.setAttribute("aria-label", node.name);
        var key = JSON.stringify(node.options || []);
        if (el.dataset.options !== key) {
          el.dataset.options = key;
          el.textContent = "";
          (node.options || []).forEach(function (o) {
            var opt = document.createElement("option");
            opt.value = o[0];
            opt.textContent = o[1];
            if (o[2]) opt.lang = o[2];
            el.appendChild(opt);
          });
        }
        if (el.value !== node.value) el.value = node.value;
        break;
      case "label":
        el.htmlFor = node.for;
        if (el.textContent !== node.name) el.textContent = node.name;
        break;
      case "link":
        el.dataset.for = node.for;
        if (el.textContent !== node.name) el.textContent = node.name;
        break;
      case "alert":
        var text = node.name + (node.description ? ". " + node.description : "");
        if (el.textContent !== text) el.textContent = text;
        break;
      case "progressbar":
        el.setAttribute("aria-valuenow", node.value);
        el.setAttribute("aria-valuemax", String(node.level));
        el.setAttribute("aria-label", node.name);
        break;
      default:
        if (el.textContent !== node.name) el.textContent = node.name;
    }
  }

  // Applies one published frame: create, update, remove and order the elements.
  function publish(json) {
    var tree = JSON.parse(json);
    var html = document.documentElement;
    if (html.lang !== tree.lang) html.lang = tree.lang;
    if (html.dir !== tree.dir) html.dir = tree.dir;
    var seen = new Set();
    var ids = [];
    tree.nodes.forEach(function (node) {
      var el = elements.get(node.id);
      if (el && el.dataset.role !== node.role) { el.remove(); el = null; }
      if (!el) {
        el = create(node);
        el.dataset.role = node.role;
        elements.set(node.id, el);
      }
      update(el, node);
      seen.add(node.id);
      ids.push(node.id);
    });
    elements.forEach(function (el, id) {
      if (!seen.has(id)) {
        if (document.activeElement === el) el.blur();
        var desc = document.getElementById(id + "--desc");
        if (desc) desc.remove();
        el.remove();
        elements.delete(id);
      }
    });
    // DOM order is reading order: Tab, Shift+Tab and screen readers follow it.
    var changed = ids.length !== order.length || ids.some(function (id, i) { return order[i] !== id; });
    if (changed) {
      var focused = document.activeElement;
      ids.forEach(function (id) { root.appendChild(elements.get(id)); });
      if (focused && focused !== document.activeElement && root.contains(focused)) focused.focus();
    }
    order = ids;
    if (tree.focus) {
      var target = elements.get(tree.focus);
      if (target) {
        if (!target.hasAttribute("tabindex") && target.tagName !== "INPUT" &&
            target.tagName !== "BUTTON" && target.tagName !== "A") target.tabIndex = -1;
        target.focus({ preventScroll: true });
      }
    }
  }

  // Pointer, wheel and touch: hover for the canvas, scrolling for the page.
  function installInput() {
    var drag = null;
    var suppressClick = false;
    document.addEventListener("pointermove", function (e) {
      if (drag && e.pointerId === drag.id) {
        var dy = e.clientY - drag.y;
        if (!drag.moving && Math.abs(e.clientY - drag.startY) > 8) drag.moving = true;
        if (drag.moving) {
          call("tasjil_scroll_by", ["number"], [-dy]);
          drag.y = e.clientY;
          return;
        }
      }
      if (e.pointerType === "mouse") call("tasjil_pointer", ["number", "number"], [e.clientX, e.clientY]);
    }, { passive: true });
    document.addEventListener("pointerleave", function () {
      call("tasjil_pointer", ["number", "number"], [-1, -1]);
    });
    document.addEventListener("pointerdown", function (e) {
      lastPointerDown = performance.now();
      if (e.pointerType !== "mouse") drag = { id: e.pointerId, y: e.clientY, startY: e.clientY, moving: false };
    }, { passive: true });
    document.addEventListener("pointerup", function (e) {
      if (drag && e.pointerId === drag.id) {
        suppressClick = drag.moving;  // a drag is a scroll, not a tap
        drag = null;
      }
    }, { passive: true });
    document.addEventListener("pointercancel", function () { drag = null; });
    document.addEventListener("click", function (e) {
      if (suppressClick) { e.preventDefault(); e.stopPropagation(); suppressClick = false; }
    }, true);
    document.addEventListener("wheel", function (e) {
      e.preventDefault();
      var dy = e.deltaMode === 1 ? e.deltaY * 40 : e.deltaMode === 2 ? e.deltaY * innerHeight : e.deltaY;
      call("tasjil_scroll_by", ["number"], [dy]);
    }, { passive: false });
    window.addEventListener("resize", wake);
    window.addEventListener("orientationchange", wake);
    document.addEventListener("visibilitychange", wake);
    // Device pixel ratio changes (zoom, moving to another screen) do not fire resize everywhere.
    (function watchRatio() {
      if (!window.matchMedia) return;
      var mq = window.matchMedia("(resolution: " + window.devicePixelRatio + "dppx)");
      var onChange = function () { mq.removeEventListener("change", onChange); wake(); watchRatio(); };
      mq.addEventListener("change", onChange);
    })();
  }

  window.TasjilPlatform = {
    publish: publish,
    ready: function () { window.dispatchEvent(new Event("tasjil-ready")); },
    failure: function (reason) { if (window.TasjilFail) window.TasjilFail(reason === "webgl2" ? "webgl2" : "failed"); }
  };
  document.addEventListener("DOMContentLoaded", function () {
    root = document.getElementById("a11y");
    installInput();
  });
})();
