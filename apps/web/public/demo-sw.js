/* global self, caches, fetch */
// Service worker of the on-device demo (/demo): keeps what the demo fetched (the page, Next's static
// chunks, tfjs wasm, face-api weights, the shipped models) so that it also works offline after the
// first visit. It only ever answers GET requests from its cache or the network; it sends nothing.
const CACHE = 'visioncad-demo-v1';

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('visioncad-demo-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// Model, wasm and weight URLs carry their version; Next's static chunks carry a content hash: a
// cached copy is never stale.
function isImmutable(url) {
  return url.pathname.startsWith('/demo-assets/') || url.pathname.startsWith('/_next/static/');
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

// The page itself: always the newest when online, the last copy when offline.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

// The page sends the URLs it loaded before this worker controlled it (first visit): keep those too.
self.addEventListener('message', (event) => {
  const urls = event.data?.type === 'keep' && Array.isArray(event.data.urls) ? event.data.urls : [];
  const wanted = urls
    .map((href) => new URL(href, self.location.origin))
    .filter((url) => url.origin === self.location.origin && (isImmutable(url) || url.pathname === '/demo'));
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const url of wanted) {
        if (await cache.match(url.href)) continue;
        try {
          const response = await fetch(url.href);
          if (response.ok) await cache.put(url.href, response);
        } catch {
          // Offline or gone: it will be cached the next time the page fetches it.
        }
      }
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isImmutable(url)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate' && url.pathname === '/demo') {
    event.respondWith(networkFirst(request));
  }
});
