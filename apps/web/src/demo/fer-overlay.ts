// Draws each face's box, its dominant emotion and a bar per emotion over the frame (canvas pixels =
// frame pixels; CSS scales the canvas with the video). On the webcam, boxes the detector placed on
// this frame are solid and boxes moved by tracking dashed, with a corner note saying which.
import type { FaceEmotion } from './fer-pipeline';
import type { BoxSource } from './fer-video-pipeline';

/** How the boxes of a webcam frame were found, for the corner note. */
export interface FrameBoxes {
  source: BoxSource;
  /** Frames since the last detection was applied. */
  framesSinceDetection: number | null;
}

/** The corner note of a webcam frame. */
export function boxSourceNote(frame: FrameBoxes): string {
  if (frame.source === 'detection') return 'detected';
  if (frame.source === 'tracking') {
    const since = frame.framesSinceDetection;
    return `tracked, ${since ?? '?'} frame${since === 1 ? '' : 's'} since detection`;
  }
  return 'no face';
}

const BOX = '#22d3ee';
const BAR = '#38bdf8';

/** Clears the canvas and draws the faces of one frame. */
export function drawFaceEmotions(
  context: CanvasRenderingContext2D,
  faces: readonly FaceEmotion[],
  labels: readonly string[],
  frame?: FrameBoxes,
): void {
  const { width, height } = context.canvas;
  context.clearRect(0, 0, width, height);
  const line = Math.max(2, Math.round(width / 320));
  const font = Math.max(11, Math.round(width / 48));
  const tracked = frame?.source === 'tracking';
  for (const face of faces) {
    const { x, y, width: w, height: h } = face.box;
    context.lineWidth = line;
    context.strokeStyle = BOX;
    context.setLineDash(tracked ? [4 * line, 3 * line] : []);
    context.strokeRect(x, y, w, h);
    context.setLineDash([]);

    const title = `${labels[face.top]} ${Math.round(face.probabilities[face.top] * 100)}%`;
    context.font = `600 ${font}px sans-serif`;
    const titleWidth = context.measureText(title).width + 8;
    const titleY = y - font - 6 >= 0 ? y - font - 6 : y + h;
    context.fillStyle = 'rgba(15, 23, 42, 0.8)';
    context.fillRect(x - line / 2, titleY, titleWidth, font + 6);
    context.fillStyle = '#ffffff';
    context.textBaseline = 'top';
    context.fillText(title, x + 4 - line / 2, titleY + 3);

    // One bar per emotion under the box (or inside it when the box reaches the bottom edge).
    const small = Math.max(9, Math.round(font * 0.7));
    const rowHeight = small + 3;
    const barsHeight = rowHeight * labels.length + 4;
    const barsY =
      y + h + barsHeight <= height ? y + h + (titleY === y + h ? font + 6 : 0) : y + h - barsHeight;
    const panelWidth = Math.min(Math.max(w, small * 9), width);
    // Kept inside the frame for faces at its right edge.
    const panelX = Math.max(0, Math.min(x, width - panelWidth));
    context.fillStyle = 'rgba(15, 23, 42, 0.65)';
    context.fillRect(panelX, barsY, panelWidth, barsHeight);
    context.font = `${small}px sans-serif`;
    labels.forEach((label, k) => {
      const rowY = barsY + 2 + k * rowHeight;
      const barX = panelX + small * 4.5;
      const barWidth = (panelWidth - small * 4.5 - 4) * face.probabilities[k];
      context.fillStyle = k === face.top ? '#facc15' : BAR;
      context.fillRect(barX, rowY + 2, Math.max(1, barWidth), small - 2);
      context.fillStyle = '#ffffff';
      context.fillText(label, panelX + 3, rowY);
    });
  }
  if (frame) {
    const note = boxSourceNote(frame);
    const small = Math.max(10, Math.round(font * 0.8));
    context.font = `600 ${small}px sans-serif`;
    context.fillStyle = 'rgba(15, 23, 42, 0.75)';
    context.fillRect(0, 0, context.measureText(note).width + 10, small + 8);
    context.fillStyle = frame.source === 'detection' ? '#facc15' : '#ffffff';
    context.textBaseline = 'top';
    context.fillText(note, 5, 4);
  }
}
