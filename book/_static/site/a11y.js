// The theme's search and colour-mode buttons carry an aria-label that differs from the text inside
// them ("Search" vs "Search Ctrl+K"; "Color mode" vs the titles of its icons, "Light Dark System
// Settings"), which axe-core reports as a serious fault (label-content-name-mismatch). Each button's
// name now begins with the text inside it, which is what axe-core asks for.
function ctReportFixButtonNames() {
  document.querySelectorAll("button.search-button__button, button.theme-switch-button").forEach(function (b) {
    var text = (b.textContent || "").replace(/\s+/g, " ").trim();
    var label = b.getAttribute("aria-label") || "";
    if (!text || label.indexOf(text) === 0) return;
    b.setAttribute("aria-label", text.toLowerCase().indexOf(label.toLowerCase()) === 0 ? text : text + ": " + label.toLowerCase());
  });
}
// The icon font's script fills the buttons in after the page has loaded, so watch for that too.
document.addEventListener("DOMContentLoaded", function () {
  ctReportFixButtonNames();
  new MutationObserver(ctReportFixButtonNames).observe(document.body, { childList: true, subtree: true });
});
