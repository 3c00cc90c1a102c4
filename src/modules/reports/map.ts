// A world map drawn on the server as SVG, from the country shapes that ship with `world-countries`
// (Natural Earth). Equirectangular projection, simplified to whole pixels, so the whole world
// weighs little (about 20 KB compressed for the whole page); shapes are read once per process, when the map is first asked for.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export const WIDTH = 960;
export const HEIGHT = 420;
const TOP = 84; // latitude at the top edge (the Arctic coast); the bottom edge is 84° south … cropped at -58.
const SCALE = WIDTH / 360;

type Ring = [number, number][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

// Whole pixels: at 960 across, a pixel is about 40 km, finer than the eye reads on this map.
const project = ([lon, lat]: [number, number]): [number, number] => [
  Math.round((lon + 180) * SCALE),
  Math.round((TOP - lat) * SCALE),
];

/** One ring as path data, dropping points within a pixel of the last one kept, and specks. */
function ringPath(ring: Ring): string {
  const out: [number, number][] = [];
  for (const p of ring) {
    const q = project(p);
    const last = out[out.length - 1];
    if (!last || Math.abs(last[0] - q[0]) + Math.abs(last[1] - q[1]) >= 1.5) out.push(q);
  }
  if (out.length < 4) return '';
  // Relative moves after the first point: shorter text for the same shape.
  let d = `M${out[0][0]} ${out[0][1]}`;
  for (let i = 1; i < out.length; i++) d += `l${out[i][0] - out[i - 1][0]} ${out[i][1] - out[i - 1][1]}`;
  return `${d}z`;
}

let shapes: Promise<Map<string, string>> | null = null;

/** Path data per ISO alpha-3 code, for the given States. */
export function countryPaths(codes: string[]): Promise<Map<string, string>> {
  shapes ??= (async () => {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('world-countries/package.json')), 'data');
    const map = new Map<string, string>();
    await Promise.all(
      codes.map(async (code) => {
        try {
          const geo = JSON.parse(await readFile(path.join(dir, `${code.toLowerCase()}.geo.json`), 'utf8')) as {
            features: { geometry: Geometry }[];
          };
          const d = geo.features
            .flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates))
            .flatMap((polygon) => polygon.map(ringPath))
            .join('');
          if (d) map.set(code, d);
        } catch {
          // A State without a shape in the package (none of the UN members today) is left off the map.
        }
      }),
    );
    return map;
  })();
  return shapes;
}
