import type { Value } from '../../notebook/result-values';
import type { AgreementPlan } from '../../metrics/agreement-sql';
import type { Leaderboard } from '../../metrics/compute-leaderboard';
import type { LeftOut } from '../../metrics/read-agreement';
import type { Excludable } from './audit-cell';

/** An example whose models' rows hold different gold labels: each gold and who holds it. */
export interface GoldDiffers {
  id: Value;
  golds: { gold: string | null; models: string[] }[];
}

/** An example whose gold the models' agreement puts in doubt, with the evidence. */
export interface Suspect {
  id: Value;
  gold: string | null;
  /** The answer the agreeing models give. */
  answer: string | null;
  agreeing: string[];
  /** The agreeing models' accuracy over the voters' (1: every voter agrees). */
  support: number;
  slice: string | null;
  /** Models right on it (by their rows' gold). */
  modelsRight: number;
  /** Models whose confident-learning rule flags it; null without class probabilities. */
  confident: number | null;
  /** Each audited model's answer and confident-learning flag, in the order of the models. */
  answers: (string | null)[];
  flags: (boolean | null)[];
  text: string | null;
}

/** Per slice (overall first): complete examples, and those no model and every model gets right. */
export interface SliceExtremes {
  slice: string | null;
  overall: boolean;
  n: number;
  noneRight: number;
  allRight: number;
}

/** One model's confident-learning thresholds (a class's average self-confidence) and flags. */
export interface ConfidentModel {
  model: string;
  n: number;
  flagged: number;
  thresholds: { value: string; threshold: number; n: number }[];
}

export interface DuplicateGroup {
  ids: Value[];
  golds: (string | null)[];
  goldsAgree: boolean;
  text: string | null;
}

export interface NearPair {
  a: Value;
  b: Value;
  jaccard: number;
  textA: string | null;
  textB: string | null;
  goldA: string | null;
  goldB: string | null;
  goldsAgree: boolean;
}

/** How the near-duplicate search went: its size, its band shape, what it left out. */
export interface NearSearch {
  texts: number;
  chars: number;
  batches: number;
  /** Batches hashed so far (all of them once done). */
  done: number;
  rows: number;
  bands: number;
  /** The chance a pair at the threshold shares a band. */
  recall: number;
  candidates: number;
  /** Bands shared by too many texts to pair, and the texts they hold. */
  leftOut: { buckets: number; texts: number };
  seconds: number;
}

/** The audit's findings; a section is absent when the data cannot show it (`notes` says why). */
export interface AuditResult {
  status: 'audit';
  /** While running: the step, and its progress. */
  running?: { step: string; done: number; total: number };
  /** Stopped by the user: what was found before is kept. */
  cancelled?: boolean;
  /** The agreement the counts were read with (the examples of a group are paged with it). */
  agreement: AgreementPlan;
  allModels: string[];
  models: string[];
  /** Each model's accuracy on the complete examples. */
  accuracy: number[];
  n: number;
  leftOut: LeftOut;
  text?: string;
  similarity: number;
  voting?: { voters: string[]; required: number };
  goldDiffers?: { total: number; examples: GoldDiffers[] };
  suspects?: { total: number; list: Suspect[] };
  confident?: ConfidentModel[];
  extremes: SliceExtremes[];
  exact?: { groups: number; examples: number; conflicting: number; list: DuplicateGroup[] };
  near?: { total: number; conflicting: number; pairs: NearPair[]; search: NearSearch };
  /** Label and answer problems, and the dataset's checks, in words. */
  sanity: string[];
  /** How many examples the "what if" would leave out for each finding it can. */
  excludable: Partial<Record<Excludable, number>>;
  whatIf?: WhatIf;
  notes: Partial<Record<'goldDiffers' | 'suspects' | 'confident' | 'duplicates' | 'near', string>>;
  sql: string;
  seconds: number;
}

/** The leaderboard (and its slices) with all the examples, and without those left out. */
export interface WhatIf {
  metric: string;
  excluded: { finding: Excludable; examples: number }[];
  /** Examples left out (a finding's examples may overlap another's). */
  removed: number;
  before: Leaderboard;
  after: Leaderboard;
}
