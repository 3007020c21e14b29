// A JSON file the demo downloads from this portal (a model's svm.json, novelty.json), with an error
// that names the file when the download or the parse fails.
export async function fetchJson(url: string, shownAs: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${shownAs} could not be downloaded (HTTP ${response.status})`);
  try {
    return await response.json();
  } catch {
    throw new Error(`${shownAs} is not valid JSON`);
  }
}
