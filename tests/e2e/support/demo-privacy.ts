// Records every request a browser context makes (pages and the service worker) so a test can show
// that the on-device demo sends no image data anywhere: only GETs without a body, to the portal, with
// short URLs (an image cannot hide in a query string), and no WebSockets.
import { expect, type BrowserContext, type Request } from '@playwright/test';

export interface RecordedRequest {
  method: string;
  url: string;
  bodyBytes: number;
  resourceType: string;
}

/** Starts recording; read `requests` and `webSockets` at the end of the test. */
export function recordNetwork(context: BrowserContext) {
  const requests: RecordedRequest[] = [];
  const webSockets: string[] = [];
  const onRequest = (request: Request) => {
    requests.push({
      method: request.method(),
      url: request.url(),
      bodyBytes: request.postDataBuffer()?.length ?? 0,
      resourceType: request.resourceType(),
    });
  };
  context.on('request', onRequest);
  context.on('page', (page) => page.on('websocket', (ws) => webSockets.push(ws.url())));
  for (const page of context.pages()) page.on('websocket', (ws) => webSockets.push(ws.url()));
  return { requests, webSockets };
}

/** Longest URL a request may have: far below the size of any photo or video frame. */
const MAX_URL_LENGTH = 512;

/** Fails unless every recorded network request is a body-less GET to `origin` with a short URL. */
export function expectNoImageDataSent(
  recorded: { requests: RecordedRequest[]; webSockets: string[] },
  origin: string,
): void {
  const network = recorded.requests.filter((r) => /^(https?|wss?):/.test(r.url));
  expect(network.length, 'the demo made requests (models, scripts)').toBeGreaterThan(0);
  const offending = network.filter(
    (r) =>
      !['GET', 'HEAD'].includes(r.method) ||
      r.bodyBytes > 0 ||
      new URL(r.url).origin !== origin ||
      r.url.length > MAX_URL_LENGTH,
  );
  expect(offending, 'requests that could carry image data').toEqual([]);
  expect(recorded.webSockets, 'WebSocket connections').toEqual([]);
}
