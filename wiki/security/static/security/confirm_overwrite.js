// When Wagtail's dialog says someone else saved a newer version and the person chooses
// "Continuer", that choice is sent with the form: the server refuses a save that would replace
// a newer version by someone else without it (wiki/security/edit_conflicts.py).
// Listening while the event goes down the page (capture) puts the field in the form before
// Wagtail clicks the save button again.
document.addEventListener(
  "w-dialog:confirmed",
  (event) => {
    if (!(event.target instanceof Element) || event.target.id !== "w-save-confirmation-dialog") {
      return;
    }
    const form = document.querySelector("form[data-edit-form]");
    if (!form || form.querySelector("input[name='overwrite_confirmed']")) {
      return;
    }
    const confirmed = document.createElement("input");
    confirmed.type = "hidden";
    confirmed.name = "overwrite_confirmed";
    confirmed.value = "1";
    form.append(confirmed);
  },
  true,
);
