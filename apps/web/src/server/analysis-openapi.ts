// The analysis part of the OpenAPI document (merged into ./openapi.ts): schemas of an analysis and
// its outputs, and the paths that read analyses, queue them and retry failed ones.
import { ARTIFACT_NAMES } from './analysis-outputs';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const idParam = (name: string, what: string) => ({
  name,
  in: 'path',
  required: true,
  description: `The ${what}'s id.`,
  schema: { type: 'string' },
});
const AUTH_ERRORS = {
  '401': error('No valid session: sign in first.'),
  '403': error('The signed-in role may not use the cases API (CLINICIAN only), or a cross-site request.'),
};

const PROBABILITIES = {
  type: 'array',
  items: {
    type: 'object',
    properties: { label: { type: 'string' }, probability: { type: 'number', minimum: 0, maximum: 1 } },
  },
};
const MODEL_REF = { type: 'object', properties: { name: { type: 'string' }, version: { type: 'string' } } };
const BOX = {
  type: 'object',
  description: 'Pixels of the uploaded image, origin top left.',
  properties: {
    x: { type: 'number' },
    y: { type: 'number' },
    width: { type: 'number' },
    height: { type: 'number' },
  },
};

/** Scale field shared by the upload and the analysis request. */
export const PX_PER_MM_PROPERTY = {
  type: 'number',
  exclusiveMinimum: 0,
  maximum: 1000,
  description:
    'Image scale in pixels per millimetre of skin; when given, the lesion diameter is also reported in mm.',
};

