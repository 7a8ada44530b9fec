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

// Suggestions while typing (titles and glossary terms) on search boxes: an ARIA combobox.
// Without JavaScript the search box is a plain form that submits to /recherche/.
(function () {
  "use strict";
  var counter = 0;
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var listId = "suggestions-" + ++counter;
    var list = document.createElement("ul");
    var timer = null;
    var items = [];
    var active = -1;
    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    input.parentElement.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function select(index) {
      var options = list.querySelectorAll("li");
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", options[index].id);
    }
    function render(suggestions) {
      items = suggestions;
      list.innerHTML = "";
      suggestions.forEach(function (suggestion, position) {
        var option = document.createElement("li");
        var kind = document.createElement("span");
        option.id = listId + "-" + position;
        option.setAttribute("role", "option");
        option.textContent = suggestion.label;
        kind.className = "tag";
        kind.textContent = suggestion.kind;
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = suggestion.url;
        });
        list.appendChild(option);
      });
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var value = input.value.trim();
      if (value.length < 2) return close();
      timer = setTimeout(function () {
        fetch("/api/search/suggestions/?q=" + encodeURIComponent(value))
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) { if (input.value.trim() === value) render(data.suggestions); })
          .catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); select(Math.min(active + 1, items.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); select(Math.max(active - 1, 0)); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); window.location.href = items[active].url; }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  });
})();
