import { readFile } from 'node:fs/promises';

/**
 * A GET answer with a file's bytes. Demo assets change only with a new model version or a new
 * package version (both change the URL the page asks for), so browsers may keep them for a day; the
 * service worker keeps them for offline use.
 */
export async function fileResponse(file: string, contentType: string): Promise<Response> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return Response.json({ error: 'This demo asset is missing on the server.' }, { status: 404 });
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': contentType,
      'Content-Length': String(bytes.length),
      'Cache-Control': 'public, max-age=86400',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
