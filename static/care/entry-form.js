// The diary entry form: show only the fields that belong to the kind of entry chosen, and
// offer "Tick everyone" for a whole table at lunch. Without JavaScript every field shows.
(function () {
  "use strict";
  function update(form) {
    const kind = form.querySelector("select[name=kind]");
    if (!kind) return;
    form.querySelectorAll("[data-kinds]").forEach((input) => {
      const wrapper = input.closest(".field") || input.parentElement;
      wrapper.hidden = !input.dataset.kinds.split(" ").includes(kind.value);
    });
  }
  document.addEventListener("change", (event) => {
    if (event.target.matches("form[data-care-entry] select[name=kind]")) update(event.target.form);
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-care-tick-all]");
    if (!button) return;
    const boxes = button.form.querySelectorAll("input[name=children]");
    const tick = Array.from(boxes).some((b) => !b.checked);
    boxes.forEach((b) => { b.checked = tick; });
  });
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-care-entry]").forEach((form) => {
      update(form);
      form.querySelectorAll("[data-care-tick-all]").forEach((b) => { b.hidden = false; });
    });
  });
})();
