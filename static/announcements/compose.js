// Show the room or family choices only when that audience is chosen (progressive: without JS all show).
(function () {
  "use strict";
  function update() {
    var chosen = document.querySelector("input[name=audience]:checked");
    var value = chosen ? chosen.value : "";
    [["rooms", "rooms"], ["families", "families"]].forEach(function (pair) {
      var box = document.getElementById("id_" + pair[0]);
      var field = box && box.closest(".field");
      if (field) { field.hidden = value !== pair[1]; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[name=audience]").forEach(function (input) {
      input.addEventListener("change", update);
    });
    update();
  });
})();
