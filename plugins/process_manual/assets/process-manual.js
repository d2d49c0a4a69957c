/* process-manual: reading progress of onboarding paths, kept in this browser (localStorage), and the
 * running header of printed process pages.
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
    } catch (error) {  /* storage switched off, or damaged: start again rather than fail the page */
      return {};
    }
  }

  function save(root, marks) {
    try {
      window.localStorage.setItem(storeKey(root), JSON.stringify(marks));
    } catch (error) {
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
    } catch (error) {
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
    } catch (error) {
      return [];
    }
  }

  function count(marks, pairs) {
    return pairs.filter(function (pair) { return state(marks, pair[0], pair[1]) === "read"; }).length;
  }

  /* The element this script owns inside `host` (created once; emptied on every render). */
  function ownPart(host, className, before) {
    var part = host.querySelector(":scope > ." + className);
    if (!part) {
      part = document.createElement("div");
      part.className = className;
      if (before) host.insertBefore(part, host.firstChild); else host.appendChild(part);
    }
    part.textContent = "";
    return part;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function progressBar(labels, read, total) {
    var wrap = element("span", "pm-progress");
    var bar = element("progress");
    bar.max = Math.max(total, 1);
    bar.value = read;
    bar.setAttribute("aria-label", labels.progress || "");
    wrap.appendChild(bar);
    wrap.appendChild(element("span", "pm-progress-text",
      read >= total && total > 0 ? labels.all_read : fill(labels.progress_of, { read: read, total: total })));
    return wrap;
  }

  function statusBadge(labels, current, mark) {
    var text = current === "read" ? labels.read : current === "updated"
      ? labels.updated + " (" + fill(labels.updated_from, { version: mark && mark.v }) + ")" : labels.unread;
    return element("span", "pm-status pm-status--" + current, text);
  }

  function toggleButton(labels, root, key, version, current) {
    var button = element("button", "md-button pm-mark" + (current === "read" ? "" : " md-button--primary"),
      current === "read" ? labels.mark_unread : labels.mark_read);
    button.type = "button";
    button.setAttribute("data-pm-toggle", key);
    button.addEventListener("click", function () { toggle(root, key, version); });
    return button;
  }

  /* A process page or hand-written page on one or more paths. */
  function renderReading(block) {
    var root = block.getAttribute("data-pm-root");
    var key = block.getAttribute("data-pm-item");
    var version = block.getAttribute("data-pm-version") || "";
    var labels = labelsOf(block);
    var marks = load(root);
    var current = state(marks, key, version);
    block.setAttribute("data-pm-state", current);
    var bar = ownPart(block, "pm-reading-bar", true);
    bar.appendChild(statusBadge(labels, current, marks[key]));
    bar.appendChild(toggleButton(labels, root, key, version, current));
    block.querySelectorAll(".pm-reading-path").forEach(function (path) {
      var pairs = itemsOf(path);
      ownPart(path, "pm-reading-progress").appendChild(progressBar(labels, count(marks, pairs), pairs.length));
    });
  }

  /* The page of a reading path: progress, "continue with" and a button per item. */
  function renderPath(panel) {
    var root = panel.getAttribute("data-pm-root");
    var labels = labelsOf(panel);
    var marks = load(root);
    var pairs = itemsOf(panel);
    var part = ownPart(panel, "pm-path-panel");
    part.appendChild(progressBar(labels, count(marks, pairs), pairs.length));
    var list = panel.parentNode.querySelector(".pm-path-items");
    if (!list) return;
    var next = null;
    list.querySelectorAll("li[data-pm-item]").forEach(function (item) {
      var key = item.getAttribute("data-pm-item");
      var version = item.getAttribute("data-pm-version") || "";
      var current = state(marks, key, version);
      item.setAttribute("data-pm-state", current);
      if (!next && current !== "read") next = item.querySelector("a[href]");
      var line = item.querySelector(":scope > .pm-item-state") || element("span", "pm-item-state");
      line.textContent = "";
      line.appendChild(statusBadge(labels, current, marks[key]));
      line.appendChild(toggleButton(labels, root, key, version, current));
      item.appendChild(line);
    });
    if (next) {
      var onward = element("p", "pm-continue", labels.continue_with + ": ");
      var link = element("a", "", next.textContent);
      link.href = next.href;
      onward.appendChild(link);
      part.appendChild(onward);
    }
  }

  function renderIndexProgress(cell) {
    var labels = labelsOf(cell);
    var pairs = itemsOf(cell);
    cell.textContent = "";
    cell.appendChild(progressBar(labels, count(load(cell.getAttribute("data-pm-root")), pairs), pairs.length));
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

  function render() {
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
