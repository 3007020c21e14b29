// The OpenAPI 3.1 description of the cases API, written by hand from the validators it documents
// (case-fields, case-list-query, image-validation, reviews); the enums come from the same constants.
import { ANALYSIS_PATHS, ANALYSIS_SCHEMAS, PX_PER_MM_PROPERTY } from './analysis-openapi';
import { BODY_SITES, MAX_NOTES_LENGTH, MAX_PATIENT_AGE, PATIENT_SEXES } from './case-fields';
import { CASE_MAX_PAGE_SIZE, CASE_PAGE_SIZE, CASE_STATUSES } from './case-list-query';
import { UPLOAD_KINDS } from './case-images';
import { NO_FACE_VERDICT, NO_VERDICT_FILTER } from './case-verdict';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_PIXELS } from './image-validation';
import { AGREEMENTS, MAX_COMMENT_LENGTH, REVIEW_LABELS } from './reviews';

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

const REVIEW_BODY = {
  type: 'object',
  required: ['label'],
  properties: {
    label: { type: 'string', enum: Object.keys(REVIEW_LABELS), description: "The reviewer's diagnosis." },
    agreement: {
      type: 'string',
      enum: AGREEMENTS,
      description: "Agreement with the case's latest successful model analysis; refused when there is none.",
    },
    comment: { type: 'string', maxLength: MAX_COMMENT_LENGTH },
    signOff: { type: 'boolean', description: 'Sign off now: the review can never change afterwards.' },
    imageId: { type: 'string', description: 'The image of this case the review is about.' },
    amendsId: { type: 'string', description: 'A signed-off review of this case that this one amends.' },
    ...ANALYSIS_PATHS,
  },
};

