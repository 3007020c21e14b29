// Node-only model files: card.json/card.md and models/registry.json.
export {
  readModelCard,
  readModelRegistry,
  setDefaultModel,
  writeModelCard,
} from './models/model-files.node.js';
