// Browser-safe explanations of tfjs LayersModel predictions: vanilla-gradient saliency, Grad-CAM on
// any spatial layer, and a heat-map overlay for display.
export { saliencyMap, normalizeMap, type ExplanationMap } from './explain/saliency-map';
export { gradCam, lastSpatialLayer, type GradCamOptions } from './explain/grad-cam';
export { heatmapOverlay, jetColour } from './explain/heatmap-overlay';
export { runLayerGraph } from './explain/layer-graph';
