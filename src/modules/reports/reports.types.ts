// The shapes the reports module's parts share: a report row as stored, and a report as a reader sees it.
import type { Part, Question } from './questionnaire.ts';

export interface ReportRow {
  id: string;
  state_code: string;
  cycle: number;
  version: number;
  status: 'draft' | 'submitted';
  visibility: 'private' | 'shared' | 'public';
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
}

export type Visibility = ReportRow['visibility'];

export interface ReportView {
  state: string;
  cycle: number;
  report: ReportRow | null;
  version: number;
  questions: Question[];
  answers: Record<string, unknown>;
  completion: { part: Part; answered: number; total: number }[];
  sharedWith: string[];
  canWrite: boolean;
  canPublish: boolean;
}

/** A reporting cycle as a State's officials see it, with their report's state in it. */
export interface CycleRow {
  year: number;
  status: string | null;
  visibility: string | null;
  updated_at: Date | null;
}

/** A published questionnaire version, as listed. */
export interface VersionRow {
  version: number;
  published_at: Date;
  note: string;
  questions: number;
}
