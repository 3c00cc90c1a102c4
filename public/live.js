// Live updates for the communications pages: when the other side acts, the part of the page marked
// data-live is fetched again and replaced, without a reload. The pages work the same without this script.
(() => {
  const live = document.querySelector('[data-live]');
  if (!live || !('EventSource' in window)) return;
  const key = live.getAttribute('data-live');
  let busy = false;
  let again = false;
  const refresh = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const url = new URL(location.href);
      url.searchParams.delete('notice');
      const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = doc.querySelector(`[data-live="${key}"]`);
      if (fresh) {
        live.replaceChildren(...Array.from(fresh.childNodes).map((n) => document.importNode(n, true)));
        live.setAttribute('data-updated', String(Date.now()));
      }
    } finally {
      busy = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  };
  // The stream starts where the page was read (data-live-since), so a change made in between is told too.
  // Each event carries the stream's position as its id; after a lost connection the browser sends it back
  // (Last-Event-ID) and the server replays what happened meanwhile.
  const since = live.getAttribute('data-live-since');
  const source = new EventSource(`/communications/events${since && /^\d+$/.test(since) ? `?since=${since}` : ''}`);
  source.addEventListener('change', (e) => {
    const { id } = JSON.parse(e.data);
    if (key === 'inbox' || key === `thread:${id}`) void refresh();
  });
})();
