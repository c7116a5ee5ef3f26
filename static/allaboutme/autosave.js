// Save as you go: a form marked data-autosave keeps a draft (only its author sees it) a couple
// of seconds after the person stops typing, by posting the form with action=draft. Without
// JavaScript the "Save and finish later" button does the same.
(() => {
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = document.getElementById(form.dataset.autosave);
  let timer = null;
  let dirty = false;
  const save = async () => {
    if (!dirty) return;
    dirty = false;
    const data = new FormData(form);
    data.set("action", "draft");
    try {
      // form.action would be the buttons named "action": read the attribute instead.
      const response = await fetch(form.getAttribute("action") || window.location.href, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        redirect: "manual",
      });
      if (status && (response.ok || response.type === "opaqueredirect")) {
        status.textContent = status.dataset.saved;
      }
    } catch (_err) {
      dirty = true; // try again at the next change
    }
  };
  form.addEventListener("input", () => {
    dirty = true;
    if (status) status.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(save, 2500);
  });
  form.addEventListener("submit", () => clearTimeout(timer));
})();
