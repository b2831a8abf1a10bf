// File pickers in Vietnamese: the browser's own button speaks the browser's language, so the
// page shows its own ("Chọn tệp…") over the real input, and the chosen file's name beside it.
"use strict";
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.classList || !input.classList.contains("file-input")) return;
  var shown = input.parentElement.querySelector("[data-file-name]");
  if (shown) shown.textContent = input.files.length ? input.files[0].name : "Chưa chọn tệp nào";
});
