// Shapes of the seed content shipped with the platform (the knowledge base's first edition).
export interface NormSeed {
  letter: string;
  title: string;
  summary: string;
  officialText: string;
  about: string[];
  relevance: string[];
  actions: { title: string; description: string }[];
  actors: { actor: string; role: string }[];
  forums: { forum: string; note: string }[];
  sectors: string[];
}
export interface CbmSeed {
  source: 'un' | 'osce' | 'oas';
  number: number;
  title: string;
  description: string;
  adopted: string;
  norms: string[];
  /** False while the item's place in the source has not been checked against the document itself. */
  verified?: false;
}
export interface FrameworkSeed {
  slug: string;
  name: string;
  description: string;
  adopted: string;
  sourceUrl: string;
  elements: { number: number; title: string; description: string; norms: string[] }[];
}
export interface ActorSeed {
  slug: string;
  name: string;
  kind: string;
  description: string;
}
export interface ForumSeed {
  slug: string;
  name: string;
  kind: string;
  description: string;
  url?: string;
}
export interface SectorSeed {
  slug: string;
  name: string;
  description: string;
  sources: string;
}
export interface PillarSeed {
  slug: string;
  title: string;
  summary: string;
  body: string[];
}
export interface GlossarySeed {
  slug: string;
  term: string;
  definition: string;
}
export interface TimelineSeed {
  id: string;
  date: string;
  label: string;
  title: string;
  description: string;
  symbol?: string;
  /** How much of `date` the sources confirm; the rest of it only orders the timeline. */
  precision?: 'year' | 'month';
  status: 'confirmed' | 'partial' | 'unconfirmed';
}
export interface TranslationSeed {
  entity: string;
  id: string;
  field: string;
  values: Partial<Record<'ar' | 'zh' | 'fr' | 'ru' | 'es', string>>;
}
