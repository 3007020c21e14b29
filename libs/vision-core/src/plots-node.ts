// Node-only plot output: SVG documents rasterised to PNG with sharp.
export { svgToPng, writeSvgPng } from './plots/svg-to-png.node.js';
