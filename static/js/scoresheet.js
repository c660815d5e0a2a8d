// Live subtotals and total of a score sheet, as the reviewer types. The server checks
// everything again; this only helps the reviewer see where they stand.
(function () {
  "use strict";
  var form = document.querySelector("[data-score-sheet]");
  if (!form) { return; }

  // The item's points, or null when it is empty or not a valid score (negative, above the
  // item's maximum, more than two decimals): such a value is marked and left out of the totals.
  function value(row) {
    var input = row.querySelector("input[data-max]");
    var shown = row.querySelector("[data-points]");
    var text = input ? input.value.trim() : (shown ? shown.getAttribute("data-points") : "");
    if (input) { input.classList.remove("is-invalid"); }
    if (text === "") { return null; }
    var number = parseFloat(text);
    if (input) {
      var max = parseFloat(input.getAttribute("data-max"));
      var bad = isNaN(number) || number < 0 || number > max || !/^\d+(\.\d{1,2})?$/.test(text);
      input.classList.toggle("is-invalid", bad);
      if (bad) { return null; }
    }
    return isNaN(number) ? null : number;
  }

  function cents(number) { return (Math.round(number * 100) / 100).toFixed(2); }

  function update() {
    var subtotals = {}, total = 0, scored = 0, items = 0;
    form.querySelectorAll("tr[data-item]").forEach(function (row) {
      items += 1;
      var points = value(row);
      if (points === null) { return; }
      scored += 1;
      total += points;
      var group = row.getAttribute("data-group");
      subtotals[group] = (subtotals[group] || 0) + points;
    });
    form.querySelectorAll("[data-subtotal-for]").forEach(function (output) {
      var group = output.getAttribute("data-subtotal-for");
      output.textContent = group in subtotals ? cents(subtotals[group]) : "";
    });
    var totalOutput = form.querySelector("[data-total]");
    if (totalOutput) {
      totalOutput.textContent = cents(total) + (scored < items ? " (" + scored + "/" + items + ")" : "");
    }
  }

  form.addEventListener("input", update);
  form.querySelectorAll("[data-confirm-click]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm-click"))) { event.preventDefault(); }
    });
  });
  update();
})();
