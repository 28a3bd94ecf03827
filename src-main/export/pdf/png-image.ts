// PNG images into the PDF at their own resolution. A PNG's IDAT data is a zlib stream of filtered rows, which is
// exactly what PDF's FlateDecode filter with the PNG predictor reads, so 8-bit RGB or grey PNGs (what renders
// are) go in as they are: no decoding, no recompression, the same bytes. Anything else (alpha, 16-bit,
// interlaced, palette) goes through pdf-lib's decoder.
import { degrees, drawImage, type PDFDocument, type PDFPage } from 'pdf-lib';
import type { Box } from '../../../src-shared/domain/storyboard-layout.ts';

/** Draws the embedded image into a box on a page. */
export type DrawImage = (page: PDFPage, box: Box) => void;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** PNG colour type → PDF colour space and components, for the types that pass through. */
const PASS_THROUGH: Record<number, { colorSpace: string; colors: number }> = { 0: { colorSpace: 'DeviceGray', colors: 1 }, 2: { colorSpace: 'DeviceRGB', colors: 3 } };

export async function embedPngImage(doc: PDFDocument, png: Uint8Array): Promise<DrawImage> {
  const parsed = passThroughPng(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  if (!parsed) {
    const image = await doc.embedPng(png);
    return (page, box) => page.drawImage(image, box);
  }
  const { width, height, colorSpace, colors, data } = parsed;
  const ref = doc.context.register(
    doc.context.stream(data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      ColorSpace: colorSpace,
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
      DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: width },
    }),
  );
  return (page, { x, y, width: w, height: h }) => {
    const name = page.node.newXObject('Image', ref);
    page.pushOperators(...drawImage(name, { x, y, width: w, height: h, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
  };
}

/** The IHDR facts and the joined IDAT data, or null when the PNG needs decoding first. */
function passThroughPng(png: Buffer): { width: number; height: number; colorSpace: string; colors: number; data: Buffer } | null {
  if (png.length < SIGNATURE.length || !png.subarray(0, SIGNATURE.length).equals(SIGNATURE)) return null;
  const idat: Buffer[] = [];
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | undefined;
  for (let at = SIGNATURE.length; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8], colorType: data[9], interlace: data[12] };
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'tRNS') return null; // a transparent colour needs a mask
    else if (type === 'IEND') break;
    at += 12 + length; // length, type, data, CRC
  }
  const space = header && PASS_THROUGH[header.colorType];
  if (!header || !space || header.bitDepth !== 8 || header.interlace !== 0 || idat.length === 0) return null;
  return { width: header.width, height: header.height, ...space, data: Buffer.concat(idat) };
}
