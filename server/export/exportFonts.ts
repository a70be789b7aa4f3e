/**
 * Be Vietnam Pro (OFL) as whole TTF files from @expo-google-fonts/be-vietnam-pro: full Vietnamese
 * coverage, read from node_modules, never fetched. (@fontsource splits Vietnamese into subsets,
 * which a PDF or resvg cannot stitch back together.) The PNG and the PDF both draw with these.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The family name the chart's SVG asks for, and the name the PDF registers the files under. */
export const EXPORT_FONT_FAMILY = 'Be Vietnam Pro';

function fontFile(weight: string): string {
  return require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
}

export const EXPORT_FONT_FILES = {
  regular: fontFile('400Regular'),
  bold: fontFile('700Bold'),
  italic: fontFile('400Regular_Italic'),
  boldItalic: fontFile('700Bold_Italic'),
} as const;
