// Where the demo's runtime files are served from this portal (app/demo-assets/**): no CDN, so the
// demo works offline and no request leaves the site.

/** Folder URL of tfjs-backend-wasm's .wasm binaries (tf.wasm.setWasmPaths takes it with the slash). */
export const TFJS_WASM_URL = '/demo-assets/tfjs-wasm/';

/** Folder URL of face-api's detector and landmark weights (nets.*.loadFromUri). */
export const FACE_API_MODEL_URL = '/demo-assets/face-api';

/** Everything the demo fetches lives under this prefix (the service worker caches it). */
export const DEMO_ASSETS_PREFIX = '/demo-assets/';
