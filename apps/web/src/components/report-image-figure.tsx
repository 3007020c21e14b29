/** A face box over the picture, in the image's pixels. */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  caption: string;
}

/** A picture with a fixed overlay (mask, heat map or face boxes) for the printed report. */
export function ReportImageFigure({
  imageUrl,
  overlayUrl,
  overlayOpacity = 0.7,
  boxes = [],
  width,
  height,
  caption,
  alt,
}: {
  imageUrl: string;
  overlayUrl?: string | null;
  overlayOpacity?: number;
  boxes?: Box[];
  width: number;
  height: number;
  caption: string;
  alt: string;
}) {
  return (
    <figure className="break-inside-avoid">
      <div
        className="relative overflow-hidden rounded border border-slate-200 bg-slate-900"
        style={{ aspectRatio: `${width} / ${height}` }}
      >
        {/* Plain imgs: the bytes come from authenticated routes. */}
        <img src={imageUrl} alt={alt} className="absolute inset-0 size-full" />
        {overlayUrl ? (
          <img
            src={overlayUrl}
            alt=""
            aria-hidden
            className="absolute inset-0 size-full"
            style={{ opacity: overlayOpacity }}
          />
        ) : null}
        {boxes.map((box, k) => (
          <div
            key={k}
            className="absolute border-2 border-amber-400"
            style={{
              left: `${(box.x / width) * 100}%`,
              top: `${(box.y / height) * 100}%`,
              width: `${(box.width / width) * 100}%`,
              height: `${(box.height / height) * 100}%`,
            }}
          >
            <span className="absolute left-0 top-0 bg-amber-400 px-1 text-[10px] font-semibold text-slate-900">
              {box.caption}
            </span>
          </div>
        ))}
      </div>
      <figcaption className="mt-1 text-[11px] text-slate-500">{caption}</figcaption>
    </figure>
  );
}
