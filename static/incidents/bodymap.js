// The body map: a tap on the child outline adds a numbered mark, written as JSON into the form's
// hidden input (data-bodymap-input) as {view, x, y, note}, x and y in % of the outline. Each mark
// gets a note field and a Remove button. Without JavaScript the list of body regions does the job.
(() => {
  const NS = "http://www.w3.org/2000/svg";

  function init(root) {
    const form = root.closest("form");
    const input = form && form.querySelector("[data-bodymap-input]");
    if (!input) return;
    const list = root.querySelector("[data-bodymap-list]");
    const labels = root.dataset;
    let marks = [];
    try {
      const parsed = JSON.parse(input.value || "[]");
      if (Array.isArray(parsed)) marks = parsed;
    } catch (error) {
      marks = [];
    }

    function dot(mark, number) {
      const g = document.createElementNS(NS, "g");
      g.setAttribute("class", "bodymap-mark");
      const circle = document.createElementNS(NS, "circle");
      circle.setAttribute("cx", mark.x);
      circle.setAttribute("cy", mark.y * 2);
      circle.setAttribute("r", "4.5");
      circle.setAttribute("fill", "#a3231a");
      circle.setAttribute("stroke", "#fff");
      circle.setAttribute("stroke-width", "1");
      const text = document.createElementNS(NS, "text");
      text.setAttribute("x", mark.x);
      text.setAttribute("y", mark.y * 2 + 2);
      text.setAttribute("text-anchor", "middle");
      text.setAttribute("font-size", "6");
      text.setAttribute("font-weight", "700");
      text.setAttribute("fill", "#fff");
      text.textContent = String(number);
      g.append(circle, text);
      return g;
    }

    function item(mark, index) {
      const li = document.createElement("li");
      const row = document.createElement("div");
      row.className = "bodymap-note";
      const id = `bodymap-note-${index}`;
      const label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = `${labels.labelMark} ${index + 1} (${mark.view === "front" ? labels.labelFront : labels.labelBack})`;
      const note = document.createElement("input");
      note.type = "text";
      note.id = id;
      note.maxLength = 200;
      note.value = mark.note || "";
      note.placeholder = labels.labelNote;
      note.addEventListener("input", () => {
        mark.note = note.value;
        input.value = JSON.stringify(marks);
      });
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button-secondary";
      remove.textContent = labels.labelRemove;
      remove.setAttribute("aria-label", `${labels.labelRemove}: ${labels.labelMark} ${index + 1}`);
      remove.addEventListener("click", () => {
        marks.splice(index, 1);
        render();
      });
      row.append(label, note, remove);
      li.append(row);
      return li;
    }

    function render() {
      input.value = JSON.stringify(marks);
      root.querySelectorAll("[data-bodymap-marks]").forEach((g) => g.replaceChildren());
      list.replaceChildren();
      marks.forEach((mark, index) => {
        const svg = root.querySelector(`svg[data-bodymap-view="${mark.view}"]`);
        if (svg) svg.querySelector("[data-bodymap-marks]").append(dot(mark, index + 1));
        list.append(item(mark, index));
      });
    }

    root.querySelectorAll("svg[data-bodymap-view]").forEach((svg) => {
      svg.addEventListener("click", (event) => {
        if (!event.target.closest(".bodymap-outline")) return; // only on the child, not the background
        const point = svg.createSVGPoint();
        point.x = event.clientX;
        point.y = event.clientY;
        const p = point.matrixTransform(svg.getScreenCTM().inverse());
        const x = Math.round(p.x * 10) / 10;
        const y = Math.round((p.y / 2) * 10) / 10;
        if (x < 0 || x > 100 || y < 0 || y > 100) return;
        marks.push({ view: svg.dataset.bodymapView, x, y, note: "" });
        render();
        const inputs = list.querySelectorAll("input");
        if (inputs.length) inputs[inputs.length - 1].focus();
      });
    });
    render();
  }

  document.querySelectorAll("[data-bodymap-editable]").forEach(init);
})();
