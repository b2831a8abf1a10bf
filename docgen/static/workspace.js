// Drafts that are never lost: the form is saved on the server while the clerk types (a second
// after the last change) and as every check, preview, download or file load is posted; the page's
// address names the draft (?draft=…), so a reload, a closed tab or reopening it from the home page
// brings everything back.
"use strict";
(function () {
  var form = document.getElementById("docform");
  if (!form || !window.fetch || !window.FormData) return;
  var params = new URLSearchParams(location.search);
  var draftId = params.get("draft") || "";
  var status = document.createElement("p");
  status.className = "autosave";
  status.id = "autosave-status";
  status.setAttribute("role", "status");
  form.parentNode.insertBefore(status, form);
  var timer = null;
  var saving = null;
  var again = false;

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // The draft's id is chosen here, once, and put in the address before anything is posted: the
  // page a check or a file load brings back then belongs to the same draft.
  function ensureId() {
    if (!draftId) {
      draftId = newId();
      params.set("draft", draftId);
      history.replaceState(null, "", location.pathname + "?" + params.toString());
    }
  }

  function body() {
    var data = new FormData(form);
    data.delete("json_file");
    data.delete("sheet_file");
    data.set("page", form.getAttribute("data-page"));
    data.set("draft_id", draftId);
    return data;
  }

  function saved() {
    var time = new Date().toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" });
    status.textContent = "Đã lưu dự thảo lúc " + time + ".";
  }

  function save() {
    if (saving) { again = true; return saving; }
    ensureId();
    status.textContent = "Đang lưu dự thảo…";
    saving = fetch("/drafts/autosave", { method: "POST", body: body(), credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(saved)
      .catch(function () { status.textContent = "Chưa lưu được dự thảo (mất kết nối?); sẽ thử lại khi sửa tiếp."; })
      .then(function () {
        saving = null;
        if (again) { again = false; return save(); }
      });
    return saving;
  }

  function later() {
    clearTimeout(timer);
    status.textContent = "Có thay đổi chưa lưu…";
    timer = setTimeout(save, 1000);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("click", function (event) {
    if (event.target.closest("[data-add], [data-remove]")) later();
  });

  // Posting the form (check, preview, download, load a file) saves it too, without holding the post.
  form.addEventListener("submit", function () {
    clearTimeout(timer);
    ensureId();
    if (navigator.sendBeacon) navigator.sendBeacon("/drafts/autosave", body());
  });

  // A page that comes back filled (a file loaded, a check made) is saved as it now stands.
  if (!form.hasAttribute("data-fresh") && draftId) save();
})();
