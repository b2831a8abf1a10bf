// How the form moves: Enter checks (never loads a file); the focused field is never under the
// sticky buttons; an error link lands on its field with its label in view; previews and round
// downloads are made in the background with documents done / total shown, at a GET address.
"use strict";
(function () {
  var form = document.getElementById("docform");
  if (!form) return;
  var bar = form.querySelector(".actions");
  var check = form.querySelector("[data-default]");

  // Enter in a one-line field presses "Kiểm tra", the form's main action.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing || event.defaultPrevented) return;
    var el = event.target;
    if (el.tagName !== "INPUT" || ["button", "submit", "reset", "image", "file"].indexOf(el.type) >= 0) return;
    event.preventDefault();
    if (check) form.requestSubmit(check);
  });

  // Keep the focused field clear of the sticky bar at the bottom.
  function clear(el) {
    if (!el || !el.getBoundingClientRect) return;
    var box = el.closest(".table-scroll");
    if (box) {  // a cell: bring it whole into the table's box
      var b = box.getBoundingClientRect(), c = el.getBoundingClientRect();
      if (c.right > b.right) box.scrollLeft += c.right - b.right + 8;
      else if (c.left < b.left) box.scrollLeft -= b.left - c.left + 8;
    }
    if (!bar || bar.contains(el)) return;
    var barTop = bar.getBoundingClientRect().top;
    var rect = el.getBoundingClientRect();
    if (rect.bottom > barTop - 8) window.scrollBy(0, rect.bottom - barTop + 24);
  }
  form.addEventListener("focusin", function (event) { clear(event.target); });

  // An error link focuses its field and shows the label above it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("#error-summary a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    var field = target.matches("input, select, textarea") ? target
      : target.querySelector("input:not([type=hidden]), select, textarea");
    var box = (field || target).closest(".field, td, fieldset") || target;
    box.scrollIntoView({ block: "center" });
    if (field) field.focus({ preventScroll: true });
    clear(field);
  });

  // Background jobs with progress.
  var progress = document.getElementById("progress");
  var bypass = null;  // the button whose plain post goes through unintercepted

  function show(done, total, text) {
    progress.hidden = false;
    var bar = progress.querySelector("progress");
    bar.max = Math.max(total, 1);
    bar.value = done;
    progress.querySelector("#progress-text").textContent = text;
  }

  function setBusy(busy) {
    form.querySelectorAll(".actions button").forEach(function (b) { b.disabled = busy; });
    form.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function showPreview(url) {
    var section = document.getElementById("preview");
    if (!section) {
      section = document.createElement("section");
      section.className = "panel preview";
      section.id = "preview";
      section.setAttribute("aria-labelledby", "preview-h");
      section.innerHTML = '<h2 id="preview-h">Xem trước</h2><iframe title="Bản xem trước PDF"></iframe>' +
        '<p><a target="_blank" rel="noopener">Mở bản PDF trong thẻ mới</a></p>';
      form.after(section);
    }
    section.querySelector("iframe").src = url;
    section.querySelector("a").href = url;
    section.scrollIntoView();
  }

  function poll(job, preview) {
    fetch(job.status, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error("status " + r.status);
      return r.json();
    }).then(function (state) {
      var total = state.total || job.total || 1;
      if (state.state === "failed") {
        setBusy(false);
        show(0, total, "Không tạo được: " + (state.message || "lỗi ở máy chủ."));
        return;
      }
      if (state.state === "done") {
        setBusy(false);
        show(total, total, preview ? "Đã tạo xong bản xem trước." : "Đã tạo xong " + total + "/" + total + " văn bản: đang tải về.");
        if (preview) showPreview(job.file + "?xem=1");
        else window.location.assign(job.file);
        return;
      }
      show(state.done, total, (preview ? "Đang tạo bản xem trước: " : "Đang tạo văn bản: ") +
        state.done + "/" + total + " văn bản đã xong…");
      setTimeout(function () { poll(job, preview); }, 400);
    }).catch(function () {
      setBusy(false);
      show(0, 1, "Mất kết nối với máy chủ; bấm lại nút để thử lại.");
    });
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-job]");
    if (!button || !window.fetch || button === bypass) return;
    event.preventDefault();
    var data = new FormData(form);
    data.set("action", button.value);
    var preview = button.value === "preview";
    setBusy(true);
    show(0, 1, preview ? "Đang kiểm tra dữ liệu và tạo bản xem trước…" : "Đang kiểm tra dữ liệu…");
    fetch(form.getAttribute("action") || window.location.href, {
      method: "POST", body: data, headers: { "X-Docgen-Job": "1", Accept: "application/json" },
    }).then(function (r) {
      var type = r.headers.get("Content-Type") || "";
      if (!r.ok || type.indexOf("json") < 0) throw new Error("plain");
      return r.json();
    }).then(function (job) {
      if (job.resubmit) throw new Error("plain");
      show(0, job.total, "Đã bắt đầu: 0/" + job.total + " văn bản.");
      poll(job, preview);
    }).catch(function () {
      // Errors, warnings or the summary to see first: the plain post shows them on the page.
      setBusy(false);
      bypass = button;
      form.requestSubmit(button);
    });
  });
})();
