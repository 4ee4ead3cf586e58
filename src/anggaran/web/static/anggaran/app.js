/* Anggaran: the little the pages do in the browser, on top of htmx.
   - the tree: a row's children are loaded when it is opened and removed when it is closed;
   - an upload shows how much of the file has gone;
   - a row's comment form opens under it. */
(function () {
  "use strict";

  function descendants(row) {
    var path = row.dataset.path + "/";
    var out = [];
    var next = row.nextElementSibling;
    while (next && next.dataset && next.dataset.path && next.dataset.path.indexOf(path) === 0) {
      out.push(next);
      next = next.nextElementSibling;
    }
    return out;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.buka");
    if (!button) return;
    var row = button.closest("tr");
    if (row.classList.contains("terbuka")) {
      descendants(row).forEach(function (r) { r.remove(); });
      row.classList.remove("terbuka");
      button.textContent = "▸";
      button.setAttribute("aria-expanded", "false");
    } else {
      row.classList.add("terbuka");
      button.textContent = "▾";
      button.setAttribute("aria-expanded", "true");
      htmx.ajax("GET", button.dataset.url, { target: row, swap: "afterend" });
    }
  });

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-komentar-form]");
    if (!toggle) return;
    var form = document.getElementById(toggle.dataset.komentarForm);
    if (form) { form.classList.toggle("sembunyi"); var t = form.querySelector("textarea"); if (t) t.focus(); }
  });

  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = document.getElementById("kemajuan-unggah");
    if (bar && event.detail.lengthComputable) {
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var target = document.querySelector("tr.sorot");
    if (target) target.scrollIntoView({ block: "center" });
  });
})();

/* The draft editor: Enter in a line saves it and adds the next line. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.shiftKey) return;
    var input = event.target.closest("tr.rincian input[type=text]");
    if (!input) return;
    event.preventDefault();
    input.dispatchEvent(new Event("change", { bubbles: true }));
    var add = input.closest("tr").querySelector("button.tambah-baris");
    if (add) setTimeout(function () { add.click(); }, 0);
  });
})();

/* The draft editor: one comment form, moved under the row whose ✎ is pressed. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-komentar-baris]");
    if (!button) return;
    var form = document.getElementById("komentar-konsep");
    if (!form) return;
    form.querySelector("input[name=path]").value = button.dataset.komentarBaris;
    form.setAttribute("hx-target", button.dataset.target);
    button.insertAdjacentElement("afterend", form);
    form.classList.remove("sembunyi");
    form.querySelector("textarea").focus();
  });
})();
