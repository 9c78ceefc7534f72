/**
 * Text width estimates for layout, without a DOM (the core lays out in Node, the CLI and the
 * extension host alike). Advance widths of DejaVu Sans, a wide sans-serif, in 1/1000 em for
 * ASCII 32..126: text set in narrower fonts (Segoe UI, Helvetica, Arial) then fits with room
 * to spare. Wide characters (CJK, emoji) count as 1–1.15 em; combining marks as nothing.
 */
const NORMAL = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838,
  531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390,
  838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337,
  636, 838,
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838,
  580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457,
  838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365,
  712, 838,
];

function advance(cp: number, bold: boolean): number {
  if (cp >= 32 && cp < 127) return (bold ? BOLD : NORMAL)[cp - 32];
  // Zero-width: combining marks, joiners, variation selectors, skin-tone modifiers.
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0x20e3)
    return 0;
  if (cp < 32 || cp === 127) return 0;
  // Emoji and pictographs.
  if ((cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf)) return 1150;
  // East Asian wide ranges.
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    cp >= 0x20000
  )
    return 1000;
  return bold ? 720 : 660;
}

/** Estimated width in pixels of `text` set at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += advance(ch.codePointAt(0)!, bold);
  return (units * size) / 1000;
}

/** Cuts `text` to at most `max` px (adding an ellipsis) so one absurdly long name cannot stretch the map. */
export function truncate(text: string, size: number, max: number, bold = false): string {
  if (textWidth(text, size, bold) <= max) return text;
  const ellipsis = '…';
  const budget = max - textWidth(ellipsis, size, bold);
  let out = '';
  let units = 0;
  for (const ch of text) {
    const next = units + advance(ch.codePointAt(0)!, bold);
    if ((next * size) / 1000 > budget) break;
    units = next;
    out += ch;
  }
  return out + ellipsis;
}
