import type { SourceRange } from '../diagnostic';

/**
 * The graphs of the map: plain, JSON-serialisable data (the webview receives them as they are).
 * Ids are stable for the same model (derived from qualified names), so a re-render keeps
 * selection and viewport, and two runs produce the same output.
 */

export type MapView = 'context' | 'flow';

export type MapNodeKind = 'context' | 'command' | 'event' | 'policy' | 'readModel' | 'actor' | 'externalSystem';

/** What an external system is: another system (default), a device, or a timer. */
export type ExternalSystemKind = 'system' | 'device' | 'timer';

export interface DefinitionCounts {
  aggregates: number;
  commands: number;
  events: number;
  policies: number;
  readModels: number;
}

export interface MapNode {
  /** Stable id, e.g. `context:Ordering`, `command:Ordering.PlaceOrder`. */
  id: string;
  kind: MapNodeKind;
  /** The definition's name as written. */
  label: string;
  /** The bounded context that owns the definition (its own name for a context node). */
  context: string;
  /** Short lines drawn under the label (owner, counts, versions). */
  detail: string[];
  description?: string;
  /** Where the definition's name is written: click-to-reveal opens it. */
  range: SourceRange;
  /** Context nodes: owner and counts of definitions. */
  owner?: string;
  counts?: DefinitionCounts;
  /** Event nodes: version numbers defined. */
  versions?: number[];
  /** External system nodes: system, device or timer (the badge on the box). */
  systemKind?: ExternalSystemKind;
  /** Policy nodes that issue no command: a reaction that only notifies (the flow ends there). */
  terminal?: boolean;
  /** Flow view: names of the specs (Given/When/Then) of a command, policy or read model. */
  specs?: string[];
  /** The definition's `tags` and `owners` (a context's `owner` included), for hover and filters. */
  tags?: string[];
  owners?: string[];
}

export type MapEdgeKind =
  /** Context map: a DDD relationship (both declarations merged). */
  | 'relationship'
  /** Context map: events of one context consumed (by policies or read models) in another. */
  | 'eventFlow'
  /**
   * Flow view: a command emits an event, or an external system is the source of one.
   * Context map: an external system is the source of events of a context (`events` lists them).
   */
  | 'emits'
  /** Actors and external systems send commands: to a command (flow view) or a context (context map, `commands` lists them). */
  | 'sends'
  /** Flow view: an event triggers a policy (`when`). */
  | 'triggers'
  /** Flow view: a policy issues a command. */
  | 'issues'
  /** Flow view: an event feeds a read model (`from`). */
  | 'feeds';

/** One thing an edge stands for: a relationship declaration, or one event read by one consumer. */
export interface MapEdgeItem {
  /** One line of the edge's label (an event flow edge has one item per event read). */
  label: string;
  /** A sentence for hover and screen readers. */
  detail: string;
  /** Where it is declared (the reference as written). */
  range: SourceRange;
}

export interface MapEdge {
  /** Stable id. */
  id: string;
  kind: MapEdgeKind;
  source: string;
  target: string;
  /** The edge's label as one line (Mermaid, screen readers); may be empty. */
  label: string;
  /** Where the edge is declared (the first item's range): click-to-reveal opens it. */
  range: SourceRange;
  items: MapEdgeItem[];

  // --- relationship edges: source is the upstream context (or, symmetric, the first by name) ---
  /** The patterns, both declarations merged, in Context Mapper's order. */
  patterns?: string[];
  symmetric?: boolean;
  /**
   * Context Mapper's notation at each end, e.g. `U,OHS,PL` and `D,CF`; `P` / `SK` on both ends
   * when symmetric. Absent on a plain dependency (an upstream/downstream without any pattern).
   */
  sourceLabel?: string;
  targetLabel?: string;
  /** The declarations' free-text `label`s (distinct, in declaration order), drawn on the edge. */
  relationshipLabels?: string[];

  // --- event flow edges; context map `emits` edges of external systems ---
  /** Qualified events carried, e.g. `Ordering.OrderPlaced@3` (version present when the reader pins it). */
  events?: string[];

  // --- context map `sends` edges of actors and external systems ---
  /** Qualified commands sent, e.g. `Ordering.PlaceOrder` (one item each). */
  commands?: string[];

  // --- flow view ---
  /** A command's edge to one of several events it may emit (alternative outcomes). */
  alternative?: boolean;
  /** The edge closes a cycle: it points back at a node already on the path (drawn once). */
  back?: boolean;
}

/** A swimlane of the flow view: one bounded context and the definitions of it on the path. */
export interface MapGroup {
  id: string;
  label: string;
  context: string;
  range: SourceRange;
  nodeIds: string[];
}

export interface MapGraph {
  view: MapView;
  title: string;
  /** Flow view: the id of the command the flow starts from. */
  root?: string;
  nodes: MapNode[];
  edges: MapEdge[];
  /** Flow view: one swimlane per context; empty for the context map. */
  groups: MapGroup[];
}

// --- after layout -----------------------------------------------------------------------------

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelBox extends Box {
  /** `center` labels carry the edge's items, one line each; `source` / `target` sit at the ends. */
  role: 'center' | 'source' | 'target';
  lines: string[];
}

export type LaidOutNode = MapNode & Box;
export type LaidOutGroup = MapGroup & Box;
export type LaidOutEdge = MapEdge & { points: Point[]; labels: LabelBox[] };

/** A graph with absolute coordinates: what the SVG renderer, the webview and `--format json` use. */
export interface LaidOutGraph {
  /** Format version of this JSON shape. */
  schema: 1;
  view: MapView;
  title: string;
  root?: string;
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  groups: LaidOutGroup[];
}
