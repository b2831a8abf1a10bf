// Repeatable groups (add/remove), and the issuer, signer and recipients of the clerk's last
// document remembered in this browser (localStorage) and pre-filled in the next one.
"use strict";
(function () {
  var form = document.getElementById("docform");
  if (!form) return;
  var STORE = "docgen.last";
  // Segments whose fields are remembered wherever they sit (signer, report.signer, …).
  var REMEMBERED = ["issuer", "signer", "recipients", "archive"];

  function renumber(list) {
    var items = list.querySelector("[data-items]").children;
    for (var i = 0; i < items.length; i++) {
      items[i].querySelectorAll("[data-num]").forEach(function (n) {
        if (n.closest("[data-item]") === items[i]) n.textContent = String(i + 1);
      });
    }
  }

  function addItem(list) {
    var tpl = list.querySelector(":scope > template");
    var index = parseInt(list.getAttribute("data-next"), 10) || 0;
    list.setAttribute("data-next", String(index + 1));
    var html = tpl.innerHTML.split(list.getAttribute("data-placeholder")).join(String(index));
    // A table's rows parse only inside a table body.
    var holder = document.createElement(list.hasAttribute("data-table") ? "tbody" : "div");
    holder.innerHTML = html;
    var item = holder.firstElementChild;
    list.querySelector("[data-items]").appendChild(item);
    renumber(list);
    list.dispatchEvent(new CustomEvent("docgen:rows", { bubbles: true }));
    return item;
  }

  form.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add]");
    if (add) {
      var item = addItem(add.closest("[data-list]"));
      var first = item.querySelector("input, select, textarea");
      if (first) first.focus();
      return;
    }
    var remove = event.target.closest("[data-remove]");
    if (remove) {
      var it = remove.closest("[data-item]");
      var list = it.closest("[data-list]");
      it.remove();
      renumber(list);
      list.dispatchEvent(new CustomEvent("docgen:rows", { bubbles: true }));
      list.querySelector(":scope > [data-add]").focus();
    }
  });

  function segmentKey(name) {
    var parts = name.split(".");
    for (var i = 0; i < parts.length; i++) {
      if (REMEMBERED.indexOf(parts[i]) >= 0) return parts.slice(i).join(".");
    }
    return null;
  }

  function remember() {
    var saved = {};
    form.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (!el.name || el.closest("template") || el.type === "file") return;
      var key = segmentKey(el.name);
      if (key === null || key in saved) return;
      saved[key] = el.type === "checkbox" ? (el.checked ? "on" : "") : el.value;
    });
    try { localStorage.setItem(STORE, JSON.stringify(saved)); } catch (e) { /* private mode */ }
  }

  function ensureItems(list, count) {
    var have = list.querySelector("[data-items]").children.length;
    for (var i = have; i < count; i++) addItem(list);
  }

  function prefill() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { saved = null; }
    if (!saved) return;
    // Lists first (recipients): as many rows as last time.
    form.querySelectorAll("[data-list]").forEach(function (list) {
      if (list.closest("template")) return;
      var key = segmentKey(list.id.replace(/^f-/, "").split("-").join("."));
      if (key === null) return;
      var count = 0;
      while ((key + "." + count) in saved) count++;
      ensureItems(list, count);
    });
    form.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (!el.name || el.closest("template") || el.type === "file") return;
      var key = segmentKey(el.name);
      if (key === null || !(key in saved)) return;
      if (el.type === "checkbox") { el.checked = saved[key] === "on"; return; }
      if (!el.value || el.tagName === "SELECT") el.value = saved[key];
    });
  }

  form.addEventListener("submit", function (event) {
    var action = event.submitter && event.submitter.value;
    if (action === "load_json" || action === "load_sheet") return;
    remember();
  });

  // Text areas grow with what is typed (a legal basis may run to three lines).
  function fit(el) { el.style.height = "auto"; el.style.height = el.scrollHeight + 2 + "px"; }
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") fit(event.target);
  });

  if (form.hasAttribute("data-fresh")) prefill();
  form.querySelectorAll("textarea").forEach(function (el) { if (el.value) fit(el); });
  var summary = document.getElementById("error-summary");
  var preview = document.getElementById("preview");
  if (summary) summary.focus();
  else if (preview) preview.scrollIntoView();
})();
