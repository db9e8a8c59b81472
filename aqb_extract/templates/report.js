// aqb-extract review report: sortable tables and field <-> page highlighting. No libraries.
"use strict";

(function () {
  function cellValue(row, index, numeric) {
    const cell = row.cells[index];
    if (!cell) return numeric ? NaN : "";
    const raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (!numeric) return raw.toLocaleLowerCase("de");
    return raw === "" ? NaN : Number(raw);
  }

  // Sort a table by the column of header `th`; empty values always go last.
  function sortTable(table, th, descending) {
    const headers = Array.from(th.parentNode.children);
    const index = headers.indexOf(th);
    const numeric = th.dataset.type === "num";
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const collator = new Intl.Collator("de", { numeric: true });
    rows.sort(function (a, b) {
      const x = cellValue(a, index, numeric);
      const y = cellValue(b, index, numeric);
      if (numeric) {
        if (isNaN(x) || isNaN(y)) return (isNaN(x) ? 1 : 0) - (isNaN(y) ? 1 : 0);
        return descending ? y - x : x - y;
      }
      if (x === "" || y === "") return (x === "" ? 1 : 0) - (y === "" ? 1 : 0);
      return descending ? collator.compare(y, x) : collator.compare(x, y);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function setUpSorting() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      const headers = table.tHead.rows[0].cells;
      Array.from(headers).forEach(function (th) {
        const button = th.querySelector("button");
        if (!button) return;
        button.addEventListener("click", function () {
          sortTable(table, th, th.getAttribute("aria-sort") === "ascending");
        });
      });
      // ?sort=amount or ?sort=-amount: a sorted view that can be bookmarked or linked.
      const wanted = new URLSearchParams(window.location.search).get("sort");
      if (wanted) {
        const descending = wanted.charAt(0) === "-";
        const key = descending ? wanted.slice(1) : wanted;
        const th = Array.from(headers).find(function (h) { return h.dataset.key === key; });
        if (th) sortTable(table, th, descending);
      }
    });
  }

  // Clicking a field row marks its words on the page image (and the other way round).
  function setUpHighlighting() {
    const pages = document.getElementById("pages");
    if (!pages) return;
    const rows = Array.from(document.querySelectorAll("tr.field[data-key]"));
    const boxes = Array.from(pages.querySelectorAll(".box[data-key]"));

    function activate(key, scrollTo) {
      rows.forEach(function (r) { r.classList.toggle("active", r.dataset.key === key); });
      let first = null;
      boxes.forEach(function (b) {
        const on = b.dataset.key === key;
        b.classList.toggle("active", on);
        if (on && !first) first = b;
      });
      pages.classList.toggle("focus", first !== null);
      if (first && scrollTo === "box") first.scrollIntoView({ block: "center", behavior: "smooth" });
      if (scrollTo === "row") {
        const row = rows.find(function (r) { return r.dataset.key === key; });
        if (row) row.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    }

    rows.forEach(function (row) {
      row.addEventListener("click", function () { activate(row.dataset.key, "box"); });
      row.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); activate(row.dataset.key, "box"); }
      });
    });
    const zoom = document.getElementById("zoom");
    if (zoom) {
      zoom.addEventListener("click", function () {
        const on = pages.classList.toggle("zoom");
        zoom.setAttribute("aria-pressed", on ? "true" : "false");
        const active = pages.querySelector(".box.active");
        if (active) active.scrollIntoView({ block: "center", inline: "center" });
      });
    }
    boxes.forEach(function (box) {
      box.addEventListener("click", function () { activate(box.dataset.key, "row"); });
    });
    // #field=year opens the page with that field already marked.
    const match = /field=([^&]+)/.exec(window.location.hash);
    if (match) activate(decodeURIComponent(match[1]), "box");
  }

  function start() {
    setUpSorting();
    setUpHighlighting();
    document.documentElement.setAttribute("data-js", "ready");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
