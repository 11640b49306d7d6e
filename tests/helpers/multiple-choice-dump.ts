import { seeded } from './seeded';

/** The columns of multipleChoiceDump, in order. */
export const MULTIPLE_CHOICE_COLUMNS = [
  'model',
  'question_id',
  'answer',
  'pred',
  'prob_correct',
  'top_prob',
  'prob_correct_raw',
  'top_prob_raw',
] as const;

/**
 * Two models (m1 right 42% of the time, m2 45%) answering `questions` multiple-choice questions
 * A-D, with four score columns none of which names a class: the probability of the correct
 * answer, the top probability, and a variant of each (issue 16, case 2).
 */
export function multipleChoiceDump(questions: number): (string | number)[][] {
  const random = seeded(16);
  const rows: (string | number)[][] = [];
  for (const model of ['m1', 'm2'])
    for (let i = 0; i < questions; i++) {
      const answer = 'ABCD'[Math.floor(random() * 4)];
      const right = random() < (model === 'm1' ? 0.42 : 0.45);
      const pred = right ? answer : 'ABCD'[('ABCD'.indexOf(answer) + 1) % 4];
      const top = 0.3 + 0.7 * random();
      const correct = right ? top : top * random() * 0.5;
      rows.push([model, `q${i}`, answer, pred, correct, top, correct * 0.9, top * 0.95]);
    }
  return rows;
}
