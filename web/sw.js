// mTLS Lab's service worker: after the first visit the lab works offline (a workshop on bad
// Wi-Fi). `cargo xtask dist` writes it into dist/ with the site's files and a version made from
// their contents, so a new deployment is a new worker, which caches the new files and drops the
// old ones. It only ever fetches this site's own files.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `mtls-lab-${VERSION}`;
/** How long a page load waits for the network before it takes the cached page. */
const NETWORK_WAIT_MS = 3000;

self.addEventListener('install', (event) => {
  // `reload`: the files as the server has them now, not a copy from the HTTP cache.
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('mtls-lab-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/**
 * The pages (by client id) whose HTML came from the network and differs from the cached copy:
 * a version deployed since this worker cached its files. Their files come from the network
 * too, so a new page never runs with an old file whose name carries no content hash (the
 * bindgen snippet), until the new worker has cached the new version.
 */
const fresh = new Set();

/** The page from the network if it answers in time, else the cached one (any query). */
async function page(event) {
  const request = event.request;
  const cached = await caches.open(CACHE).then((c) => c.match(request, { ignoreSearch: true }));
  try {
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in time')), NETWORK_WAIT_MS));
    const response = await Promise.race([fetch(request), timeout]);
    if (!response.ok && cached) return cached;
    if (!cached || (await response.clone().text()) !== (await cached.clone().text())) fresh.add(event.resultingClientId);
    return response;
  } catch (error) {
    if (cached) return cached;
    throw error;
  }
}

/** Any other file of the site: the cached copy (its name has a content hash), else the network. */
async function file(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  if (fresh.has(event.clientId)) return fetch(request).catch(() => cache.match(request).then((hit) => hit ?? Response.error()));
  return (await cache.match(request)) ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(request.mode === 'navigate' ? page(event) : file(event));
});
