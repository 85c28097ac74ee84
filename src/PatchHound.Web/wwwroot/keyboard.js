// List shortcuts (j/k/o, "/" search, "?" help) and the theme switch. Loaded once by App.razor; the handlers sit on
// document, so they keep working after Blazor's enhanced navigation patches the page.
const themeCookie = "ph-theme";

function rows() {
  return [...document.querySelectorAll("[data-row]")];
}

function move(step) {
  const all = rows();
  if (all.length === 0) return;
  const current = all.findIndex((row) => row.getAttribute("aria-selected") === "true");
  const next = Math.min(all.length - 1, Math.max(0, current + step));
  all.forEach((row, index) => row.setAttribute("aria-selected", index === next ? "true" : "false"));
  all[next].scrollIntoView({ block: "nearest" });
  all[next].querySelector("a")?.focus();
}

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  switch (event.key) {
    case "j": move(1); break;
    case "k": move(-1); break;
    case "o": document.querySelector('[data-row][aria-selected="true"] a')?.click(); break;
    case "/": event.preventDefault(); document.querySelector("[data-search]")?.focus(); break;
    case "?": document.getElementById("shortcut-help")?.showModal(); break;
    default: return;
  }
});

function bindThemeSwitch() {
  const select = document.querySelector("[data-theme-switch]");
  if (!select) return;
  select.value = document.documentElement.dataset.theme ?? "auto";
  select.onchange = () => {
    document.documentElement.dataset.theme = select.value;
    document.cookie = `${themeCookie}=${select.value}; path=/; max-age=31536000; SameSite=Lax`;
  };
}

bindThemeSwitch();
window.Blazor?.addEventListener?.("enhancedload", bindThemeSwitch);