export const ANALYSIS_SCHEMAS = {
  DermoscopyOutputs: {
    type: 'object',
    properties: {
      kind: { const: 'DERMOSCOPY' },
      request: { type: 'object', properties: { pxPerMm: { type: ['number', 'null'] } } },
      models: {
        type: 'object',
        properties: {
          segmentation: MODEL_REF,
          classifier: {
            ...MODEL_REF,
            properties: { ...MODEL_REF.properties, temperature: { type: 'number' } },
          },
        },
      },
      analysedSize: {
        type: 'object',
        description: 'Size the pipeline ran at (longer side at most 1024 px).',
      },
      lesionAreaPx: { type: 'integer' },
      abcd: {
        type: ['object', 'null'],
        description: 'null when no lesion was segmented.',
        properties: {
          asymmetry: { type: 'integer', minimum: 0, maximum: 2 },
          border: { type: 'integer', minimum: 0, maximum: 8 },
          colours: { type: 'integer', minimum: 1, maximum: 6 },
          coloursPresent: { type: 'array', items: { type: 'string' } },
          structures: { type: 'integer', minimum: 1, maximum: 5 },
          structuresPresent: { type: 'array', items: { type: 'string' } },
          diameterPx: { type: 'number', description: 'Maximum Feret diameter in uploaded-image pixels.' },
          diameterMm: { type: ['number', 'null'] },
          tds: { type: 'number', description: 'Total dermoscopy score 1.3A + 0.1B + 0.5C + 0.5D.' },
          band: { type: 'string', enum: ['benign', 'suspicious', 'highly_suspicious'] },
        },
      },
      probabilities: PROBABILITIES,
      topLabel: { type: 'string' },
      decisionRule: {
        type: 'string',
        enum: ['most-probable', 'logit-adjustment', 'clinical-metadata-fusion'],
        description:
          "How topLabel was chosen; with clinical-metadata-fusion the probabilities combine the image with the case's age, sex and body site.",
      },
      clinicalMetadata: {
        type: ['object', 'null'],
        description: 'The age, sex and HAM10000 site the fusion used; null without a fusion.',
        properties: {
          ageYears: { type: ['number', 'null'] },
          sex: { type: ['string', 'null'] },
          site: { type: ['string', 'null'] },
        },
      },
      imageOnly: {
        type: ['object', 'null'],
        description: 'With a fusion: the image-only probabilities and diagnosis.',
        properties: { probabilities: PROBABILITIES, topLabel: { type: 'string' } },
      },
      novelty: {
        type: ['object', 'null'],
        description:
          "Whether the image is unlike the classifier's training images: the Mahalanobis distance of its pooled classifier features against a threshold (the quantile of validation images' distances); unusual images get less reliable diagnoses. Null when the classifier has no novelty model.",
        properties: {
          distance: { type: 'number' },
          threshold: { type: 'number' },
          quantile: { type: 'number' },
          unusual: { type: 'boolean' },
        },
      },
      heatMapClass: {
        type: ['object', 'null'],
        properties: { label: { type: 'string' }, score: { type: 'number' } },
      },
    },
  },
  FaceOutputs: {
    type: 'object',
    properties: {
      kind: { const: 'FACE' },
      models: {
        type: 'object',
        properties: {
          detector: MODEL_REF,
          classifier: MODEL_REF,
          posed: { ...MODEL_REF, description: 'The fer-posed model, when the registry names one.' },
        },
      },
      faces: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            box: BOX,
            score: { type: 'number' },
            probabilities: PROBABILITIES,
            topLabel: { type: 'string' },
            landmarks: {
              type: 'array',
              description: "face-api's 68 landmarks in the upload's pixels.",
              items: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } } },
            },
            posed: {
              type: 'object',
              description:
                "The posed-expression model's reading (CK+ classes, contempt included): topLabel is its one-vs-one vote, probabilities its Platt estimates.",
              properties: { probabilities: PROBABILITIES, topLabel: { type: 'string' } },
            },
          },
        },
      },
    },
  },
  Analysis: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      imageId: { type: 'string' },
      task: {
        type: 'string',
        description: 'Registry task of the model version (lesion-classification, fer).',
      },
      status: { type: 'string', enum: ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED'] },
      modelVersion: {
        type: 'object',
        properties: { name: { type: 'string' }, version: { type: 'string' }, task: { type: 'string' } },
      },
      request: { type: 'object', properties: { pxPerMm: { type: ['number', 'null'] } } },
      outputs: {
        oneOf: [ref('DermoscopyOutputs'), ref('FaceOutputs'), { type: 'null' }],
        description: 'null until SUCCEEDED.',
      },
      artifacts: {
        type: 'object',
        description: `URLs of the stored PNGs (${ARTIFACT_NAMES.join(', ')}), for dermoscopy analyses that succeeded.`,
        additionalProperties: { type: 'string' },
      },
      timings: {
        type: ['object', 'null'],
        additionalProperties: { type: 'number' },
        description: 'Milliseconds per stage.',
      },
      error: { type: ['string', 'null'], description: 'Why a FAILED analysis failed.' },
      createdAt: { type: 'string', format: 'date-time' },
      startedAt: { type: ['string', 'null'], format: 'date-time' },
      finishedAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  QueuedAnalysis: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      imageId: { type: 'string' },
      status: { const: 'PENDING' },
      task: { type: 'string' },
    },
  },
};

