// The recipient picker of the compose form, made quicker: typing in its box filters the States (by their
// names in any of the six languages), Enter ticks the first match, and the chosen States are listed with a
// button each to take one off. Without this script the same box takes names separated by commas, resolved
// when the form is sent, and the groups open like any disclosure.
(() => {
  const box = document.querySelector('[data-picker]');
  if (!box) return;
  const input = box.querySelector('[data-picker-filter]');
  const chosen = box.querySelector('[data-picker-chosen]');
  const status = box.querySelector('[data-picker-status]');
  const empty = box.querySelector('[data-picker-empty]');
  const groups = Array.from(box.querySelectorAll('[data-picker-group]'));
  const items = Array.from(box.querySelectorAll('li[data-names]')).map((li) => ({
    li,
    box: li.querySelector('input[type=checkbox]'),
    name: li.textContent.trim(),
    keys: li.getAttribute('data-names').split('|'),
  }));
  const label = (name, vars) =>
    (box.getAttribute(`data-${name}-label`) || '').replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
  // The same normalisation as the server's (src/modules/communications/names.ts).
  const normalise = (s) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/ٱ/g, 'ا')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه')
      .replace(/['’‘`´ʼـ]/g, '')
      .replace(/[\p{P}\p{S}\s]+/gu, ' ')
      .trim();
  const SEPARATORS = /[,;\n\r،؛，、；]/;
  // The name being typed: what follows the last comma (earlier names are left for the server to resolve).
  const current = () => normalise(input.value.split(SEPARATORS).pop() || '');
  const wasOpen = new Map(groups.map((g) => [g, g.open]));

  const visible = () => items.filter((i) => !i.li.hidden);
  // How well the name typed matches a State, as the server ranks it (matchTier in names.ts): its name, the
  // start of a name or of a word in it, anywhere in a name, not at all.
  const tier = (keys, q) =>
    keys.includes(q) ? 0 : keys.some((k) => k.startsWith(q) || k.includes(` ${q}`)) ? 1 : keys.some((k) => k.includes(q)) ? 2 : 3;
  // The State Enter would tick: the best match, the first in the page among equals.
  let best = null;

  function filter() {
    const q = current();
    let top = 3;
    best = null;
    for (const i of items) {
      const t = q === '' ? 3 : tier(i.keys, q);
      i.li.hidden = q !== '' && t === 3;
      i.li.classList.remove('picker-best');
      if (q !== '' && t < top) {
        top = t;
        best = i;
      }
    }
    best?.li.classList.add('picker-best');
    for (const g of groups) {
      const shown = Array.from(g.querySelectorAll('li[data-names]')).some((li) => !li.hidden);
      g.hidden = q !== '' && !shown;
      g.open = q !== '' ? shown : wasOpen.get(g) || Boolean(g.querySelector('input:checked'));
    }
    empty.hidden = q === '' || visible().length > 0;
  }

  function list() {
    const picked = items.filter((i) => i.box.checked);
    chosen.replaceChildren();
    const p = document.createElement('p');
    p.textContent = picked.length ? label('chosen', { n: picked.length }) : label('none', {});
    chosen.append(p);
    if (!picked.length) return;
    const ul = document.createElement('ul');
    ul.className = 'picker-chips';
    for (const i of picked) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'picker-chip';
      b.textContent = i.name;
      b.setAttribute('aria-label', label('remove', { name: i.name }));
      b.addEventListener('click', () => {
        i.box.checked = false;
        list();
        input.focus();
      });
      li.append(b);
      ul.append(li);
    }
    chosen.append(ul);
  }

  function pick(i) {
    i.box.checked = true;
    const parts = input.value.split(SEPARATORS);
    parts.pop();
    input.value = parts.length ? `${parts.join(', ')}, ` : '';
    status.textContent = label('added', { name: i.name });
    list();
    filter();
  }

  input.addEventListener('input', filter);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      // Enter in the box never sends the form: it picks the first State that matches, if any.
      e.preventDefault();
      if (current() && best) pick(best);
    } else if (e.key === 'ArrowDown') {
      const first = best ?? visible()[0];
      if (current() && first) {
        e.preventDefault();
        first.box.focus();
      }
    } else if (e.key === 'Escape' && input.value) {
      input.value = '';
      filter();
    }
  });
  for (const i of items)
    i.box.addEventListener('change', () => {
      list();
      if (i.box.checked && current()) pick(i);
    });
  list();
})();
