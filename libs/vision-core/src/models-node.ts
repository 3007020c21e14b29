// Node-only model files: card.json/card.md, fitted-on.json and models/registry.json.
export {
  readFittedOn,
  readJoinedFittedOn,
  readModelCard,
  readModelRegistry,
  setDefaultModel,
  withPriorFittedOn,
  writeFittedOn,
  writeModelCard,
} from './models/model-files.node.js';
