/* Service worker: keeps the tool pages working when the school's server is off or the network is down.
   Browsers allow it only on https or localhost; over plain http on an intranet the long HTTP cache does the job.
   The build fills in VERSION and the list of files (paths relative to this file, i.e. the site root). */
"use strict";
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = "tisheng-" + VERSION;
const BASE = new URL("./", self.location.href).href;
const VERSIONED = /\/assets\/(pyodide|tisheng|echarts|qrcode)\/|\.[0-9a-f]{8,}\.min\.(js|css)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((p) => BASE + p)))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith("tisheng-") && n !== CACHE)
      .map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

async function pageFirstFromNetwork(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(CACHE);
      const url = new URL(request.url);
      url.search = "";
      cache.put(url.href, response.clone());
    }
    return response;
  } catch (err) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  return cached || fetch(request);
}

async function networkThenCache(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(BASE)) return;
  if (request.mode === "navigate") event.respondWith(pageFirstFromNetwork(request));
  else if (VERSIONED.test(new URL(request.url).pathname)) event.respondWith(cacheFirst(request));
  else event.respondWith(networkThenCache(request));
});
