// The theme's search and colour-mode buttons carry an aria-label that differs from the text they
// show ("Search" vs "Search this report..."), which axe-core reports as a serious fault
// (label-content-name-mismatch). Give each the text it shows as its accessible name.
function ctReportFixButtonNames() {
  document.querySelectorAll("button.search-button__button, button.theme-switch-button").forEach(function (b) {
    var shown = (b.innerText || "").replace(/\s+/g, " ").trim();
    var label = b.getAttribute("aria-label") || "";
    if (shown && label.toLowerCase().indexOf(shown.toLowerCase()) === -1) {
      b.setAttribute("aria-label", shown);
    }
  });
}
document.addEventListener("DOMContentLoaded", ctReportFixButtonNames);
window.addEventListener("load", ctReportFixButtonNames);
