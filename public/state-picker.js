// A State picker, enhanced: a filter box that finds a State by its name in any of the six UN languages, or by
// its code, ignoring case, accents and Arabic vowel marks; the groups open where a State matches. The list of
// States chosen is kept up to date as boxes are ticked (or, for one State, as a radio button is chosen). Without this script the grouped boxes work alone.
(() => {
  // Case, accents (and Arabic short vowels and hamza seats), apostrophes and spaces do not matter.
  const fold = (s) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[\u0671]/g, '\u0627')
      .replace(/\u0649/g, '\u064a')
      .replace(/\u0629/g, '\u0647')
      .replace(/\u0640/g, '')
      .replace(/[\u2019'`]/g, "'")
      .replace(/[\s\u00a0-]+/g, ' ');

  for (const picker of document.querySelectorAll('[data-picker]')) {
    const box = picker.querySelector('[data-filter-box]');
    const input = picker.querySelector('[data-filter]');
    const none = picker.querySelector('[data-no-match]');
    const chosen = picker.querySelector('[data-chosen]');
    if (!box || !input) continue;
    const labels = Array.from(picker.querySelectorAll('label[data-names]')).map((label) => ({
      label,
      names: fold(label.getAttribute('data-names')),
    }));
    const groups = Array.from(picker.querySelectorAll('details[data-group]'));
    box.hidden = false;

    // Enter in the filter would send the form it sits in: here it only filters.
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') event.preventDefault();
    });
    input.addEventListener('input', () => {
      const q = fold(input.value.trim());
      let any = false;
      for (const { label, names } of labels) {
        const hit = !q || names.includes(q);
        label.hidden = !hit;
        any = any || hit;
      }
      for (const group of groups) {
        const hits = group.querySelectorAll('label[data-names]:not([hidden])').length;
        group.hidden = Boolean(q) && hits === 0;
        group.open = q ? hits > 0 : group.querySelector('input:checked') !== null;
      }
      if (none) none.hidden = any || !q;
    });

    picker.addEventListener('change', (event) => {
      if (!chosen || !event.target.matches('input[type=checkbox], input[type=radio]')) return;
      const names = Array.from(picker.querySelectorAll('label[data-names]'))
        .filter((label) => label.querySelector('input:checked'))
        .map((label) => label.getAttribute('data-name'));
      chosen.textContent = names.length
        ? chosen.getAttribute('data-chosen').replace('{states}', names.join(', '))
        : chosen.getAttribute('data-none');
    });
  }
})();
