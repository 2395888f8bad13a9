// Model id forms (pricing.md §8) and how a logged id finds its price card.
// Order: exact id → known alias → normalised id (Bedrock, Vertex, gateway forms, `[1m]`) → the same model
// without an 8-digit snapshot date. Matching never crosses a version boundary: `claude-opus-4` never takes
// `claude-opus-4-1`'s card, nor the reverse.
import type { ModelCard } from './price-table.ts';

const DATE_SUFFIX = /-(\d{8})$/;
const REGION_PREFIX = /^(?:us-gov|us|eu|apac|jp|au|global)\./;

/** The plain 1P form of a model id: `us.anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5-20250929`. */
export function normaliseModelId(raw: string): string {
  let id = raw.trim().toLowerCase();
  id = id.replace(/\[[^\]]*\]$/, ''); // Claude Code's `[1m]` setting suffix
  const slash = id.lastIndexOf('/');
  if (slash >= 0) id = id.slice(slash + 1); // vertex_ai/, azure_ai/, bedrock/<region>/, anthropic/
  id = id.replace(REGION_PREFIX, '').replace(/^anthropic\./, '');
  id = id.replace(/-v\d+(?::\d+)?$/, ''); // Bedrock version suffix
  id = id.replace(/@default$/, '').replace(/@(\d{8})$/, '-$1'); // Vertex
  // gateway order `claude-4.6-opus-20260205` / `claude-4-opus-20250514` → `claude-opus-4-6-20260205`
  // (from the 4 models on; `claude-3-5-sonnet` is the official form of the 3.x ids)
  id = id.replace(/^claude-(\d+)(?:[.-](\d+))?-(opus|sonnet|haiku|fable|mythos)\b/, (whole: string, major: string, minor: string | undefined, family: string) =>
    Number(major) < 4 ? whole : `claude-${family}-${major}${minor ? '-' + minor : ''}`,
  );
  id = id.replace(/^(claude-[a-z]+-\d+)\.(\d+)\b/, '$1-$2'); // dots for dashes
  return id;
}

export type MatchKind = 'exact' | 'family';

export interface CardMatch {
  card: ModelCard;
  /** `family`: an unlisted snapshot of a listed model, priced as that model (said in the report's warnings). */
  kind: MatchKind;
}

/** Finds price cards for logged model ids; results are cached per id. */
export class ModelMatcher {
  private readonly exact = new Map<string, ModelCard>();
  private readonly undated = new Map<string, ModelCard>();
  private readonly cache = new Map<string, CardMatch | null>();

  constructor(cards: readonly ModelCard[]) {
    for (const card of cards) {
      for (const name of [card.id, ...card.aliases]) {
        this.exact.set(name.toLowerCase(), card);
        this.exact.set(normaliseModelId(name), card);
      }
    }
    for (const card of cards) {
      for (const name of [card.id, ...card.aliases]) {
        const bare = normaliseModelId(name).replace(DATE_SUFFIX, '');
        if (!this.undated.has(bare)) this.undated.set(bare, card);
      }
    }
  }

  match(model: string): CardMatch | null {
    let m = this.cache.get(model);
    if (m === undefined) {
      m = this.find(model);
      this.cache.set(model, m);
    }
    return m;
  }

  private find(model: string): CardMatch | null {
    const direct = this.exact.get(model.toLowerCase()) ?? this.exact.get(normaliseModelId(model));
    if (direct) return { card: direct, kind: 'exact' };
    const normalised = normaliseModelId(model);
    if (!DATE_SUFFIX.test(normalised)) return null;
    const card = this.undated.get(normalised.replace(DATE_SUFFIX, ''));
    return card ? { card, kind: 'family' } : null;
  }
}
