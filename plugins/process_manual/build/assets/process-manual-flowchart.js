/* Process flowcharts on the page: drawn by Mermaid with the swimlane layout (process-manual-lanes.js),
 * in the page itself (not in a closed shadow root), at a scale that keeps their text readable, with a
 * full-screen view to pan and zoom by mouse, touch and keyboard.
 *
 * The page carries each diagram's Mermaid text in `data-pm-mermaid` (render/mermaid.py). A reader must
 * never get no diagram: if the swimlane layout fails, Mermaid's own layout draws the same text; if that
 * fails too (dagre cannot lay out some loops across clusters), it draws it without lanes, each step
 * naming its role; only if all three fail does the page say so, pointing to the step list below.
 */
(function () {
  "use strict";

  var MIN_SCALE = 0.75;   /* Mermaid writes 16 px text: on the page it is never shown below 12 px */
  /* CSS pixels of an A4 sheet's printable width (process-manual.css margins): portrait 182 mm, landscape
   * 269 mm. At half size or more, 16 px text prints at 6 pt or larger. */
  var PORTRAIT = 688;
  /* The printable area of a sheet, CSS pixels (portrait: process-manual.css's @page margins; landscape:
   * setSheet's), less a heading's height. */
  var SHEET = { narrow: { width: PORTRAIT, height: 940 }, portrait: { width: PORTRAIT, height: 940 },
                landscape: { width: 1017, height: 630 } };

  function printedHeight(size, print) {
    return size.height * Math.min(1, SHEET[print].width / size.width);
  }

  /* Chromium lays every printed sheet out at the width of the first, so a wide diagram gets landscape
   * sheets for its whole page (the page's style element, replaced on each page of instant navigation). */
  function setSheet(landscape) {
    var style = document.getElementById("pm-sheet");
    if (!landscape) { if (style) style.remove(); return; }
    if (!style) {
      style = document.createElement("style");
      style.id = "pm-sheet";
      document.head.appendChild(style);
    }
    style.textContent = "@page { size: A4 landscape; margin: 14mm; }";
  }

  function printLayout(width) {
    if (width <= PORTRAIT) return "narrow";
    return width <= 2 * PORTRAIT ? "portrait" : "landscape";
  }
  var counter = 0;

  /* The words of the page's language (its catalog's labels, written by the plugin): none of our own. */
  function words(host) {
    try { return JSON.parse(host.getAttribute("data-pm-words") || "{}"); } catch { return {}; }
  }

  /* The same diagram for Mermaid's default layout: lanes drawn as boxes wherever dagre puts them. */
  function withoutLaneLayout(text) {
    return text.replace(/^ {2}layout: process-lanes\n/m, "");
  }

  /* No lanes at all: each step's role goes under its name, inside its label. */
  var LANE = /^\s*subgraph lane\d+\["(.*)"\]\s*$/;
  function withoutLanes(text) {
    var lane = null, lines = [];
    withoutLaneLayout(text).split("\n").forEach(function (line) {
      var opened = LANE.exec(line);
      if (opened) { lane = opened[1]; return; }
      if (lane !== null && /^\s*end\s*$/.test(line)) { lane = null; return; }
      var quote = line.lastIndexOf('"');
      if (lane !== null && quote > 0) line = line.slice(0, quote) + "<br><small>" + lane + "</small>" + line.slice(quote);
      lines.push(line);
    });
    return lines.join("\n");
  }

  async function renderWithFallbacks(text) {
    var attempts = [["lanes", text], ["boxes", withoutLaneLayout(text)], ["flat", withoutLanes(text)]];
    var lastError = null;
    for (var i = 0; i < attempts.length; i++) {
      try {
        var result = await window.mermaid.render("pm-flowchart-" + (++counter), attempts[i][1]);
        return { result: result, layout: attempts[i][0] };
      } catch (error) {
        lastError = error;
        var stray = document.getElementById("dpm-flowchart-" + counter);  /* Mermaid's scratch element */
        if (stray) stray.remove();
      }
    }
    throw lastError;
  }

  function naturalSize(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    if (box && box.width) return { width: box.width, height: box.height };
    var rect = svg.getBBox();
    return { width: rect.width, height: rect.height };
  }

  /* Full width when it fits; shrunk to the column down to MIN_SCALE; beyond that it scrolls sideways. */
  function fit(canvas) {
    var svg = canvas.querySelector(":scope > svg");
    if (!svg) return;
    var size = naturalSize(svg);
    var available = canvas.clientWidth || size.width;
    var scale = Math.max(MIN_SCALE, Math.min(1, available / size.width));
    svg.style.maxWidth = "none";
    svg.setAttribute("width", String(Math.round(size.width * scale)));
    svg.setAttribute("height", String(Math.round(size.height * scale)));
    canvas.setAttribute("data-pm-scale", scale.toFixed(3));
    var scrolls = size.width * scale > available + 1;
    canvas.classList.toggle("pm-scrolls", scrolls);
    if (scrolls) {
      canvas.setAttribute("tabindex", "0");  /* so that a keyboard can scroll it */
      canvas.setAttribute("role", "region");
      canvas.setAttribute("aria-label", titleOf(svg));
    } else {
      canvas.removeAttribute("tabindex");
      canvas.removeAttribute("role");
      canvas.removeAttribute("aria-label");
    }
  }

  function titleOf(svg) {
    var title = svg.querySelector("title");
    return title ? title.textContent : "";
  }

  /* A link to a step (`#step-submit`) is followed before the flowchart above the step is drawn: the drawing
     then pushes the step off the screen (how far depends on when Material or the browser scrolled). Once the
     chart has its height, the element the address names is shown again — unless the reader has moved on
     by then (wheel, touch, keys), whom a jump would only disturb. */
  var readerMoved = false;
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (kind) {
    window.addEventListener(kind, function () { readerMoved = true; }, { passive: true, capture: true });
  });

  function linkedBelow(canvas) {
    var id = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : "";
    var target = id ? document.getElementById(id) : null;
    if (!target || !(canvas.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING)) return null;
    return target;
  }

  /* Below Material's sticky header, a line's height under it: where Material itself puts a `:target`
     (`:target` styles do not apply after instant navigation, which changes the address by pushState). */
  function showAgain(target) {
    if (!target || readerMoved) return;
    var header = document.querySelector(".md-header");
    var line = parseFloat(window.getComputedStyle(document.documentElement).fontSize) || 16;
    var margin = parseFloat(window.getComputedStyle(target).scrollMarginTop) ||
      (header ? header.getBoundingClientRect().bottom : 0) + line;
    window.scrollBy(0, target.getBoundingClientRect().top - margin);
  }

  async function draw(host) {
    var canvas = host.querySelector(".pm-flowchart-canvas[data-pm-mermaid]");
    if (!canvas || canvas.getAttribute("data-pm-state")) return;
    var text = canvas.getAttribute("data-pm-mermaid");
    canvas.setAttribute("data-pm-state", "drawing");
    var started = performance.now();
    try {
      var drawn = await renderWithFallbacks(text);
      var kept = linkedBelow(canvas);
      canvas.innerHTML = drawn.result.svg;
      canvas.querySelector("svg").classList.add("pm-flowchart-svg");  /* styled wherever it is shown */
      if (drawn.result.bindFunctions) drawn.result.bindFunctions(canvas);
      canvas.setAttribute("data-pm-layout", drawn.layout);
      canvas.setAttribute("data-pm-render-ms", String(Math.round(performance.now() - started)));
      canvas.setAttribute("data-pm-state", "drawn");
      fit(canvas);
      var size = naturalSize(canvas.querySelector("svg"));
      var print = printLayout(size.width);
      host.setAttribute("data-pm-print", print);
      host.toggleAttribute("data-pm-print-tall", printedHeight(size, print) > SHEET[print].height);
      setSheet(print === "landscape");
      addViewerButton(host, canvas);
      showAgain(kept);
    } catch (error) {
      canvas.setAttribute("data-pm-state", "failed");
      var note = document.createElement("p");
      note.className = "pm-flowchart-failed";
      note.textContent = words(host).failed || "";
      canvas.replaceChildren(note);
      if (window.console) window.console.error("process-manual: flowchart not drawn", error);
    }
  }

  function button(className, text, label) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = text;
    if (label) {
      element.setAttribute("aria-label", label);
      element.title = label;
    }
    return element;
  }

  function addViewerButton(host, canvas) {
    if (host.querySelector(".pm-flowchart-open")) return;
    var open = button("pm-flowchart-open md-button", words(host).full_screen || "");
    open.setAttribute("aria-haspopup", "dialog");
    open.addEventListener("click", function () { openViewer(host, canvas, open); });
    canvas.parentNode.insertBefore(open, canvas);
  }

  /* The full-screen view borrows the page's SVG (no second copy with the same ids) and gives it back. */
  function openViewer(host, canvas, opener) {
    var svg = canvas.querySelector(":scope > svg");
    if (!svg) return;
    var text = words(host);
    var size = naturalSize(svg);
    var placeholder = document.createElement("div");
    placeholder.className = "pm-flowchart-placeholder";
    placeholder.style.width = svg.getAttribute("width") + "px";
    placeholder.style.height = svg.getAttribute("height") + "px";

    var dialog = document.createElement("dialog");
    dialog.className = "pm-viewer";
    dialog.setAttribute("aria-label", titleOf(svg) || text.full_screen || "");
    var bar = document.createElement("div");
    bar.className = "pm-viewer-bar";
    var heading = document.createElement("p");
    heading.className = "pm-viewer-title";
    heading.textContent = titleOf(svg);
    var zoomOut = button("pm-viewer-zoom-out", "−", text.zoom_out || "");
    var zoomIn = button("pm-viewer-zoom-in", "+", text.zoom_in || "");
    var reset = button("pm-viewer-reset", text.zoom_reset || "");
    var close = button("pm-viewer-close", "✕", text.close || "");
    bar.append(heading, zoomOut, zoomIn, reset, close);
    var help = document.createElement("p");
    help.className = "pm-viewer-help";
    help.id = "pm-viewer-help-" + counter;
    help.textContent = text.help || "";
    var stage = document.createElement("div");
    stage.className = "pm-viewer-stage";
    stage.tabIndex = 0;
    stage.setAttribute("aria-describedby", help.id);
    stage.setAttribute("aria-label", titleOf(svg));
    var board = document.createElement("div");
    board.className = "pm-viewer-board";
    stage.appendChild(board);
    dialog.append(bar, help, stage);
    document.body.appendChild(dialog);

    var pageWidth = svg.getAttribute("width"), pageHeight = svg.getAttribute("height");
    canvas.replaceChild(placeholder, svg);
    svg.setAttribute("width", String(size.width));
    svg.setAttribute("height", String(size.height));
    board.appendChild(svg);

    var view = { x: 0, y: 0, k: 1 };
    function apply() {
      board.style.transform = "translate(" + view.x + "px, " + view.y + "px) scale(" + view.k + ")";
      dialog.setAttribute("data-pm-zoom", view.k.toFixed(3));
    }
    function fitView() {
      var w = stage.clientWidth, h = stage.clientHeight;
      view.k = Math.min(2, Math.max(0.1, Math.min(w / size.width, h / size.height)));
      if (view.k * 16 < 12 && w / size.width >= MIN_SCALE) view.k = Math.min(1, w / size.width);
      view.x = Math.max(0, (w - size.width * view.k) / 2);
      view.y = Math.max(0, (h - size.height * view.k) / 2);
      apply();
    }
    function zoom(factor, cx, cy) {
      var k = Math.min(4, Math.max(0.1, view.k * factor));
      if (cx === undefined) { cx = stage.clientWidth / 2; cy = stage.clientHeight / 2; }
      view.x = cx - (cx - view.x) * (k / view.k);
      view.y = cy - (cy - view.y) * (k / view.k);
      view.k = k;
      apply();
    }
    function pan(dx, dy) { view.x += dx; view.y += dy; apply(); }

    zoomIn.addEventListener("click", function () { zoom(1.25); });
    zoomOut.addEventListener("click", function () { zoom(0.8); });
    reset.addEventListener("click", fitView);
    close.addEventListener("click", function () { dialog.close(); });
    stage.addEventListener("keydown", function (event) {
      var step = event.shiftKey ? 160 : 40, handled = true;
      switch (event.key) {
        case "ArrowLeft": pan(step, 0); break;
        case "ArrowRight": pan(-step, 0); break;
        case "ArrowUp": pan(0, step); break;
        case "ArrowDown": pan(0, -step); break;
        case "+": case "=": zoom(1.25); break;
        case "-": case "_": zoom(0.8); break;
        case "0": fitView(); break;
        default: handled = false;
      }
      if (handled) event.preventDefault();
    });
    stage.addEventListener("wheel", function (event) {
      event.preventDefault();
      var box = stage.getBoundingClientRect();
      zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1, event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });

    /* One pointer drags, two pinch; a drag is not a click on a step link. */
    var pointers = new Map(), moved = 0, pinch = null;
    stage.addEventListener("pointerdown", function (event) {
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      moved = 0;
      if (pointers.size === 2) {
        var p = Array.from(pointers.values());
        pinch = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
      }
    });
    stage.addEventListener("pointermove", function (event) {
      var last = pointers.get(event.pointerId);
      if (!last) return;
      var now = { x: event.clientX, y: event.clientY };
      pointers.set(event.pointerId, now);
      if (pointers.size === 1) {
        moved += Math.abs(now.x - last.x) + Math.abs(now.y - last.y);
        if (moved > 4 && !stage.hasPointerCapture(event.pointerId)) stage.setPointerCapture(event.pointerId);
        pan(now.x - last.x, now.y - last.y);
      } else if (pointers.size === 2 && pinch) {
        var p = Array.from(pointers.values());
        var distance = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
        var box = stage.getBoundingClientRect();
        zoom(distance / pinch, (p[0].x + p[1].x) / 2 - box.left, (p[0].y + p[1].y) / 2 - box.top);
        pinch = distance;
        moved = 100;
      }
    });
    function lift(event) {
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = null;
    }
    stage.addEventListener("pointerup", lift);
    stage.addEventListener("pointercancel", lift);
    stage.addEventListener("click", function (event) {
      if (moved > 4) { event.preventDefault(); event.stopPropagation(); return; }
      var link = event.target.closest && event.target.closest("a");
      if (link) dialog.close();  /* the step section is on the page behind the dialog */
    }, true);

    dialog.addEventListener("close", function () {
      svg.setAttribute("width", pageWidth);
      svg.setAttribute("height", pageHeight);
      canvas.replaceChild(svg, placeholder);
      dialog.remove();
      opener.focus();
    });
    dialog.showModal();
    fitView();
    stage.focus();
  }

  function drawAll() {
    readerMoved = false;  /* a new page: the reader has not moved on it yet */
    if (!document.querySelector('.pm-flowchart[data-pm-print="landscape"]')) setSheet(false);
    if (!window.mermaid || typeof window.mermaid.render !== "function") return;
    document.querySelectorAll(".pm-flowchart").forEach(function (host) { draw(host); });
  }

  /* The skip link moves focus itself: a fragment link alone only scrolls (and Material handles it). */
  window.addEventListener("click", function (event) {
    var skip = event.target.closest && event.target.closest(".pm-skip");
    if (!skip) return;
    var target = document.getElementById(decodeURIComponent(skip.hash.slice(1)));  /* Material makes hrefs absolute */
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  }, true);  /* before Material's own handling of links (instant navigation) */

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      document.querySelectorAll('.pm-flowchart-canvas[data-pm-state="drawn"]').forEach(fit);
    }, 150);
  });

  if (typeof window.document$ !== "undefined" && window.document$ && window.document$.subscribe) {
    window.document$.subscribe(drawAll);  /* Material: the first page and each page of instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
}());
