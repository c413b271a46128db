// Dataset form: show only the GD Catalog fields of the chosen data type (ckanext-thai_gdc
// `form_data_type`). Hidden fields are disabled so that they are not submitted; without this
// script every field shows and the server drops the values that do not apply.
(function () {
  "use strict";
  function update(select) {
    var chosen = select.value;
    document.querySelectorAll("[data-types]").forEach(function (wrapper) {
      var show = !chosen || wrapper.dataset.types.split("|").indexOf(chosen) !== -1;
      wrapper.hidden = !show;
      wrapper.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.disabled = !show;
      });
    });
    document.querySelectorAll("[data-type-group]").forEach(function (group) {
      group.hidden = !group.querySelector("[data-types]:not([hidden])");
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var select = document.getElementById("id_data_type");
    if (!select) {
      return;
    }
    select.addEventListener("change", function () {
      update(select);
    });
    update(select);
  });
})();
