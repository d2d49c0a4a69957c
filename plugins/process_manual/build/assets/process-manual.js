/* process-manual: reading progress of onboarding paths, kept in this browser (localStorage), the running
 * header of printed process pages, and what a process page says before and after the day it takes effect.
 *
 * The pages carry data only (data-pm-* attributes written by render/reading.py); this file adds the
 * buttons, progress bars and status texts. It runs on every page: with Material's instant navigation
 * through `document$`, otherwise once the document is loaded. It never puts page data into HTML:
 * every text goes through textContent. */
(function () {
  "use strict";

  var STORE_PREFIX = "process-manual:reading:";

  /* One store per site: the key holds the site's root path, so two handbooks on one host keep apart. */
  function storeKey(root) {
    return STORE_PREFIX + new URL(root || "./", window.location.href).pathname;
  }

  function load(root) {
    try {
      var marks = JSON.parse(window.localStorage.getItem(storeKey(root)) || "{}");
      return marks && typeof marks === "object" && !Array.isArray(marks) ? marks : {};
    } catch {  /* storage switched off, or damaged: start again rather than fail the page */
      return {};
    }
  }

  function save(root, marks) {
    try {
      window.localStorage.setItem(storeKey(root), JSON.stringify(marks));
    } catch {
      /* private mode or full storage: progress simply is not kept */
    }
  }

  /* "read", "updated" (read, but the process has a new version since) or "unread". */
  function state(marks, key, version) {
    var mark = marks[key];
    if (!mark) return "unread";
    return version && mark.v !== version ? "updated" : "read";
  }

  function toggle(root, key, version) {
    var marks = load(root);
    if (state(marks, key, version) === "read") {
      delete marks[key];
    } else {
      marks[key] = { v: version || "", t: new Date().toISOString() };
    }
    save(root, marks);
    render();
  }

  function labelsOf(element) {
    try {
      return JSON.parse(element.getAttribute("data-pm-labels") || "{}");
    } catch {
      return {};
    }
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  function itemsOf(element) {
    try {
      var pairs = JSON.parse(element.getAttribute("data-pm-items") || "[]");
      return Array.isArray(pairs) ? pairs : [];
    } catch {
      return [];
    }
  }

  function count(marks, pairs) {
    return pairs.filter(function (pair) { return state(marks, pair[0], pair[1]) === "read"; }).length;
  }

  /* The element this script owns inside `host` (created once). Buttons in it are updated in place, never
   * re-created, so that a keyboard user's focus stays on the button they pressed. */
  function ownPart(host, className, first, tag) {
    var part = host.querySelector(":scope > ." + className);
    if (!part) {
      part = document.createElement(tag || "div");
      part.className = className;
      if (first) host.insertBefore(part, host.firstChild); else host.appendChild(part);
    }
    return part;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function progressText(labels, read, total) {
    return read >= total && total > 0 ? labels.all_read : fill(labels.progress_of, { read: read, total: total });
  }

  /* A progress bar named after its path, whose value a screen reader speaks as "2 of 4 read"; the same
   * words beside it are for the eye only. */
  function progressBar(labels, read, total, name) {
    var wrap = element("span", "pm-progress");
    var bar = element("progress");
    var text = progressText(labels, read, total);
    bar.max = Math.max(total, 1);
    bar.value = read;
    bar.setAttribute("aria-label", name || labels.progress || "");
    bar.setAttribute("aria-valuetext", text);
    wrap.appendChild(bar);
    var shown = element("span", "pm-progress-text", text);
    shown.setAttribute("aria-hidden", "true");
    wrap.appendChild(shown);
    return wrap;
  }

  function textOf(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function replaceContent(host, child) {
    host.textContent = "";
    host.appendChild(child);
  }

  /* The status ("Read", "Not read yet", ...) and the button that toggles it, inside `line`. The status is a
   * live region: pressing the button makes a screen reader say the new state. */
  function statusAndButton(line, labels, root, key, version, marks, describedBy) {
    var current = state(marks, key, version);
    var mark = marks[key];
    var status = ownPart(line, "pm-status", true, "span");
    status.setAttribute("role", "status");
    status.className = "pm-status pm-status--" + current;
    status.textContent = current === "read" ? labels.read : current === "updated"
      ? labels.updated + " (" + fill(labels.updated_from, { version: mark && mark.v }) + ")" : labels.unread;
    var button = line.querySelector(":scope > button.pm-mark");
    if (!button) {
      button = element("button");
      button.type = "button";
      button.setAttribute("data-pm-toggle", key);
      if (describedBy) button.setAttribute("aria-describedby", describedBy);
      button.addEventListener("click", function () { toggle(root, key, version); });
      line.appendChild(button);
    }
    button.className = "md-button pm-mark" + (current === "read" ? "" : " md-button--primary");
    button.textContent = current === "read" ? labels.mark_unread : labels.mark_read;
    return current;
  }

  /* A process page or hand-written page on one or more paths. */
  function renderReading(block) {
    var root = block.getAttribute("data-pm-root");
    var key = block.getAttribute("data-pm-item");
    var labels = labelsOf(block);
    var marks = load(root);
    var bar = ownPart(block, "pm-reading-bar", true);
    block.setAttribute("data-pm-state",
      statusAndButton(bar, labels, root, key, block.getAttribute("data-pm-version") || "", marks));
    block.querySelectorAll(".pm-reading-path").forEach(function (path) {
      var pairs = itemsOf(path);
      var read = count(marks, pairs);
      var summary = path.querySelector(":scope > summary");
      if (summary) {  /* the progress in words on the closed line too */
        ownPart(summary, "pm-summary-progress", false, "span").textContent = " · " + progressText(labels, read, pairs.length);
      }
      replaceContent(ownPart(path, "pm-reading-progress"),
        progressBar(labels, read, pairs.length, textOf(path.querySelector(":scope > summary > .pm-path-title"))));
    });
  }

  /* The page of a reading path: progress, "continue with" and a button per item. */
  function renderPath(panel) {
    var root = panel.getAttribute("data-pm-root");
    var labels = labelsOf(panel);
    var marks = load(root);
    var pairs = itemsOf(panel);
    var part = ownPart(panel, "pm-path-panel");
    part.textContent = "";
    part.appendChild(progressBar(labels, count(marks, pairs), pairs.length));
    var list = panel.parentNode.querySelector(".pm-path-items");
    if (!list) return;
    var next = null;
    list.querySelectorAll("li[data-pm-item]").forEach(function (item, index) {
      var key = item.getAttribute("data-pm-item");
      var link = item.querySelector("a[href]");
      if (link && !link.id) link.id = "pm-item-" + (index + 1);  /* names what each button marks */
      var line = ownPart(item, "pm-item-state", false, "span");
      var current = statusAndButton(line, labels, root, key, item.getAttribute("data-pm-version") || "", marks,
        link ? link.id : "");
      item.setAttribute("data-pm-state", current);
      if (!next && current !== "read") next = link;
    });
    if (next) {
      var onward = element("p", "pm-continue", labels.continue_with + ": ");
      var onwardLink = element("a", "", next.textContent);
      onwardLink.href = next.href;
      onward.appendChild(onwardLink);
      part.appendChild(onward);
    }
  }

  function renderIndexProgress(cell) {
    var labels = labelsOf(cell);
    var pairs = itemsOf(cell);
    cell.textContent = "";
    var row = cell.closest("tr");  /* named after the path in the row's first cell */
    cell.appendChild(progressBar(labels, count(load(cell.getAttribute("data-pm-root")), pairs), pairs.length,
      textOf(row && row.querySelector("td a"))));
  }

  /* Printed pages name the process, its version and effective date at the top of every sheet
   * (@page margin box in process-manual.css): the text comes from this page's meta element. */
  function setPrintHeader() {
    var meta = document.querySelector(".pm-page-meta[data-pm-print-header]");
    var style = document.documentElement.style;
    if (!meta) {
      style.removeProperty("--pm-print-header");
      return;
    }
    var text = meta.getAttribute("data-pm-print-header").replace(/[\\"]/g, "\\$&").replace(/[\r\n]+/g, " ");
    style.setProperty("--pm-print-header", '"' + text + '"');
  }

  /* A process in force from a date still to come carries both texts (render/process_page.py): the one for
   * before the day (data-pm-until) and the one for the day on (data-pm-from). The reader's own date picks,
   * so a page built before the day is true after it without a rebuild. */
  function readerDate() {
    var now = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function showDatedTexts() {
    var today = readerDate();
    document.querySelectorAll("[data-pm-until]").forEach(function (element) {
      element.hidden = today >= element.getAttribute("data-pm-until");
    });
    document.querySelectorAll("[data-pm-from]").forEach(function (element) {
      element.hidden = today < element.getAttribute("data-pm-from");
    });
  }

  function render() {
    showDatedTexts();
    setPrintHeader();
    document.querySelectorAll(".pm-reading[data-pm-item]").forEach(renderReading);
    document.querySelectorAll(".pm-path[data-pm-path]").forEach(renderPath);
    document.querySelectorAll(".pm-path-progress[data-pm-items]").forEach(renderIndexProgress);
  }

  window.addEventListener("storage", function (event) {
    if (event.key && event.key.indexOf(STORE_PREFIX) === 0) render();
  });
  if (typeof window.document$ !== "undefined" && window.document$ && window.document$.subscribe) {
    window.document$.subscribe(render);  /* Material: fires for the first page and after each instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
