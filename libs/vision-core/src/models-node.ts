// Node-only model files: card.json/card.md, fitted-on.json and models/registry.json.
export {
  readFittedOn,
  readModelCard,
  readModelRegistry,
  setDefaultModel,
  writeFittedOn,
  writeModelCard,
} from './models/model-files.node.js';
