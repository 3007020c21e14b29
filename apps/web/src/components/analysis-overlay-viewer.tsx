'use client';

import { useId, useState } from 'react';

/** A face box to draw, in the image's pixels, with its caption. */
export interface OverlayBox {
  x: number;
  y: number;
  width: number;
  height: number;
  caption: string;
}

/**
 * The image with the analysis drawn over it: the lesion mask overlay (toggle and opacity), the
 * Grad-CAM heat map (toggle), and face boxes. Layers are image-sized PNGs stretched over the photo.
 */
export function AnalysisOverlayViewer({
  imageUrl,
  alt,
  width,
  height,
  maskUrl,
  heatMapUrl,
  boxes = [],
}: {
  imageUrl: string;
  alt: string;
  width: number;
  height: number;
  maskUrl?: string | null;
  heatMapUrl?: string | null;
  boxes?: OverlayBox[];
}) {
  const id = useId();
  const [showMask, setShowMask] = useState(true);
  const [opacity, setOpacity] = useState(70);
  const [showHeatMap, setShowHeatMap] = useState(false);
  return (
    <figure className="space-y-2">
      <div
        className="relative overflow-hidden rounded-md bg-slate-900"
        style={{ aspectRatio: `${width} / ${height}` }}
        data-testid="analysis-viewer"
      >
        {/* Plain imgs: the bytes come from authenticated routes, not Next's image optimiser. */}
        <img src={imageUrl} alt={alt} width={width} height={height} className="absolute inset-0 size-full" />
        {heatMapUrl && showHeatMap ? (
          <img
            src={heatMapUrl}
            alt="Grad-CAM heat map"
            data-testid="heat-map-layer"
            className="absolute inset-0 size-full opacity-80"
          />
        ) : null}
        {maskUrl && showMask ? (
          <img
            src={maskUrl}
            alt="Lesion mask overlay"
            data-testid="mask-layer"
            className="absolute inset-0 size-full"
            style={{ opacity: opacity / 100 }}
          />
        ) : null}
        {boxes.map((box, k) => (
          <div
            key={k}
            data-testid="face-box"
            className="absolute rounded-sm border-2 border-amber-400 shadow-[0_0_0_1px_rgba(0,0,0,0.4)]"
            style={{
              left: `${(box.x / width) * 100}%`,
              top: `${(box.y / height) * 100}%`,
              width: `${(box.width / width) * 100}%`,
              height: `${(box.height / height) * 100}%`,
            }}
          >
            <span className="absolute -top-0.5 left-0 -translate-y-full whitespace-nowrap rounded-sm bg-amber-400 px-1 text-[11px] font-semibold text-slate-900">
              {box.caption}
            </span>
          </div>
        ))}
      </div>
      {maskUrl || heatMapUrl ? (
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-xs text-slate-700 print:hidden">
          {maskUrl ? (
            <>
              <label className="flex items-center gap-1.5">
                <input type="checkbox" checked={showMask} onChange={(e) => setShowMask(e.target.checked)} />
                Lesion mask
              </label>
              <label htmlFor={`${id}-opacity`} className="flex items-center gap-2">
                Opacity
                <input
                  id={`${id}-opacity`}
                  type="range"
                  min={0}
                  max={100}
                  step={5}
                  value={opacity}
                  disabled={!showMask}
                  onChange={(e) => setOpacity(Number(e.target.value))}
                  className="w-28 accent-teal-600"
                  aria-valuetext={`${opacity}%`}
                />
                <span className="w-8 tabular-nums">{opacity}%</span>
              </label>
            </>
          ) : null}
          {heatMapUrl ? (
            <label className="flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={showHeatMap}
                onChange={(e) => setShowHeatMap(e.target.checked)}
              />
              Grad-CAM heat map
            </label>
          ) : null}
        </div>
      ) : null}
    </figure>
  );
}
