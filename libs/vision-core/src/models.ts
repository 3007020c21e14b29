// Model cards and the task registry: browser-safe parsing and rendering.
export {
  parseModelCard,
  renderModelCardMarkdown,
  type ModelCard,
  type ModelCardData,
  type ModelInput,
  type FaceFraming,
} from './models/model-card';
export {
  parseModelRegistry,
  servingRegistryKey,
  type ModelRegistry,
  type ModelRegistryEntry,
} from './models/model-registry';
export { shellWords } from './models/shell-words';
export {
  FITTED_ON_FILE,
  fittedOnDataset,
  heldOutItems,
  mergeFittedOn,
  parseFittedOn,
  type FittedOn,
  type FittedOnDataset,
  type HeldOutSelection,
} from './models/fitted-on';
