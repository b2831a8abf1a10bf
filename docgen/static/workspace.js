// Drafts that are never lost: the form is saved on the server while the clerk types (a second
// after the last keystroke) and before every check, preview or download; the page's address
// then names the draft (?draft=…), so reloading or reopening it from the home page restores it.
"use strict";
(function () {
  var form = document.getElementById("docform");
  if (!form || !window.fetch) return;
  var draftId = new URLSearchParams(location.search).get("draft") || "";
  var status = document.createElement("p");
  status.className = "autosave";
  status.id = "autosave-status";
  status.setAttribute("role", "status");
  form.parentNode.insertBefore(status, form);
  var timer = null;
  var saving = null;
  var again = false;

  function body() {
    var data = new FormData(form);
    data.delete("json_file");
    data.delete("sheet_file");
    data.set("page", form.getAttribute("data-page"));
    data.set("draft_id", draftId);
    return data;
  }

  function save() {
    if (saving) { again = true; return saving; }
    status.textContent = "Đang lưu dự thảo…";
    saving = fetch("/drafts/autosave", { method: "POST", body: body(), credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (saved) {
        draftId = saved.id;
        if (location.search.indexOf("draft=" + saved.id) < 0) history.replaceState(null, "", saved.url);
        var time = new Date().toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" });
        status.textContent = "Đã lưu dự thảo lúc " + time + ".";
        form.setAttribute("data-draft", saved.id);
      })
      .catch(function () { status.textContent = "Chưa lưu được dự thảo (mất kết nối?); sẽ thử lại."; })
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

  // A page that comes back filled (a file loaded, a check made) is saved as it now stands.
  if (!form.hasAttribute("data-fresh")) save();

  var resubmitting = false;
  form.addEventListener("submit", function (event) {
    if (resubmitting) return;
    event.preventDefault();
    var submitter = event.submitter;
    clearTimeout(timer);
    save().then(function () {
      resubmitting = true;
      if (form.requestSubmit) form.requestSubmit(submitter || undefined); else form.submit();
      resubmitting = false;
    });
  });
})();
