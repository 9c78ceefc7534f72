import { escapeXmlAttr, escapeXmlText } from './escape';

/**
 * An SVG document as plain data. The core serialises it to a string (CLI, export); the webview
 * turns it into DOM nodes with createElementNS/setAttribute/textContent. Either way no model
 * text is ever parsed as markup.
 */
export interface SvgElement {
  tag: string;
  attrs: Record<string, string | number | undefined>;
  children: (SvgElement | string)[];
}

export function el(tag: string, attrs: SvgElement['attrs'] = {}, children: (SvgElement | string | undefined | false)[] = []): SvgElement {
  return { tag, attrs, children: children.filter((c): c is SvgElement | string => c !== undefined && c !== false) };
}

/** Tag and attribute names the renderer produces: nothing else is ever serialised or created. */
export const SAFE_NAME = /^[a-zA-Z][a-zA-Z0-9:-]*$/;

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

export function serializeSvg(root: SvgElement, indent = ''): string {
  const parts: string[] = [];
  write(root, indent, parts);
  return parts.join('');
}

function write(node: SvgElement, indent: string, out: string[]): void {
  if (!SAFE_NAME.test(node.tag)) throw new Error(`unsafe tag name ${JSON.stringify(node.tag)}`);
  let open = `${indent}<${node.tag}`;
  for (const [name, value] of Object.entries(node.attrs)) {
    if (value === undefined) continue;
    if (!SAFE_NAME.test(name) || /^on/i.test(name)) throw new Error(`unsafe attribute name ${JSON.stringify(name)}`);
    open += ` ${name}="${escapeXmlAttr(typeof value === 'number' ? formatNumber(value) : value)}"`;
  }
  if (node.children.length === 0) {
    out.push(`${open}/>\n`);
    return;
  }
  const onlyText = node.children.every((c) => typeof c === 'string');
  if (onlyText) {
    out.push(`${open}>${node.children.map((c) => escapeXmlText(c as string)).join('')}</${node.tag}>\n`);
    return;
  }
  out.push(`${open}>\n`);
  for (const c of node.children) {
    if (typeof c === 'string') out.push(`${indent}  ${escapeXmlText(c)}\n`);
    else write(c, indent + '  ', out);
  }
  out.push(`${indent}</${node.tag}>\n`);
}
