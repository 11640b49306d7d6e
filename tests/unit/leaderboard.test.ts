import { NATIVE } from '../engines';
import { leaderboardSuite } from '../suites/leaderboard';

leaderboardSuite(NATIVE);
