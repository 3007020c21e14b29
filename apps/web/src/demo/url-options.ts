// Options a visitor (or the benchmark) can put in the demo's address.

/** The ?backend= parameter (webgl, wasm or cpu), or null to let the demo choose. */
export function backendOverride(search = window.location.search): string | null {
  const value = new URLSearchParams(search).get('backend');
  return value && value.trim() ? value : null;
}
