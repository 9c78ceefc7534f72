import type { MapNodeKind } from './types';

/**
 * Sizes shared by the layout (which measures) and the SVG renderer (which draws), so text
 * always sits where the layout made room for it.
 */
export const FONT_FAMILY = "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";

export const NODE = {
  paddingX: 14,
  paddingTop: 10,
  paddingBottom: 10,
  /** Small kind caption above the name (flow view). */
  captionSize: 10,
  captionLine: 14,
  titleSize: 13,
  titleLine: 18,
  /** The context map's context names are larger. */
  contextTitleSize: 15,
  contextTitleLine: 21,
  detailSize: 11,
  detailLine: 15,
  minWidth: 120,
  maxTextWidth: 300,
  radius: 6,
  /** Room at the left of an actor's name for the person glyph. */
  glyphWidth: 18,
  /** An external system's kind badge: horizontal padding inside the badge. */
  badgePaddingX: 5,
};

export const EDGE_LABEL = {
  size: 11,
  line: 14,
  paddingX: 4,
  paddingY: 2,
  /** Event flow edges list at most this many events; the rest are summarised as "+N more". */
  maxLines: 4,
  maxTextWidth: 240,
};

export const GROUP = {
  paddingTop: 34,
  padding: 16,
  titleSize: 13,
  radius: 8,
};

export const MARGIN = 20;

/** Human names of node kinds (captions, aria labels). */
export const KIND_LABEL: Record<MapNodeKind, string> = {
  context: 'bounded context',
  command: 'command',
  event: 'event',
  policy: 'policy',
  readModel: 'read model',
  actor: 'actor',
  externalSystem: 'external system',
};

/** Plural names of node kinds (the webview's kind filter). */
export const KIND_PLURAL: Record<MapNodeKind, string> = {
  context: 'Contexts',
  command: 'Commands',
  event: 'Events',
  policy: 'Policies',
  readModel: 'Read models',
  actor: 'Actors',
  externalSystem: 'External systems',
};

/**
 * The palette of the standalone SVG (light; event-storming sticky colours for the flow view).
 * The webview overrides these with VS Code theme colours through CSS classes.
 */
export const PALETTE = {
  background: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  contextFill: '#f6f8fa',
  contextStroke: '#57606a',
  groupFill: '#f6f8fa',
  groupStroke: '#d0d7de',
  relationship: '#24292f',
  eventFlow: '#bc4c00',
  flowEdge: '#57606a',
  labelFill: '#ffffff',
  command: { fill: '#dbeafe', stroke: '#2563eb' },
  event: { fill: '#ffedd5', stroke: '#ea580c' },
  policy: { fill: '#f3e8ff', stroke: '#9333ea' },
  readModel: { fill: '#dcfce7', stroke: '#16a34a' },
  /** Event storming's colours: small yellow stickies for actors, pink for external systems. */
  actor: { fill: '#fef9c3', stroke: '#a16207' },
  externalSystem: { fill: '#fce7f3', stroke: '#be185d' },
  /** Commands sent by actors and external systems (context map). */
  sends: '#2563eb',
};
