// Small behaviours of our own; every page works without them.
(function () {
  "use strict";

  // Show the fields that belong to the chosen option of a radio group:
  // <input type="radio" name="x" data-toggles="group"> and elements with data-shown-for="group:value".
  document.querySelectorAll("[data-toggle-group]").forEach(function (container) {
    var group = container.getAttribute("data-toggle-group");
    var radios = container.querySelectorAll("input[type=radio]");
    function update() {
      var chosen = container.querySelector("input[type=radio]:checked");
      var value = chosen ? chosen.value : "";
      document.querySelectorAll("[data-shown-for^='" + group + ":']").forEach(function (el) {
        el.hidden = el.getAttribute("data-shown-for") !== group + ":" + value;
      });
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  });

  // Ask before a destructive submit: <form data-confirm="message">.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // A form that was not accepted: its error summary (templates/includes/_error_summary.html)
  // takes the focus, so that keyboard and screen-reader users start from the list of problems;
  // each entry's link moves the focus to its field.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        if (!field) { return; }
        event.preventDefault();
        field.focus();
      });
    });
  }

  // A bar that sticks to the bottom of the window (the score sheet's save and submit buttons):
  // the page keeps the focused field above it (portal.css: scroll-padding-bottom).
  var stickyBars = document.querySelectorAll(".sticky-actions");
  function measureStickyBars() {
    var height = 0;
    stickyBars.forEach(function (bar) { height = Math.max(height, bar.offsetHeight); });
    document.documentElement.style.setProperty("--portal-sticky-bottom", height + "px");
  }
  if (stickyBars.length) {
    measureStickyBars();
    window.addEventListener("resize", measureStickyBars);
  }

  // A table wider than its frame scrolls inside it (portal.css). While it does, the frame joins
  // the tab order as a region named after the table, so that the keyboard can scroll it too.
  var frames = document.querySelectorAll(".table-responsive");
  function frameName(frame) {
    var caption = frame.querySelector("caption");
    var box = frame.closest("section, .card");
    var heading = (box && box.querySelector("h2, h3")) || document.querySelector("h1");
    return ((caption || heading || {}).textContent || "").trim();
  }
  function updateFrames() {
    frames.forEach(function (frame) {
      var scrolls = frame.scrollWidth > frame.clientWidth + 1;
      if (scrolls && !frame.hasAttribute("data-scroll-frame")) {
        frame.setAttribute("data-scroll-frame", "");
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        frame.setAttribute("aria-label", frameName(frame));
      } else if (!scrolls && frame.hasAttribute("data-scroll-frame")) {
        ["data-scroll-frame", "tabindex", "role", "aria-label"].forEach(function (name) {
          frame.removeAttribute(name);
        });
      }
    });
  }
  if (frames.length) {
    updateFrames();
    window.addEventListener("resize", updateFrames);
  }

  // Print buttons: <button data-print>.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
