// Node-only image I/O (sharp, fs). Browser code imports ./image instead.
export * from './image/node/decode';
export * from './image/node/encode-png';
export { ImageDecodeError, type ImageDecodeProblem } from './image/image-decode-error';
