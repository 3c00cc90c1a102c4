// A report section's page, enhanced: each answer is saved through the API as it is typed, and the save state
// beside the save button says so in the words the server uses after a save ("Saved at 14:05 (UTC)");
// evidence rows are added and removed in place (a removal is saved at once). Without this script the
// section's save button and its row buttons do the same through the server.
(() => {
  const form = document.querySelector('form.report-form');
  const status = document.getElementById('save-state');
  if (!form || !status || !window.fetch) return;
  const api = `/api/v1${location.pathname.replace(/\/$/, '')}/answers`;
  const timers = new Map();
  const say = (text) => {
    status.textContent = text;
  };
  const field = (row, name) => row.querySelector(`[name$=":${name}"]`);
  const rowsOf = (box) => Array.from(box.querySelectorAll('.evidence'));

  const valueOf = (box) => {
    const kind = box.getAttribute('data-kind');
    if (kind === 'text') {
      const v = box.querySelector('textarea').value;
      return v.trim() ? v : null;
    }
    if (kind === 'choices') {
      const v = Array.from(box.querySelectorAll('input[type=checkbox]:checked')).map((i) => i.value);
      return v.length ? v : null;
    }
    const rows = rowsOf(box).map((row) => ({
      title: field(row, 'title').value,
      url: field(row, 'url').value,
      date: field(row, 'date').value,
      inProgress: field(row, 'inProgress').checked,
    }));
    const kept = rows.filter((r) => r.title.trim() || r.url.trim());
    return kept.length ? kept : null;
  };

  const save = async (box) => {
    const key = box.getAttribute('data-question');
    say(status.getAttribute('data-saving'));
    try {
      const res = await fetch(api, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { [key]: valueOf(box) } }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok && body.updated_at) {
        say(status.getAttribute('data-saved').replace('{time}', new Date(body.updated_at).toISOString().slice(11, 16)));
        box.removeAttribute('data-unsaved');
      } else {
        say(`${status.getAttribute('data-failed')} ${body.errors?.[0]?.reason ?? body.detail ?? body.title ?? res.status}`);
        box.setAttribute('data-unsaved', '');
      }
    } catch {
      say(status.getAttribute('data-failed'));
      box.setAttribute('data-unsaved', '');
    }
  };

  const later = (event) => {
    const box = event.target.closest('[data-question]');
    if (!box) return;
    clearTimeout(timers.get(box));
    timers.set(
      box,
      setTimeout(() => void save(box), event.type === 'change' ? 0 : 800),
    );
  };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  // What was typed or ticked before this script ran (it comes after the page on a slow link) is saved now.
  for (const box of form.querySelectorAll('[data-question]')) {
    const changed = Array.from(box.querySelectorAll('input, textarea')).some((el) =>
      el.type === 'checkbox' || el.type === 'radio' ? el.checked !== el.defaultChecked : el.value !== el.defaultValue,
    );
    if (changed) void save(box);
  }

  // Rows are numbered in their fields' names and ids; after adding or removing one, they are numbered again.
  const renumber = (box) => {
    const key = box.getAttribute('data-question');
    const label = box.getAttribute('data-remove-label');
    rowsOf(box).forEach((row, n) => {
      row.setAttribute('data-row', String(n));
      for (const input of row.querySelectorAll('input')) {
        input.name = input.name.replace(/:\d+:(\w+)$/, `:${n}:$1`);
        if (input.id) input.id = input.id.replace(/-\d+-(\w+)$/, `-${n}-$1`);
      }
      const remove = row.querySelector('[data-remove]');
      remove.value = `${key}:${n}`;
      if (label) remove.textContent = label.replace('{n}', String(n + 1));
    });
    const add = box.querySelector('[data-add]');
    add.hidden = rowsOf(box).length >= Number(box.getAttribute('data-max-rows') || 20);
  };
  const clear = (row) => {
    for (const input of row.querySelectorAll('input')) {
      if (input.type === 'checkbox') input.checked = false;
      else input.value = '';
    }
  };

  form.addEventListener('click', (event) => {
    const button = event.target.closest('[data-add], [data-remove]');
    if (!button) return;
    const box = button.closest('[data-question]');
    event.preventDefault();
    const rows = rowsOf(box);
    if (button.hasAttribute('data-add')) {
      const row = rows[rows.length - 1].cloneNode(true);
      clear(row);
      rows[rows.length - 1].after(row);
      renumber(box);
      field(row, 'title').focus();
      return;
    }
    const row = button.closest('.evidence');
    const next = row.nextElementSibling ?? row.previousElementSibling;
    if (rows.length > 1) row.remove();
    else clear(row);
    renumber(box);
    (next ? field(next, 'title') : field(row, 'title')).focus();
    clearTimeout(timers.get(box));
    void save(box);
  });
})();
