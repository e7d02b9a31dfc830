import * as vscode from 'vscode';
import type { DownloadProgress } from '../../azure/download/transferRate';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 || value >= 100 ? 0 : 1)} ${UNITS[unit]}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return vscode.l10n.t('{0} s left', seconds);
  if (seconds < 3600) return vscode.l10n.t('{0} min left', Math.ceil(seconds / 60));
  return vscode.l10n.t('{0} h {1} min left', Math.floor(seconds / 3600), Math.ceil((seconds % 3600) / 60));
}

/** "1.2 GiB of 4.0 GiB · 85.0 MiB/s · 2 min left", the notification's message. */
export function progressMessage(p: DownloadProgress): string {
  const parts = [vscode.l10n.t('{0} of {1}', formatBytes(p.doneBytes), formatBytes(p.totalBytes))];
  if (p.bytesPerSecond > 0) parts.push(`${formatBytes(p.bytesPerSecond)}/s`);
  if (p.secondsLeft !== undefined) parts.push(formatDuration(p.secondsLeft));
  return parts.join(' · ');
}

/** The local time an access ends, as people read a clock. */
export const formatExpiry = (at: Date | number): string => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
