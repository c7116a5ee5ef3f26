// The faces editor: drag on the photo to draw a box; the box's numbers (in the photo's own
// pixels) go into the first empty row of the form below, where staff pick the child. Without
// JavaScript the form works on its own. No inline script or style: positions are set through
// the CSSOM, which the strict CSP allows.
(() => {
  const stage = document.querySelector("[data-faces-stage]");
  const img = stage && stage.querySelector("[data-faces-image]");
  const form = document.querySelector("[data-faces-form]");
  if (!stage || !img || !form) return;
  const natW = Number(stage.dataset.width) || 1;
  const natH = Number(stage.dataset.height) || 1;
  const rows = () => Array.from(form.querySelectorAll("[data-face-row]"));
  const val = (row, k) => row.querySelector(`[data-face="${k}"]`);

  function scale() { return img.clientWidth / natW; }

  function draw() {
    stage.querySelectorAll(".face-box:not(.face-box-drawing)").forEach((el) => el.remove());
    const s = scale();
    rows().forEach((row, i) => {
      const [x, y, w, h] = ["x", "y", "w", "h"].map((k) => Number(val(row, k).value));
      const del = row.querySelector("input[type=checkbox]");
      if (!w || !h || (del && del.checked)) return;
      const box = document.createElement("div");
      box.className = "face-box";
      place(box, x * s, y * s, w * s, h * s);
      const label = document.createElement("span");
      label.className = "face-box-label";
      label.textContent = String(i + 1);
      box.appendChild(label);
      stage.appendChild(box);
    });
  }

  function place(el, x, y, w, h) {
    el.style.left = `${x}px`; el.style.top = `${y}px`;
    el.style.width = `${w}px`; el.style.height = `${h}px`;
  }

  let start = null;
  let ghost = null;
  function point(ev) {
    const r = img.getBoundingClientRect();
    return { x: Math.max(0, Math.min(r.width, ev.clientX - r.left)), y: Math.max(0, Math.min(r.height, ev.clientY - r.top)) };
  }
  stage.addEventListener("pointerdown", (ev) => {
    ev.preventDefault();
    start = point(ev);
    ghost = document.createElement("div");
    ghost.className = "face-box face-box-drawing";
    stage.appendChild(ghost);
    stage.setPointerCapture(ev.pointerId);
  });
  stage.addEventListener("pointermove", (ev) => {
    if (!start) return;
    const p = point(ev);
    place(ghost, Math.min(start.x, p.x), Math.min(start.y, p.y), Math.abs(p.x - start.x), Math.abs(p.y - start.y));
  });
  stage.addEventListener("pointerup", (ev) => {
    if (!start) return;
    const p = point(ev);
    const s = scale();
    const box = { x: Math.min(start.x, p.x) / s, y: Math.min(start.y, p.y) / s, w: Math.abs(p.x - start.x) / s, h: Math.abs(p.y - start.y) / s };
    start = null;
    ghost.remove();
    if (box.w < 8 || box.h < 8) return;
    const row = rows().find((r) => !val(r, "w").value);
    if (!row) return;
    ["x", "y", "w", "h"].forEach((k) => { val(row, k).value = Math.round(box[k]); });
    const select = row.querySelector("select");
    if (select) select.focus();
    draw();
  });
  form.addEventListener("input", draw);
  form.addEventListener("change", draw);
  window.addEventListener("resize", draw);
  if (img.complete) draw(); else img.addEventListener("load", draw);
})();
