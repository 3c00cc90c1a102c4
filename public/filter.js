// Filters a long list of choices as the reader types: an input with data-filter="<id>" hides the labels in
// the element with that id whose text does not contain what was typed (letter case and accents ignored).
// Without JavaScript the whole list shows, and the box is just ignored.
(() => {
  const fold = (s) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();
  for (const box of document.querySelectorAll('input[data-filter]')) {
    const list = document.getElementById(box.dataset.filter);
    if (!list) continue;
    const items = [...list.querySelectorAll('label')].map((label) => [label, fold(label.textContent)]);
    box.addEventListener('input', () => {
      const q = fold(box.value.trim());
      for (const [label, text] of items) label.hidden = q !== '' && !text.includes(q);
    });
  }
})();
