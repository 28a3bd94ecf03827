import { useEffect, useState, type CSSProperties } from 'react';
import { aspectPreset, presetCrop, type Frame } from '../../../src-shared/domain/index.ts';
import { useApp } from '../state/context.ts';
import { selectFrames } from '../state/selectors.ts';

interface ExportPictureProps {
  frame: Frame;
  className?: string;
  style?: CSSProperties;
}

/**
 * A frame as an export will show it: its current render, under an "Out of date" band when stale, or the
 * "Not generated" panel the export draws in its place (see src-main/export/frame-images.ts).
 */
export function ExportPicture({ frame, className = '', style }: ExportPictureProps) {
  const imageUrl = useApp((s) => s.imageUrl);
  const stale = useApp((s) => s.framePlans[frame.id]?.stale ?? false);
  const cropped = useApp((s) => (s.story?.project.settings.aspect ?? null) !== null);
  const box = `@container relative overflow-hidden ${className}`;
  if (frame.currentRenderId === null) {
    return (
      <div className={`${box} grid place-content-center bg-stone-200 text-center text-stone-600`} style={style} data-placeholder="missing">
        <svg className="absolute inset-0 size-full text-stone-300" preserveAspectRatio="none" viewBox="0 0 100 100" aria-hidden="true">
          <path d="M0 0L100 100M100 0L0 100" stroke="currentColor" strokeWidth="1" vectorEffect="non-scaling-stroke" />
        </svg>
        <span className="relative text-[8cqw] leading-tight font-bold">Not generated</span>
        <span className="relative text-[5.6cqw]">Frame {frame.position + 1}</span>
      </div>
    );
  }
  return (
    <div className={`${box} bg-black`} style={style}>
      {/* cover: a render a little off the story's aspect preset fills its box centred, as exports crop it */}
      <img src={imageUrl(frame.currentRenderId, 'thumb')} alt="" className={`size-full ${cropped ? 'object-cover' : 'object-contain'}`} draggable={false} />
      {stale && (
        <span className="absolute inset-x-0 top-0 bg-amber-700/85 py-[1.5cqw] text-center text-[5.5cqw] leading-none font-bold text-white" data-placeholder="stale">
          Out of date
        </span>
      )}
    </div>
  );
}

/**
 * Width ÷ height of the story's pictures: the first render's (its thumbnail has the same shape), else the
 * project's size setting, else square, which is the size the export gives placeholders.
 */
export function usePictureAspect(): number {
  const frames = useApp(selectFrames);
  const imageUrl = useApp((s) => s.imageUrl);
  const settings = useApp((s) => s.story?.project.settings);
  const renderId = frames.find((f) => f.currentRenderId !== null)?.currentRenderId ?? null;
  const [measured, setMeasured] = useState<{ renderId: string; width: number; height: number } | null>(null);
  useEffect(() => {
    if (renderId === null) return;
    const image = new Image();
    image.onload = () => setMeasured({ renderId, width: image.naturalWidth, height: image.naturalHeight });
    image.src = imageUrl(renderId, 'thumb');
    return () => {
      image.onload = null;
    };
  }, [renderId, imageUrl]);
  const aspect = settings?.aspect ?? null;
  if (measured && measured.renderId === renderId) {
    // Exports crop a render made at the preset's nearby trained size to the preset's exact ratio.
    return presetCrop(measured.width, measured.height, aspect) && aspect ? aspectPreset(aspect).ratio : measured.width / measured.height;
  }
  return settings?.width && settings.height ? settings.width / settings.height : 1;
}