export const ANALYSIS_PATHS = {
  '/api/cases/{id}/analyses': {
    get: {
      summary: 'Every image of the case with its analyses, newest first',
      parameters: [idParam('id', 'case')],
      responses: {
        '200': {
          description: 'The analyses per image.',
          content: json({
            type: 'object',
            properties: {
              caseId: { type: 'string' },
              images: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    imageId: { type: 'string' },
                    kind: { type: 'string' },
                    originalName: { type: ['string', 'null'] },
                    analyses: { type: 'array', items: ref('Analysis') },
                  },
                },
              },
            },
          }),
        },
        '404': error('No such case.'),
        ...AUTH_ERRORS,
      },
    },
  },
  '/api/images/{id}/analyses': {
    get: {
      summary: 'Every analysis of the image, newest first',
      parameters: [idParam('id', 'image')],
      responses: {
        '200': {
          description: 'The analyses.',
          content: json({
            type: 'object',
            properties: {
              imageId: { type: 'string' },
              caseId: { type: 'string' },
              kind: { type: 'string' },
              analyses: { type: 'array', items: ref('Analysis') },
            },
          }),
        },
        '404': error('No such image.'),
        ...AUTH_ERRORS,
      },
    },
    post: {
      summary: 'Queue a new analysis of the image with the production model of its kind',
      description:
        'Runs in the background: poll GET /api/analyses/{id}. Uploads queue one automatically; this asks again (e.g. with a scale).',
      parameters: [idParam('id', 'image')],
      requestBody: {
        required: false,
        content: json({ type: 'object', properties: { pxPerMm: PX_PER_MM_PROPERTY } }),
      },
      responses: {
        '202': {
          description: 'Queued.',
          content: json({ type: 'object', properties: { analysis: ref('QueuedAnalysis') } }),
        },
        '400': error('pxPerMm is not a positive number up to 1000, or the body is not a JSON object.'),
        '404': error('No such image.'),
        '409': error(
          'An analysis of the image is already pending or running, or no production model is registered for its kind.',
        ),
        '415': error('The body is neither JSON nor a form.'),
        ...AUTH_ERRORS,
      },
    },
  },
  '/api/images/{id}/lesion': {
    get: {
      summary: "The lesion the image is linked to, followed across the patient's visits",
      description:
        'Visits oldest first, each with its image, latest successful analysis, values (diameter in mm when the image had a scale, else px; A, B, C, D, TDS) and the change since the previous and the first visit (null when a value is missing or diameters are in different units).',
      parameters: [idParam('id', 'image')],
      responses: {
        '200': {
          description: 'The lesion, its patient reference and visits.',
          content: json({ type: 'object' }),
        },
        '404': error('No such image, or it is not linked to a lesion.'),
        ...AUTH_ERRORS,
      },
    },
    post: {
      summary: 'Link a dermoscopy image to a lesion of the same patient (or a new one, or none)',
      parameters: [idParam('id', 'image')],
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          properties: {
            lesionId: { type: 'string', description: 'An existing lesion of the patient, "new" or "none".' },
            newLabel: { type: 'string', maxLength: 80, description: 'Name of a new lesion.' },
          },
        }),
      },
      responses: {
        '200': {
          description: 'Linked.',
          content: json({
            type: 'object',
            properties: { imageId: { type: 'string' }, lesionId: { type: ['string', 'null'] } },
          }),
        },
        '400': error(
          'Neither lesionId nor newLabel, a label over 80 characters, or a lesion of another patient.',
        ),
        '404': error('No such image or lesion.'),
        '409': error('The image is not a dermoscopy image.'),
        ...AUTH_ERRORS,
      },
    },
  },
  '/api/analyses/{id}': {
    get: {
      summary: 'One analysis: status, model version, outputs, artifact URLs, timings, error',
      parameters: [idParam('id', 'analysis')],
      responses: {
        '200': {
          description: 'The analysis.',
          content: json({ type: 'object', properties: { analysis: ref('Analysis') } }),
        },
        '404': error('No such analysis.'),
        ...AUTH_ERRORS,
      },
    },
  },
  '/api/analyses/{id}/retry': {
    post: {
      summary: 'Run a FAILED analysis again',
      description:
        'Queues a new analysis of the same image with the same request; the failed one stays on record.',
      parameters: [idParam('id', 'analysis')],
      responses: {
        '202': {
          description: 'Queued.',
          content: json({
            type: 'object',
            properties: { analysis: ref('QueuedAnalysis'), retryOf: { type: 'string' } },
          }),
        },
        '404': error('No such analysis.'),
        '409': error(
          'The analysis did not fail, another run of the image is pending, or no production model is registered.',
        ),
        ...AUTH_ERRORS,
      },
    },
  },
  '/api/analyses/{id}/artifacts/{name}': {
    get: {
      summary: 'A PNG the analysis stored (image-sized): lesion mask, its display overlay, Grad-CAM heat map',
      parameters: [
        idParam('id', 'analysis'),
        { name: 'name', in: 'path', required: true, schema: { type: 'string', enum: ARTIFACT_NAMES } },
      ],
      responses: {
        '200': { description: 'The PNG.', content: { 'image/png': {} } },
        '404': error('No such analysis, or it has no file of that name (not finished, not dermoscopy).'),
        ...AUTH_ERRORS,
      },
    },
  },
};