/** The OpenAPI 3.1 document served at /api/openapi.json. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'VisionCAD cases API',
    version: '1.0.0',
    description:
      'Cases, image uploads and review sign-off for clinicians. Authenticate with POST /api/auth/sign-in; the session cookie `visioncad_session` then authorises every call. Errors are `{ error, field? }` with a message naming the problem and the field or file.',
  },
  components: {
    securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'visioncad_session' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: { type: 'string', description: 'What was wrong, naming the field or file.' },
          field: { type: 'string', description: 'The request field (or `file`) the error is about.' },
        },
      },
      NewCase: {
        type: 'object',
        required: ['patientReference', 'bodySite', 'visitDate'],
        properties: {
          patientReference: {
            type: 'string',
            pattern: '^(?=.*\\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$',
            minLength: 4,
            maxLength: 32,
            description: 'Pseudonymous code (stored upper-case), never a name, e.g. PT-000123.',
          },
          bodySite: { type: 'string', enum: BODY_SITES },
          visitDate: { type: 'string', format: 'date', description: 'YYYY-MM-DD, not in the future.' },
          clinicalNotes: { type: 'string', maxLength: MAX_NOTES_LENGTH },
          patientAgeYears: {
            type: 'integer',
            minimum: 0,
            maximum: MAX_PATIENT_AGE,
            description: 'Age in whole years on the visit day (optional; the lesion diagnosis uses it).',
          },
          patientSex: {
            type: 'string',
            enum: PATIENT_SEXES,
            description: 'Optional; the lesion diagnosis uses it.',
          },
        },
      },
      CaseDetails: {
        type: 'object',
        description:
          'The editable details of a case; fields left out keep their value, an empty string clears an optional one. The patient reference cannot be edited.',
        properties: {
          bodySite: { type: 'string', enum: BODY_SITES },
          visitDate: { type: 'string', format: 'date', description: 'YYYY-MM-DD, not in the future.' },
          clinicalNotes: { type: 'string', maxLength: MAX_NOTES_LENGTH },
          patientAgeYears: { type: ['integer', 'string'], minimum: 0, maximum: MAX_PATIENT_AGE },
          patientSex: { type: 'string', enum: [...PATIENT_SEXES, ''] },
        },
      },
      Case: {
        type: 'object',
        required: ['id', 'patientId', 'visitDate', 'status', 'createdById', 'createdAt'],
        properties: {
          id: { type: 'string' },
          patientId: { type: 'string' },
          bodySite: { type: ['string', 'null'] },
          clinicalNotes: { type: ['string', 'null'] },
          patientAgeYears: { type: ['integer', 'null'] },
          patientSex: { type: ['string', 'null'], enum: [...PATIENT_SEXES, null] },
          visitDate: { type: 'string', format: 'date-time' },
          status: { type: 'string', enum: CASE_STATUSES },
          createdById: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      CaseListRow: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          visitDate: { type: 'string', format: 'date-time' },
          bodySite: { type: ['string', 'null'] },
          status: { type: 'string', enum: CASE_STATUSES },
          modelVerdict: {
            type: ['string', 'null'],
            description:
              "Top label of the case's latest succeeded analysis (HAM10000 code, main face's or video's emotion, or no-face); null before one.",
          },
          createdAt: { type: 'string', format: 'date-time' },
          patient: { type: 'object', properties: { reference: { type: 'string' } } },
          createdBy: { type: 'object', properties: { name: { type: 'string' } } },
          _count: {
            type: 'object',
            properties: { images: { type: 'integer' }, reviews: { type: 'integer' } },
          },
        },
      },
      Image: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          caseId: { type: 'string' },
          kind: { type: 'string', enum: ['DERMOSCOPY', 'FACE', 'VIDEO_FRAME'] },
          contentHash: { type: 'string', description: 'SHA-256 of the bytes, hex.' },
          storageKey: { type: 'string' },
          mimeType: { type: 'string', enum: ['image/jpeg', 'image/png', 'image/bmp', 'image/tiff'] },
          originalName: { type: ['string', 'null'] },
          byteSize: { type: 'integer' },
          width: { type: 'integer' },
          height: { type: 'integer' },
          uploadedById: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
      Review: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          caseId: { type: 'string' },
          imageId: { type: ['string', 'null'] },
          analysisId: { type: ['string', 'null'] },
          reviewerId: { type: 'string' },
          label: { type: 'string' },
          agreement: { type: ['string', 'null'], enum: [...AGREEMENTS, null] },
          comment: { type: ['string', 'null'] },
          signedOffAt: { type: ['string', 'null'], format: 'date-time' },
          amendsId: { type: ['string', 'null'] },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
      ReviewInput: REVIEW_BODY,
      ...ANALYSIS_SCHEMAS,
    },
  },
  security: [{ session: [] }],
  paths: {
    '/api/cases': {
      get: {
        summary: 'List cases, most recent visit first, a page at a time',
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string', enum: CASE_STATUSES } },
          {
            name: 'from',
            in: 'query',
            description: 'First visit day (YYYY-MM-DD).',
            schema: { type: 'string', format: 'date' },
          },
          {
            name: 'to',
            in: 'query',
            description: 'Last visit day (YYYY-MM-DD).',
            schema: { type: 'string', format: 'date' },
          },
          { name: 'bodySite', in: 'query', schema: { type: 'string', enum: BODY_SITES } },
          {
            name: 'reviewed',
            in: 'query',
            description: 'yes: only cases with a signed-off review; no: only cases without one.',
            schema: { type: 'string', enum: ['yes', 'no'] },
          },
          {
            name: 'verdict',
            in: 'query',
            description:
              `Only cases whose model verdict is this label: any label of the production lesion-classification ` +
              `or fer model's card (or of a model version that produced a result here), "${NO_FACE_VERDICT}", ` +
              `or "${NO_VERDICT_FILTER}" for cases no analysis has finished for. Any other value is a 400 naming \`verdict\`.`,
            schema: { type: 'string', examples: ['mel', 'happy', NO_FACE_VERDICT, NO_VERDICT_FILTER] },
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: CASE_MAX_PAGE_SIZE, default: CASE_PAGE_SIZE },
          },
          {
            name: 'cursor',
            in: 'query',
            description: "The previous page's nextCursor.",
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description: 'One page of cases and the number matching the filters.',
            content: json({
              type: 'object',
              required: ['cases', 'total', 'nextCursor'],
              properties: {
                cases: { type: 'array', items: ref('CaseListRow') },
                total: { type: 'integer' },
                nextCursor: { type: ['string', 'null'] },
              },
            }),
          },
          '400': error('A filter, limit or cursor is invalid; `field` names it.'),
          ...AUTH_ERRORS,
        },
      },
      post: {
        summary: 'Create a case (the patient is created the first time its reference is seen)',
        requestBody: {
          required: true,
          content: {
            ...json(ref('NewCase')),
            'application/x-www-form-urlencoded': { schema: ref('NewCase') },
          },
        },
        responses: {
          '201': {
            description: 'Created.',
            content: json({ type: 'object', properties: { case: ref('Case') } }),
          },
          '303': {
            description:
              'Form submissions are sent on to the case page (or back to the form with `?error=`).',
          },
          '400': error('A field is missing or invalid; `field` names it.'),
          '415': error('The body is neither JSON nor a form.'),
          ...AUTH_ERRORS,
        },
      },
    },
    '/api/cases/{id}': {
      get: {
        summary: 'A case with its patient reference, images (with analyses) and reviews',
        parameters: [idParam('id', 'case')],
        responses: {
          '200': {
            description: 'The case.',
            content: json({ type: 'object', properties: { case: ref('Case') } }),
          },
          '404': error('No such case.'),
          ...AUTH_ERRORS,
        },
      },
      patch: {
        summary:
          "Edit a case's details (recorded in the audit log with old and new values); refused once a review is signed off",
        parameters: [idParam('id', 'case')],
        requestBody: { required: true, content: json(ref('CaseDetails')) },
        responses: {
          '200': {
            description: 'Updated (or unchanged when nothing differed).',
            content: json({ type: 'object', properties: { case: ref('Case') } }),
          },
          '400': error('A field is invalid or not editable; `field` names it.'),
          '404': error('No such case.'),
          '409': error('A review of the case is signed off: record a correction in a new review.'),
          '415': error('The body is not JSON.'),
          ...AUTH_ERRORS,
        },
      },
      post: {
        summary: 'The edit-details form of the portal (forms cannot send PATCH); same rules as PATCH',
        parameters: [idParam('id', 'case')],
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: ref('CaseDetails') } },
        },
        responses: {
          '303': { description: 'Sent on to the case page (or back to the form with `?error=`).' },
          '400': error('A field is invalid or not editable; `field` names it.'),
          '404': error('No such case.'),
          '409': error('A review of the case is signed off.'),
          ...AUTH_ERRORS,
        },
      },
    },
    '/api/cases/{id}/images': {
      post: {
        summary: 'Upload one image to the case and queue its analysis',
        description: `Validated by content: JPEG, PNG, BMP or TIFF (magic bytes and a full decode), at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB and ${MAX_UPLOAD_PIXELS / 1e6} megapixels (checked from the header before decoding). Stored by SHA-256: identical bytes are stored once. A refused upload changes nothing.`,
        parameters: [idParam('id', 'case')],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'kind'],
                properties: {
                  file: { type: 'string', contentMediaType: 'application/octet-stream' },
                  kind: {
                    type: 'string',
                    enum: [...UPLOAD_KINDS, 'VIDEO'],
                    description:
                      'VIDEO: a face video (MP4/MOV, WebM, AVI; at most 30 s), stored with one VIDEO_FRAME image per half second, each analysed; answers { video, frames, analyses, analysisError }.',
                  },
                  pxPerMm: PX_PER_MM_PROPERTY,
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Stored.',
            content: json({
              type: 'object',
              properties: {
                image: ref('Image'),
                reusedStoredFile: { type: 'boolean' },
                analysis: {
                  oneOf: [ref('QueuedAnalysis'), { type: 'null' }],
                  description: 'The analysis queued for the image (not waited for).',
                },
                analysisError: {
                  type: ['string', 'null'],
                  description:
                    'Why no analysis could be queued (e.g. no production model); the image is stored.',
                },
              },
            }),
          },
          '400': error(
            'Empty, truncated or undecodable file, or a missing/invalid field; the message names the file.',
          ),
          '404': error('No such case.'),
          '413': error('Over the byte or pixel limit.'),
          '415': error('Not a JPEG, PNG, BMP or TIFF image, or not multipart/form-data.'),
          ...AUTH_ERRORS,
        },
      },
    },
    '/api/images/{id}': {
      get: {
        summary: 'The stored image for display (JPEG as stored; PNG, BMP and TIFF as PNG)',
        parameters: [idParam('id', 'image')],
        responses: {
          '200': {
            description: 'The image bytes.',
            content: { 'image/jpeg': {}, 'image/png': {} },
          },
          '404': error('No such image.'),
          ...AUTH_ERRORS,
        },
      },
    },
    '/api/cases/{id}/reviews': {
      post: {
        summary: 'Record a review (a draft, or signed off at once; an amendment names amendsId)',
        parameters: [idParam('id', 'case')],
        requestBody: { required: true, content: json(ref('ReviewInput')) },
        responses: {
          '201': {
            description: 'Recorded.',
            content: json({ type: 'object', properties: { review: ref('Review') } }),
          },
          '400': error('A field is missing or invalid; `field` names it.'),
          '404': error('No such case.'),
          '409': error('amendsId names a draft: edit the draft instead.'),
          ...AUTH_ERRORS,
        },
      },
    },
    '/api/cases/{id}/reviews/{reviewId}': {
      patch: {
        summary: 'Change a draft review (its author only); signOff: true signs it off',
        parameters: [idParam('id', 'case'), idParam('reviewId', 'review')],
        requestBody: { required: true, content: json(ref('ReviewInput')) },
        responses: {
          '200': {
            description: 'Updated.',
            content: json({ type: 'object', properties: { review: ref('Review') } }),
          },
          '400': error('A field is missing or invalid; `field` names it.'),
          '404': error('No such review on this case.'),
          '409': error('The review was signed off and is immutable: record an amendment instead.'),
          ...AUTH_ERRORS,
        },
      },
    },
    ...ANALYSIS_PATHS,
  },
} as const;
