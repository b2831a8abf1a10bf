// Tables of rows (petitions, meetings): rows keep consecutive numbers and input names after
// adding, removing or moving; a block copied from Excel (tab-separated lines) pastes into the
// cells from the one focused, adding rows as needed.
"use strict";
(function () {
  var form = document.getElementById("docform");
  if (!form) return;

  function rowsOf(list) {
    return Array.prototype.slice.call(list.querySelector("[data-items]").children);
  }

  function escapeRe(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // Row i's inputs are named <path>.<i>.<field> and their ids f-<path>-<i>-…: rename after moves.
  function reindex(list) {
    var path = list.getAttribute("data-table");
    var idPrefix = "f-" + path.split(".").join("-") + "-";
    var nameRe = new RegExp("^" + escapeRe(path + ".") + "(\\d+|__i\\d+__)(?=\\.|$)");
    var idRe = new RegExp("(^|\\s)" + escapeRe(idPrefix) + "(\\d+|__i\\d+__)(?=-|\\s|$)", "g");
    rowsOf(list).forEach(function (row, i) {
      var all = [row].concat(Array.prototype.slice.call(row.querySelectorAll("*")));
      all.forEach(function (el) {
        if (el.name) el.name = el.name.replace(nameRe, path + "." + i);
        ["id", "for", "aria-labelledby", "aria-describedby"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) el.setAttribute(attr, value.replace(idRe, "$1" + idPrefix + i));
        });
      });
      // Lists inside the row's "more" cell keep templates for their own rows: rename those too.
      row.querySelectorAll("template").forEach(function (t) {
        t.innerHTML = t.innerHTML
          .replace(new RegExp(escapeRe(path + ".") + "(\\d+|__i0__)(?=\\.)", "g"), path + "." + i)
          .replace(new RegExp(escapeRe(idPrefix) + "(\\d+|__i0__)(?=-)", "g"), idPrefix + i);
      });
      row.querySelectorAll("[data-num]").forEach(function (n) {
        if (n.closest("[data-item]") === row) n.textContent = String(i + 1);
      });
    });
    list.setAttribute("data-next", String(rowsOf(list).length));
    var count = list.querySelector("[data-count]");
    if (count) count.textContent = String(rowsOf(list).length);
  }

  function say(list, text) {
    var status = list.querySelector("[data-table-status]");
    if (status) status.textContent = text;
  }

  form.addEventListener("docgen:rows", function (event) {
    var list = event.target.closest("[data-table]");
    if (list) reindex(list);
  });

  form.addEventListener("click", function (event) {
    var move = event.target.closest("[data-move]");
    if (!move) return;
    var row = move.closest("[data-item]");
    var list = row.closest("[data-table]");
    var step = parseInt(move.getAttribute("data-move"), 10);
    var sibling = step < 0 ? row.previousElementSibling : row.nextElementSibling;
    if (!sibling) return;
    if (step < 0) sibling.before(row); else sibling.after(row);
    reindex(list);
    move.focus();
    say(list, "Đã chuyển dòng tới vị trí " + (rowsOf(list).indexOf(row) + 1) + ".");
  });

  // Excel copies a block as lines of tab-separated cells; a cell holding a line break or a tab
  // is quoted, with quotes doubled inside.
  function parseBlock(text) {
    var rows = [], row = [], cell = "", quoted = false, i = 0;
    text = text.replace(/\r\n?/g, "\n");
    while (i < text.length) {
      var ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        if (ch === '"') { quoted = false; i++; continue; }
        cell += ch; i++; continue;
      }
      if (ch === '"' && cell === "") { quoted = true; i++; continue; }
      if (ch === "\t") { row.push(cell); cell = ""; i++; continue; }
      if (ch === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; continue; }
      cell += ch; i++;
    }
    if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
    return rows.filter(function (r) { return r.some(function (c) { return c.trim() !== ""; }); });
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d")
      .toLowerCase().replace(/^cap\s+/, "").replace(/[^a-z0-9]+/g, "");
  }

  function setCell(cell, value) {
    if (!cell) return;
    value = value.trim();
    if (cell.tagName === "SELECT") {
      var wanted = fold(value);
      var match = Array.prototype.find.call(cell.options, function (o) {
        return o.value && (o.value === value || fold(o.textContent) === wanted || fold(o.value) === wanted);
      });
      if (!match && value) {  // kept as pasted: the check names it and lists the choices
        match = document.createElement("option");
        match.value = value; match.textContent = value;
        cell.appendChild(match);
      }
      cell.value = match ? match.value : "";
    } else if (cell.type === "checkbox") {
      cell.checked = ["x", "co", "1", "true", "dung", "yes"].indexOf(fold(value)) >= 0;
    } else {
      cell.value = value.normalize("NFC");
    }
    cell.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function cellsOf(row) {
    return Array.prototype.map.call(row.querySelectorAll("td.cell"), function (td) {
      return td.querySelector("input, select, textarea");
    });
  }

  function headerLabels(list) {
    return Array.prototype.map.call(list.querySelectorAll("thead th[id]"), function (th) {
      return fold(th.textContent.replace("(bắt buộc)", ""));
    });
  }

  form.addEventListener("paste", function (event) {
    var target = event.target;
    var td = target.closest && target.closest("td.cell");
    var list = td && td.closest("[data-table]");
    if (!list || !event.clipboardData) return;
    var text = event.clipboardData.getData("text/plain");
    if (text.indexOf("\t") < 0 && text.replace(/\n+$/, "").indexOf("\n") < 0) return;  // one cell
    event.preventDefault();
    var block = parseBlock(text);
    var labels = headerLabels(list);
    if (block.length && block[0].filter(function (c) { return labels.indexOf(fold(c)) >= 0; }).length >= 2) {
      block.shift();  // the header row came along
    }
    var row = td.closest("[data-item]");
    var startRow = rowsOf(list).indexOf(row);
    var startCol = cellsOf(row).indexOf(target);
    var add = list.querySelector(":scope > [data-add]");
    block.forEach(function (values, r) {
      var rows = rowsOf(list);
      while (rows.length <= startRow + r) { add.click(); rows = rowsOf(list); }
      var cells = cellsOf(rows[startRow + r]);
      values.forEach(function (value, c) { setCell(cells[startCol + c], value); });
    });
    reindex(list);
    target.focus();
    say(list, "Đã dán " + block.length + " dòng vào bảng.");
  });
})();
