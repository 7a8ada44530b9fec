// Small enhancements for pages that already work without JavaScript.
(function () {
  "use strict";
  // Glossary tooltips: on touch, the first tap shows the definition, the second follows the
  // link; Escape hides an open tooltip (WCAG 1.4.13).
  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest(".gloss__term");
    document.querySelectorAll(".gloss.is-open").forEach(function (open) {
      if (!term || open !== term.parentElement) open.classList.remove("is-open");
    });
    if (!term) return;
    var wrapper = term.parentElement;
    if (!wrapper.classList.contains("is-open") && window.matchMedia("(hover: none)").matches) {
      event.preventDefault();
      wrapper.classList.add("is-open");
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".gloss").forEach(function (gloss) {
      gloss.classList.remove("is-open");
      if (gloss.contains(document.activeElement)) gloss.classList.add("is-dismissed");
    });
  });
  document.addEventListener("focusout", function (event) {
    var gloss = event.target.closest && event.target.closest(".gloss");
    if (gloss) gloss.classList.remove("is-dismissed");
  });
})();
