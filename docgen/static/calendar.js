// A calendar beside every date field, in Vietnamese whatever the browser's language: month
// names, weeks from Monday (Thứ Hai) to Sunday (Chủ Nhật). It writes dd/mm/yyyy into the text
// field (keeping a time already typed there); typing stays the main way in.
"use strict";
(function () {
  var MONTHS = ["Tháng Một", "Tháng Hai", "Tháng Ba", "Tháng Tư", "Tháng Năm", "Tháng Sáu",
    "Tháng Bảy", "Tháng Tám", "Tháng Chín", "Tháng Mười", "Tháng Mười Một", "Tháng Mười Hai"];
  var DAYS = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"];
  var DAY_NAMES = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"];
  var DATE = /(\d{1,2})\s*[\/.\-]\s*(\d{1,2})\s*[\/.\-]\s*(\d{4})/;
  var open = null;  // {input, button, box, shown (first of month), focus (Date)}

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }
  function mondayIndex(d) { return (d.getDay() + 6) % 7; }
  function sameDay(a, b) { return a && b && a.toDateString() === b.toDateString(); }

  function typed(input) {
    var m = DATE.exec(input.value);
    if (!m) return null;
    var d = new Date(+m[3], +m[2] - 1, +m[1]);
    return d.getDate() === +m[1] && d.getMonth() === +m[2] - 1 ? d : null;
  }

  function close(refocus) {
    if (!open) return;
    var button = open.button;
    open.box.remove();
    button.setAttribute("aria-expanded", "false");
    open = null;
    if (refocus) button.focus();
  }

  function choose(d) {
    var input = open.input;
    var text = format(d);
    if (input.getAttribute("data-date") === "datetime") {
      var rest = input.value.replace(DATE, "").replace(/\bngày\b/, "").trim();
      text = rest ? text + " " + rest : text;
    }
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    close(false);
    input.focus();
  }

  function draw() {
    var box = open.box, f = open.focus, today = new Date(), chosen = typed(open.input);
    var first = new Date(f.getFullYear(), f.getMonth(), 1);
    box.querySelector("[data-title]").textContent = MONTHS[f.getMonth()] + " năm " + f.getFullYear();
    var body = box.querySelector("tbody");
    body.textContent = "";
    var day = new Date(first);
    day.setDate(1 - mondayIndex(first));
    for (var w = 0; w < 6; w++) {
      var tr = document.createElement("tr");
      for (var i = 0; i < 7; i++) {
        var td = document.createElement("td");
        if (day.getMonth() === f.getMonth()) {
          var b = document.createElement("button");
          b.type = "button";
          b.textContent = String(day.getDate());
          b.setAttribute("data-day", format(day));
          b.setAttribute("aria-label", DAY_NAMES[i] + ", ngày " + pad(day.getDate()) + " " +
            MONTHS[day.getMonth()].toLowerCase() + " năm " + day.getFullYear());
          b.tabIndex = sameDay(day, f) ? 0 : -1;
          if (sameDay(day, chosen)) { b.setAttribute("aria-pressed", "true"); b.className = "chosen"; }
          if (sameDay(day, today)) b.className += " today";
          td.appendChild(b);
        }
        tr.appendChild(td);
        day.setDate(day.getDate() + 1);
      }
      body.appendChild(tr);
    }
  }

  function focusDay() {
    var b = open.box.querySelector('button[tabindex="0"][data-day]');
    if (b) b.focus();
  }

  function move(days, months) {
    var f = open.focus;
    var next = new Date(f.getFullYear(), f.getMonth() + (months || 0), f.getDate() + (days || 0));
    if (months && next.getDate() !== f.getDate()) next.setDate(0);  // 31 → last day of a short month
    open.focus = next;
    draw();
    focusDay();
  }

  function build(input, button) {
    var box = document.createElement("div");
    box.className = "calendar";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Chọn ngày");
    box.innerHTML =
      '<div class="cal-head">' +
      '<button type="button" data-step="-12" aria-label="Năm trước">«</button>' +
      '<button type="button" data-step="-1" aria-label="Tháng trước">‹</button>' +
      '<span data-title aria-live="polite"></span>' +
      '<button type="button" data-step="1" aria-label="Tháng sau">›</button>' +
      '<button type="button" data-step="12" aria-label="Năm sau">»</button></div>' +
      '<table><thead><tr>' + DAYS.map(function (d, i) {
        return '<th scope="col"><abbr title="' + DAY_NAMES[i] + '">' + d + "</abbr></th>";
      }).join("") + "</tr></thead><tbody></tbody></table>" +
      '<p class="cal-keys">Phím mũi tên để chọn ngày, Enter để điền, Esc để đóng.</p>';
    box.addEventListener("click", function (event) {
      var step = event.target.closest("[data-step]");
      if (step) { move(0, parseInt(step.getAttribute("data-step"), 10)); step.focus(); return; }
      var day = event.target.closest("[data-day]");
      if (day) {
        var m = DATE.exec(day.getAttribute("data-day"));
        choose(new Date(+m[3], +m[2] - 1, +m[1]));
      }
    });
    box.addEventListener("keydown", function (event) {
      var keys = { ArrowLeft: [-1], ArrowRight: [1], ArrowUp: [-7], ArrowDown: [7],
        PageUp: [0, -1], PageDown: [0, 1] };
      if (event.key === "Escape") { event.preventDefault(); close(true); return; }
      if (!event.target.hasAttribute("data-day")) return;
      if (keys[event.key]) { event.preventDefault(); move(keys[event.key][0], keys[event.key][1]); }
      else if (event.key === "Home") { event.preventDefault(); move(-mondayIndex(open.focus)); }
      else if (event.key === "End") { event.preventDefault(); move(6 - mondayIndex(open.focus)); }
    });
    return box;
  }

  function toggle(input, button) {
    if (open && open.input === input) { close(true); return; }
    close(false);
    var box = build(input, button);
    open = { input: input, button: button, box: box, focus: typed(input) || new Date() };
    button.after(box);
    button.setAttribute("aria-expanded", "true");
    draw();
    focusDay();
  }

  function enhance(input) {
    if (input.closest("template") || input.hasAttribute("data-cal")) return;
    input.setAttribute("data-cal", "");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cal-button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-haspopup", "dialog");
    button.innerHTML = '<span aria-hidden="true">▦</span><span class="sr">Chọn ngày trên lịch</span>';
    button.title = "Chọn ngày trên lịch";
    var wrap = document.createElement("span");
    wrap.className = "date-wrap";
    input.before(wrap);
    wrap.appendChild(input);
    wrap.appendChild(button);
    button.addEventListener("click", function () { toggle(input, button); });
  }

  function enhanceAll(root) {
    root.querySelectorAll("input[data-date]").forEach(enhance);
  }

  document.addEventListener("click", function (event) {
    if (open && !open.box.contains(event.target) && event.target.closest(".cal-button") !== open.button) {
      close(false);
    }
  });
  document.addEventListener("focusin", function (event) {
    if (open && !open.box.contains(event.target) && event.target !== open.button) close(false);
  });
  document.addEventListener("docgen:rows", function () { enhanceAll(document); });
  enhanceAll(document);
})();
