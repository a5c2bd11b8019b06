// The business-case editor's questions whose answer reveals more boxes (how a line's money is
// spread across the years: an amount in each year, a total and its shares...): only the boxes of
// the chosen answer are shown. Without this script every answer's boxes show, each under its
// answer, and the chosen answer says which are read. GOV.UK Frontend's own conditional reveal
// marks the radios aria-expanded, which ARIA does not allow on a radio button; this shows and
// hides with the hidden attribute alone. A file, as the Content-Security-Policy requires.
for (const group of document.querySelectorAll("[data-reveal]")) {
  const sync = () => {
    for (const input of group.querySelectorAll("input[type=radio][data-reveals]")) {
      const panel = document.getElementById(input.dataset.reveals);
      if (panel) panel.hidden = !input.checked;
    }
  };
  group.addEventListener("change", sync);
  window.addEventListener("pageshow", sync);
  sync();
}
