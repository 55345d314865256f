/**
 * Rendering: Vega-Lite -> Vega -> a headless View (renderer 'none') -> SVG; SVG -> PNG with
 * resvg (a real SVG renderer). resvg draws text only with a font it can load: system fonts
 * are loaded and DejaVu Sans (Debian's default) is preferred; `fontStatus` says whether
 * text will appear.
 */
import { Resvg } from '@resvg/resvg-js';
import { existsSync, readdirSync } from 'node:fs';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', '/System/Library/Fonts', 'C:\\Windows\\Fonts'];

/** Whether any font file is installed where resvg looks (without one, PNG text is blank). */
export function fontStatus(): { available: boolean; detail: string } {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 4 || found.length > 0) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`, depth + 1);
      else if (/\.(ttf|otf|ttc)$/i.test(e.name)) found.push(`${dir}/${e.name}`);
    }
  };
  for (const d of FONT_DIRS) if (existsSync(d)) walk(d, 0);
  return found.length
    ? { available: true, detail: found[0]! }
    : { available: false, detail: `no font files under ${FONT_DIRS.join(', ')} (install fonts-dejavu-core)` };
}

/** Rasterizes an SVG with resvg (RGBA pixels in `.pixels`, PNG from `.asPng()`). */
export function rasterize(svg: string, scale = 2): ReturnType<Resvg['render']> {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render();
}

export function svgToPng(svg: string, scale = 2): Buffer {
  return rasterize(svg, scale).asPng();
}
