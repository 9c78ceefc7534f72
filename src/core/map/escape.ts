/**
 * Escaping for every output that carries model names. Names come from users' YAML and may hold
 * anything: quotes, `<script>`, emoji, control characters.
 */

/** Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD');
}

/** Text content of an XML/HTML element. */
export function escapeXmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double- or single-quoted XML/HTML attribute value (newlines kept as character references). */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** HTML text or attribute (the webview page's shell). */
export const escapeHtml = escapeXmlAttr;

/**
 * Text inside a quoted Mermaid label (`["…"]`, `|"…"|`). Mermaid decodes `#name;` / `#NNN;`
 * entity codes, so every character that could end the string, open markup or start an entity
 * is written as a numeric code; line breaks become spaces.
 */
export function escapeMermaid(text: string): string {
  let out = '';
  for (const ch of xmlSafe(text)) {
    switch (ch) {
      case '#':
      case '"':
      case '<':
      case '>':
      case '&':
      case '`':
      case '|':
        out += `#${ch.codePointAt(0)};`;
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      default:
        out += ch;
    }
  }
  return out;
}
