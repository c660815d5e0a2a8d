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

  // Print buttons: <button data-print>.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
