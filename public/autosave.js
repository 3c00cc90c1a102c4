// Saves each answer of a report as it is typed, through the API, and says so. The page's save buttons do
// the same without this script.
(() => {
  const forms = document.querySelectorAll('form.report-form');
  const status = document.querySelector('.autosave-status');
  if (!forms.length || !window.fetch) return;
  const api = `/api/v1${location.pathname.replace(/\/$/, '')}/answers`;
  const timers = new Map();
  const valueOf = (box) => {
    const key = box.getAttribute('data-question');
    const kind = box.getAttribute('data-kind');
    if (kind === 'text') {
      const v = box.querySelector('textarea').value;
      return v.trim() ? v : null;
    }
    if (kind === 'choices') {
      const v = Array.from(box.querySelectorAll('input[type=checkbox]:checked')).map((i) => i.value);
      return v.length ? v : null;
    }
    const rows = Array.from(box.querySelectorAll('.evidence')).map((row) => {
      const get = (f) => row.querySelector(`[name="e:${key}:${row.getAttribute('data-row')}:${f}"]`);
      return { title: get('title').value, url: get('url').value, date: get('date').value, inProgress: get('inProgress').checked };
    });
    const kept = rows.filter((r) => r.title.trim() || r.url.trim());
    return kept.length ? kept : null;
  };
  const save = async (box) => {
    const key = box.getAttribute('data-question');
    try {
      const res = await fetch(api, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { [key]: valueOf(box) } }),
      });
      const body = await res.json().catch(() => ({}));
      if (!status) return;
      if (res.ok) status.textContent = `${status.getAttribute('data-saved')} ${new Date().toLocaleTimeString()}`;
      else status.textContent = `${status.getAttribute('data-failed')} ${(body.errors?.[0]?.reason ?? body.detail ?? body.title ?? res.status)}`;
      box.setAttribute('data-saved', res.ok ? 'yes' : 'no');
    } catch {
      if (status) status.textContent = status.getAttribute('data-failed');
    }
  };
  const later = (event) => {
    const box = event.target.closest('[data-question]');
    if (!box) return;
    clearTimeout(timers.get(box));
    timers.set(box, setTimeout(() => void save(box), event.type === 'change' ? 0 : 800));
  };
  for (const form of forms) {
    form.addEventListener('input', later);
    form.addEventListener('change', later);
  }
})();
