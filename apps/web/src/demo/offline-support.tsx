'use client';
// Registers the demo's service worker (public/demo-sw.js) so that a second visit works offline, and
// says whether this browser keeps an offline copy.
import { useEffect, useState } from 'react';

type OfflineState = 'unsupported' | 'registering' | 'ready' | 'failed';

const TEXT: Record<OfflineState, string> = {
  unsupported: 'This browser cannot keep an offline copy (no service workers); the demo still runs.',
  registering: 'Preparing the offline copy…',
  ready:
    'Offline copy on: the page and every model it has loaded are kept in this browser, so the demo also works without a network next time.',
  failed: 'The offline copy could not be set up; the demo still runs while online.',
};

/**
 * Asks the service worker to keep everything this page has loaded so far (the page, its scripts,
 * models): on a first visit some of it was fetched before the worker took control. `alsoKeep` adds
 * what a Web Worker loaded (a worker's requests do not pass through the page's service worker).
 */
export async function keepForOffline(alsoKeep: readonly string[] = []): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration('/demo');
  const urls = [
    window.location.href,
    ...performance.getEntriesByType('resource').map((entry) => entry.name),
    ...alsoKeep,
  ];
  registration?.active?.postMessage({ type: 'keep', urls });
}

/** One line on the offline copy; registers the service worker on first render. */
export function OfflineSupport() {
  const [state, setState] = useState<OfflineState>('registering');

  useEffect(() => {
    if (!('serviceWorker' in navigator)) {
      setState('unsupported');
      return;
    }
    navigator.serviceWorker
      .register('/demo-sw.js', { scope: '/demo' })
      .then(() => navigator.serviceWorker.ready)
      .then(() => keepForOffline())
      .then(
        () => setState('ready'),
        () => setState('failed'),
      );
  }, []);

  return (
    <p className="text-xs text-slate-500" data-testid="offline-status" data-state={state}>
      {TEXT[state]}
    </p>
  );
}
