// Browser-safe image primitives on 8-bit interleaved rasters. Node-only decode/encode: ./image-node.
export * from './image/raster-image';
export * from './image/grayscale';
export * from './image/resize';
export * from './image/crop';
export * from './image/flip';
export * from './image/histogram';
export * from './image/histogram-equalization';
export * from './image/image-decode-error';
export * from './image/binary-mask';
export * from './image/structuring-element';
export * from './image/morphology';
export * from './image/median-filter';
export * from './image/connected-components';
export * from './image/otsu';
export * from './image/cielab';
export * from './image/clahe';
export * from './image/inpaint';
