// @visioncad/vision-core: the browser-safe surface. Each area is also importable on its own
// (`@visioncad/vision-core/metrics`, `/training`, ...); node-only code lives in the `*-node`
// entry points (`/backend-node`, `/image-node`, `/training-node`, `/models-node`, `/plots-node`).
export * from './backend';
export * from './data';
export * from './explain';
export * from './features';
export * from './image';
export * from './metrics';
export * from './models';
export * from './plots';
export * from './training';
