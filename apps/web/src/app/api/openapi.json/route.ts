import { OPENAPI_DOCUMENT } from '../../../server/openapi';

/** The OpenAPI 3.1 description of the cases API (public: it describes, it grants nothing). */
export function GET() {
  return Response.json(OPENAPI_DOCUMENT);
}
