import { english, type Localize } from './localize';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A restore point's age as people say it; coarse on purpose so it reads at a glance. */
export function formatAge(time: Date | undefined, now: number, t: Localize = english): string {
  if (!time) return t('unknown age');
  const ms = now - time.getTime();
  if (ms < MINUTE) return t('just now');
  if (ms < HOUR) return t('{0} min ago', Math.floor(ms / MINUTE));
  if (ms < DAY) return t('{0} h ago', Math.floor(ms / HOUR));
  const days = Math.floor(ms / DAY);
  if (days === 1) return t('1 day ago');
  if (days < 14) return t('{0} days ago', days);
  if (days < 60) return t('{0} weeks ago', Math.floor(days / 7));
  return t('{0} months ago', Math.floor(days / 30));
}
